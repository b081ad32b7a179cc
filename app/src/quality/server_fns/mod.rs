//! Server functions for inspections, one per file, each a thin door onto
//! `quality::server::service` (REST: server/src/api/quality.rs).

mod order_inspections;
mod record_inspection;

pub use order_inspections::{order_inspections, OrderInspectionsFn};
pub use record_inspection::{record_inspection, RecordInspection};
