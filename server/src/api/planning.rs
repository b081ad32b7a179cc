//! Plans over REST: the same service as the pages' server functions.

use super::{ApiActor, Problem};
use app::error::{AppError, Invalid};
use app::planning::server::service;
use app::planning::{Milestone, Plan, Stage};
use app::server::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An order's production plan: milestones planned and actual, and whether it is at risk.
#[utoipa::path(get, path = "/orders/{id}/plan", tag = "planning", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id")), responses(
    (status = 200, description = "The plan (no milestones until the order is confirmed)", body = Plan),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such order, or not the caller's to see"),
))]
pub async fn get(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<Json<Plan>, Problem> {
    Ok(Json(service::get(&state.db, &actor, id).await?))
}

/// Planners: replace one milestone (the path's stage wins over the body's).
#[utoipa::path(put, path = "/orders/{id}/plan/{stage}", tag = "planning", security(("bearer" = [])), params(
    ("id" = i64, Path, description = "The order's id"),
    ("stage" = String, Path, description = "materials, production, qc, packing, shipping or delivery"),
), request_body = Milestone, responses(
    (status = 200, description = "The plan as it is now", body = Plan),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not plan"),
    (status = 404, description = "No such order, or not the caller's to see"),
    (status = 409, description = "The order has no plan to edit"),
    (status = 422, description = "Fields refused, each named (an end before its start)"),
))]
pub async fn update(State(state): State<AppState>, ApiActor(actor): ApiActor, Path((id, stage)): Path<(i64, String)>, body: Bytes) -> Response {
    let mut m: Milestone = match super::shared::parse_body(&body) {
        Ok(m) => m,
        Err(r) => return *r,
    };
    let Some(stage) = Stage::parse(&stage) else { return Problem(AppError::field("stage", Invalid::NotAllowed)).into_response() };
    m.stage = stage;
    match service::update(&state.db, &actor, id, &m).await {
        Ok(plan) => Json(plan).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}
