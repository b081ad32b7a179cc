//! Server functions answer every error with status 500 by themselves; this
//! middleware gives each [`AppError`] its real status (401, 403, 404, 422,
//! 429, ...) in one place, so no server function has to remember to. The
//! browser's server-function client reads any 4xx/5xx body as the error.

use app::error::AppError;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;

/// Error bodies are small; anything larger is not an `AppError`.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn server_fn_status(req: Request, next: Next) -> Response {
    let is_server_fn = req.uri().path().starts_with("/sf/");
    let res = next.run(req).await;
    if !is_server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Every error answer speaks the caller's format: under `/api/` it is
/// `application/problem+json` even when axum itself refused the request (a
/// bad path or query parameter, a wrong content type, a body over the
/// limit); a server function over the body limit gets the app's own JSON
/// error, which the browser translates.
pub async fn error_format(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let content_type = res.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    if path.starts_with("/api/") && !content_type.starts_with("application/problem+json") {
        let (parts, body) = res.into_parts();
        let detail = to_bytes(body, MAX_ERROR_BODY).await.map(|b| String::from_utf8_lossy(&b).trim().to_string()).unwrap_or_default();
        let mut problem = crate::api::problem::plain(parts.status, &detail);
        for name in [http::header::RETRY_AFTER, http::header::ALLOW] {
            if let Some(v) = parts.headers.get(&name) {
                problem.headers_mut().insert(name, v.clone());
            }
        }
        return problem;
    }
    if path.starts_with("/sf/") && status == StatusCode::PAYLOAD_TOO_LARGE {
        let body = serde_json::to_string(&AppError::PayloadTooLarge).unwrap_or_default();
        return (status, [(http::header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    res
}

/// One cap on every request body, server functions and REST alike
/// (axum's own limit applies only to its extractors; Leptos' server
/// functions read the raw body). A body over the cap, announced or not, is
/// answered 413 before any handler runs; `error_format` words the answer.
pub async fn body_limit(req: Request, next: Next) -> Response {
    let max = app::limits::body_max(req.uri().path());
    // Leptos' multipart decoding panics on a body without a boundary: such
    // a request is refused here, as the malformed body it is
    if app::limits::MULTIPART_SERVER_FNS.contains(&req.uri().path()) {
        let content_type = req.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        if multer::parse_boundary(content_type).is_err() {
            let body = serde_json::to_string(&AppError::field("body", app::error::Invalid::NotAllowed)).unwrap_or_default();
            return (StatusCode::BAD_REQUEST, [(http::header::CONTENT_TYPE, "application/json")], body).into_response();
        }
    }
    let announced = req.headers().get(http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > max as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = req.into_parts();
    match to_bytes(body, max).await {
        Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(_) => StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    }
}
