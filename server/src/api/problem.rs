//! Errors of the REST API as `application/problem+json` (RFC 9457), built
//! from the one `AppError` the services return.

use app::error::AppError;
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};
use serde_json::json;

pub struct Problem(pub AppError);

impl From<AppError> for Problem {
    fn from(e: AppError) -> Self {
        Problem(e)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        // The English texts double as the API's titles: one source of words.
        let title = app::i18n::EN.error(&self.0);
        let kind = serde_json::to_value(&self.0).ok().and_then(|v| match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Object(m) => m.keys().next().cloned(),
            _ => None,
        });
        let mut body = json!({
            "type": format!("https://keyport.example/problems/{}", kind.as_deref().unwrap_or("error")),
            "title": title,
            "status": status.as_u16(),
        });
        if let AppError::Invalid(errors) = &self.0 {
            body["errors"] = json!(errors.iter().map(|e| json!({"field": e.field, "reason": e.reason, "detail": app::i18n::EN.invalid(e.reason)})).collect::<Vec<_>>());
        }
        if let AppError::RateLimited { retry_after_secs } = &self.0 {
            let mut res = (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response();
            if let Ok(v) = retry_after_secs.to_string().parse() {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return res;
        }
        (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
    }
}

/// A problem that is not an `AppError`: a missing header, a malformed body.
pub fn bad_request(detail: &str) -> Response {
    let body = json!({"type": "https://keyport.example/problems/BadRequest", "title": "Bad request", "status": 400, "detail": detail});
    (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
}

/// A problem for an error that did not come from a service (axum's own
/// rejections, the body limit): the status's own title, the text as detail.
pub fn plain(status: StatusCode, detail: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let kind: String = title.split_whitespace().collect();
    let mut body = json!({"type": format!("https://keyport.example/problems/{kind}"), "title": title, "status": status.as_u16()});
    if !detail.is_empty() {
        body["detail"] = json!(detail.chars().take(500).collect::<String>());
    }
    (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
}
