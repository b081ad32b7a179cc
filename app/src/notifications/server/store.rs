//! The outbox and the inboxes. `publish` runs inside the transaction of
//! the change it reports: the event and its notifications commit with it
//! or not at all, and `notifications_once` (user, event) keeps each
//! recipient to one copy.

use super::super::{Inbox, Kind, Notification, PAGE};
use crate::error::AppError;
use crate::server::db::{db_error, Tx};
use crate::server::live::Signal;
use crate::server::{now, Db};

/// Who hears of an event besides nobody: the actor never notifies themself.
#[derive(Debug, Clone, Copy)]
pub enum Audience {
    /// The account's manager and every planner: the supplier's side of a request.
    AccountTeam,
    /// The account's buyers and admins, and `requester` (whatever their role).
    AccountBuyers { requester: i64 },
    /// The account's buyers, admins and receivers: what is on its way to them.
    Customers,
    /// The account team and the customers together (a problem on the way).
    Everyone,
    /// Nobody's inbox: the event only updates the pages watching (a
    /// routine tracking step).
    Watchers,
}

/// A domain event worth telling someone about.
pub struct Event<'a> {
    pub kind: Kind,
    pub account_id: i64,
    pub order_id: Option<i64>,
    pub subject_id: Option<i64>,
    pub actor_id: i64,
    /// JSON with whatever the kind needs to say more.
    pub data: &'a str,
}

/// Writes the event and one notification per recipient who has not muted
/// its kind. Returns the event's id.
pub async fn publish(tx: &mut Tx, event: &Event<'_>, audience: Audience) -> Result<i64, AppError> {
    let (event_id,): (i64,) =
        sqlx::query_as("INSERT INTO domain_events (kind, account_id, order_id, subject_id, actor_id, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(event.kind.as_str())
            .bind(event.account_id)
            .bind(event.order_id)
            .bind(event.subject_id)
            .bind(event.actor_id)
            .bind(now())
            .bind(event.data)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_error)?;
    tx.signal(Signal { id: event_id, kind: event.kind.as_str().to_string(), account_id: event.account_id, order_id: event.order_id, subject_id: event.subject_id }).await?;
    const TEAM: &str = "(u.id = (SELECT account_manager_id FROM accounts WHERE id = $2) OR u.role = 'planner')";
    const CUSTOMERS: &str = "(u.account_id = $2 AND u.role IN ('buyer', 'customer_admin', 'receiver'))";
    let everyone = format!("({TEAM} OR {CUSTOMERS})");
    let (who, requester) = match audience {
        Audience::AccountTeam => (TEAM, None),
        Audience::AccountBuyers { requester } => ("((u.account_id = $2 AND u.role IN ('buyer', 'customer_admin')) OR u.id = $5)", Some(requester)),
        Audience::Customers => (CUSTOMERS, None),
        Audience::Everyone => (everyone.as_str(), None),
        Audience::Watchers => return Ok(event_id),
    };
    let sql = format!(
        "INSERT INTO notifications (user_id, event_id) \
         SELECT u.id, $1 FROM users u WHERE u.active = 1 AND u.id <> $3 AND {who} \
           AND NOT EXISTS (SELECT 1 FROM notification_mutes m WHERE m.user_id = u.id AND m.kind = $4)"
    );
    let query = sqlx::query(&sql).bind(event_id).bind(event.account_id).bind(event.actor_id).bind(event.kind.as_str());
    let query = match requester {
        Some(requester) => query.bind(requester),
        None => query,
    };
    query.execute(&mut **tx).await.map_err(db_error)?;
    Ok(event_id)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    order_id: Option<i64>,
    order_number: Option<String>,
    subject_id: Option<i64>,
    actor: String,
    at: i64,
    read_at: Option<i64>,
}

/// A page of `user_id`'s inbox, newest first, older than `before`.
pub async fn inbox(db: &Db, user_id: i64, before: Option<i64>) -> Result<Inbox, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT n.id, e.kind, e.order_id, o.number AS order_number, e.subject_id, a.name AS actor, e.at, n.read_at \
         FROM notifications n JOIN domain_events e ON e.id = n.event_id JOIN users a ON a.id = e.actor_id \
         LEFT JOIN orders o ON o.id = e.order_id \
         WHERE n.user_id = $1 AND ($2 IS NULL OR n.id < $2) ORDER BY n.id DESC LIMIT $3",
    )
    .bind(user_id)
    .bind(before)
    .bind(PAGE + 1)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    let more = rows.len() as i64 > PAGE;
    let items: Vec<Notification> = rows
        .into_iter()
        .take(PAGE as usize)
        // a kind this build does not know (a newer node wrote it) is skipped, not an error
        .filter_map(|r| {
            Some(Notification {
                id: r.id,
                kind: Kind::parse(&r.kind)?,
                order_id: r.order_id,
                order_number: r.order_number,
                subject_id: r.subject_id,
                actor: r.actor,
                at: r.at,
                read: r.read_at.is_some(),
            })
        })
        .collect();
    let next = if more { items.last().map(|n| n.id) } else { None };
    Ok(Inbox { items, unread: unread(db, user_id).await?, next })
}

/// How many of `user_id`'s notifications are unread (what the bell shows).
pub async fn unread(db: &Db, user_id: i64) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL").bind(user_id).fetch_one(&db.pool).await.map_err(db_error)?;
    Ok(count)
}

/// Marks one of `user_id`'s notifications read, or all of them (`None`).
/// Another user's id changes nothing. Returns how many changed.
pub async fn mark_read(db: &Db, user_id: i64, id: Option<i64>) -> Result<u64, AppError> {
    let mut tx = db.begin().await?;
    let done = sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND ($3 IS NULL OR id = $3)")
        .bind(now())
        .bind(user_id)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    tx.commit().await.map_err(db_error)?;
    Ok(done.rows_affected())
}

/// Whether `user_id` has a notification with this id (read or not).
pub async fn owns(db: &Db, user_id: i64, id: i64) -> Result<bool, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM notifications WHERE id = $1 AND user_id = $2").bind(id).bind(user_id).fetch_optional(&db.pool).await.map_err(db_error)?;
    Ok(row.is_some())
}

pub async fn muted(db: &Db, user_id: i64) -> Result<Vec<Kind>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT kind FROM notification_mutes WHERE user_id = $1 ORDER BY kind").bind(user_id).fetch_all(&db.pool).await.map_err(db_error)?;
    Ok(rows.iter().filter_map(|(k,)| Kind::parse(k)).collect())
}

/// Replaces `user_id`'s muted kinds, in one transaction.
pub async fn set_muted(db: &Db, user_id: i64, kinds: &[Kind]) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM notification_mutes WHERE user_id = $1").bind(user_id).execute(&mut *tx).await.map_err(db_error)?;
    for kind in kinds {
        sqlx::query("INSERT INTO notification_mutes (user_id, kind) VALUES ($1, $2)").bind(user_id).bind(kind.as_str()).execute(&mut *tx).await.map_err(db_error)?;
    }
    tx.commit().await.map_err(db_error)
}
