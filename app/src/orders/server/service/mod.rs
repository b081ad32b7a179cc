//! The orders service: the one place where order rules meet storage. UI
//! server functions and REST handlers both call these.
//!
//! Split by use case: [`placing`], [`negotiating`], [`reading`]; callers
//! use `service::name` for all of them.

mod negotiating;
mod placing;
mod reading;

pub use negotiating::*;
pub use placing::*;
pub use reading::*;
