//! The caller's notifications over REST: always the caller's own.

use super::shared::parse_body;
use super::{ApiActor, Problem};
use app::notifications::server::service;
use app::notifications::{Inbox, Settings};
use app::server::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// The `next` of the previous page.
    before: Option<i64>,
}

/// The caller's notifications, newest first, with the unread count.
#[utoipa::path(get, path = "/notifications", tag = "notifications", security(("bearer" = [])), params(InboxQuery), responses(
    (status = 200, description = "A page of the inbox", body = Inbox),
    (status = 401, description = "No valid token"),
))]
pub async fn inbox(State(state): State<AppState>, ApiActor(actor): ApiActor, Query(q): Query<InboxQuery>) -> Result<Json<Inbox>, Problem> {
    Ok(Json(service::inbox(&state.db, &actor, q.before).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Unread {
    unread: i64,
}

/// Mark one notification read.
#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications", security(("bearer" = [])), params(("id" = i64, Path, description = "The notification's id")), responses(
    (status = 200, description = "The unread count after", body = Unread),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such notification of the caller's"),
))]
pub async fn read(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<Json<Unread>, Problem> {
    Ok(Json(Unread { unread: service::mark_read(&state.db, &actor, Some(id)).await? }))
}

/// Mark every notification read.
#[utoipa::path(post, path = "/notifications/read-all", tag = "notifications", security(("bearer" = [])), responses(
    (status = 200, description = "The unread count after (0)", body = Unread),
    (status = 401, description = "No valid token"),
))]
pub async fn read_all(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<Json<Unread>, Problem> {
    Ok(Json(Unread { unread: service::mark_read(&state.db, &actor, None).await? }))
}

/// The kinds the caller chose not to receive.
#[utoipa::path(get, path = "/notifications/settings", tag = "notifications", security(("bearer" = [])), responses(
    (status = 200, description = "The settings", body = Settings),
    (status = 401, description = "No valid token"),
))]
pub async fn settings(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<Json<Settings>, Problem> {
    Ok(Json(service::settings(&state.db, &actor).await?))
}

/// Replace the kinds the caller chose not to receive.
#[utoipa::path(put, path = "/notifications/settings", tag = "notifications", security(("bearer" = [])), request_body = Settings, responses(
    (status = 200, description = "The settings saved", body = Settings),
    (status = 401, description = "No valid token"),
    (status = 422, description = "More kinds than there are"),
))]
pub async fn save_settings(State(state): State<AppState>, ApiActor(actor): ApiActor, body: Bytes) -> Response {
    let settings: Settings = match parse_body(&body) {
        Ok(s) => s,
        Err(r) => return *r,
    };
    match service::set_settings(&state.db, &actor, &settings).await {
        Ok(s) => Json(s).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}
