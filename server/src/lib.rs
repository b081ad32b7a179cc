//! The Keyport server: configuration, the router (pages, server functions,
//! health, static files) and its middleware. `main.rs` starts it; tests
//! build the same router on a fresh database.

pub mod api;
pub mod config;
pub mod errors;
pub mod live;
pub mod request_log;
pub mod security;
pub mod simulator;

use app::i18n::{Lang, LANG_COOKIE};
use app::server::request::ActorCache;
use app::server::{AppState, Db, Settings};
use app::{shell, App};
use axum::body::Body;
use axum::extract::{Form, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::{header, StatusCode};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Leptos' options, built from our config rather than read from Cargo.toml,
/// so the release binary runs from anywhere.
pub fn leptos_options(site_root: &str, addr: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder().output_name("keyport").site_root(site_root).site_pkg_dir("pkg").site_addr(addr).env(leptos::config::Env::PROD).build()
}

pub fn state(db: Db, settings: Settings, leptos_options: LeptosOptions, files: app::attachments::server::Files) -> AppState {
    AppState { db, settings: Arc::new(settings), leptos_options, files }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(ActorCache::default());
        }
    };
    let app_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/lang", post(switch_language))
        .route("/live", get(live::pages))
        .route("/files/{id}", get(file))
        .nest("/api/v1", api::router())
        .leptos_routes_with_context(&state, routes, context, app_shell)
        .fallback(static_or_not_found)
        .layer(axum::middleware::from_fn(errors::server_fn_status))
        .layer(axum::extract::DefaultBodyLimit::max(app::limits::UPLOAD_BODY_MAX_BYTES))
        .layer(axum::middleware::from_fn(errors::body_limit))
        .layer(axum::middleware::from_fn(errors::error_format))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::guard))
        .layer(axum::middleware::from_fn(request_log::request_log))
        .with_state(state)
}

/// A file for the pages, by the session's cookie (`/api/v1/files/{id}`
/// serves integrations by token): only within the reader's accounts.
async fn file(State(state): State<AppState>, axum::extract::Path(id): axum::extract::Path<i64>, headers: http::HeaderMap) -> Response {
    match page_actor(&state, &headers).await {
        Ok(actor) => api::quality::download(&state, &actor, id).await,
        Err(e) => api::Problem(e).into_response(),
    }
}

/// The signed-in user of a page's own request (not a server function),
/// by the session cookie.
pub async fn page_actor(state: &AppState, headers: &http::HeaderMap) -> Result<app::server::Actor, app::error::AppError> {
    let token = app::server::request::cookie(headers, app::auth::server::session::cookie_name(&state.settings)).ok_or(app::error::AppError::Unauthenticated)?;
    app::auth::server::session::lookup(&state.db, &state.settings, &token).await?.ok_or(app::error::AppError::Unauthenticated)
}

/// Ready when the database answers.
async fn ready(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        "ready".into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

#[derive(serde::Deserialize)]
struct LangForm {
    lang: String,
    back: Option<String>,
}

/// Remembers the chosen language for a year and returns to the same page.
async fn switch_language(State(state): State<AppState>, Form(form): Form<LangForm>) -> Response {
    let lang = Lang::parse(&form.lang).unwrap_or(Lang::En);
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", lang.code());
    let back = app::auth::safe_next(form.back.as_deref());
    (StatusCode::SEE_OTHER, [(header::SET_COOKIE, cookie), (header::LOCATION, back)]).into_response()
}

/// Static files (precompressed `.br`/`.gz` beside them when present), else
/// the app's "not found" page.
async fn static_or_not_found(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let probe = Request::from_parts(parts.clone(), Body::empty());
    let files = ServeDir::new(&*state.leptos_options.site_root).precompressed_br().precompressed_gzip();
    match files.oneshot(probe).await {
        Ok(res) if res.status() != StatusCode::NOT_FOUND => res.into_response(),
        _ => {
            let options = state.leptos_options.clone();
            let handler = leptos_axum::render_app_to_stream(move || shell(options.clone()));
            handler(Request::from_parts(parts, Body::empty())).await.into_response()
        }
    }
}
