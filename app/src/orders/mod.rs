//! Orders: the order's life as pure rules shared by browser and server —
//! the state machine ([`status`]) and the feasibility check
//! ([`feasibility`]). Storage, services, doors and pages follow.

pub mod feasibility;
pub mod status;

pub use status::{Command, OrderStatus, Side, TransitionError};
