use super::{ApiActor, Problem};
use app::auth::server::{api_token, service};
use app::server::request::ClientIp;
use app::server::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use http::StatusCode;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct TokenRequest {
    email: String,
    password: String,
    #[serde(default)]
    name: String,
    /// Days until the token expires (1–365; default 90).
    expires_in_days: Option<i64>,
}

/// `POST /auth/token`: e-mail and password for a bearer token (shown once).
/// Subject to the same rate limit as signing in.
pub async fn issue(State(state): State<AppState>, Extension(ip): Extension<ClientIp>, body: Result<Json<TokenRequest>, axum::extract::rejection::JsonRejection>) -> Response {
    let Ok(Json(req)) = body else { return super::problem::bad_request("expected JSON: {\"email\", \"password\", \"name\"}") };
    let client = service::Client { ip: &ip.0, user_agent: "api" };
    let issued = async {
        let user_id = service::verify(&state.db, &req.email, &req.password, &client).await?;
        api_token::issue(&state.db, user_id, &req.name, req.expires_in_days).await
    };
    match issued.await {
        Ok(t) => (StatusCode::CREATED, Json(json!({"id": t.id, "token": t.token, "token_type": "Bearer", "expires_at": t.expires_at}))).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

/// `GET /auth/tokens`: the caller's live tokens (never their secrets).
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<Response, Problem> {
    Ok(Json(json!({"tokens": api_token::list(&state.db, &actor).await?})).into_response())
}

/// `DELETE /auth/tokens/{id}`: revokes one of the caller's tokens.
pub async fn revoke(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<StatusCode, Problem> {
    api_token::revoke(&state.db, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
