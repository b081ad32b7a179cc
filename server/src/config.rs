//! Command-line flags and environment variables (`server --help`).

use clap::Parser;
use std::net::SocketAddr;

#[derive(Debug, Clone, Parser)]
#[command(name = "keyport", about = "Keyport: the key account portal")]
pub struct Config {
    /// Database: `sqlite://path/file.db` (default, embedded) or `postgres://user@host/db`.
    #[arg(long, env = "KEYPORT_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Folder for the SQLite database and uploaded files.
    #[arg(long, env = "KEYPORT_DATA_DIR", default_value = "data")]
    pub data_dir: String,

    /// Address to listen on.
    #[arg(long, env = "KEYPORT_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Folder with the built site (`pkg/` with the WASM, JS and CSS, and public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Mark cookies Secure and send HSTS (set when served over https).
    #[arg(long, env = "KEYPORT_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Public origin, e.g. `https://portal.example.com`, for invitation links
    /// and the cross-origin check; default: the request's Host.
    #[arg(long, env = "KEYPORT_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,

    /// Trust `X-Forwarded-For` for the client address (only behind your own proxy).
    #[arg(long, env = "KEYPORT_TRUST_PROXY")]
    pub trust_proxy: bool,

    /// Production start: never seed demo data (no known passwords).
    #[arg(long, env = "KEYPORT_NO_DEMO")]
    pub no_demo: bool,

    /// Sign a session out after this many minutes without a request.
    #[arg(long, env = "KEYPORT_SESSION_IDLE_MINUTES", default_value_t = 480)]
    pub session_idle_minutes: i64,

    /// Sign a session out this many hours after sign-in, regardless.
    #[arg(long, env = "KEYPORT_SESSION_MAX_HOURS", default_value_t = 168)]
    pub session_max_hours: i64,

    /// Log filter, e.g. `info` or `server=debug,sqlx=warn`.
    #[arg(long, env = "KEYPORT_LOG", default_value = "info")]
    pub log_level: String,

    /// Log as JSON lines (for log collectors) instead of text.
    #[arg(long, env = "KEYPORT_LOG_JSON")]
    pub log_json: bool,
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}/keyport.db", self.data_dir.trim_end_matches('/')))
    }
}
