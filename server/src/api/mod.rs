//! The REST API for integrations (ERP, EDI): `/api/v1`, described by
//! `/api/v1/openapi.json` (generated from the handlers: `doc.rs`). Bearer tokens, `Idempotency-Key` on creates,
//! `ETag`/`If-Match` on orders, cursor pagination, `application/problem+json`
//! errors. Every handler calls the same services as the UI's server
//! functions: one behaviour, two doors.

mod auth;
mod changes;
mod doc;
mod notifications;
mod orders;
mod planning;
pub mod problem;
mod products;
pub mod quality;
mod rates;
mod shared;
mod shipments;

use app::auth::server::api_token;
use app::error::AppError;
use app::server::request::Actor;
use app::server::AppState;
use axum::extract::FromRequestParts;
use axum::Router;
use http::request::Parts;
pub use problem::Problem;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// What an unknown route answers (the tests tell it from "no such order").
pub const NO_SUCH_ROUTE: &str = "No such route in /api/v1; see /api/v1/openapi.json.";

/// The routes and their descriptions, registered together: each handler's
/// `#[utoipa::path]` gives both its route and its entry in the document.
fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(doc::ApiDoc::openapi())
        .routes(routes!(auth::issue))
        .routes(routes!(auth::list))
        .routes(routes!(auth::revoke))
        .routes(routes!(products::list))
        .routes(routes!(orders::list, orders::create))
        .routes(routes!(orders::feasibility))
        .routes(routes!(orders::get))
        .routes(routes!(orders::submit))
        .routes(routes!(orders::confirm))
        .routes(routes!(orders::counter))
        .routes(routes!(orders::reject))
        .routes(routes!(orders::accept_counter))
        .routes(routes!(orders::decline_counter))
        .routes(routes!(orders::cancel))
        .routes(routes!(orders::start_production))
        .routes(routes!(changes::list_for_order, changes::create))
        .routes(routes!(changes::preview))
        .routes(routes!(changes::queue))
        .routes(routes!(changes::get))
        .routes(routes!(changes::approve))
        .routes(routes!(changes::reject))
        .routes(routes!(changes::counter))
        .routes(routes!(changes::accept_counter))
        .routes(routes!(changes::withdraw))
        .routes(routes!(changes::rebase))
        .routes(routes!(changes::versions))
        .routes(routes!(changes::version))
        .routes(routes!(changes::diff))
        .routes(routes!(notifications::inbox))
        .routes(routes!(notifications::read))
        .routes(routes!(notifications::read_all))
        .routes(routes!(notifications::settings, notifications::save_settings))
        .routes(routes!(planning::get))
        .routes(routes!(planning::update))
        .routes(routes!(planning::portfolio))
        .routes(routes!(shipments::list))
        .routes(routes!(shipments::get))
        .routes(routes!(shipments::for_order, shipments::create))
        .routes(routes!(shipments::record))
        .routes(routes!(shipments::carriers))
        .routes(routes!(shipments::parked))
        .routes(routes!(shipments::webhook))
        .routes(routes!(shipments::events))
        .routes(routes!(quality::list, quality::record))
        .routes(routes!(quality::file))
        .routes(routes!(rates::list, rates::import))
        .routes(routes!(rates::export))
        .routes(routes!(rates::options))
        .routes(routes!(rates::choose))
        .routes(routes!(doc::document))
}

pub fn router() -> Router<AppState> {
    std::sync::LazyLock::force(&doc::DOCUMENT);
    routes().split_for_parts().0.fallback(|| async { problem::plain(http::StatusCode::NOT_FOUND, NO_SUCH_ROUTE) })
}

/// The API document, as served.
pub fn document() -> serde_json::Value {
    doc::finish(routes().split_for_parts().1)
}

/// The caller, from `Authorization: Bearer <token>`.
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(Problem(AppError::Unauthenticated))?;
        api_token::actor(&state.db, token).await?.map(ApiActor).ok_or(Problem(AppError::Unauthenticated))
    }
}
