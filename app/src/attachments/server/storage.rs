//! Where files' bytes live: an `object_store` (the Apache Arrow project's
//! storage crate), so local disk and S3-compatible storage are one
//! setting apart (`--files` / `KEYPORT_FILES`: a directory, or
//! `s3://bucket/prefix` in a build with the `s3` feature, credentials from
//! the usual `AWS_*` variables). Blobs are content-addressed: the key is
//! the SHA-256 of the bytes, so the same file uploaded twice is stored once
//! and a stored blob never changes.

use crate::error::AppError;
use object_store::local::LocalFileSystem;
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt};
use std::sync::Arc;

#[derive(Clone)]
pub struct Files {
    store: Arc<dyn ObjectStore>,
    /// What the files setting said, for the startup log.
    pub location: String,
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Files({})", self.location)
    }
}

impl Files {
    /// Opens the files setting: a URL with a scheme (`s3://…`, `file:///…`)
    /// or a local directory, made if missing.
    pub fn open(setting: &str) -> Result<Files, String> {
        if setting.contains("://") {
            let url = url::Url::parse(setting).map_err(|e| format!("files URL {setting}: {e}"))?;
            let (store, prefix) = object_store::parse_url_opts(&url, std::env::vars().map(|(k, v)| (k.to_ascii_lowercase(), v)))
                .map_err(|e| format!("files URL {setting}: {e} (S3 needs a server built with the `s3` feature)"))?;
            let store: Arc<dyn ObjectStore> = if prefix.as_ref().is_empty() { Arc::from(store) } else { Arc::new(object_store::prefix::PrefixStore::new(store, prefix)) };
            return Ok(Files { store, location: setting.to_string() });
        }
        Files::local(std::path::Path::new(setting))
    }

    /// Files under a local directory (made if missing).
    pub fn local(dir: &std::path::Path) -> Result<Files, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("files directory {}: {e}", dir.display()))?;
        let store = LocalFileSystem::new_with_prefix(dir).map_err(|e| format!("files directory {}: {e}", dir.display()))?;
        Ok(Files { store: Arc::new(store), location: dir.display().to_string() })
    }

    fn key(sha256: &str) -> Key {
        // two levels of fan-out keep directories small on local disk
        Key::from(format!("sha256/{}/{}", &sha256[..2], sha256))
    }

    /// Keeps `bytes` under their hash (nothing to do when already there).
    pub async fn put(&self, sha256: &str, bytes: bytes::Bytes) -> Result<(), AppError> {
        let key = Files::key(sha256);
        if self.store.head(&key).await.is_ok() {
            return Ok(());
        }
        self.store.put(&key, bytes.into()).await.map_err(|e| AppError::internal("file store put", e))?;
        Ok(())
    }

    /// The bytes stored under a hash.
    pub async fn get(&self, sha256: &str) -> Result<bytes::Bytes, AppError> {
        let got = self.store.get(&Files::key(sha256)).await.map_err(|e| AppError::internal("file store get", e))?;
        got.bytes().await.map_err(|e| AppError::internal("file store read", e))
    }
}

/// The hex SHA-256 of some bytes: a blob's name.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}
