//! Shipments: what leaves for a customer against an order (partial
//! shipments are normal), and the tracking events that follow it to the
//! dock. The rules are pure and shared with the browser: what may still be
//! shipped ([`rules`]) and the shipment's state from its events, whatever
//! order they arrive in ([`tracking`]). Storage, the service, the carrier
//! webhook and live updates are under `server`.

pub mod pages;
pub mod rules;
/// The capability's server half: store, service, webhook (never in the browser's bundle).
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;
pub mod tracking;

use serde::{Deserialize, Serialize};
use time::Date;

/// Shipments of one order at most (each carries lines; a real order ships
/// in a handful).
pub const MAX_SHIPMENTS_PER_ORDER: i64 = 200;
/// Tracking events one shipment keeps at most; more are refused.
pub const MAX_EVENTS_PER_SHIPMENT: i64 = 500;
/// A carrier's code (`sf-express`), a tracking number, a delivery-note number.
pub const CODE_MAX: usize = 40;
/// A place named on a tracking event.
pub const PLACE_MAX: usize = 120;
/// Packages in one shipment.
pub const MAX_PACKAGES: i64 = 10_000;
/// A shipment's weight: 1,000 t, in grams.
pub const MAX_WEIGHT_GRAMS: i64 = 1_000_000_000;
/// Shipments listed at once (more a page further).
pub const PAGE: i64 = 50;

/// How it travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Mode {
    Road,
    Rail,
    Sea,
    Air,
    Express,
}

impl Mode {
    pub const ALL: [Mode; 5] = [Mode::Road, Mode::Rail, Mode::Sea, Mode::Air, Mode::Express];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Road => "road",
            Mode::Rail => "rail",
            Mode::Sea => "sea",
            Mode::Air => "air",
            Mode::Express => "express",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Where a shipment is, as its latest tracking event says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum ShipmentStatus {
    /// Created, not yet picked up.
    Ready,
    InTransit,
    /// Something went wrong on the way (the reason is on the event).
    Exception,
    Delivered,
}

impl ShipmentStatus {
    pub const ALL: [ShipmentStatus; 4] = [ShipmentStatus::Ready, ShipmentStatus::InTransit, ShipmentStatus::Exception, ShipmentStatus::Delivered];

    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentStatus::Ready => "ready",
            ShipmentStatus::InTransit => "in_transit",
            ShipmentStatus::Exception => "exception",
            ShipmentStatus::Delivered => "delivered",
        }
    }

    pub fn parse(s: &str) -> Option<ShipmentStatus> {
        ShipmentStatus::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// One step of a shipment's journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum TrackingKind {
    PickedUp,
    InTransit,
    AtHub,
    Customs,
    OutForDelivery,
    Delivered,
    Exception,
}

impl TrackingKind {
    pub const ALL: [TrackingKind; 7] = [
        TrackingKind::PickedUp,
        TrackingKind::InTransit,
        TrackingKind::AtHub,
        TrackingKind::Customs,
        TrackingKind::OutForDelivery,
        TrackingKind::Delivered,
        TrackingKind::Exception,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TrackingKind::PickedUp => "picked_up",
            TrackingKind::InTransit => "in_transit",
            TrackingKind::AtHub => "at_hub",
            TrackingKind::Customs => "customs",
            TrackingKind::OutForDelivery => "out_for_delivery",
            TrackingKind::Delivered => "delivered",
            TrackingKind::Exception => "exception",
        }
    }

    pub fn parse(s: &str) -> Option<TrackingKind> {
        TrackingKind::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// The shipment's status once this is its latest event.
    pub fn status(self) -> ShipmentStatus {
        match self {
            TrackingKind::Delivered => ShipmentStatus::Delivered,
            TrackingKind::Exception => ShipmentStatus::Exception,
            _ => ShipmentStatus::InTransit,
        }
    }
}

/// One line of a shipment as staff enter it: which order line (by its
/// stable key) and how many units leave now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShipLineInput {
    pub line_key: i64,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 10_000_000))]
    pub quantity: i64,
}

/// A shipment as staff enter it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShipmentInput {
    /// A carrier's code (`GET /api/v1/carriers`).
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 40))]
    pub carrier: String,
    pub mode: Mode,
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 40))]
    pub tracking_number: String,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 10_000))]
    pub packages: i64,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 1_000_000_000))]
    pub weight_grams: i64,
    pub ship_date: Date,
    pub eta: Option<Date>,
    #[cfg_attr(feature = "ssr", schema(max_length = 40))]
    pub delivery_note: String,
    #[cfg_attr(feature = "ssr", schema(min_items = 1, max_items = 200))]
    pub lines: Vec<ShipLineInput>,
}

