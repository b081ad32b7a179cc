use super::problem::bad_request;
use super::shared::{date_field, etag_of, etag_of_json, parse_body};
use super::{ApiActor, Problem};
use app::error::{AppError, Invalid};
use app::limits;
use app::orders::feasibility::Report;
use app::orders::server::service;
use app::orders::{CounterProposal, LineQuantity, Order, OrderFilter, OrderInput, OrderSort, OrderStatus, OrderSummary};
use app::server::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{header, HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    #[param(value_type = Option<OrderStatus>)]
    status: Option<String>,
    /// Order number, PO number or SKU.
    #[param(max_length = 100)]
    search: Option<String>,
    /// Staff only; customers always see their own account.
    account_id: Option<i64>,
    site_id: Option<i64>,
    /// Ordered on or after (UTC day).
    #[param(value_type = Option<String>, format = Date)]
    from: Option<String>,
    /// Ordered on or before (UTC day).
    #[param(value_type = Option<String>, format = Date)]
    to: Option<String>,
    /// Newest first unless asked.
    #[param(value_type = Option<OrderSort>)]
    sort: Option<String>,
    /// The `next_cursor` of the previous page, with the same sort.
    #[param(max_length = 200)]
    cursor: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrderList {
    orders: Vec<OrderSummary>,
    next_cursor: Option<String>,
}

/// Orders the caller may see: filtered, sorted, a page at a time.
#[utoipa::path(get, path = "/orders", tag = "orders", security(("bearer" = [])), params(ListQuery), responses(
    (status = 200, description = "A page of orders", body = OrderList),
    (status = 401, description = "No valid token"),
    (status = 422, description = "A parameter that is not allowed"),
))]
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor, Query(q): Query<ListQuery>) -> Result<Json<OrderList>, Problem> {
    // strict, unlike the page's form: an empty value is not "any"
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => Some(OrderStatus::parse(s).ok_or_else(|| AppError::field("status", Invalid::NotAllowed))?),
    };
    let sort = match q.sort.as_deref() {
        None => OrderSort::default(),
        Some(s) => OrderSort::parse(s).ok_or_else(|| AppError::field("sort", Invalid::NotAllowed))?,
    };
    let filter = OrderFilter {
        status,
        search: q.search,
        account_id: q.account_id,
        site_id: q.site_id,
        from: date_field(q.from.as_deref(), "from")?,
        to: date_field(q.to.as_deref(), "to")?,
        sort,
        cursor: q.cursor,
    };
    let page = service::list(&state.db, &actor, &filter).await?;
    Ok(Json(OrderList { orders: page.orders, next_cursor: page.next }))
}

/// One order with lines and timeline.
#[utoipa::path(get, path = "/orders/{id}", tag = "orders", security(("bearer" = [])), params(
    ("id" = i64, Path, description = "The order's id"),
    ("If-None-Match" = Option<String>, Header, description = "The ETag the caller holds; 304 if unchanged"),
), responses(
    (status = 200, description = "The order", body = Order, headers(("ETag" = String))),
    (status = 304, description = "Not modified"),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such order, or not the caller's to see"),
))]
pub async fn get(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, headers: HeaderMap) -> Result<Response, Problem> {
    let order = service::get(&state.db, &actor, id).await?;
    let etag = etag_of(&order);
    if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    Ok(with_etag(StatusCode::OK, order))
}

fn with_etag(status: StatusCode, order: Order) -> Response {
    let etag = etag_of(&order);
    (status, [(header::ETAG, etag)], Json(order)).into_response()
}

