//! Change requests and versions over REST: the same service as the pages'
//! server functions. Creating needs `Idempotency-Key`; every step on a
//! request needs `If-Match` with the request's ETag (428 without, 412 when
//! the request or its order moved on since).

use super::shared::{date_field, etag_of, parse_body};
use super::{ApiActor, Problem};
use app::changes::server::service;
use app::changes::{Change, ChangeRequest, ChangeRequestInput, Comparison, Preview, VersionInfo, VersionView};
use app::error::AppError;
use app::server::request::Actor;
use app::server::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{header, HeaderMap, StatusCode};
use serde::Deserialize;

fn with_etag(status: StatusCode, request: ChangeRequest) -> Response {
    (status, [(header::ETAG, etag_of(&request))], Json(request)).into_response()
}

/// An order's change requests, newest first.
#[utoipa::path(get, path = "/orders/{id}/change-requests", tag = "change requests", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id")), responses(
    (status = 200, description = "The order's requests", body = Vec<ChangeRequest>),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such order, or not the caller's to see"),
))]
pub async fn list_for_order(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<Json<Vec<ChangeRequest>>, Problem> {
    Ok(Json(service::for_order(&state.db, &actor, id).await?))
}

/// Ask for a change to an order (customer). `Idempotency-Key` is required:
/// the same key and body give the first request again, never a second.
#[utoipa::path(post, path = "/orders/{id}/change-requests", tag = "change requests", security(("bearer" = [])), params(
    ("id" = i64, Path, description = "The order's id"),
    ("Idempotency-Key" = String, Header, description = "Same key and body: the same request again. Same key, other body: 422.", max_length = 200),
), request_body = ChangeRequestInput, responses(
    (status = 201, description = "The request, pending", body = ChangeRequest, headers(("ETag" = String), ("Location" = String))),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not ask for changes"),
    (status = 404, description = "No such order, or not the caller's to see"),
    (status = 409, description = "The order's status takes no changes"),
    (status = 412, description = "base_version is not the order's current version"),
    (status = 422, description = "Changes refused, each named (changes.3.quantity); a request already open"),
))]
pub async fn create(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(key) = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string) else {
        return super::problem::bad_request("the Idempotency-Key header is required");
    };
    let input: ChangeRequestInput = match parse_body(&body) {
        Ok(i) => i,
        Err(r) => return *r,
    };
    match service::send(&state.db, &actor, id, &input, Some(&key)).await {
        Ok(request) => {
            (StatusCode::CREATED, [(header::ETAG, etag_of(&request)), (header::LOCATION, format!("/api/v1/change-requests/{}", request.id))], Json(request)).into_response()
        }
        Err(e) => Problem(e).into_response(),
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PreviewBody {
    order_id: i64,
    #[serde(flatten)]
    request: ChangeRequestInput,
}

/// The version a request would make and its impact (cost, schedule,
/// production, credit); sends nothing.
#[utoipa::path(post, path = "/change-requests/preview", tag = "change requests", security(("bearer" = [])), request_body = PreviewBody, responses(
    (status = 200, description = "The proposed version and its impact", body = Preview),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not ask for changes"),
    (status = 404, description = "No such order, or not the caller's to see"),
    (status = 409, description = "The order's status takes no changes"),
    (status = 412, description = "base_version is not the order's current version"),
    (status = 422, description = "Changes refused, each named"),
))]
pub async fn preview(State(state): State<AppState>, ApiActor(actor): ApiActor, body: Bytes) -> Response {
    let b: PreviewBody = match parse_body(&body) {
        Ok(b) => b,
        Err(r) => return *r,
    };
    match service::preview(&state.db, &actor, b.order_id, &b.request).await {
        Ok(p) => Json(p).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Only this account's requests.
    account_id: Option<i64>,
}

/// Pending requests, oldest first (staff).
#[utoipa::path(get, path = "/change-requests", tag = "change requests", security(("bearer" = [])), params(QueueQuery), responses(
    (status = 200, description = "The queue", body = Vec<ChangeRequest>),
    (status = 401, description = "No valid token"),
    (status = 403, description = "Customers have no queue"),
))]
pub async fn queue(State(state): State<AppState>, ApiActor(actor): ApiActor, Query(q): Query<QueueQuery>) -> Result<Json<Vec<ChangeRequest>>, Problem> {
    Ok(Json(service::queue(&state.db, &actor, q.account_id).await?))
}

