//! SQL for accounts, sites and users. Every read of customer data takes a
//! [`Scope`] and filters by it in the query itself, so a customer's request
//! can only ever see rows of its own account.

use crate::accounts::rules::ValidAccount;
use crate::accounts::{Account, Role, Site, SiteInput, Tier, User, UserRef};
use crate::error::AppError;
use crate::money::Money;
use crate::server::db::{db_error, flag, Tx};
use crate::server::request::{scoped, Scope};
use crate::server::{now, Db};

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    code: String,
    name: String,
    tier: String,
    credit_limit_minor: i64,
    currency: String,
    active: i64,
    am_id: Option<i64>,
    am_name: Option<String>,
    am_email: Option<String>,
}

impl From<AccountRow> for Account {
    fn from(r: AccountRow) -> Self {
        let account_manager = match (r.am_id, r.am_name, r.am_email) {
            (Some(id), Some(name), Some(email)) => Some(UserRef { id, name, email }),
            _ => None,
        };
        Account {
            id: r.id,
            code: r.code,
            name: r.name,
            tier: Tier::parse(&r.tier).unwrap_or(Tier::Standard),
            credit_limit: Some(Money::new(r.credit_limit_minor, &r.currency)),
            account_manager,
            active: r.active != 0,
        }
    }
}

const ACCOUNT_SELECT: &str = "SELECT a.id, a.code, a.name, a.tier, a.credit_limit_minor, a.currency, a.active, \
     m.id AS am_id, m.name AS am_name, m.email AS am_email \
     FROM accounts a LEFT JOIN users m ON m.id = a.account_manager_id";

pub async fn account(db: &Db, scope: Scope, id: i64) -> Result<Option<Account>, AppError> {
    let row: Option<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_SELECT} WHERE a.id = $1 AND {}", scoped("a.id", 2)))
        .bind(id)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)?;
    Ok(row.map(Account::from))
}

pub async fn accounts(db: &Db, scope: Scope) -> Result<Vec<Account>, AppError> {
    let rows: Vec<AccountRow> = sqlx::query_as(&format!("{ACCOUNT_SELECT} WHERE {} ORDER BY a.name", scoped("a.id", 1)))
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)?;
    Ok(rows.into_iter().map(Account::from).collect())
}

#[derive(sqlx::FromRow)]
struct SiteRow {
    id: i64,
    account_id: i64,
    name: String,
    address: String,
    contact_name: String,
    contact_phone: String,
    active: i64,
}

impl From<SiteRow> for Site {
    fn from(r: SiteRow) -> Self {
        Site { id: r.id, account_id: r.account_id, name: r.name, address: r.address, contact_name: r.contact_name, contact_phone: r.contact_phone, active: r.active != 0 }
    }
}

const SITE_SELECT: &str = "SELECT id, account_id, name, address, contact_name, contact_phone, active FROM sites";

pub async fn sites(db: &Db, scope: Scope, account_id: i64) -> Result<Vec<Site>, AppError> {
    let rows: Vec<SiteRow> = sqlx::query_as(&format!("{SITE_SELECT} WHERE account_id = $1 AND {} ORDER BY active DESC, name", scoped("account_id", 2)))
        .bind(account_id)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)?;
    Ok(rows.into_iter().map(Site::from).collect())
}

pub async fn site(db: &Db, scope: Scope, id: i64) -> Result<Option<Site>, AppError> {
    let row: Option<SiteRow> = sqlx::query_as(&format!("{SITE_SELECT} WHERE id = $1 AND {}", scoped("account_id", 2)))
        .bind(id)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)?;
    Ok(row.map(Site::from))
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    account_id: Option<i64>,
    email: String,
    name: String,
    role: String,
    active: i64,
    pending: i64,
}

impl UserRow {
    fn into_user(self) -> Option<User> {
        Some(User {
            id: self.id,
            account_id: self.account_id,
            email: self.email,
            name: self.name,
            role: Role::parse(&self.role)?,
            active: self.active != 0,
            pending: self.pending != 0,
        })
    }
}

const USER_SELECT: &str = "SELECT id, account_id, email, name, role, active, \
     CASE WHEN password_hash IS NULL THEN 1 ELSE 0 END AS pending FROM users";

/// Users of one account (scoped), or the staff (`account_id` None; staff scope only).
pub async fn users(db: &Db, scope: Scope, account_id: Option<i64>) -> Result<Vec<User>, AppError> {
    let rows: Vec<UserRow> = match account_id {
        Some(account_id) => sqlx::query_as(&format!("{USER_SELECT} WHERE account_id = $1 AND {} ORDER BY active DESC, name", scoped("account_id", 2)))
            .bind(account_id)
            .bind(scope.account_filter())
            .bind(scope.manager_filter())
            .fetch_all(&db.pool)
            .await
            .map_err(db_error)?,
        // carriers' users record their events; they are nobody's staff
        None if scope.is_staff() => {
            sqlx::query_as(&format!("{USER_SELECT} WHERE account_id IS NULL AND NOT EXISTS (SELECT 1 FROM carriers c WHERE c.user_id = users.id) ORDER BY active DESC, name"))
                .fetch_all(&db.pool)
                .await
                .map_err(db_error)?
        }
        None => Vec::new(),
    };
    Ok(rows.into_iter().filter_map(UserRow::into_user).collect())
}

/// One user; a customer scope sees only users of its own account.
pub async fn user(db: &Db, scope: Scope, id: i64) -> Result<Option<User>, AppError> {
    let row: Option<UserRow> = sqlx::query_as(&format!("{USER_SELECT} WHERE id = $1 AND {}", scoped("account_id", 2)))
        .bind(id)
        .bind(scope.account_filter())
        .bind(scope.manager_filter())
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)?;
    Ok(row.and_then(UserRow::into_user))
}

