//! Shipments on the server: storage (`store`), the service both doors
//! call, the carrier webhook's signature and body (`webhook`) and the demo
//! data (`demo`).

pub mod demo;
pub mod service;
pub mod store;
pub mod webhook;
