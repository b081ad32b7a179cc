//! Notifications on the server: publishing an event with its recipients
//! (inside the caller's transaction) and each user's inbox.

pub mod service;
pub mod store;

pub use store::{publish, Audience, Event};
