//! Server functions for shipments: one per file, each a thin door onto
//! `shipments::server::service` (the REST handlers in
//! server/src/api/shipments.rs use the same service).

mod create_shipment;
mod parked_carrier_events;
mod record_tracking;
mod shipment_detail;
mod shipment_list;
mod shipments_of_order;
mod shipments_on_the_way;

pub use create_shipment::{create_shipment, CreateShipment};
pub use parked_carrier_events::{parked_carrier_events, ParkedCarrierEvents};
pub use record_tracking::{record_tracking, RecordTracking};
pub use shipment_detail::{shipment_detail, ShipmentDetail};
pub use shipment_list::{shipment_list, ShipmentList};
pub use shipments_of_order::{shipments_of_order, ShipmentsOfOrder};
pub use shipments_on_the_way::{shipments_on_the_way, ShipmentsOnTheWay};
