//! Notifications: every user's in-app inbox. Capabilities publish domain
//! events into one outbox (`domain_events`) in the transaction of the
//! change itself, with the recipients fanned out in the same transaction
//! (`server::publish`), so a notification is never lost nor written twice.
//! Shipments, complaints and acceptance add their kinds here.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;

use serde::{Deserialize, Serialize};

/// Notifications listed at once (newest first; older ones a page further).
pub const PAGE: i64 = 30;

/// What happened. The stored name is `as_str`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A customer asked to change an order (to its manager and the planners).
    ChangeRequested,
    /// Staff approved a change: the order has a new version.
    ChangeApproved,
    ChangeRejected,
    /// Staff proposed something else; the customer answers.
    ChangeCountered,
    /// The customer accepted staff's counter: the order has a new version.
    ChangeCounterAccepted,
    ChangeWithdrawn,
    /// A shipment left for the customer (to the account's buyers, admins and receivers).
    ShipmentDispatched,
    /// A routine step of a shipment's journey: no inbox, only the pages watching.
    ShipmentTracked,
    /// Something went wrong on the way (to the account team and the customer).
    ShipmentException,
    /// A shipment arrived (to the account's buyers, admins and receivers).
    ShipmentDelivered,
    /// A quality inspection of the order was recorded (to the account's buyers, admins and receivers).
    InspectionRecorded,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::ChangeRequested,
        Kind::ChangeApproved,
        Kind::ChangeRejected,
        Kind::ChangeCountered,
        Kind::ChangeCounterAccepted,
        Kind::ChangeWithdrawn,
        Kind::ShipmentDispatched,
        Kind::ShipmentTracked,
        Kind::ShipmentException,
        Kind::ShipmentDelivered,
        Kind::InspectionRecorded,
    ];

    /// Does it ever reach an inbox (and so belong among the kinds a user
    /// may mute)?
    pub fn notifies(self) -> bool {
        self != Kind::ShipmentTracked
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ChangeRequested => "change_request.sent",
            Kind::ChangeApproved => "change_request.approved",
            Kind::ChangeRejected => "change_request.rejected",
            Kind::ChangeCountered => "change_request.countered",
            Kind::ChangeCounterAccepted => "change_request.counter_accepted",
            Kind::ChangeWithdrawn => "change_request.withdrawn",
            Kind::ShipmentDispatched => "shipment.dispatched",
            Kind::ShipmentTracked => "shipment.tracked",
            Kind::ShipmentException => "shipment.exception",
            Kind::ShipmentDelivered => "shipment.delivered",
            Kind::InspectionRecorded => "quality.inspection_recorded",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One notification in a user's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: i64,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub kind: Kind,
    pub order_id: Option<i64>,
    pub order_number: Option<String>,
    /// What the event is about within its capability (a change request's id, …).
    pub subject_id: Option<i64>,
    /// Who did it.
    pub actor: String,
    /// Seconds since the epoch (UTC).
    pub at: i64,
    pub read: bool,
}

/// A page of the inbox and the unread count the bell shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Inbox {
    pub items: Vec<Notification>,
    pub unread: i64,
    /// The `before` that gives the next (older) page, if there is one.
    pub next: Option<i64>,
}

/// The kinds a user chose not to receive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Settings {
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<String>))]
    pub muted: Vec<Kind>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_are_unique() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        let mut names: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Kind::ALL.len());
    }
}
