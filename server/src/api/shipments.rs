//! Shipments over REST: the same service as the pages' server functions,
//! and the carrier webhook. Creating a shipment needs `Idempotency-Key`.
//! The webhook is signed by the carrier, not by a token (see
//! `app::shipments::server::webhook` for the contract).

use super::shared::parse_body;
use super::{ApiActor, Problem};
use app::error::{AppError, Invalid};
use app::server::AppState;
use app::shipments::server::service::{self, Ingested};
use app::shipments::server::webhook::{self, CarrierEvent};
use app::shipments::{Carrier, OrderShipments, ParkedEvent, Shipment, ShipmentFilter, ShipmentInput, ShipmentPage, ShipmentStatus, TrackingInput};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{header, HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShipmentQuery {
    /// `ready`, `in_transit`, `exception` or `delivered`.
    status: Option<String>,
    /// Part of an order, shipment or tracking number.
    #[param(max_length = 100)]
    search: Option<String>,
    /// Staff: one account's shipments.
    account_id: Option<i64>,
    /// `next_cursor` of the previous page.
    cursor: Option<i64>,
}

/// Shipments the caller may see, newest first (a customer's own account's).
#[utoipa::path(get, path = "/shipments", tag = "shipments", security(("bearer" = [])), params(ShipmentQuery), responses(
    (status = 200, description = "A page of shipments", body = ShipmentPage),
    (status = 401, description = "No valid token"),
    (status = 422, description = "An unknown status, or search text over its bound"),
))]
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor, Query(q): Query<ShipmentQuery>) -> Result<Json<ShipmentPage>, Problem> {
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(ShipmentStatus::parse(s).ok_or_else(|| AppError::field("status", Invalid::NotAllowed))?),
    };
    let filter = ShipmentFilter { status, search: q.search, account_id: q.account_id, cursor: q.cursor };
    Ok(Json(service::list(&state.db, &actor, &filter).await?))
}

