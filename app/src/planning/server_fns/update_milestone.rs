// one argument per form field: the form posts before the WASM loads
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::planning::Plan;
use leptos::prelude::*;

/// A planner changes one milestone, from the plan's form (dates as the form gives them; blank: none).
#[server(prefix = "/sf", endpoint = "update_milestone")]
pub async fn update_milestone(
    order_id: i64,
    stage: String,
    planned_start: String,
    planned_end: String,
    #[server(default)] actual_start: String,
    #[server(default)] actual_end: String,
    #[server(default)] department: String,
    #[server(default)] note: String,
) -> Result<Plan, AppError> {
    use crate::changes::server_fns::date_field;
    use crate::error::Invalid;
    use crate::planning::{Milestone, Stage};
    use crate::{planning::server::service, server::request};
    let stage = Stage::parse(&stage).ok_or_else(|| AppError::field("stage", Invalid::NotAllowed))?;
    let planned_start = date_field(&planned_start, "planned_start")?.ok_or_else(|| AppError::field("planned_start", Invalid::Required))?;
    let planned_end = date_field(&planned_end, "planned_end")?.ok_or_else(|| AppError::field("planned_end", Invalid::Required))?;
    let m = Milestone {
        stage,
        planned_start,
        planned_end,
        actual_start: date_field(&actual_start, "actual_start")?,
        actual_end: date_field(&actual_end, "actual_end")?,
        department,
        note,
    };
    service::update(&request::state().db, &request::actor().await?, order_id, &m).await
}
