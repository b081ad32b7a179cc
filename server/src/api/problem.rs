//! Errors of the REST API as `application/problem+json` (RFC 9457), built
//! from the one `AppError` the services return. Every problem is a
//! [`ProblemBody`], the type the API document describes.

use app::error::AppError;
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};
use serde::Serialize;

pub struct Problem(pub AppError);

impl From<AppError> for Problem {
    fn from(e: AppError) -> Self {
        Problem(e)
    }
}

/// A problem (RFC 9457).
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = Problem)]
pub struct ProblemBody {
    /// `https://keyport.example/problems/<Kind>`
    #[serde(rename = "type")]
    kind: String,
    title: String,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    /// The fields refused, for 422.
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<FieldProblem>>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    /// The field as the request names it: `lines.0.quantity`.
    field: String,
    /// Why, as a code (`TooLarge`, `Required`, …).
    reason: String,
    /// Why, in English.
    detail: String,
}

impl ProblemBody {
    fn new(kind: &str, title: &str, status: StatusCode) -> Self {
        ProblemBody { kind: format!("https://keyport.example/problems/{kind}"), title: title.to_string(), status: status.as_u16(), detail: None, errors: None }
    }

    fn into_response(self, status: StatusCode) -> Response {
        let body = serde_json::to_string(&self).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response()
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
        let mut body = ProblemBody::new(kind.as_deref().unwrap_or("error"), &title, status);
        if let AppError::Invalid(errors) = &self.0 {
            let reason = |e: &app::error::FieldError| serde_json::to_value(e.reason).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            body.errors = Some(errors.iter().map(|e| FieldProblem { field: e.field.clone(), reason: reason(e), detail: app::i18n::EN.invalid(e.reason).to_string() }).collect());
        }
        let mut res = body.into_response(status);
        if let AppError::RateLimited { retry_after_secs } = &self.0 {
            if let Ok(v) = retry_after_secs.to_string().parse() {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        res
    }
}

/// A problem that is not an `AppError`: a missing header, a malformed body.
pub fn bad_request(detail: &str) -> Response {
    let mut body = ProblemBody::new("BadRequest", "Bad request", StatusCode::BAD_REQUEST);
    body.detail = Some(detail.to_string());
    body.into_response(StatusCode::BAD_REQUEST)
}

/// A problem for an error that did not come from a service (axum's own
/// rejections, the body limit): the status's own title, the text as detail.
pub fn plain(status: StatusCode, detail: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let kind: String = title.split_whitespace().collect();
    let mut body = ProblemBody::new(&kind, title, status);
    if !detail.is_empty() {
        body.detail = Some(detail.chars().take(500).collect());
    }
    body.into_response(status)
}
