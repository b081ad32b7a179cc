//! The change-request service: the one place where change rules meet
//! storage. Server functions and REST handlers both call these.
//!
//! Split by use case: [`requesting`] (the customer's side), [`deciding`]
//! (staff's side and the approval itself), [`reading`]; [`basis`] reads
//! what applying and the impact need.

mod basis;
mod deciding;
mod reading;
mod requesting;

pub use deciding::*;
pub use reading::*;
pub use requesting::*;
