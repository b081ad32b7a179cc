//! Attaching a file inside another capability's transaction, and reading
//! one back for an authorized reader.

use crate::attachments::server::store::{self, NewAttachment};
use crate::attachments::server::Files;
use crate::attachments::{check_file, Attachment};
use crate::error::AppError;
use crate::server::db::Tx;
use crate::server::request::Actor;
use crate::server::Db;

/// A file as it arrived: the name the browser gave and the bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: bytes::Bytes,
}

/// A file checked (type from its content, name cleaned) and its hash, before anything is stored.
pub struct Checked {
    pub name: String,
    pub content_type: &'static str,
    pub sha256: String,
    pub bytes: bytes::Bytes,
}

/// The one check of an upload; `field` names the form field in the refusal.
pub fn check(upload: &Upload, field: &str) -> Result<Checked, AppError> {
    let (ty, name) = check_file(&upload.name, &upload.bytes).map_err(|reason| AppError::field(field, reason))?;
    Ok(Checked { name, content_type: ty.mime(), sha256: super::storage::sha256_hex(&upload.bytes), bytes: upload.bytes.clone() })
}

/// Stores a checked file's bytes (idempotent: by hash) and writes its row
/// in the caller's transaction. If that transaction rolls back, the blob
/// stays unreferenced: harmless, and the next upload of it reuses it.
pub async fn attach(files: &Files, tx: &mut Tx, file: &Checked, account_id: i64, order_id: Option<i64>, by: i64) -> Result<Attachment, AppError> {
    files.put(&file.sha256, file.bytes.clone()).await?;
    let row = NewAttachment { account_id, order_id, sha256: &file.sha256, size: file.bytes.len() as i64, content_type: file.content_type, name: &file.name, uploaded_by: by };
    let id = store::insert(tx, &row).await?;
    Ok(Attachment { id, name: file.name.clone(), content_type: file.content_type.into(), size: row.size, sha256: file.sha256.clone() })
}

/// A file and its bytes, for a reader whose scope holds its account; not
/// found otherwise (never "forbidden": that would say it exists).
pub async fn open(db: &Db, files: &Files, actor: &Actor, id: i64) -> Result<(Attachment, bytes::Bytes), AppError> {
    let attachment = store::get(db, actor.scope(), id).await?.ok_or(AppError::NotFound)?;
    let bytes = files.get(&attachment.sha256).await?;
    Ok((attachment, bytes))
}

/// The headers a download is served with: the type read at upload, never
/// sniffed again by the browser, saved rather than shown inline, the name
/// in both the plain and the RFC 5987 (UTF-8) forms.
pub fn download_headers(a: &Attachment) -> Vec<(http::HeaderName, String)> {
    use http::header;
    let ascii: String = a.name.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect();
    let utf8: String = a.name.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    vec![
        (header::CONTENT_TYPE, a.content_type.clone()),
        (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{utf8}")),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()),
        (header::CACHE_CONTROL, "private, max-age=0, must-revalidate".into()),
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox".into()),
    ]
}
