//! Rates and shipping options over REST: the same service as the pages'
//! server functions. The rate table travels as CSV (`text/csv`), the
//! format staff keep it in.

use super::{ApiActor, Problem};
use app::rates::server::service;
use app::rates::{OrderOptions, Rate, SortBy};
use app::server::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::header;

/// Staff: the rate table, as JSON.
#[utoipa::path(get, path = "/rates", tag = "rates", security(("bearer" = [])), responses(
    (status = 200, description = "Every lane and weight band", body = [Rate]),
    (status = 401, description = "No valid token"),
    (status = 403, description = "Customers do not see rates"),
))]
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<Json<Vec<Rate>>, Problem> {
    Ok(Json(service::list(&state.db, &actor).await?))
}

/// The staff admin: replace the whole table with a CSV file (header
/// `mode,origin,zone,min_kg,max_kg,cost_per_kg,minimum,transit_days,pickup_days`).
/// A file with any bad line changes nothing; each is named `csv.<line>.<field>`.
#[utoipa::path(put, path = "/rates", tag = "rates", security(("bearer" = [])), request_body(content = String, content_type = "text/csv"), responses(
    (status = 200, description = "The table as it is now", body = [Rate]),
    (status = 401, description = "No valid token"),
    (status = 403, description = "Only the staff admin keeps rates"),
    (status = 422, description = "Lines refused, each by number and field"),
))]
pub async fn import(State(state): State<AppState>, ApiActor(actor): ApiActor, body: Bytes) -> Response {
    let Ok(text) = std::str::from_utf8(&body) else {
        return super::problem::bad_request("the body must be UTF-8 CSV text");
    };
    match service::import(&state.db, &actor, text).await {
        Ok(rates) => Json(rates).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

/// Staff: the rate table as CSV, ready to edit and import again.
#[utoipa::path(get, path = "/rates.csv", tag = "rates", security(("bearer" = [])), responses(
    (status = 200, description = "The table as CSV", content_type = "text/csv", body = String),
    (status = 401, description = "No valid token"),
    (status = 403, description = "Customers do not see rates"),
))]
pub async fn export(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Response {
    match service::list(&state.db, &actor).await {
        Ok(rates) => ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], app::rates::csv::write(&rates)).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OptionsQuery {
    /// `cost` (default) or `arrival`.
    sort: Option<String>,
}

/// An order's shipping options (staff: every feasible one, each meeting or
/// missing the promise) and its chosen mode (customers: the choice alone).
#[utoipa::path(get, path = "/orders/{id}/shipping-options", tag = "rates", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id"), OptionsQuery), responses(
    (status = 200, description = "The options and the choice", body = OrderOptions),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such order, or not the caller's to see"),
    (status = 422, description = "A sort that is not one"),
))]
pub async fn options(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, Query(q): Query<OptionsQuery>) -> Result<Json<OrderOptions>, Problem> {
    let sort = match q.sort.as_deref() {
        None | Some("") => SortBy::Cost,
        Some(s) => SortBy::parse(s).ok_or(app::error::AppError::field("sort", app::error::Invalid::NotAllowed))?,
    };
    Ok(Json(service::for_order(&state.db, &actor, id, sort).await?))
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct Choice {
    /// The option's `rate_id`.
    rate_id: i64,
    #[schema(min_length = 1, max_length = 500)]
    reason: String,
}

/// Planners: choose an order's shipping option as it stands today, with a reason.
#[utoipa::path(put, path = "/orders/{id}/shipping-choice", tag = "rates", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id")), request_body = Choice, responses(
    (status = 200, description = "The options and the new choice", body = OrderOptions),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not plan shipping"),
    (status = 404, description = "No such order, or not the caller's to see"),
    (status = 409, description = "The order's status ships nothing"),
    (status = 422, description = "No reason, or a rate that is not one of the order's options"),
))]
pub async fn choose(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, body: Bytes) -> Response {
    let c: Choice = match super::shared::parse_body(&body) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    match service::choose(&state.db, &actor, id, c.rate_id, &c.reason).await {
        Ok(o) => Json(o).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}
