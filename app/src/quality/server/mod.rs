//! Inspections on the server: storage (`store`), the service both doors
//! call (`service`), the form both doors read (`form`) and the demo's
//! inspections (`demo`).

pub mod demo;
mod form;
pub mod service;
pub mod store;

pub use form::form_input;
