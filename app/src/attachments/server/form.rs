//! Reading a `multipart/form-data` body (a form with a file) with bounds:
//! a few text fields of a few KiB and at most one file under the cap. The
//! server function and the REST door both read uploads through here.

use crate::attachments::server::service::Upload;
use crate::attachments::MAX_FILE_BYTES;
use crate::error::{AppError, Invalid};
use std::collections::HashMap;

/// Parts in one form.
const MAX_PARTS: usize = 40;
/// One text field's bytes.
const FIELD_MAX: usize = 4 * 1024;

/// A form's text fields by name (the last of a repeated name wins) and its file, if one was chosen.
#[derive(Debug, Default)]
pub struct UploadForm {
    pub fields: HashMap<String, String>,
    pub file: Option<Upload>,
}

impl UploadForm {
    pub fn text(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Reads every part; `file_field` is the one that may hold a file. An
/// empty file part (a form posted with nothing chosen) is no file.
pub async fn read(mut multipart: multer::Multipart<'_>, file_field: &str) -> Result<UploadForm, AppError> {
    let mut form = UploadForm::default();
    let mut parts = 0;
    // a malformed body is the client's mistake: a debug line, not an error
    let malformed = |e: multer::Error| {
        tracing::debug!(error = %e, "malformed multipart body");
        AppError::field("body", Invalid::NotAllowed)
    };
    while let Some(mut field) = multipart.next_field().await.map_err(malformed)? {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::field("body", Invalid::TooMany));
        }
        let name = field.name().unwrap_or("").to_string();
        let is_file = name == file_field;
        let cap = if is_file { MAX_FILE_BYTES } else { FIELD_MAX };
        let file_name = field.file_name().unwrap_or("").to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(malformed)? {
            if bytes.len() + chunk.len() > cap {
                return Err(AppError::field(&name, if is_file { Invalid::FileTooLarge } else { Invalid::TooLong }));
            }
            bytes.extend_from_slice(&chunk);
        }
        if is_file {
            if !bytes.is_empty() {
                form.file = Some(Upload { name: file_name, bytes: bytes.into() });
            }
        } else {
            let text = String::from_utf8(bytes).map_err(|_| AppError::field(&name, Invalid::NotAllowed))?;
            form.fields.insert(name, text);
        }
    }
    Ok(form)
}

/// A multipart reader over a whole body already in memory (the REST door;
/// the body cap has bounded it).
pub fn from_bytes(content_type: &str, body: bytes::Bytes) -> Result<multer::Multipart<'static>, AppError> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| AppError::field("content-type", Invalid::NotAllowed))?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    Ok(multer::Multipart::new(stream, boundary))
}