/// One shipment with its lines and journey (events in time order).
#[utoipa::path(get, path = "/shipments/{id}", tag = "shipments", security(("bearer" = [])), params(("id" = i64, Path, description = "The shipment's id")), responses(
    (status = 200, description = "The shipment", body = Shipment),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such shipment, or not the caller's to see"),
))]
pub async fn get(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<Json<Shipment>, Problem> {
    Ok(Json(service::get(&state.db, &actor, id).await?))
}

/// An order's shipments and what each line has left to ship.
#[utoipa::path(get, path = "/orders/{id}/shipments", tag = "shipments", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id")), responses(
    (status = 200, description = "The order's shipments", body = OrderShipments),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such order, or not the caller's to see"),
))]
pub async fn for_order(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<Json<OrderShipments>, Problem> {
    Ok(Json(service::for_order(&state.db, &actor, id).await?))
}

/// Staff: ship (part of) an order. `Idempotency-Key` is required: the same
/// key and body give the first shipment again, never a second.
#[utoipa::path(post, path = "/orders/{id}/shipments", tag = "shipments", security(("bearer" = [])), params(
    ("id" = i64, Path, description = "The order's id"),
    ("Idempotency-Key" = String, Header, description = "Same key and body: the same shipment again. Same key, other body: 422.", max_length = 200),
), request_body = ShipmentInput, responses(
    (status = 201, description = "The shipment", body = Shipment, headers(("Location" = String))),
    (status = 400, description = "No Idempotency-Key, or a body that is not a shipment"),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not ship"),
    (status = 404, description = "No such order, or not the caller's to see"),
    (status = 409, description = "The order's status ships nothing"),
    (status = 422, description = "Fields refused, each named (lines.2.quantity: more than remains)"),
))]
pub async fn create(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(key) = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string) else {
        return super::problem::bad_request("the Idempotency-Key header is required");
    };
    let input: ShipmentInput = match parse_body(&body) {
        Ok(i) => i,
        Err(r) => return *r,
    };
    match service::create(&state.db, &actor, id, &input, &key).await {
        Ok(s) => (StatusCode::CREATED, [(header::LOCATION, format!("/api/v1/shipments/{}", s.id))], Json(s)).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

/// Staff: record a step of a shipment's journey.
#[utoipa::path(post, path = "/shipments/{id}/events", tag = "shipments", security(("bearer" = [])), params(("id" = i64, Path, description = "The shipment's id")),
    request_body = TrackingInput, responses(
    (status = 200, description = "The shipment, with its new state", body = Shipment),
    (status = 400, description = "A body that is not a tracking event"),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not ship"),
    (status = 404, description = "No such shipment, or not the caller's to see"),
    (status = 422, description = "Fields refused, each named (an exception without its reason, a time in the future)"),
))]
pub async fn record(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, body: Bytes) -> Response {
    let input: TrackingInput = match parse_body(&body) {
        Ok(i) => i,
        Err(r) => return *r,
    };
    match service::record(&state.db, &actor, id, &input).await {
        Ok(s) => Json(s).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

/// Carriers to ship with (staff who ship).
#[utoipa::path(get, path = "/carriers", tag = "shipments", security(("bearer" = [])), responses(
    (status = 200, description = "The carriers", body = Vec<Carrier>),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not ship"),
))]
pub async fn carriers(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<Json<Vec<Carrier>>, Problem> {
    Ok(Json(service::carriers(&state.db, &actor).await?))
}

/// Carrier events whose tracking number matched no shipment, newest first (staff who ship).
#[utoipa::path(get, path = "/carrier-events/parked", tag = "shipments", security(("bearer" = [])), responses(
    (status = 200, description = "The parked events", body = Vec<ParkedEvent>),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not ship"),
))]
pub async fn parked(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<Json<Vec<ParkedEvent>>, Problem> {
    Ok(Json(service::parked(&state.db, &actor).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CarrierEventAnswer {
    /// `applied` (a new event), `duplicate` (this event id was received
    /// before; nothing changed) or `parked` (no shipment has the tracking
    /// number; kept for staff).
    outcome: &'static str,
}

/// A carrier's tracking event. Signed, not authenticated by a token:
/// `X-Keyport-Timestamp` (seconds since the epoch, within 5 minutes of the
/// server's clock) and `X-Keyport-Signature: sha256=<hex HMAC-SHA256 of
/// "{timestamp}.{raw body}" under the carrier's secret>`. Idempotent by
/// `event_id`; events may arrive in any order.
#[utoipa::path(post, path = "/carriers/{carrier}/events", tag = "carrier webhook", params(
    ("carrier" = String, Path, description = "The carrier's code", max_length = 40),
    ("X-Keyport-Timestamp" = String, Header, description = "Seconds since the epoch when the call was signed"),
    ("X-Keyport-Signature" = String, Header, description = "sha256=<64 hex digits>"),
), request_body = CarrierEvent, responses(
    (status = 202, description = "Received: applied, a duplicate, or parked", body = CarrierEventAnswer),
    (status = 400, description = "The body is not a carrier event"),
    (status = 401, description = "Unknown carrier, missing or bad signature, or a timestamp outside the window"),
    (status = 413, description = "Over 16 KiB"),
    (status = 422, description = "Fields out of bounds (ids, texts, a time in the future, an exception without its reason)"),
))]
pub async fn webhook(State(state): State<AppState>, Path(carrier): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let (timestamp, signature) = (header(webhook::TIMESTAMP_HEADER), header(webhook::SIGNATURE_HEADER));
    match service::ingest(&state.db, &carrier, timestamp.as_deref(), signature.as_deref(), &body).await {
        Ok(outcome) => {
            let outcome = match outcome {
                Ingested::Applied => "applied",
                Ingested::Duplicate => "duplicate",
                Ingested::Parked => "parked",
            };
            (StatusCode::ACCEPTED, Json(CarrierEventAnswer { outcome })).into_response()
        }
        Err(AppError::BadRequest) => super::problem::bad_request("the body is not a carrier event (see CarrierEvent in the API document)"),
        // a carrier has no session: say what is wrong in its terms
        Err(AppError::Unauthenticated) => super::problem::plain(StatusCode::UNAUTHORIZED, "unknown carrier, or a missing, wrong or stale signature"),
        Err(e) => Problem(e).into_response(),
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamQuery {
    /// Resume after this event id (what `Last-Event-ID` says; the header wins).
    after: Option<i64>,
}

/// Server-sent events: every committed domain event in the caller's scope
/// (`data: {"kind", "order_id", "subject_id"}`, `id:` the event's id), as
/// it happens, on whichever node it happened. Send `Last-Event-ID` to
/// resume; a `reload` event means "read afresh, some were missed".
#[utoipa::path(get, path = "/events", tag = "events", security(("bearer" = [])), params(StreamQuery, ("Last-Event-ID" = Option<String>, Header, description = "The last event id received")), responses(
    (status = 200, description = "The stream", content_type = "text/event-stream", body = String),
    (status = 401, description = "No valid token"),
))]
pub async fn events(State(state): State<AppState>, ApiActor(actor): ApiActor, Query(q): Query<StreamQuery>, headers: HeaderMap) -> Response {
    let last = crate::live::last_event_id(&headers).or(q.after);
    crate::live::stream(&state, &actor, last).await.unwrap_or_else(|e| Problem(e).into_response())
}
