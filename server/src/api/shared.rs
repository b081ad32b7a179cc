//! What the REST handlers share: reading a JSON body, date fields, ETags.

use super::problem::bad_request;
use app::error::{AppError, Invalid};
use app::orders::paste::parse_date;
use axum::body::Bytes;
use axum::response::Response;
use std::hash::{Hash, Hasher};

/// The body as `T`, or 400 saying why not.
pub fn parse_body<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, Box<Response>> {
    if body.is_empty() {
        return Err(Box::new(bad_request("a JSON body is required")));
    }
    serde_json::from_slice(body).map_err(|e| Box::new(bad_request(&format!("invalid JSON body: {e}"))))
}

/// A date given as text (`2027-03-01`); given but not a date: 422.
pub fn date_field(text: Option<&str>, field: &str) -> Result<Option<time::Date>, AppError> {
    match text {
        None => Ok(None),
        Some(t) => parse_date(t.trim()).map(Some).ok_or_else(|| AppError::field(field, Invalid::NotAllowed)),
    }
}

/// A strong ETag from a record's JSON representation.
pub fn etag_of(record: &impl serde::Serialize) -> String {
    etag_of_json(&serde_json::to_vec(record).unwrap_or_default())
}

/// The same ETag, from the JSON as serialized (FNV-1a: stable across
/// processes and nodes).
pub fn etag_of_json(json: &[u8]) -> String {
    let mut h = Fnv(0xcbf29ce484222325);
    json.hash(&mut h);
    format!("\"{:016x}\"", h.0)
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
}
