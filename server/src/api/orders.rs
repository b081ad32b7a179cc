use super::problem::bad_request;
use super::{ApiActor, Problem};
use app::error::{AppError, Invalid};
use app::orders::paste::parse_date;
use app::orders::server::service;
use app::orders::{CounterProposal, LineQuantity, Order, OrderFilter, OrderInput, OrderSort, OrderStatus};
use app::server::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{header, HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::json;
use sha2_free::{etag_of, etag_of_json};

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    search: Option<String>,
    account_id: Option<i64>,
    site_id: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    sort: Option<String>,
    cursor: Option<String>,
}

/// `GET /orders`: filtered and sorted (newest first unless asked), a page at
/// a time (`next_cursor`).
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor, Query(q): Query<ListQuery>) -> Result<Response, Problem> {
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(OrderStatus::parse(s).ok_or_else(|| AppError::field("status", Invalid::NotAllowed))?),
    };
    let sort = match q.sort.as_deref() {
        None | Some("") => OrderSort::default(),
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
    Ok(Json(json!({"orders": page.orders, "next_cursor": page.next})).into_response())
}

/// `GET /orders/{id}` with an `ETag`; `If-None-Match` answers 304.
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

fn parse_body<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, Box<Response>> {
    serde_json::from_slice(body).map_err(|e| Box::new(bad_request(&format!("invalid JSON body: {e}"))))
}

/// `POST /orders`: creates a draft. `Idempotency-Key` is required: the same
/// key with the same body answers with the first response again (kept with
/// the key when the order was created), never a second order; with another
/// body, 422.
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
    let created = async { service::create_keyed(&state.db, &actor, &input, &key).await };
    match created.await {
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

/// `POST /orders/feasibility`: the live check, creating nothing.
pub async fn feasibility(State(state): State<AppState>, ApiActor(actor): ApiActor, body: Bytes) -> Response {
    let input: OrderInput = match parse_body(&body) {
        Ok(i) => i,
        Err(r) => return *r,
    };
    match service::check(&state.db, &actor, &input).await {
        Ok(report) => Json(json!({
            "submittable": report.submittable(),
            "dates_feasible": report.dates_feasible(),
            "over_credit": report.over_credit(),
            "report": report,
        }))
        .into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

#[derive(Deserialize, Default)]
struct ActionBody {
    promised_date: Option<String>,
    date: Option<String>,
    message: Option<String>,
    reason: Option<String>,
    #[serde(default)]
    quantities: Vec<LineQuantity>,
}

fn date_field(text: Option<&str>, field: &str) -> Result<Option<time::Date>, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => parse_date(t).map(Some).ok_or_else(|| AppError::field(field, Invalid::NotAllowed)),
    }
}

/// `POST /orders/{id}/{action}`: submit, confirm, counter, reject,
/// accept-counter, decline-counter, cancel, start-production. With
/// `If-Match`, the order must still be as the caller saw it (else 412).
pub async fn act(State(state): State<AppState>, ApiActor(actor): ApiActor, Path((id, action)): Path<(i64, String)>, headers: HeaderMap, body: Bytes) -> Response {
    let b: ActionBody = if body.is_empty() {
        ActionBody::default()
    } else {
        match parse_body(&body) {
            Ok(b) => b,
            Err(r) => return *r,
        }
    };
    let db = &state.db;
    let result = async {
        if let Some(expected) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) {
            let current = service::get(db, &actor, id).await?;
            if etag_of(&current) != expected {
                return Err(AppError::PreconditionFailed);
            }
        }
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let order = match action.as_str() {
            "submit" => service::submit(db, &actor, id).await?,
            "confirm" => service::confirm(db, &actor, id, date_field(b.promised_date.as_deref(), "promised_date")?, &text(&b.message)).await?,
            "counter" => {
                let proposal = CounterProposal { date: date_field(b.date.as_deref(), "date")?, quantities: b.quantities.clone(), message: text(&b.message) };
                service::counter(db, &actor, id, &proposal).await?
            }
            "reject" => service::reject(db, &actor, id, &text(&b.reason)).await?,
            "accept-counter" => service::accept_counter(db, &actor, id).await?,
            "decline-counter" => service::decline_counter(db, &actor, id, &text(&b.reason)).await?,
            "cancel" => service::cancel(db, &actor, id, &text(&b.reason)).await?,
            "start-production" => service::start_production(db, &actor, id).await?,
            _ => return Err(AppError::NotFound),
        };
        Ok(order)
    };
    match result.await {
        Ok(order) => with_etag(StatusCode::OK, order),
        Err(e) => Problem(e).into_response(),
    }
}

/// ETags: a fingerprint of the order's representation.
mod sha2_free {
    use std::hash::{Hash, Hasher};

    /// A strong ETag from the order's JSON (FNV-1a: stable across processes and nodes).
    pub fn etag_of(order: &app::orders::Order) -> String {
        etag_of_json(&serde_json::to_vec(order).unwrap_or_default())
    }

    /// The same ETag, from the order's JSON as serialized.
    pub fn etag_of_json(json: &[u8]) -> String {
        let mut h = Fnv(0xcbf29ce484222325);
        json.hash(&mut h);
        format!("\"{:016x}\"", h.0)
    }

    struct Fnv(u64);
    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for b in bytes {
                self.0 ^= u64::from(*b);
                self.0 = self.0.wrapping_mul(0x100000001b3);
            }
        }
    }
}
