//! `server simulate-carrier`: plays a carrier against a running portal. It
//! posts each shipment's journey to the webhook, one signed step at a time
//! — what a carrier's system would send — so the demo and the browser
//! tests watch shipments move through the real path (signature, idempotency,
//! live updates). Plain HTTP/1.1 to the portal's own address: it is a
//! development tool, not a client for the open internet.

use app::shipments::server::demo::demo_secret;
use app::shipments::server::webhook::{self, CarrierEvent};
use app::shipments::TrackingKind;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Debug, Clone, clap::Args)]
pub struct Simulation {
    /// The portal's address.
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    pub url: String,
    /// The carrier's code.
    #[arg(long, default_value = "sf-express")]
    pub carrier: String,
    /// The carrier's webhook secret (default: the demo carrier's).
    #[arg(long, env = "KEYPORT_CARRIER_SECRET")]
    pub secret: Option<String>,
    /// Tracking numbers of the shipments to move (one or more).
    #[arg(long, required = true, num_args = 1..)]
    pub tracking: Vec<String>,
    /// Seconds between two steps.
    #[arg(long, default_value_t = 2.0)]
    pub interval: f64,
    /// Stop at an exception halfway instead of delivering.
    #[arg(long)]
    pub exception: bool,
    /// Send every step twice, the second time out of order (a carrier retrying).
    #[arg(long)]
    pub repeat: bool,
}

/// The journey the simulator plays, with the place of each step.
const STEPS: [(TrackingKind, &str); 5] = [
    (TrackingKind::PickedUp, "Suzhou plant 苏州工厂"),
    (TrackingKind::InTransit, "G60 Expressway 沪昆高速"),
    (TrackingKind::AtHub, "Jiaxing hub 嘉兴转运中心"),
    (TrackingKind::OutForDelivery, "Local depot 本地网点"),
    (TrackingKind::Delivered, "Receiving dock 收货码头"),
];

pub async fn run(sim: &Simulation) -> Result<(), Box<dyn std::error::Error>> {
    let secret = sim.secret.clone().unwrap_or_else(|| demo_secret(&sim.carrier));
    let run_id = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut sent = Vec::new();
    for (i, (kind, place)) in STEPS.iter().enumerate() {
        let (kind, note) = if sim.exception && i == 2 { (TrackingKind::Exception, "Damaged pallet held for inspection 托盘破损,待检") } else { (*kind, "") };
        for tracking in &sim.tracking {
            let event = CarrierEvent {
                event_id: format!("sim-{run_id}-{tracking}-{i}"),
                tracking_number: tracking.clone(),
                kind,
                at: time::OffsetDateTime::now_utc(),
                place: place.to_string(),
                note: note.to_string(),
                eta: None,
            };
            let body = serde_json::to_vec(&event)?;
            let outcome = post(sim, &secret, &body).await?;
            println!("{tracking}: {} → {outcome}", kind.as_str());
            sent.push(body);
        }
        if kind == TrackingKind::Exception {
            break;
        }
        if i + 1 < STEPS.len() {
            tokio::time::sleep(Duration::from_secs_f64(sim.interval.max(0.0))).await;
        }
    }
    if sim.repeat {
        // a carrier retrying: every call again, newest first
        for body in sent.iter().rev() {
            println!("retry → {}", post(sim, &secret, body).await?);
        }
    }
    Ok(())
}

/// Posts one signed event; the portal's answer (`applied`, `duplicate`, `parked`).
async fn post(sim: &Simulation, secret: &str, body: &[u8]) -> Result<String, Box<dyn std::error::Error>> {
    let address = sim.url.trim_start_matches("http://").trim_end_matches('/');
    let ts = time::OffsetDateTime::now_utc().unix_timestamp();
    let signature = webhook::sign(secret, ts, body);
    let head = format!(
        "POST /api/v1/carriers/{}/events HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{}: {ts}\r\n{}: {signature}\r\nConnection: close\r\n\r\n",
        sim.carrier,
        body.len(),
        webhook::TIMESTAMP_HEADER,
        webhook::SIGNATURE_HEADER,
    );
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await?;
    let status = answer.split_whitespace().nth(1).unwrap_or("?").to_string();
    let json = answer.split("\r\n\r\n").nth(1).unwrap_or("");
    if status != "202" {
        return Err(format!("the portal answered {status}: {json}").into());
    }
    let outcome = serde_json::from_str::<serde_json::Value>(json.trim()).ok().and_then(|v| v["outcome"].as_str().map(str::to_string));
    Ok(outcome.unwrap_or_else(|| "?".into()))
}
