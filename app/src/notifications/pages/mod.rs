//! The bell in the shell and the notifications page.

mod bell;
mod inbox;

pub use bell::Bell;
pub use inbox::NotificationsPage;

use super::{Kind, Notification};
use crate::i18n::{fill, Texts};

impl Texts {
    /// What a notification says: who did what to which order.
    pub fn notification(&self, n: &Notification) -> String {
        let template = match n.kind {
            Kind::ChangeRequested => self.notify_change_requested,
            Kind::ChangeApproved => self.notify_change_approved,
            Kind::ChangeRejected => self.notify_change_rejected,
            Kind::ChangeCountered => self.notify_change_countered,
            Kind::ChangeCounterAccepted => self.notify_change_counter_accepted,
            Kind::ChangeWithdrawn => self.notify_change_withdrawn,
            Kind::ShipmentDispatched => self.notify_shipment_dispatched,
            Kind::ShipmentTracked => self.notify_shipment_tracked,
            Kind::ShipmentException => self.notify_shipment_exception,
            Kind::ShipmentDelivered => self.notify_shipment_delivered,
            Kind::InspectionRecorded => self.notify_inspection_recorded,
        };
        fill(&fill(template, &n.actor), n.order_number.as_deref().unwrap_or("—"))
    }

    /// The settings' label for a kind.
    pub fn notification_kind(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::ChangeRequested => self.kind_change_requested,
            Kind::ChangeApproved => self.kind_change_approved,
            Kind::ChangeRejected => self.kind_change_rejected,
            Kind::ChangeCountered => self.kind_change_countered,
            Kind::ChangeCounterAccepted => self.kind_change_counter_accepted,
            Kind::ChangeWithdrawn => self.kind_change_withdrawn,
            Kind::ShipmentDispatched => self.kind_shipment_dispatched,
            Kind::ShipmentTracked => self.kind_shipment_tracked,
            Kind::ShipmentException => self.kind_shipment_exception,
            Kind::ShipmentDelivered => self.kind_shipment_delivered,
            Kind::InspectionRecorded => self.kind_inspection_recorded,
        }
    }
}

/// Where a notification leads.
pub fn link(n: &Notification) -> String {
    let shipment = matches!(n.kind, Kind::ShipmentDispatched | Kind::ShipmentTracked | Kind::ShipmentException | Kind::ShipmentDelivered);
    match (n.kind, n.subject_id, n.order_id) {
        (Kind::InspectionRecorded, _, Some(order)) => format!("/orders/{order}#quality"),
        (_, Some(id), _) if shipment => format!("/shipments/{id}"),
        (_, Some(request), _) => format!("/changes/{request}"),
        (_, None, Some(order)) => format!("/orders/{order}"),
        _ => "/notifications".into(),
    }
}
