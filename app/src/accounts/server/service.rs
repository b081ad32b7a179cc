//! The accounts service: who may see and change accounts, sites and users.
//! Server functions and REST handlers both call these functions.

use super::store;
use crate::accounts::rules::{check_text, validate_account, validate_invite, validate_site};
use crate::accounts::{Account, AccountDetail, AccountInput, Invitation, InviteInput, Role, Site, SiteInput, User};
use crate::auth::server::{api_token, session, token};
use crate::error::{AppError, Checks, Invalid};
use crate::server::cache::Forget;
use crate::server::db::db_error;
use crate::server::{now, request::Actor, Db};

/// How long an invitation link stays good.
pub const INVITE_SECS: i64 = 7 * 24 * 3600;

/// An account with its sites, and its users for those who manage them.
pub async fn detail(db: &Db, actor: &Actor, account_id: i64) -> Result<AccountDetail, AppError> {
    let scope = actor.scope();
    let account = store::account(db, scope, account_id).await?.ok_or(AppError::NotFound)?;
    let account = for_viewer(actor, account);
    let sites = store::sites(db, scope, account_id).await?;
    let users = if matches!(actor.role(), Role::CustomerAdmin | Role::StaffAdmin) { store::users(db, scope, Some(account_id)).await? } else { Vec::new() };
    Ok(AccountDetail { account, sites, users })
}

/// The signed-in customer's own account.
pub async fn my_account(db: &Db, actor: &Actor) -> Result<AccountDetail, AppError> {
    let id = actor.user.account.as_ref().map(|a| a.id).ok_or(AppError::NotFound)?;
    detail(db, actor, id).await
}

/// Accounts the actor may see: all for staff, their own for a customer.
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<Account>, AppError> {
    Ok(store::accounts(db, actor.scope()).await?.into_iter().map(|a| for_viewer(actor, a)).collect())
}

/// An account as this actor may see it: without its credit limit for
/// planners and support agents.
fn for_viewer(actor: &Actor, mut account: Account) -> Account {
    if !actor.sees_money() {
        account.credit_limit = None;
    }
    account
}

/// Creates (`id` None) or edits an account. Staff admin only.
pub async fn save(db: &Db, actor: &Actor, id: Option<i64>, input: &AccountInput) -> Result<i64, AppError> {
    actor.require(actor.role().manages_accounts())?;
    let valid = validate_account(input)?;
    let mut tx = db.begin().await?;
    if let Some(am) = valid.account_manager_id {
        if store::active_role(&mut tx, am).await?.as_deref() != Some(Role::AccountManager.as_str()) {
            return Err(AppError::field("account_manager_id", Invalid::NotAllowed));
        }
    }
    let id = store::save_account(&mut tx, id, &valid).await?;
    tx.commit().await.map_err(db_error)?;
    db.forget(Forget::Account(id)).await;
    Ok(id)
}

/// May the actor change this account's sites and users?
fn manages_account(actor: &Actor, account_id: i64) -> bool {
    match actor.role() {
        Role::StaffAdmin => true,
        Role::CustomerAdmin => actor.user.account.as_ref().is_some_and(|a| a.id == account_id),
        _ => false,
    }
}

/// Adds (`site_id` None) or edits a delivery site of an account.
pub async fn save_site(db: &Db, actor: &Actor, account_id: i64, site_id: Option<i64>, input: &SiteInput) -> Result<i64, AppError> {
    // Look the account up in scope first: another tenant's id is "not found".
    store::account(db, actor.scope(), account_id).await?.ok_or(AppError::NotFound)?;
    actor.require(manages_account(actor, account_id))?;
    let site = validate_site(input)?;
    let id = store::save_site(db, account_id, site_id, &site).await?;
    db.forget(Forget::Sites(account_id)).await;
    Ok(id)
}

pub async fn set_site_active(db: &Db, actor: &Actor, site_id: i64, active: bool) -> Result<Site, AppError> {
    let site = store::site(db, actor.scope(), site_id).await?.ok_or(AppError::NotFound)?;
    actor.require(manages_account(actor, site.account_id))?;
    store::set_site_active(db, site_id, active).await?;
    db.forget(Forget::Sites(site.account_id)).await;
    Ok(Site { active, ..site })
}

