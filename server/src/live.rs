//! The event stream: every committed domain event in the caller's scope,
//! as server-sent events, as it happens (see `app::server::live` for how
//! events travel between nodes). Pages open `/live` with their session
//! cookie; integrations open `/api/v1/events` with a token. A reconnecting
//! client sends `Last-Event-ID` (browsers do it themselves) and first gets
//! what it missed, from the outbox.
//!
//! Each stream holds one broadcast receiver and a small buffer: a stream
//! costs a few kilobytes, not a task per event (docs/benchmarks.md).

use app::error::AppError;
use app::server::db::db_error;
use app::server::live::Signal;
use app::server::request::{Actor, Scope};
use app::server::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use http::HeaderMap;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// Events a reconnecting client gets from the outbox at most; further
/// back, it is told to read afresh.
pub const CATCH_UP_MAX: i64 = 500;

/// Which accounts' events a caller may hear of.
#[derive(Clone)]
enum Heard {
    All,
    Accounts(Vec<i64>),
}

impl Heard {
    fn hears(&self, account_id: i64) -> bool {
        match self {
            Heard::All => true,
            Heard::Accounts(ids) => ids.contains(&account_id),
        }
    }
}

async fn heard(state: &AppState, actor: &Actor) -> Result<Heard, AppError> {
    Ok(match actor.scope() {
        Scope::Account(id) => Heard::Accounts(vec![id]),
        Scope::AllAccounts => Heard::All,
        Scope::Managed(user_id) => {
            Heard::Accounts(sqlx::query_scalar("SELECT id FROM accounts WHERE account_manager_id = $1 LIMIT 1000").bind(user_id).fetch_all(&state.db.pool).await.map_err(db_error)?)
        }
    })
}

/// `Last-Event-ID`: where a reconnecting stream left off.
pub fn last_event_id(headers: &HeaderMap) -> Option<i64> {
    headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok())
}

fn event(s: &Signal) -> Event {
    let data = serde_json::json!({ "kind": s.kind, "order_id": s.order_id, "subject_id": s.subject_id });
    Event::default().id(s.id.to_string()).data(data.to_string())
}

/// What a page does when it may have missed something: read again.
fn reload() -> Event {
    Event::default().data(r#"{"kind":"reload","order_id":null,"subject_id":null}"#)
}

struct Stream_ {
    backlog: VecDeque<Event>,
    receiver: tokio::sync::broadcast::Receiver<Signal>,
    heard: Heard,
    /// The last event id sent from the outbox: live signals up to it are repeats.
    after: i64,
}

/// The stream for `actor`, resuming after `last` when given.
pub async fn stream(state: &AppState, actor: &Actor, last: Option<i64>) -> Result<Response, AppError> {
    let heard = heard(state, actor).await?;
    // listen first, then read the outbox: nothing falls between the two
    let receiver = state.db.live.subscribe();
    let mut backlog = VecDeque::new();
    let mut after = 0;
    if let Some(last) = last {
        let rows: Vec<Signal> = sqlx::query_as("SELECT id, kind, account_id, order_id, subject_id FROM domain_events WHERE id > $1 ORDER BY id LIMIT $2")
            .bind(last)
            .bind(CATCH_UP_MAX + 1)
            .fetch_all(&state.db.pool)
            .await
            .map_err(db_error)?;
        if rows.len() as i64 > CATCH_UP_MAX {
            backlog.push_back(reload());
        }
        for signal in rows.into_iter().take(CATCH_UP_MAX as usize) {
            after = signal.id;
            if heard.hears(signal.account_id) {
                backlog.push_back(event(&signal));
            }
        }
    }
    let events = stream::unfold(Stream_ { backlog, receiver, heard, after }, |mut s| async move {
        loop {
            if let Some(e) = s.backlog.pop_front() {
                return Some((Ok::<Event, Infallible>(e), s));
            }
            match s.receiver.recv().await {
                Ok(signal) if signal.id > s.after && s.heard.hears(signal.account_id) => return Some((Ok(event(&signal)), s)),
                Ok(_) => continue,
                // too slow to keep up: some were dropped, so read afresh
                Err(RecvError::Lagged(_)) => return Some((Ok(reload()), s)),
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Ok(sse(events))
}

fn sse(events: impl Stream<Item = Result<Event, Infallible>> + Send + 'static) -> Response {
    // proxies and browsers drop an idle connection: a comment every 15 s keeps it
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}

/// `GET /live`: the pages' stream, for the session's user.
pub async fn pages(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match crate::page_actor(&state, &headers).await {
        Ok(actor) => stream(&state, &actor, last_event_id(&headers)).await.unwrap_or_else(|e| crate::api::Problem(e).into_response()),
        Err(e) => crate::api::Problem(e).into_response(),
    }
}