/// One change request, with what the caller may do to it now.
#[utoipa::path(get, path = "/change-requests/{id}", tag = "change requests", security(("bearer" = [])), params(("id" = i64, Path, description = "The request's id")), responses(
    (status = 200, description = "The request", body = ChangeRequest, headers(("ETag" = String))),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such request, or not the caller's to see"),
))]
pub async fn get(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<Response, Problem> {
    Ok(with_etag(StatusCode::OK, service::get(&state.db, &actor, id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ChangeApproveBody {
    /// The date to commit to (orders with a promise); omitted: the feasible one.
    #[schema(value_type = Option<String>, format = Date)]
    promised_date: Option<String>,
    #[serde(default)]
    #[schema(max_length = 1000)]
    message: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ChangeReasonBody {
    #[serde(default)]
    #[schema(max_length = 1000)]
    reason: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ChangeCounterBody {
    /// What staff propose instead; it must apply to the order as it stands.
    #[schema(max_items = 404)]
    changes: Vec<Change>,
    #[schema(min_length = 1, max_length = 1000)]
    message: String,
}

enum Step {
    Approve(ChangeApproveBody),
    Reject(ChangeReasonBody),
    Counter(ChangeCounterBody),
    AcceptCounter,
    Withdraw(ChangeReasonBody),
    Rebase,
}

/// Runs a step: `If-Match` must hold the request's current ETag.
async fn step(state: &AppState, actor: &Actor, id: i64, headers: &HeaderMap, step: Step) -> Response {
    let db = &state.db;
    let result = async {
        let expected = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()).ok_or(AppError::PreconditionRequired)?;
        if etag_of(&service::get(db, actor, id).await?) != expected {
            return Err(AppError::PreconditionFailed);
        }
        match step {
            Step::Approve(b) => service::approve(db, actor, id, date_field(b.promised_date.as_deref(), "promised_date")?, &b.message).await,
            Step::Reject(b) => service::reject(db, actor, id, &b.reason).await,
            Step::Counter(b) => service::counter(db, actor, id, &b.changes, &b.message).await,
            Step::AcceptCounter => service::accept_counter(db, actor, id).await,
            Step::Withdraw(b) => service::withdraw(db, actor, id, &b.reason).await,
            Step::Rebase => service::rebase(db, actor, id).await,
        }
    };
    match result.await {
        Ok(request) => with_etag(StatusCode::OK, request),
        Err(e) => Problem(e).into_response(),
    }
}

/// A step's handler: its route, its description and the body it reads.
macro_rules! step {
    ($name:ident, $path:literal, $summary:literal, $variant:ident) => {
        #[doc = $summary]
        #[utoipa::path(post, path = $path, tag = "change requests", security(("bearer" = [])), params(("id" = i64, Path, description = "The request's id"), ("If-Match" = Option<String>, Header, description = "The request's ETag as the caller last read it. Required by the server: 428 without it, 412 when the request or its order moved on")), responses(StepAnswers))]
        pub async fn $name(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, headers: HeaderMap) -> Response {
            step(&state, &actor, id, &headers, Step::$variant).await
        }
    };
    ($name:ident, $path:literal, $summary:literal, $variant:ident($body:ty)) => {
        #[doc = $summary]
        #[utoipa::path(post, path = $path, tag = "change requests", security(("bearer" = [])), params(("id" = i64, Path, description = "The request's id"), ("If-Match" = Option<String>, Header, description = "The request's ETag as the caller last read it. Required by the server: 428 without it, 412 when the request or its order moved on")), request_body = $body, responses(StepAnswers))]
        pub async fn $name(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, headers: HeaderMap, body: Bytes) -> Response {
            match parse_body::<$body>(&body) {
                Ok(b) => step(&state, &actor, id, &headers, Step::$variant(b)).await,
                Err(r) => *r,
            }
        }
    };
}

step!(approve, "/change-requests/{id}/approve", "Staff: approve; the change becomes the order's next version.", Approve(ChangeApproveBody));
step!(reject, "/change-requests/{id}/reject", "Staff: reject with a reason.", Reject(ChangeReasonBody));
step!(counter, "/change-requests/{id}/counter", "Staff: propose other changes; the customer accepts or withdraws.", Counter(ChangeCounterBody));
step!(accept_counter, "/change-requests/{id}/accept-counter", "Customer: accept staff's counter; it becomes the order's next version.", AcceptCounter);
step!(withdraw, "/change-requests/{id}/withdraw", "Customer: take an open request back.", Withdraw(ChangeReasonBody));
step!(rebase, "/change-requests/{id}/rebase", "Customer: make a stale request again on the order's current version.", Rebase);

/// What every step answers (a description only: never built).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code, clippy::large_enum_variant)]
enum StepAnswers {
    /// The request after the step.
    #[response(status = 200, headers(("ETag" = String)))]
    Done(ChangeRequest),
    /// No valid token.
    #[response(status = 401)]
    Unauthenticated,
    /// Not a step the caller's role takes.
    #[response(status = 403)]
    Forbidden,
    /// No such request, or not the caller's to see.
    #[response(status = 404)]
    NotFound,
    /// Not allowed in the request's status.
    #[response(status = 409)]
    Conflict,
    /// The request or its order changed since the caller's `If-Match`, or the order moved on from the request's version.
    #[response(status = 412)]
    PreconditionFailed,
    /// Fields refused, each named.
    #[response(status = 422)]
    Invalid,
    /// `If-Match` is missing.
    #[response(status = 428)]
    PreconditionRequired,
}

/// An order's versions, oldest first.
#[utoipa::path(get, path = "/orders/{id}/versions", tag = "change requests", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id")), responses(
    (status = 200, description = "The versions", body = Vec<VersionInfo>),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such order, or not the caller's to see"),
))]
pub async fn versions(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<Json<Vec<VersionInfo>>, Problem> {
    Ok(Json(service::versions(&state.db, &actor, id).await?))
}

/// One version of an order.
#[utoipa::path(get, path = "/orders/{id}/versions/{n}", tag = "change requests", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id"), ("n" = i64, Path, description = "The version's number")), responses(
    (status = 200, description = "The version", body = VersionView),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such order or version, or not the caller's to see"),
))]
pub async fn version(State(state): State<AppState>, ApiActor(actor): ApiActor, Path((id, n)): Path<(i64, i64)>) -> Result<Json<VersionView>, Problem> {
    Ok(Json(service::version(&state.db, &actor, id, n).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// Default: the version before `to`.
    from: Option<i64>,
    /// Default: the current version.
    to: Option<i64>,
}

/// Two versions of an order and what changed between them.
#[utoipa::path(get, path = "/orders/{id}/diff", tag = "change requests", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id"), DiffQuery), responses(
    (status = 200, description = "Both versions and the diff", body = Comparison),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such order or version, or not the caller's to see"),
))]
pub async fn diff(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, Query(q): Query<DiffQuery>) -> Result<Json<Comparison>, Problem> {
    Ok(Json(service::compare(&state.db, &actor, id, q.from, q.to).await?))
}
