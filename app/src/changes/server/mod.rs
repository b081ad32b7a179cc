//! Change requests on the server: their storage (`store`), the versions of
//! an order (`versions`) and the service both doors call.

pub mod demo;
pub mod service;
pub mod store;
pub mod versions;
