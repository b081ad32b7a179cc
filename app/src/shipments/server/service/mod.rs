//! The shipments service: the one place where shipment rules meet storage.
//! Server functions, REST handlers and the carrier webhook call these.
//!
//! Split by use case: [`shipping`] (staff create a shipment), [`tracking`]
//! (events from staff and from carriers, and what they move), [`reading`].

mod carriers;
mod reading;
mod shipping;
mod tracking;

pub use carriers::*;
pub use reading::*;
pub use shipping::*;
pub use tracking::*;
