//! Rates on the server: storage (`store`), the service both doors call
//! (`service`) and the demo's rate table, zones and weights (`demo`).

pub mod demo;
pub mod service;
pub mod store;
