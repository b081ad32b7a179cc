//! Shipment pages: the shipments list (a customer's own, or staff's), one
//! shipment with its journey, the order page's shipments panel with staff's
//! shipment form, and staff's parked carrier events. Every one of them
//! follows live events (`components::use_live`).

mod detail;
mod list;
mod order_panel;
mod parked;

pub use detail::ShipmentDetailPage;
pub use list::ShipmentsPage;
pub use order_panel::OrderShipmentsPanel;
pub use parked::ParkedEventsPage;

use super::{Mode, ShipmentStatus, TrackingKind};
use crate::i18n::{use_t, Texts};
use leptos::prelude::*;

impl Texts {
    pub fn shipment_status(&self, s: ShipmentStatus) -> &'static str {
        match s {
            ShipmentStatus::Ready => self.shipment_status_ready,
            ShipmentStatus::InTransit => self.shipment_status_in_transit,
            ShipmentStatus::Exception => self.shipment_status_exception,
            ShipmentStatus::Delivered => self.shipment_status_delivered,
        }
    }

    pub fn mode(&self, m: Mode) -> &'static str {
        match m {
            Mode::Road => self.mode_road,
            Mode::Rail => self.mode_rail,
            Mode::Sea => self.mode_sea,
            Mode::Air => self.mode_air,
            Mode::Express => self.mode_express,
        }
    }

    pub fn tracking_kind(&self, k: TrackingKind) -> &'static str {
        match k {
            TrackingKind::PickedUp => self.track_kind_picked_up,
            TrackingKind::InTransit => self.track_kind_in_transit,
            TrackingKind::AtHub => self.track_kind_at_hub,
            TrackingKind::Customs => self.track_kind_customs,
            TrackingKind::OutForDelivery => self.track_kind_out_for_delivery,
            TrackingKind::Delivered => self.track_kind_delivered,
            TrackingKind::Exception => self.track_kind_exception,
        }
    }
}

#[component]
pub fn ShipmentBadge(status: ShipmentStatus) -> impl IntoView {
    let t = use_t();
    view! { <span class=format!("tag sh-{}", status.as_str()) data-testid="shipment-status" data-status=status.as_str()>{t.shipment_status(status)}</span> }
}

/// The ETA against the promised date: "2026-12-09 · on time" or late.
#[component]
pub fn Eta(eta: Option<time::Date>, promised: Option<time::Date>, late: bool) -> impl IntoView {
    let t = use_t();
    let verdict = match (eta, promised) {
        (Some(_), Some(_)) if late => Some(view! { <span class="tag warn">{t.eta_late}</span> }.into_any()),
        (Some(_), Some(_)) => Some(view! { <span class="tag ok">{t.eta_on_time}</span> }.into_any()),
        _ => None,
    };
    view! { <span data-testid="eta">{crate::orders::pages::show_date(eta)}</span>" "{verdict} }
}

/// Grams as the pages show weight: kilograms with up to three decimals.
pub fn show_weight(grams: i64) -> String {
    let kg = format!("{}.{:03}", grams / 1000, grams % 1000);
    kg.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Kilograms as typed (`12.5`, `12,5`) into grams; `None` when it is no weight.
pub fn parse_weight(text: &str) -> Option<i64> {
    let t = text.trim().replace(',', ".");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 3 || !whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let frac: i64 = format!("{frac:0<3}").parse().ok()?;
    whole.checked_mul(1000)?.checked_add(frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_read_and_show_alike() {
        assert_eq!(parse_weight("12.5"), Some(12_500));
        assert_eq!(parse_weight("12,005"), Some(12_005));
        assert_eq!(parse_weight("7"), Some(7_000));
        assert_eq!(parse_weight(".25"), Some(250));
        for bad in ["", "1.2345", "-3", "1e3", "abc", "."] {
            assert_eq!(parse_weight(bad), None, "{bad}");
        }
        for g in [1, 250, 12_500, 7_000, 1_000_000_000] {
            assert_eq!(parse_weight(&show_weight(g)), Some(g));
        }
    }
}
