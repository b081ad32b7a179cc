//! Files people attach: QC certificates today, complaint photos and
//! signatures next. One module for the whole portal, so every file is
//! checked, stored and served the same way:
//!
//! - a size cap ([`MAX_FILE_BYTES`]) and a type read from the content's
//!   first bytes ([`sniff`]), never from the name or the browser's claim;
//! - a name cleaned for display and for `Content-Disposition` ([`clean_name`]);
//! - stored once per content (the blob's key is its SHA-256) through
//!   `object_store`, local disk by default (`server::storage`);
//! - served only through a route that checks the reader's account, with
//!   the sniffed type, `Content-Disposition: attachment` and `nosniff`.
//!   Another account's file is "not found", never "forbidden".

use crate::error::Invalid;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod server;

/// The largest file accepted: a scanned certificate or a phone photo fits.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// A file's name as shown, in characters.
pub const FILE_NAME_MAX: usize = 120;

/// The kinds of file the portal takes, known by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Webp,
}

impl FileType {
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Png => "png",
            FileType::Jpeg => "jpg",
            FileType::Webp => "webp",
        }
    }

    pub fn from_mime(mime: &str) -> Option<FileType> {
        [FileType::Pdf, FileType::Png, FileType::Jpeg, FileType::Webp].into_iter().find(|t| t.mime() == mime)
    }

    /// What an `<input type=file accept=…>` offers.
    pub const ACCEPT: &'static str = "application/pdf,image/png,image/jpeg,image/webp";
}

/// The file's type from its first bytes (magic numbers), or none: a
/// script renamed `.pdf` is refused, whatever its name says.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileType::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileType::Png)
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some(FileType::Jpeg)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(FileType::Webp)
    } else {
        None
    }
}

/// A name safe to show and to put in a header: the last path segment of
/// what the browser sent (some send `C:\…\scan.pdf`), without control
/// characters, quotes or separators, at most [`FILE_NAME_MAX`] characters,
/// ending in the extension of the type the content has.
pub fn clean_name(sent: &str, ty: FileType) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or("");
    let kept: String = last.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | ';' | '<' | '>' | '|' | '*' | '?' | ':' | '%')).collect();
    let trimmed = kept.trim().trim_matches('.').trim();
    // the stem without any extension it claimed, then the true one
    let stem = match trimmed.rsplit_once('.') {
        Some((stem, _)) if !stem.trim().is_empty() => stem.trim(),
        _ => trimmed,
    };
    let ext = ty.extension();
    let room = FILE_NAME_MAX - ext.len() - 1;
    let stem: String = stem.chars().take(room).collect();
    let stem = if stem.trim().is_empty() { "file".to_string() } else { stem.trim_end().to_string() };
    format!("{stem}.{ext}")
}

/// The one check of an uploaded file, before anything is stored.
pub fn check_file(sent_name: &str, bytes: &[u8]) -> Result<(FileType, String), Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::Required);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Invalid::FileTooLarge);
    }
    let ty = sniff(bytes).ok_or(Invalid::FileType)?;
    Ok((ty, clean_name(sent_name, ty)))
}

/// A stored file as pages and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    /// The content's SHA-256, hex: what the file is, whatever its name.
    pub sha256: String,
}

impl Attachment {
    /// Where the pages download it (the session's cookie authorizes).
    pub fn href(&self) -> String {
        format!("/files/{}", self.id)
    }
}

/// "1.2 MB" for a size in bytes.
pub fn show_size(bytes: i64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b / 1024),
        b => format!("{b} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_type_comes_from_the_content_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileType::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some(FileType::Png));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0JFIF"), Some(FileType::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(FileType::Webp));
        assert_eq!(sniff(b"<script>alert(1)</script>"), None);
        assert_eq!(sniff(b"MZ\x90\0"), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0WAVE"), None);
        // a script named like a certificate is still a script
        assert_eq!(check_file("certificate.pdf", b"#!/bin/sh\nrm -rf /"), Err(Invalid::FileType));
        assert_eq!(check_file("x.pdf", b""), Err(Invalid::Required));
        assert_eq!(check_file("x.pdf", &vec![b'%'; MAX_FILE_BYTES + 1]), Err(Invalid::FileTooLarge));
    }

    #[test]
    fn odd_names_become_safe_ones_with_the_true_extension() {
        assert_eq!(clean_name("C:\\scans\\cert 2026.pdf", FileType::Pdf), "cert 2026.pdf");
        assert_eq!(clean_name("../../etc/passwd", FileType::Pdf), "passwd.pdf");
        assert_eq!(clean_name("photo.exe", FileType::Jpeg), "photo.jpg");
        assert_eq!(clean_name("\"a\";\r\nSet-Cookie: x.png", FileType::Png), "aSet-Cookie x.png");
        assert_eq!(clean_name("", FileType::Pdf), "file.pdf");
        assert_eq!(clean_name("...", FileType::Pdf), "file.pdf");
        assert_eq!(clean_name("质检证书.pdf", FileType::Pdf), "质检证书.pdf");
        assert_eq!(clean_name(".bashrc", FileType::Pdf), "bashrc.pdf");
    }

    proptest! {
        #[test]
        fn a_cleaned_name_is_bounded_and_header_safe(sent in ".{0,400}") {
            for ty in [FileType::Pdf, FileType::Png, FileType::Jpeg, FileType::Webp] {
                let name = clean_name(&sent, ty);
                prop_assert!(name.chars().count() <= FILE_NAME_MAX);
                let ext = [".", ty.extension()].concat();
                prop_assert!(name.ends_with(&ext));
                prop_assert!(!name.chars().any(|c| c.is_control() || matches!(c, '"' | '/' | '\\' | ';')));
                prop_assert!(!name.starts_with('.'));
            }
        }

        #[test]
        fn only_known_magic_bytes_pass(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            match check_file("f", &bytes) {
                Ok((ty, _)) => prop_assert_eq!(sniff(&bytes), Some(ty)),
                Err(reason) => prop_assert!(bytes.is_empty() || sniff(&bytes).is_none(), "{:?}", reason),
            }
        }
    }
}