/// Create a draft order. `Idempotency-Key` is required: the same key with
/// the same body answers with the first response again (kept with the key
/// when the order was created), never a second order; with another body, 422.
#[utoipa::path(post, path = "/orders", tag = "orders", security(("bearer" = [])), params(
    ("Idempotency-Key" = String, Header, description = "Same key and body: the same order again. Same key, other body: 422.", max_length = 200),
), request_body = OrderInput, responses(
    (status = 201, description = "The created order", body = Order, headers(("ETag" = String), ("Location" = String))),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not place orders (staff)"),
    (status = 422, description = "Fields refused, each named; or the key reused with another body"),
))]
pub async fn create(State(state): State<AppState>, ApiActor(actor): ApiActor, headers: HeaderMap, body: Bytes) -> Response {
    let Some(key) = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string) else {
        return bad_request("the Idempotency-Key header is required");
    };
    let input: OrderInput = match parse_body(&body) {
        Ok(i) => i,
        Err(r) => return *r,
    };
    // Creates the order, or finds the key's earlier one (a retry, a
    // concurrent twin); either way the answer is the first one, kept with the key.
    match service::create_keyed(&state.db, &actor, &input, &key).await {
        // the kept JSON as it is: the created order, serialized once
        Ok((id, order)) => (
            StatusCode::CREATED,
            [(header::ETAG, etag_of_json(order.as_bytes())), (header::LOCATION, format!("/api/v1/orders/{id}")), (header::CONTENT_TYPE, "application/json".to_string())],
            order,
        )
            .into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Feasibility {
    /// Complete and every line valid: may be submitted.
    submittable: bool,
    /// Every line can be delivered on its date.
    dates_feasible: bool,
    over_credit: bool,
    /// Line by line, with the earliest feasible dates.
    report: Report,
}

/// The live feasibility check (capacity, lead time, MOQ, packs, credit); creates nothing.
#[utoipa::path(post, path = "/orders/feasibility", tag = "orders", security(("bearer" = [])), request_body = OrderInput, responses(
    (status = 200, description = "The report", body = Feasibility),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not place orders (staff)"),
    (status = 422, description = "The order is larger than the bounds allow"),
))]
pub async fn feasibility(State(state): State<AppState>, ApiActor(actor): ApiActor, body: Bytes) -> Response {
    let input: OrderInput = match parse_body(&body) {
        Ok(i) => i,
        Err(r) => return *r,
    };
    match service::check(&state.db, &actor, &input).await {
        Ok(report) => Json(Feasibility { submittable: report.submittable(), dates_feasible: report.dates_feasible(), over_credit: report.over_credit(), report }).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ConfirmBody {
    /// Omitted: the earliest feasible date.
    #[schema(value_type = Option<String>, format = Date)]
    promised_date: Option<String>,
    #[serde(default)]
    #[schema(max_length = 1000)]
    message: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CounterBody {
    /// Omitted: the order's own date.
    #[schema(value_type = Option<String>, format = Date)]
    date: Option<String>,
    /// Other quantities, by the line's stable key.
    #[serde(default)]
    #[schema(max_items = 200)]
    quantities: Vec<LineQuantity>,
    #[schema(max_length = 1000)]
    message: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReasonBody {
    #[schema(max_length = 1000)]
    reason: String,
}

/// What an action asks, read from its body.
enum Action {
    Submit,
    Confirm(ConfirmBody),
    Counter(CounterBody),
    Reject(ReasonBody),
    AcceptCounter,
    DeclineCounter(ReasonBody),
    Cancel(ReasonBody),
    StartProduction,
}

impl Action {
    /// The body's own bounds, checked before anything is read: a request
    /// that can never succeed is refused as such (422), not as stale (412).
    fn check(&self) -> Result<(), AppError> {
        let today = app::server::db::today();
        match self {
            Action::Reject(b) | Action::DeclineCounter(b) | Action::Cancel(b) => limits::check_reason(&b.reason, "reason"),
            Action::Confirm(b) => {
                limits::check_reason(&b.message, "message")?;
                date_field(b.promised_date.as_deref(), "promised_date").map(drop)
            }
            Action::Counter(b) => {
                limits::check_reason(&b.message, "message")?;
                let date = date_field(b.date.as_deref(), "date")?;
                limits::check_counter(&CounterProposal { date, quantities: b.quantities.clone(), message: String::new() }, today)
            }
            Action::Submit | Action::AcceptCounter | Action::StartProduction => Ok(()),
        }
    }
}

/// Runs an action. With `If-Match`, the order must still be as the caller
/// saw it (else 412).
async fn act(state: &AppState, actor: &app::server::request::Actor, id: i64, headers: &HeaderMap, action: Action) -> Response {
    let db = &state.db;
    let result = async {
        action.check()?;
        if let Some(expected) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) {
            let current = service::get(db, actor, id).await?;
            if etag_of(&current) != expected {
                return Err(AppError::PreconditionFailed);
            }
        }
        match action {
            Action::Submit => service::submit(db, actor, id).await,
            Action::Confirm(b) => service::confirm(db, actor, id, date_field(b.promised_date.as_deref(), "promised_date")?, &b.message).await,
            Action::Counter(b) => {
                let proposal = CounterProposal { date: date_field(b.date.as_deref(), "date")?, quantities: b.quantities, message: b.message };
                service::counter(db, actor, id, &proposal).await
            }
            Action::Reject(b) => service::reject(db, actor, id, &b.reason).await,
            Action::AcceptCounter => service::accept_counter(db, actor, id).await,
            Action::DeclineCounter(b) => service::decline_counter(db, actor, id, &b.reason).await,
            Action::Cancel(b) => service::cancel(db, actor, id, &b.reason).await,
            Action::StartProduction => service::start_production(db, actor, id).await,
        }
    };
    match result.await {
        Ok(order) => with_etag(StatusCode::OK, order),
        Err(e) => Problem(e).into_response(),
    }
}

/// An action's handler: its route, its description and the body it reads.
/// Every action answers the same way (the order after it, or a problem).
macro_rules! action {
    ($name:ident, $path:literal, $summary:literal, $variant:ident) => {
        #[doc = $summary]
        #[utoipa::path(post, path = $path, tag = "orders", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id"), ("If-Match" = Option<String>, Header, description = "The ETag the caller last saw; 412 if the order changed since")), responses(ActionAnswers))]
        pub async fn $name(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, headers: HeaderMap) -> Response {
            act(&state, &actor, id, &headers, Action::$variant).await
        }
    };
    ($name:ident, $path:literal, $summary:literal, $variant:ident($body:ty)) => {
        #[doc = $summary]
        #[utoipa::path(post, path = $path, tag = "orders", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id"), ("If-Match" = Option<String>, Header, description = "The ETag the caller last saw; 412 if the order changed since")), request_body = $body, responses(ActionAnswers))]
        pub async fn $name(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, headers: HeaderMap, body: Bytes) -> Response {
            match parse_body::<$body>(&body) {
                Ok(b) => act(&state, &actor, id, &headers, Action::$variant(b)).await,
                Err(r) => *r,
            }
        }
    };
}

action!(submit, "/orders/{id}/submit", "Customer: submit a draft.", Submit);
action!(confirm, "/orders/{id}/confirm", "Staff: confirm with a promised date (default: the earliest feasible).", Confirm(ConfirmBody));
action!(
    counter,
    "/orders/{id}/counter",
    "Staff: propose another date and/or other quantities (by line_key); the customer accepts or declines the whole proposal.",
    Counter(CounterBody)
);
action!(reject, "/orders/{id}/reject", "Staff: reject with a reason.", Reject(ReasonBody));
action!(accept_counter, "/orders/{id}/accept-counter", "Customer: accept the counter-proposal.", AcceptCounter);
action!(decline_counter, "/orders/{id}/decline-counter", "Customer: decline the counter-proposal (cancels the order).", DeclineCounter(ReasonBody));
action!(cancel, "/orders/{id}/cancel", "Cancel, where the status allows.", Cancel(ReasonBody));
action!(start_production, "/orders/{id}/start-production", "Staff: move a confirmed order into production.", StartProduction);

/// What every action answers (a description only: never built).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, clippy::large_enum_variant)]
enum ActionAnswers {
    /// The order after the action.
    #[response(status = 200, headers(("ETag" = String)))]
    Done(Order),
    /// No valid token.
    #[response(status = 401)]
    Unauthenticated,
    /// Not an action the caller's role takes.
    #[response(status = 403)]
    Forbidden,
    /// No such order, or not the caller's to see.
    #[response(status = 404)]
    NotFound,
    /// Not allowed in the order's status.
    #[response(status = 409)]
    Conflict,
    /// The order changed since the caller's `If-Match`.
    #[response(status = 412)]
    PreconditionFailed,
    /// Fields refused, each named.
    #[response(status = 422)]
    Invalid,
}
