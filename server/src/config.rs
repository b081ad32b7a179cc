//! Command-line flags and environment variables (`server --help`).

use clap::builder::BoolishValueParser;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;

#[derive(Debug, Clone, Parser)]
#[command(name = "keyport", about = "Keyport: the key account portal")]
pub struct Config {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Database: `sqlite://path/file.db` (default, embedded) or `postgres://user@host/db`.
    #[arg(long, env = "KEYPORT_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Folder for the SQLite database and uploaded files.
    #[arg(long, env = "KEYPORT_DATA_DIR", default_value = "data")]
    pub data_dir: String,

    /// Where uploaded files are kept: a directory (default `<data-dir>/files`)
    /// or `s3://bucket/prefix` in a server built with the `s3` feature.
    #[arg(long, env = "KEYPORT_FILES")]
    pub files: Option<String>,

    /// Address to listen on.
    #[arg(long, env = "KEYPORT_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Folder with the built site (`pkg/` with the WASM, JS and CSS, and public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Mark cookies Secure and send HSTS (set when served over https).
    #[arg(long, env = "KEYPORT_SECURE_COOKIES", value_parser = BoolishValueParser::new())]
    pub secure_cookies: bool,

    /// Public origin, e.g. `https://portal.example.com`, for invitation links
    /// and the cross-origin check; default: the request's Host.
    #[arg(long, env = "KEYPORT_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,

    /// Trust `X-Forwarded-For` for the client address (only behind your own proxy).
    #[arg(long, env = "KEYPORT_TRUST_PROXY", value_parser = BoolishValueParser::new())]
    pub trust_proxy: bool,

    /// With --trust-proxy: addresses of your proxies (comma-separated). The
    /// client is the right-most `X-Forwarded-For` entry that is not one of
    /// them; entries left of it were written by the client and are ignored.
    #[arg(long, env = "KEYPORT_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Demo mode: seed the demo accounts, users (with a published password)
    /// and order history into an empty database. Never for production.
    #[arg(long, env = "KEYPORT_DEMO", value_parser = BoolishValueParser::new())]
    pub demo: bool,

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
    #[arg(long, env = "KEYPORT_LOG_JSON", value_parser = BoolishValueParser::new())]
    pub log_json: bool,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Creates a staff administrator and prints a one-time link (valid 7
    /// days) where they set their password: the first sign-in of a real
    /// installation.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Adds a carrier that sends tracking events to the webhook
    /// (`POST /api/v1/carriers/<code>/events`) and prints its secret.
    AddCarrier {
        /// Lower-case letters, digits and dashes (`sf-express`).
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
    /// Plays a carrier: posts a shipment's journey, signed, to a running
    /// portal's webhook, one step at a time (the demo and the browser tests
    /// use it).
    SimulateCarrier(crate::simulator::Simulation),
}

impl Config {
    /// Settings that work but are probably a mistake, worded for the log.
    pub fn warnings(&self) -> Vec<&'static str> {
        let mut warnings = Vec::new();
        if self.public_origin.as_deref().is_some_and(|o| o.starts_with("https://")) && !self.secure_cookies {
            warnings.push("the public origin is https but --secure-cookies is off: session cookies are not marked Secure");
        }
        if !self.trusted_proxies.is_empty() && !self.trust_proxy {
            warnings.push("--trusted-proxies is set but --trust-proxy is off: X-Forwarded-For is ignored");
        }
        warnings
    }

    pub fn files(&self) -> String {
        self.files.clone().unwrap_or_else(|| format!("{}/files", self.data_dir.trim_end_matches('/')))
    }

    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}/keyport.db", self.data_dir.trim_end_matches('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Environment booleans read as people write them (`KEYPORT_DEMO=1`
    /// once stopped the server with a parse error).
    #[test]
    fn boolean_settings_take_one_yes_and_true() {
        // SAFETY: the only test in this binary that touches these variables.
        for (value, want) in [("1", true), ("yes", true), ("true", true), ("on", true), ("0", false), ("false", false), ("no", false)] {
            unsafe {
                std::env::set_var("KEYPORT_DEMO", value);
                std::env::set_var("KEYPORT_TRUST_PROXY", value);
            }
            let config = Config::try_parse_from(["server"]).unwrap_or_else(|e| panic!("{value}: {e}"));
            assert_eq!((config.demo, config.trust_proxy), (want, want), "{value}");
        }
        unsafe {
            std::env::remove_var("KEYPORT_DEMO");
            std::env::remove_var("KEYPORT_TRUST_PROXY");
        }
        let config = Config::try_parse_from(["server", "--demo", "--trusted-proxies", "10.0.0.1,10.0.0.2"]).unwrap();
        assert!(config.demo);
        assert_eq!(config.trusted_proxies.len(), 2);
        assert!(!Config::try_parse_from(["server"]).unwrap().demo, "demo data is opt-in");
        let config = Config::try_parse_from(["server", "create-admin", "--email", "it@example.com", "--name", "IT"]).unwrap();
        assert!(matches!(config.command, Some(Command::CreateAdmin { .. })));
    }

    #[test]
    fn https_without_secure_cookies_is_warned_about() {
        let config = Config::try_parse_from(["server", "--public-origin", "https://portal.example"]).unwrap();
        assert_eq!(config.warnings().len(), 1);
        assert!(config.warnings()[0].contains("--secure-cookies"));
        let config = Config::try_parse_from(["server", "--public-origin", "https://portal.example", "--secure-cookies"]).unwrap();
        assert!(config.warnings().is_empty());
        assert!(Config::try_parse_from(["server", "--public-origin", "http://127.0.0.1:3000"]).unwrap().warnings().is_empty());
    }
}