/// Invites a user: to the actor's own account (customer admin), to a given
/// account or to the staff (staff admin). Returns the one-time link.
pub async fn invite(db: &Db, actor: &Actor, account_id: Option<i64>, input: &InviteInput, origin: &str) -> Result<Invitation, AppError> {
    let account_id = match actor.role() {
        Role::CustomerAdmin => actor.user.account.as_ref().map(|a| a.id),
        Role::StaffAdmin => account_id,
        _ => return Err(AppError::Forbidden),
    };
    if let Some(id) = account_id {
        store::account(db, actor.scope(), id).await?.ok_or(AppError::NotFound)?;
    }
    let (email, name, role) = validate_invite(actor.role(), account_id.is_some(), input)?;
    let link_token = token::new_token();
    let link = format!("{origin}/invite/{link_token}");
    // An address already in use is said so only where the inviter can see
    // its user anyway (their own account, or the staff for the staff
    // admin). Elsewhere the answer looks like any other invitation and its
    // link opens nothing, so inviting cannot probe who else is a customer.
    if let Some(holder) = store::email_holder(db, &email).await? {
        if holder == account_id {
            return Err(AppError::field("email", Invalid::Taken));
        }
        tracing::info!(by = actor.user.id, "invitation for an address registered elsewhere answered without a user");
        return Ok(Invitation { email, link });
    }
    store::insert_invited(db, account_id, &email, &name, role, &token::hash(&link_token), now() + INVITE_SECS).await?;
    Ok(Invitation { email, link })
}

/// The first staff administrator of a real installation (the server's
/// `create-admin` command): a pending invitation; returns the link's token.
/// Nobody signs in with a known password, and the link is shown only to
/// whoever runs the command on the server.
pub async fn bootstrap_admin(db: &Db, email: &str, name: &str) -> Result<String, AppError> {
    let input = InviteInput { email: email.to_string(), name: name.to_string(), role: Role::StaffAdmin.as_str().to_string() };
    let (email, name, role) = validate_invite(Role::StaffAdmin, false, &input)?;
    let link_token = token::new_token();
    store::insert_invited(db, None, &email, &name, role, &token::hash(&link_token), now() + INVITE_SECS).await?;
    tracing::info!(email = %email, "staff administrator created by the create-admin command");
    Ok(link_token)
}

/// Finds a user the actor may manage, or "not found" / "forbidden".
async fn managed_user(db: &Db, actor: &Actor, user_id: i64) -> Result<User, AppError> {
    let user = store::user(db, actor.scope(), user_id).await?.ok_or(AppError::NotFound)?;
    let allowed = match user.account_id {
        Some(account_id) => manages_account(actor, account_id),
        None => actor.role() == Role::StaffAdmin,
    };
    actor.require(allowed)?;
    Ok(user)
}

/// Renames a user or changes their role (within the actor's grantable roles).
pub async fn update_user(db: &Db, actor: &Actor, user_id: i64, name: &str, role: &str) -> Result<User, AppError> {
    let user = managed_user(db, actor, user_id).await?;
    let role = Role::parse(role).filter(|r| actor.role().grantable().contains(r) && r.is_staff() == user.role.is_staff());
    // Nobody demotes themselves out of the admin role by accident.
    let self_demotion = user.id == actor.user.id && role != Some(user.role);
    Checks::new().check("name", check_text(name, 120)).check("role", if role.is_none() || self_demotion { Err(Invalid::Role) } else { Ok(()) }).finish()?;
    let role = role.expect("checked above");
    store::update_user(db, user_id, name.trim(), role).await?;
    db.forget(Forget::User(user_id)).await;
    Ok(User { name: name.trim().to_string(), role, ..user })
}

/// Disables (ending every session at once) or re-enables a user.
pub async fn set_user_active(db: &Db, actor: &Actor, user_id: i64, active: bool) -> Result<User, AppError> {
    let user = managed_user(db, actor, user_id).await?;
    if user.id == actor.user.id {
        return Err(AppError::field("active", Invalid::NotAllowed));
    }
    let mut tx = db.begin().await?;
    store::set_user_active(&mut tx, user_id, active).await?;
    if !active {
        session::delete_for_user(&mut *tx, user_id, None).await?;
        // a token must not outlive the person it was made by
        let revoked = api_token::revoke_all(&mut *tx, user_id).await?;
        tracing::info!(user_id, by = actor.user.id, tokens_revoked = revoked, "user disabled; sessions ended, API tokens revoked");
    }
    tx.commit().await.map_err(db_error)?;
    db.forget(Forget::User(user_id)).await;
    Ok(User { active, ..user })
}

/// The staff users (for the staff admin; account managers for pickers).
pub async fn staff(db: &Db, actor: &Actor) -> Result<Vec<User>, AppError> {
    actor.require(actor.role().is_staff())?;
    store::users(db, actor.scope(), None).await
}