/// Which account an e-mail address belongs to: `Some(Some(id))` for a
/// customer user, `Some(None)` for staff, `None` when nobody has it.
pub async fn email_holder(db: &Db, email: &str) -> Result<Option<Option<i64>>, AppError> {
    let row: Option<(Option<i64>,)> = sqlx::query_as("SELECT account_id FROM users WHERE email = $1").bind(email).fetch_optional(&db.pool).await.map_err(db_error)?;
    Ok(row.map(|(account,)| account))
}

/// A user who has been invited and has no password yet; `link_hash` is the
/// SHA-256 of their one-time link's token.
pub async fn insert_invited(db: &Db, account_id: Option<i64>, email: &str, name: &str, role: Role, link_hash: &str, expires_at: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO users (account_id, email, name, role, password_hash, active, invite_token_hash, invite_expires_at, created_at) \
         VALUES ($1, $2, $3, $4, NULL, 1, $5, $6, $7)",
    )
    .bind(account_id)
    .bind(email)
    .bind(name)
    .bind(role.as_str())
    .bind(link_hash)
    .bind(expires_at)
    .bind(crate::server::now())
    .execute(db.writer())
    .await
    .map_err(db_error)?;
    Ok(())
}

/// The role of an active user, if any (inside the caller's transaction).
pub async fn active_role(tx: &mut Tx, user_id: i64) -> Result<Option<String>, AppError> {
    sqlx::query_scalar("SELECT role FROM users WHERE id = $1 AND active = 1").bind(user_id).fetch_optional(&mut **tx).await.map_err(db_error)
}

/// Creates (`id` None) or updates an account; returns its id, or "not found".
pub async fn save_account(tx: &mut Tx, id: Option<i64>, a: &ValidAccount) -> Result<i64, AppError> {
    match id {
        None => sqlx::query_scalar(
            "INSERT INTO accounts (code, name, tier, credit_limit_minor, currency, account_manager_id, active, created_at) \
             VALUES ($1, $2, $3, $4, 'CNY', $5, 1, $6) RETURNING id",
        )
        .bind(&a.code)
        .bind(&a.name)
        .bind(a.tier.as_str())
        .bind(a.credit_limit_minor)
        .bind(a.account_manager_id)
        .bind(now())
        .fetch_one(&mut **tx)
        .await
        .map_err(db_error),
        Some(id) => sqlx::query_scalar(
            "UPDATE accounts SET code = $1, name = $2, tier = $3, credit_limit_minor = $4, account_manager_id = $5 \
             WHERE id = $6 RETURNING id",
        )
        .bind(&a.code)
        .bind(&a.name)
        .bind(a.tier.as_str())
        .bind(a.credit_limit_minor)
        .bind(a.account_manager_id)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_error)?
        .ok_or(AppError::NotFound),
    }
}

/// An account's credit limit in minor units.
pub async fn credit_limit(db: &Db, account_id: i64) -> Result<i64, AppError> {
    sqlx::query_scalar("SELECT credit_limit_minor FROM accounts WHERE id = $1").bind(account_id).fetch_one(&db.pool).await.map_err(db_error)
}

/// Adds (`site_id` None) or edits a site of `account_id`; returns its id,
/// or "not found" for a site of another account.
pub async fn save_site(db: &Db, account_id: i64, site_id: Option<i64>, site: &SiteInput) -> Result<i64, AppError> {
    let id: Option<i64> = match site_id {
        None => sqlx::query_scalar(
            "INSERT INTO sites (account_id, name, address, contact_name, contact_phone, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
        )
        .bind(account_id)
        .bind(&site.name)
        .bind(&site.address)
        .bind(&site.contact_name)
        .bind(&site.contact_phone)
        .bind(now())
        .fetch_optional(db.writer())
        .await
        .map_err(db_error)?,
        Some(site_id) => sqlx::query_scalar(
            "UPDATE sites SET name = $1, address = $2, contact_name = $3, contact_phone = $4 \
             WHERE id = $5 AND account_id = $6 RETURNING id",
        )
        .bind(&site.name)
        .bind(&site.address)
        .bind(&site.contact_name)
        .bind(&site.contact_phone)
        .bind(site_id)
        .bind(account_id)
        .fetch_optional(db.writer())
        .await
        .map_err(db_error)?,
    };
    id.ok_or(AppError::NotFound)
}

pub async fn set_site_active(db: &Db, site_id: i64, active: bool) -> Result<(), AppError> {
    sqlx::query("UPDATE sites SET active = $1 WHERE id = $2").bind(flag(active)).bind(site_id).execute(db.writer()).await.map_err(db_error)?;
    Ok(())
}

pub async fn update_user(db: &Db, user_id: i64, name: &str, role: Role) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET name = $1, role = $2 WHERE id = $3").bind(name).bind(role.as_str()).bind(user_id).execute(db.writer()).await.map_err(db_error)?;
    Ok(())
}

/// Enables or disables a user (inside the caller's transaction, which also
/// ends their sessions and tokens).
pub async fn set_user_active(tx: &mut Tx, user_id: i64, active: bool) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET active = $1 WHERE id = $2").bind(flag(active)).bind(user_id).execute(&mut **tx).await.map_err(db_error)?;
    Ok(())
}

/// The account's charge for changing a line already in production (per line).
pub async fn change_charge(db: &Db, account_id: i64) -> Result<i64, AppError> {
    sqlx::query_scalar("SELECT change_charge_minor FROM accounts WHERE id = $1").bind(account_id).fetch_one(&db.pool).await.map_err(db_error)
}
