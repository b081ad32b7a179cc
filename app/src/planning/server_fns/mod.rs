//! Server functions for plans, one per file, each a thin door onto
//! `planning::server::service` (REST: server/src/api/planning.rs).

mod order_plan;
mod portfolio;
mod update_milestone;

pub use order_plan::{order_plan, OrderPlan};
pub use portfolio::{portfolio, PortfolioFn};
pub use update_milestone::{update_milestone, UpdateMilestone};
