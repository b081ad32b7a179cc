//! Attachment rows (the bytes are in the file store, by hash).

use crate::attachments::Attachment;
use crate::error::AppError;
use crate::server::db::{db_error, Tx};
use crate::server::request::{scoped, Scope};
use crate::server::{now, Db};

pub struct NewAttachment<'a> {
    pub account_id: i64,
    pub order_id: Option<i64>,
    pub sha256: &'a str,
    pub size: i64,
    pub content_type: &'a str,
    pub name: &'a str,
    pub uploaded_by: i64,
}

pub async fn insert(tx: &mut Tx, a: &NewAttachment<'_>) -> Result<i64, AppError> {
    sqlx::query_scalar(
        "INSERT INTO attachments (account_id, order_id, sha256, size, content_type, name, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(a.account_id)
    .bind(a.order_id)
    .bind(a.sha256)
    .bind(a.size)
    .bind(a.content_type)
    .bind(a.name)
    .bind(a.uploaded_by)
    .bind(now())
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)
}

#[derive(sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

impl From<Row> for Attachment {
    fn from(r: Row) -> Attachment {
        Attachment { id: r.id, name: r.name, content_type: r.content_type, size: r.size, sha256: r.sha256 }
    }
}

/// One attachment, if it is in the reader's scope: another account's file
/// is simply not there.
pub async fn get(db: &Db, scope: Scope, id: i64) -> Result<Option<Attachment>, AppError> {
    let sql = format!("SELECT id, name, content_type, size, sha256 FROM attachments a WHERE a.id = $1 AND {}", scoped("a.account_id", 2));
    let row: Option<Row> = sqlx::query_as(&sql).bind(id).bind(scope.account_filter()).bind(scope.manager_filter()).fetch_optional(&db.pool).await.map_err(db_error)?;
    Ok(row.map(Attachment::from))
}
