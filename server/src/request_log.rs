//! One line per request (method, path, status, latency, request id) and an
//! `x-request-id` on every response, so a user's report ("it said internal
//! error at 10:42") leads to the log line. An id sent by a proxy in front is
//! kept when it looks like one; otherwise a fresh one is made.
//!
//! Server errors are logged here, once each, with the request's context;
//! the site that produced one logs its cause (for instance `db_error`).

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;
use std::time::Instant;
use tracing::Instrument;

pub const HEADER: &str = "x-request-id";

/// A caller's id is kept only if it is short and plain.
fn acceptable(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn new_id() -> String {
    app::auth::server::token::new_token()[..16].to_string()
}

pub async fn request_log(req: Request, next: Next) -> Response {
    let id = req.headers().get(HEADER).and_then(|v| v.to_str().ok()).filter(|v| acceptable(v)).map(str::to_string).unwrap_or_else(new_id);
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let started = Instant::now();
    let span = tracing::info_span!("request", request_id = %id);
    let mut res = next.run(req).instrument(span).await;
    let status = res.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    if res.status().is_server_error() {
        tracing::error!(request_id = %id, %method, %path, status, latency_ms, "request failed");
    } else {
        tracing::info!(request_id = %id, %method, %path, status, latency_ms, "request");
    }
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(HEADER, v);
    }
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_ids_are_kept() {
        assert!(super::acceptable("3f2a9c1e-77aa-4b1c"));
        for bad in ["short", "has space in it", "line\nbreak-0000", &"x".repeat(65)] {
            assert!(!super::acceptable(bad), "{bad:?}");
        }
        assert_eq!(super::new_id().len(), 16);
        assert_ne!(super::new_id(), super::new_id());
    }
}
