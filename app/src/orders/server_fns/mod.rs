//! Server functions for orders: one per file, each a thin door onto
//! `server::orders::service` (the REST handlers use the same service).

mod accept_counter;
mod cancel_order;
mod check_order;
mod confirm_order;
mod counter_order;
mod decline_counter;
mod list_options;
mod list_orders;
mod open_order_count;
mod order_detail;
mod place_order;
mod reject_order;
mod review_queue;
mod search_catalog;
mod start_production;
mod submit_order;

pub use accept_counter::{accept_counter, AcceptCounter};
pub use cancel_order::{cancel_order, CancelOrder};
pub use check_order::{check_order, CheckOrder};
pub use confirm_order::{confirm_order, ConfirmOrder};
pub use counter_order::{counter_order, CounterOrder};
pub use decline_counter::{decline_counter, DeclineCounter};
pub use list_options::{list_options, ListOptionsFn};
pub use list_orders::{list_orders, ListOrders};
pub use open_order_count::{open_order_count, OpenOrderCount};
pub use order_detail::{order_detail, OrderDetail};
pub use place_order::{place_order, PlaceOrder};
pub use reject_order::{reject_order, RejectOrder};
pub use review_queue::{review_queue, ReviewQueue};
pub use search_catalog::{search_catalog, SearchCatalog};
pub use start_production::{start_production, StartProduction};
pub use submit_order::{submit_order, SubmitOrder};
