//! Accounts, sites and users: storage (`store`) and rules (`service`).

pub mod service;
pub mod store;
