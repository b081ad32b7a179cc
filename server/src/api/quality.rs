//! Quality inspections and files over REST: the same services as the
//! pages' server functions. An inspection is posted as
//! `multipart/form-data` — the page's form fields, and the certificate as
//! the file part `certificate`.

use super::{ApiActor, Problem};
use app::attachments::server::{form, service as files};
use app::quality::server::{form_input, service};
use app::quality::{Inspection, OrderInspections};
use app::server::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{header, HeaderMap, StatusCode};

/// An order's quality inspections, newest first, each with its certificate's link.
#[utoipa::path(get, path = "/orders/{id}/inspections", tag = "quality", security(("bearer" = [])), params(("id" = i64, Path, description = "The order's id")), responses(
    (status = 200, description = "The inspections", body = OrderInspections),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such order, or not the caller's to see"),
))]
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<Json<OrderInspections>, Problem> {
    Ok(Json(service::for_order(&state.db, &actor, id).await?))
}

/// The multipart form of an inspection (the order page posts the same fields).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct InspectionUpload {
    /// One of the order's SKUs, or blank for the whole order.
    #[schema(max_length = 40)]
    sku: Option<String>,
    #[schema(max_length = 60)]
    lot: Option<String>,
    /// YYYY-MM-DD, not in the future.
    #[schema(format = Date)]
    inspected_on: String,
    #[schema(minimum = 1, maximum = 1_000_000)]
    sample_size: i64,
    /// `pass` or `fail`.
    #[schema(pattern = "^(pass|fail)$")]
    result: String,
    #[schema(min_length = 1, max_length = 80)]
    inspector: String,
    #[schema(max_length = 1000)]
    note: Option<String>,
    /// Defective units per kind: `defects.dimensional`, `defects.surface`, `defects.function`, `defects.material`, `defects.packaging`, `defects.labeling`.
    #[schema(rename = "defects.surface", minimum = 0, maximum = 1_000_000)]
    defects_surface: Option<i64>,
    /// The certificate: PDF, PNG, JPEG or WebP (by content), at most 8 MiB.
    #[schema(value_type = Option<String>, format = Binary)]
    certificate: Option<Vec<u8>>,
}

/// Planners: record an inspection, with its certificate. `Idempotency-Key`
/// is required: the same key and form give the first inspection again.
#[utoipa::path(post, path = "/orders/{id}/inspections", tag = "quality", security(("bearer" = [])), params(
    ("id" = i64, Path, description = "The order's id"),
    ("Idempotency-Key" = String, Header, description = "Same key and form: the same inspection again. Same key, other form: 422.", max_length = 200),
), request_body(content = InspectionUpload, content_type = "multipart/form-data"), responses(
    (status = 201, description = "The inspection", body = Inspection),
    (status = 400, description = "No Idempotency-Key, or a body that is not a multipart form"),
    (status = 401, description = "No valid token"),
    (status = 403, description = "The caller does not record inspections"),
    (status = 404, description = "No such order, or not the caller's to see"),
    (status = 409, description = "The order has no goods to inspect (not confirmed, or closed)"),
    (status = 413, description = "The body is over the cap"),
    (status = 422, description = "Fields refused, each named (certificate: not a PDF or image; defects: more than the sample)"),
))]
pub async fn record(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>, headers: HeaderMap, body: Bytes) -> Response {
    // who may record, before the body is read
    if !app::quality::may_record(actor.role()) {
        return Problem(app::error::AppError::Forbidden).into_response();
    }
    let Some(key) = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string) else {
        return super::problem::bad_request("the Idempotency-Key header is required");
    };
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !content_type.starts_with("multipart/form-data") {
        return super::problem::bad_request("the body must be multipart/form-data");
    }
    let upload = async {
        let multipart = form::from_bytes(content_type, body)?;
        let form = form::read(multipart, "certificate").await?;
        let input = form_input(&form)?;
        service::record(&state.db, &state.files, &actor, id, input, form.file, &key).await
    };
    match upload.await {
        Ok(i) => (StatusCode::CREATED, Json(i)).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

/// A file (a QC certificate, ...) of an account the caller sees, with its
/// type, `Content-Disposition: attachment` and `nosniff`. Another
/// account's file is 404, as is one that does not exist.
#[utoipa::path(get, path = "/files/{id}", tag = "quality", security(("bearer" = [])), params(("id" = i64, Path, description = "The file's id")), responses(
    (status = 200, description = "The file's bytes, with the type read from them at upload", content(
        (String = "application/pdf"), (String = "image/png"), (String = "image/jpeg"), (String = "image/webp")
    )),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such file, or not the caller's to see"),
))]
pub async fn file(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Response {
    download(&state, &actor, id).await
}

/// The download both doors serve (`/files/{id}` for pages, by cookie).
pub async fn download(state: &AppState, actor: &app::server::Actor, id: i64) -> Response {
    match files::open(&state.db, &state.files, actor, id).await {
        Ok((attachment, bytes)) => {
            let mut res = Response::new(Body::from(bytes));
            for (name, value) in files::download_headers(&attachment) {
                if let Ok(v) = http::HeaderValue::from_str(&value) {
                    res.headers_mut().insert(name, v);
                }
            }
            res
        }
        Err(e) => Problem(e).into_response(),
    }
}
