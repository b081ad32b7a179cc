//! Orders on the server: the catalog lookups they need, numbering,
//! idempotency, storage and the service.

pub mod bookings;
pub mod catalog;
pub mod idempotency;
pub mod service;
pub mod store;
