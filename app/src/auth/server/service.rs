//! The sign-in service: the one place that decides who gets a session.

use super::{api_token, password, rate_limit, session, store, token};
use crate::accounts::rules::{check_new_password, normalize_email, PASSWORD_MAX};
use crate::error::{AppError, Checks, Invalid};
use crate::limits::{check_optional_text, EMAIL_MAX};
use crate::server::{db::db_error, request::Actor, Db, Settings};

/// Where a sign-in came from, for the rate limit and the session record.
pub struct Client<'a> {
    pub ip: &'a str,
    pub user_agent: &'a str,
}

/// Checks the password and starts a new session; returns its token.
pub async fn sign_in(db: &Db, settings: &Settings, email: &str, pass: &str, client: &Client<'_>) -> Result<String, AppError> {
    let user_id = verify(db, email, pass, client).await?;
    session::create(db.writer(), settings, user_id, client.ip, client.user_agent).await
}

/// Checks an e-mail and password (for a session or an API token); returns
/// the user's id. Attempts are throttled per e-mail and client (see
/// `rate_limit`), and answered the same way whether the address exists or not.
pub async fn verify(db: &Db, email: &str, pass: &str, client: &Client<'_>) -> Result<i64, AppError> {
    let email = normalize_email(email);
    Checks::new()
        .check("email", if email.is_empty() { Err(Invalid::Required) } else { check_optional_text(&email, EMAIL_MAX) })
        .check("password", if pass.is_empty() { Err(Invalid::Required) } else { check_optional_text(pass, PASSWORD_MAX) })
        .finish()?;
    let attempt = rate_limit::attempt(db, &rate_limit::sign_in_limits(&email, client.ip)).await?;
    let (user_id, stored) = match store::credentials(db, &email).await? {
        Some((id, hash)) => (Some(id), hash),
        None => (None, None),
    };
    match user_id {
        Some(id) if password::verify(pass.to_string(), stored).await => {
            attempt.succeeded(db).await?;
            Ok(id)
        }
        _ => {
            attempt.failed();
            Err(AppError::BadCredentials)
        }
    }
}

/// Checks the signed-in user's own password again (before a password
/// change or a new API token), under its own back-off.
pub async fn reauthenticate(db: &Db, actor: &Actor, current: &str, field: &str) -> Result<(), AppError> {
    if current.is_empty() {
        return Err(AppError::field(field, Invalid::Required));
    }
    let attempt = rate_limit::attempt(db, &rate_limit::password_check_limits(actor.user.id)).await?;
    let stored = store::password_hash(db, actor.user.id).await?;
    if password::verify(current.chars().take(PASSWORD_MAX).collect(), stored).await {
        attempt.succeeded(db).await
    } else {
        attempt.failed();
        Err(AppError::field(field, Invalid::WrongCurrentPassword))
    }
}

/// Changes the signed-in user's password, signs out their other sessions
/// and revokes their API tokens (whoever knew the old password may have
/// made one).
pub async fn change_password(db: &Db, actor: &Actor, current: &str, new: &str, confirm: &str) -> Result<(), AppError> {
    check_new_password(new, confirm)?;
    reauthenticate(db, actor, current, "current").await?;
    let hash = password::hash(new.to_string()).await?;
    let mut tx = db.begin().await?;
    store::set_password(&mut tx, actor.user.id, &hash).await?;
    session::delete_for_user(&mut *tx, actor.user.id, Some(&actor.session_id)).await?;
    let revoked = api_token::revoke_all(&mut *tx, actor.user.id).await?;
    tx.commit().await.map_err(db_error)?;
    db.forget(crate::server::cache::Forget::User(actor.user.id)).await;
    tracing::info!(user_id = actor.user.id, tokens_revoked = revoked, "password changed; other sessions ended, API tokens revoked");
    Ok(())
}

/// The e-mail address an invitation is for, if the link is still good.
pub async fn invitation_email(db: &Db, invite_token: &str) -> Result<String, AppError> {
    store::invited_email(db, &token::hash(invite_token)).await?.ok_or(AppError::InvitationInvalid)
}

/// Sets the invited user's password, spends the link, and signs them in.
pub async fn accept_invitation(db: &Db, settings: &Settings, invite_token: &str, new: &str, confirm: &str, client: &Client<'_>) -> Result<String, AppError> {
    check_new_password(new, confirm)?;
    let hash = password::hash(new.to_string()).await?;
    let mut tx = db.begin().await?;
    let user_id = store::spend_invitation(&mut tx, &token::hash(invite_token), &hash).await?.ok_or(AppError::InvitationInvalid)?;
    let session = session::create(&mut *tx, settings, user_id, client.ip, client.user_agent).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(session)
}