/// A tracking event as staff enter it (carriers send [`server::webhook`]'s form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrackingInput {
    pub kind: TrackingKind,
    /// When it happened, seconds since the epoch (UTC).
    pub at: i64,
    #[cfg_attr(feature = "ssr", schema(max_length = 120))]
    pub place: String,
    /// Required for an exception: its reason.
    #[cfg_attr(feature = "ssr", schema(max_length = 1000))]
    pub note: String,
    /// A new estimated arrival, when the event brings one.
    pub eta: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShipmentLine {
    pub line_key: i64,
    pub line_no: i64,
    pub sku: String,
    pub quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrackingEvent {
    pub id: i64,
    pub kind: TrackingKind,
    pub at: i64,
    pub place: String,
    pub note: String,
    pub eta: Option<Date>,
    /// Who recorded it: a person's name, or the carrier's.
    pub recorded_by: String,
    /// Sent by the carrier (not typed by staff).
    pub from_carrier: bool,
}

/// A shipment with its lines and its journey (events in time order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Shipment {
    pub id: i64,
    #[cfg_attr(feature = "ssr", schema(example = "SO-2026-000123-S1"))]
    pub number: String,
    pub order_id: i64,
    pub order_number: String,
    pub account_id: i64,
    pub account_name: String,
    pub carrier: String,
    pub carrier_name: String,
    pub mode: Mode,
    pub tracking_number: String,
    pub packages: i64,
    pub weight_grams: i64,
    pub ship_date: Date,
    /// The latest estimate of arrival (from the events, else as entered).
    pub eta: Option<Date>,
    /// The order's promised delivery date, to hold the ETA against.
    pub promised_date: Option<Date>,
    pub status: ShipmentStatus,
    /// The time of the event that set the status.
    pub status_at: Option<i64>,
    /// The reason, while the status is an exception.
    pub exception: Option<String>,
    pub delivery_note: String,
    pub created_at: i64,
    pub lines: Vec<ShipmentLine>,
    pub events: Vec<TrackingEvent>,
}

/// A row of a shipments list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShipmentSummary {
    pub id: i64,
    pub number: String,
    pub order_id: i64,
    pub order_number: String,
    pub account_name: String,
    pub carrier_name: String,
    pub mode: Mode,
    pub tracking_number: String,
    pub ship_date: Date,
    pub eta: Option<Date>,
    pub promised_date: Option<Date>,
    pub status: ShipmentStatus,
    pub status_at: Option<i64>,
    pub exception: Option<String>,
}

impl ShipmentSummary {
    /// Arriving after the promised date (by the latest estimate).
    pub fn late(&self) -> bool {
        late(self.eta, self.promised_date, self.status)
    }
}

impl Shipment {
    pub fn late(&self) -> bool {
        late(self.eta, self.promised_date, self.status)
    }
}

fn late(eta: Option<Date>, promised: Option<Date>, status: ShipmentStatus) -> bool {
    status != ShipmentStatus::Delivered && matches!((eta, promised), (Some(e), Some(p)) if e > p)
}

/// What a shipments list asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentFilter {
    pub status: Option<ShipmentStatus>,
    /// Matches the order number, the shipment number or the tracking number.
    pub search: Option<String>,
    /// Staff only; a customer always sees their own account.
    pub account_id: Option<i64>,
    /// The id of the last shipment shown (newest first).
    pub cursor: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShipmentPage {
    pub items: Vec<ShipmentSummary>,
    /// The `cursor` for the next page, if there is one.
    pub next_cursor: Option<i64>,
}

/// A carrier staff can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Carrier {
    pub code: String,
    pub name: String,
}

/// An order line and how much of it is still to ship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShippableLine {
    pub line_key: i64,
    pub line_no: i64,
    pub sku: String,
    pub ordered: i64,
    pub shipped: i64,
}

impl ShippableLine {
    pub fn remaining(&self) -> i64 {
        (self.ordered - self.shipped).max(0)
    }
}

/// An order's shipments and what the shipment form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderShipments {
    pub shipments: Vec<ShipmentSummary>,
    pub lines: Vec<ShippableLine>,
    /// May this viewer create a shipment for the order now?
    pub may_ship: bool,
    /// Carriers to choose from (only when `may_ship`).
    pub carriers: Vec<Carrier>,
    /// The server's today (UTC), the form's default ship date.
    pub today: Date,
}

/// `SO-2026-000123-S2`: the order's number and the shipment's place among its shipments.
pub fn shipment_number(order_number: &str, n: i64) -> String {
    format!("{order_number}-S{n}")
}

/// A carrier event no shipment matched (an unknown tracking number), kept
/// whole for staff to review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ParkedEvent {
    pub id: i64,
    pub carrier: String,
    pub event_id: String,
    pub tracking_number: String,
    /// The call's body as received.
    pub body: String,
    pub received_at: i64,
}
