use super::Db;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Settings that change how the server behaves; set by flags and environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark cookies `Secure` (serve over https).
    pub secure_cookies: bool,
    /// A session ends after this long without a request.
    pub session_idle_secs: i64,
    /// A session ends this long after sign-in, whatever happens.
    pub session_max_secs: i64,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy you run).
    pub trust_proxy: bool,
    /// Behind `trust_proxy`: the proxies' own addresses, skipped from the
    /// right of `X-Forwarded-For` to find the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The public origin (`https://portal.example.com`) for links in invitations
    /// and the cross-origin check; when unset, the request's Host is used.
    pub public_origin: Option<String>,
    /// Demo mode: demo data was seeded and the sign-in page shows the demo hint.
    pub demo: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            secure_cookies: false,
            session_idle_secs: 8 * 3600,
            session_max_secs: 7 * 24 * 3600,
            trust_proxy: false,
            trusted_proxies: Vec::new(),
            public_origin: None,
            demo: false,
        }
    }
}

/// What every request handler and server function can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    /// Where attached files' bytes live (see `attachments::server::storage`).
    pub files: crate::attachments::server::Files,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
