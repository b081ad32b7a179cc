//! Plans over REST: the same service as the pages' server functions.

use super::{ApiActor, Problem};
use app::error::{AppError, Invalid};
use app::orders::OrderStatus;
use app::planning::portfolio::{Portfolio, PortfolioFilter, Zoom};
use app::planning::server::service;
use app::planning::{Milestone, Plan, Stage};
use app::server::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
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

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PortfolioQuery {
    /// One account (staff in scope).
    account_id: Option<i64>,
    /// One order status (`in_production`, ...).
    status: Option<String>,
    /// The window's first day (YYYY-MM-DD; default: by zoom).
    from: Option<String>,
    /// The window's last day (at most 400 days after `from`).
    to: Option<String>,
    /// `week` (default) or `month`.
    zoom: Option<String>,
    /// Only orders at risk or late.
    at_risk: Option<bool>,
}

/// Staff: the portfolio — every planned order in scope crossing the window, one bar each, with its risk.
#[utoipa::path(get, path = "/plans", tag = "planning", security(("bearer" = [])), params(PortfolioQuery), responses(
    (status = 200, description = "The orders' bars (at most 1,000; `matching` counts them all)", body = Portfolio),
    (status = 401, description = "No valid token"),
    (status = 403, description = "Customers have no portfolio"),
    (status = 422, description = "A filter refused, named (a status or date that is not one)"),
))]
pub async fn portfolio(State(state): State<AppState>, ApiActor(actor): ApiActor, Query(q): Query<PortfolioQuery>) -> Result<Json<Portfolio>, Problem> {
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(OrderStatus::parse(s).ok_or(AppError::field("status", Invalid::NotAllowed))?),
    };
    let zoom = match q.zoom.as_deref() {
        None | Some("") => Zoom::Week,
        Some(z) => Zoom::parse(z).ok_or(AppError::field("zoom", Invalid::NotAllowed))?,
    };
    let filter = PortfolioFilter {
        account_id: q.account_id,
        status,
        from: super::shared::date_field(q.from.as_deref(), "from")?,
        to: super::shared::date_field(q.to.as_deref(), "to")?,
        zoom,
        at_risk: q.at_risk.unwrap_or(false),
    };
    Ok(Json(service::portfolio(&state.db, &actor, &filter).await?))
}
