use app::accounts::server as accounts;
use app::server::{seed, Db, Settings};
use axum::serve::ListenerExt;
use clap::Parser;
use server::config::{Command, Config};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Instant;

/// See server/Cargo.toml: glibc's malloc was a quarter of a page's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    init_logs(&config);
    match run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "keyport stopped");
            eprintln!("keyport: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    // the simulator talks to a running portal over HTTP, never to its database
    if let Some(Command::SimulateCarrier(sim)) = &config.command {
        return server::simulator::run(sim).await;
    }
    let url = config.database_url();
    let db = Db::connect(&url).await.map_err(|e| format!("cannot open database {}: {e}", redact(&url)))?;
    db.migrate().await.map_err(|e| format!("migration failed: {e}"))?;
    if let Some(Command::AddCarrier { code, name }) = &config.command {
        let secret = app::shipments::server::service::add_carrier(&db, code, name).await.map_err(|e| format!("cannot add the carrier: {e:?}"))?;
        println!("Carrier {code} added. Its webhook secret (shown once; give it to the carrier):");
        println!("  {secret}");
        return Ok(());
    }
    if let Some(Command::CreateAdmin { email, name }) = &config.command {
        let token = accounts::service::bootstrap_admin(&db, email, name).await.map_err(|e| format!("cannot create the administrator: {e:?}"))?;
        let origin = config.public_origin.clone().unwrap_or_else(|| format!("http://{}", config.listen));
        println!("Staff administrator {email} created. Open this link within 7 days to set the password (it works once):");
        println!("  {}/invite/{token}", origin.trim_end_matches('/'));
        return Ok(());
    }
    let files = app::attachments::server::Files::open(&config.files())?;
    let demo = config.demo;
    if demo {
        if seed::seed_demo(&db).await.map_err(|e| format!("seeding demo data failed: {e}"))? {
            tracing::info!("seeded demo data");
        }
        if app::server::seed_history::seed_history(&db).await.map_err(|e| format!("seeding demo history failed: {e}"))? {
            tracing::info!("seeded demo order history");
        }
        if app::changes::server::demo::seed_changes(&db).await.map_err(|e| format!("seeding demo change requests failed: {e}"))? {
            tracing::info!("seeded demo change requests");
        }
        if app::shipments::server::demo::seed_shipments(&db).await.map_err(|e| format!("seeding demo shipments failed: {e}"))? {
            tracing::info!("seeded demo carriers and shipments");
        }
        if app::planning::server::service::seed_plans(&db).await.map_err(|e| format!("seeding demo plans failed: {e}"))? {
            tracing::info!("seeded demo production plans");
        }
        if app::rates::server::demo::seed_rates(&db).await.map_err(|e| format!("seeding demo rates failed: {e}"))? {
            tracing::info!("seeded demo rates, zones and product weights");
        }
        if app::quality::server::demo::seed_inspections(&db, &files).await.map_err(|e| format!("seeding demo inspections failed: {e}"))? {
            tracing::info!("seeded demo quality inspections");
        }
    } else if seed::has_demo_users(&db).await.map_err(|e| format!("cannot read users: {e}"))? {
        // their password is in the README: a production start must not serve them
        return Err("this database holds the demo users, whose password is public: start with --demo, or use a database without them".into());
    } else if seed::has_no_users(&db).await.map_err(|e| format!("cannot read users: {e}"))? {
        println!("No users yet. Create the first administrator with: server create-admin --email <e-mail> --name <name>");
    }
    for warning in config.warnings() {
        tracing::warn!("{warning}");
    }
    let settings = Settings {
        secure_cookies: config.secure_cookies,
        session_idle_secs: config.session_idle_minutes * 60,
        session_max_secs: config.session_max_hours * 3600,
        trust_proxy: config.trust_proxy,
        trusted_proxies: config.trusted_proxies.clone(),
        public_origin: config.public_origin.clone(),
        demo,
    };
    spawn_purge(db.clone(), settings.clone());
    app::server::live::start(&db, &url);
    let options = server::leptos_options(&config.site_root, config.listen);
    tracing::info!(files = %files.location, "file store");
    let app = server::router(server::state(db, settings, options, files));

    // Without TCP_NODELAY, streamed responses stall ~40 ms on keep-alive connections.
    let listener = tokio::net::TcpListener::bind(config.listen).await.map_err(|e| format!("cannot listen on {}: {e}", config.listen))?.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tracing::info!(address = %config.listen, database = %redact(&url), ready_ms = started.elapsed().as_millis() as u64, "keyport ready");
    println!("Keyport is running at http://{}/", config.listen);
    if demo {
        println!("Demo sign-ins (password {}):", seed::DEMO_PASSWORD);
        for (email, _, role, account) in seed::DEMO_USERS {
            println!("  {email:<26} {role:<16} {}", account.unwrap_or("staff"));
        }
    }
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Purges expired sessions, old idempotency keys and sign-in attempts every
/// ten minutes (see `app::server::purge`).
fn spawn_purge(db: Db, settings: Settings) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            match app::server::purge::purge(&db, &settings).await {
                Ok(p) => tracing::debug!(sessions = p.sessions, idempotency_keys = p.idempotency_keys, sign_in_attempts = p.sign_in_attempts, "purged"),
                Err(e) => tracing::warn!(error = ?e, "purge failed"),
            }
        }
    });
}

fn init_logs(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log_level).unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if config.log_json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// A database URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}
