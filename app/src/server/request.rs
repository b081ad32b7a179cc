//! Who is asking: the signed-in user of this request, found once from the
//! session cookie and kept for the rest of the request.
//!
//! This is where tenant isolation starts: [`Actor::scope`] is the only way a
//! service learns whose data it may touch, and every store query of customer
//! data takes that scope.

use super::AppState;
use crate::accounts::{Me, Role};
use crate::auth::server::session;
use crate::error::AppError;
use http::request::Parts;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// The signed-in user behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: Me,
    /// The session's id (hash of its token), so "sign out" and "sign out
    /// everywhere else" know which one this is.
    pub session_id: String,
}

/// Whose data a request may read or write.
///
/// The staff rule: an account manager works the accounts assigned to them
/// (reads and acts); the staff admin, planners and support agents read
/// every account — planners and support without prices or credit limits
/// ([`Actor::sees_money`]) — and what each may *do* is limited by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A customer: exactly one account.
    Account(i64),
    /// An account manager (this user id): the accounts assigned to them.
    Managed(i64),
    /// Other staff: every account.
    AllAccounts,
}

/// The store's condition for [`Scope::manager_filter`], on an account id
/// column: `managed_by("o.account_id", 3)`.
pub fn managed_by(column: &str, placeholder: usize) -> String {
    format!("(${placeholder} IS NULL OR {column} IN (SELECT id FROM accounts WHERE account_manager_id = ${placeholder}))")
}

/// The whole scope as a condition on an account id column, taking two
/// placeholders from `first`: bind [`Scope::account_filter`] then
/// [`Scope::manager_filter`].
pub fn scoped(column: &str, first: usize) -> String {
    format!("(${first} IS NULL OR {column} = ${first}) AND {}", managed_by(column, first + 1))
}

impl Scope {
    /// The value bound to `($n IS NULL OR account_id = $n)` in store queries.
    pub fn account_filter(self) -> Option<i64> {
        match self {
            Scope::Account(id) => Some(id),
            Scope::Managed(_) | Scope::AllAccounts => None,
        }
    }

    /// The value bound to [`managed_by`]'s placeholder: the manager whose
    /// accounts alone are in scope.
    pub fn manager_filter(self) -> Option<i64> {
        match self {
            Scope::Managed(user_id) => Some(user_id),
            Scope::Account(_) | Scope::AllAccounts => None,
        }
    }

    /// A supplier-side scope.
    pub fn is_staff(self) -> bool {
        !matches!(self, Scope::Account(_))
    }
}

impl Actor {
    /// Builds the actor from a user row joined with its (optional) account,
    /// as both session and API-token lookups read it. `None` for an unknown role.
    pub fn from_row(user_id: i64, email: String, name: String, role: &str, account: (Option<i64>, Option<String>, Option<String>), session_id: String) -> Option<Actor> {
        let role = Role::parse(role)?;
        let account = match account {
            (Some(id), Some(code), Some(name)) => Some(crate::accounts::AccountBrief { id, code, name }),
            _ => None,
        };
        Some(Actor { user: Me { id: user_id, email, name, role, account }, session_id })
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    pub fn scope(&self) -> Scope {
        match (&self.user.account, self.role()) {
            (Some(account), _) => Scope::Account(account.id),
            (None, Role::AccountManager) => Scope::Managed(self.user.id),
            (None, _) => Scope::AllAccounts,
        }
    }

    /// Prices, order values and credit limits: not for planners and support
    /// agents, whose work needs quantities and dates only.
    pub fn sees_money(&self) -> bool {
        self.role().sees_money()
    }

    pub fn require(&self, allowed: bool) -> Result<(), AppError> {
        if allowed {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The client's address, put into the request by the server's middleware.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

/// A per-request memo of the session lookup (pages call several server
/// functions while rendering; they share one lookup).
#[derive(Clone, Default)]
pub struct ActorCache(Arc<Mutex<Option<Option<Actor>>>>);

pub fn state() -> AppState {
    expect_context::<AppState>()
}

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| AppError::internal("request parts", "not in context"))
}

/// Reads one cookie from request headers.
pub fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub fn client_ip(parts: &Parts) -> String {
    parts.extensions.get::<ClientIp>().map(|ip| ip.0.clone()).unwrap_or_else(|| "unknown".into())
}

pub fn user_agent(parts: &Parts) -> String {
    parts.headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").chars().take(300).collect()
}

/// The signed-in user, if any.
pub async fn current_actor() -> Result<Option<Actor>, AppError> {
    let cache = use_context::<ActorCache>();
    if let Some(cache) = &cache {
        if let Some(found) = cache.0.lock().map_err(|e| AppError::internal("actor memo", e))?.clone() {
            return Ok(found);
        }
    }
    let parts = parts()?;
    let state = state();
    let found = match cookie(&parts.headers, session::cookie_name(&state.settings)) {
        Some(token) => session::lookup(&state.db, &state.settings, &token).await?,
        None => None,
    };
    if let Some(cache) = cache {
        *cache.0.lock().map_err(|e| AppError::internal("actor memo", e))? = Some(found.clone());
    }
    Ok(found)
}

/// The signed-in user, or "not signed in".
pub async fn actor() -> Result<Actor, AppError> {
    current_actor().await?.ok_or(AppError::Unauthenticated)
}

/// Forgets the memo (after sign-in or sign-out within the same request).
pub fn forget_actor() {
    if let Some(cache) = use_context::<ActorCache>() {
        if let Ok(mut slot) = cache.0.lock() {
            *slot = None;
        }
    }
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(value: String) {
    if let (Some(options), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&value)) {
        options.append_header(http::header::SET_COOKIE, value);
    }
}

pub fn request_parts() -> Result<Parts, AppError> {
    parts()
}

/// The origin links in e-mails and invitations should point to.
pub fn public_origin(parts: &Parts) -> String {
    if let Some(origin) = &state().settings.public_origin {
        return origin.trim_end_matches('/').to_string();
    }
    let host = parts.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1:3000");
    let scheme = if state().settings.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}
