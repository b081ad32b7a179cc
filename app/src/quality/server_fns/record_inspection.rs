use crate::error::AppError;
use crate::quality::Inspection;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// A planner records an inspection from the order page's form: its fields
/// and, optionally, the certificate file (`certificate`), as
/// `multipart/form-data`, so the form works before the WASM loads too.
/// Safe to repeat: the form carries one idempotency key per inspection.
#[server(prefix = "/sf", endpoint = "record_inspection", input = MultipartFormData)]
pub async fn record_inspection(data: MultipartData) -> Result<Inspection, AppError> {
    use crate::attachments::server::form;
    use crate::quality::server::service;
    use crate::server::request;
    // who may record, before the body is read
    let actor = request::actor().await?;
    actor.require(crate::quality::may_record(actor.role()))?;
    let multipart = data.into_inner().ok_or_else(|| AppError::internal("record_inspection", "no multipart body on the server"))?;
    let form = form::read(multipart, "certificate").await?;
    let order_id = form.text("order_id").trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    let input = crate::quality::server::form_input(&form)?;
    let state = request::state();
    service::record(&state.db, &state.files, &actor, order_id, input, form.file.clone(), form.text("idempotency_key")).await
}
