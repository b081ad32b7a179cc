//! Plans on the server: storage and the service both doors call.

pub mod service;
pub mod store;
