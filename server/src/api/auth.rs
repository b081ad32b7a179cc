use super::{ApiActor, Problem};
use app::auth::server::api_token::TokenInfo;
use app::auth::server::{api_token, service};
use app::server::request::ClientIp;
use app::server::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use http::StatusCode;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    #[schema(max_length = 254)]
    email: String,
    #[schema(max_length = 200)]
    password: String,
    /// What the token is for, as its list shows it.
    #[serde(default)]
    #[schema(max_length = 80)]
    name: String,
    /// Days until the token expires (default 90).
    #[schema(minimum = 1, maximum = 365)]
    expires_in_days: Option<i64>,
}

/// A token as issued: the secret is shown this once.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenIssued {
    id: i64,
    token: String,
    /// Always `Bearer`.
    token_type: String,
    /// Seconds since the epoch.
    expires_at: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenList {
    tokens: Vec<TokenInfo>,
}

/// Exchange e-mail and password for a bearer token (rate limited like sign-in).
#[utoipa::path(post, path = "/auth/token", tag = "auth", request_body = TokenRequest, responses(
    (status = 201, description = "The token (shown once)", body = TokenIssued),
    (status = 401, description = "Wrong e-mail or password"),
    (status = 422, description = "A field out of bounds"),
    (status = 429, description = "Too many failed attempts; see Retry-After", headers(("Retry-After" = u64, description = "Seconds to wait"))),
))]
pub async fn issue(State(state): State<AppState>, Extension(ip): Extension<ClientIp>, body: Result<Json<TokenRequest>, axum::extract::rejection::JsonRejection>) -> Response {
    let Ok(Json(req)) = body else { return super::problem::bad_request("expected JSON: {\"email\", \"password\", \"name\"}") };
    let client = service::Client { ip: &ip.0, user_agent: "api" };
    let issued = async {
        let user_id = service::verify(&state.db, &req.email, &req.password, &client).await?;
        api_token::issue(&state.db, user_id, &req.name, req.expires_in_days).await
    };
    match issued.await {
        Ok(t) => (StatusCode::CREATED, Json(TokenIssued { id: t.id, token: t.token, token_type: "Bearer".into(), expires_at: t.expires_at })).into_response(),
        Err(e) => Problem(e).into_response(),
    }
}

/// The caller's live tokens (never their secrets).
#[utoipa::path(get, path = "/auth/tokens", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, description = "Tokens without their secrets", body = TokenList),
    (status = 401, description = "No valid token"),
))]
pub async fn list(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<Json<TokenList>, Problem> {
    Ok(Json(TokenList { tokens: api_token::list(&state.db, &actor).await? }))
}

/// Revoke one of the caller's tokens.
#[utoipa::path(delete, path = "/auth/tokens/{id}", tag = "auth", security(("bearer" = [])), params(("id" = i64, Path, description = "The token's id")), responses(
    (status = 204, description = "Revoked"),
    (status = 401, description = "No valid token"),
    (status = 404, description = "No such token of the caller's"),
))]
pub async fn revoke(State(state): State<AppState>, ApiActor(actor): ApiActor, Path(id): Path<i64>) -> Result<StatusCode, Problem> {
    api_token::revoke(&state.db, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
