//! Server functions for rates and shipping options, one per file, each a
//! thin door onto `rates::server::service` (REST: server/src/api/rates.rs).

mod choose_shipping;
mod import_rates;
mod rate_table;
mod shipping_options;

pub use choose_shipping::{choose_shipping, ChooseShipping};
pub use import_rates::{import_rates, ImportRates};
pub use rate_table::{rate_table, RateTable};
pub use shipping_options::{shipping_options, ShippingOptions};
