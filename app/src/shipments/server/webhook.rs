//! The carrier webhook's contract: how a call is signed and what its body
//! says. A carrier signs `"{timestamp}.{raw body}"` with HMAC-SHA256 under
//! its own secret and sends
//!
//! ```text
//! X-Keyport-Timestamp: 1796292000            (seconds since the epoch)
//! X-Keyport-Signature: sha256=<64 hex digits>
//! ```
//!
//! The timestamp is inside what is signed, so an old call cannot be sent
//! again with a fresh one; calls older or newer than [`WINDOW_SECS`] are
//! refused. The signature is compared in constant time.

use crate::shipments::{TrackingKind, CODE_MAX};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use time::Date;

/// How far a call's timestamp may be from the server's clock.
pub const WINDOW_SECS: i64 = 300;
/// A carrier's whole call (one event).
pub const BODY_MAX_BYTES: usize = 16 * 1024;
pub const TIMESTAMP_HEADER: &str = "x-keyport-timestamp";
pub const SIGNATURE_HEADER: &str = "x-keyport-signature";

/// Why a call is refused before its body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No signature or timestamp, or not in the expected form.
    Missing,
    /// The timestamp is outside the window: a replay, or a clock far off.
    Stale,
    /// The signature does not match the body under the carrier's secret.
    BadSignature,
}

/// One event as a carrier sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CarrierEvent {
    /// The carrier's own id for the event: the same id twice is one event.
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 40))]
    pub event_id: String,
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 40))]
    pub tracking_number: String,
    pub kind: TrackingKind,
    /// When it happened (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = DateTime))]
    pub at: time::OffsetDateTime,
    #[serde(default)]
    pub place: String,
    /// Required for an exception: its reason.
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub eta: Option<Date>,
}

impl CarrierEvent {
    /// Are its ids within bounds? (Its texts are checked with staff's.)
    pub fn ids_ok(&self) -> bool {
        let ok = |s: &str| !s.trim().is_empty() && s.len() <= CODE_MAX && s.chars().all(|c| c.is_ascii_graphic());
        ok(&self.event_id) && ok(&self.tracking_number)
    }
}

fn mac(secret: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The signature header's value for `body` sent at `timestamp` (carriers,
/// the simulator and the tests sign with this).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("sha256={}", hex::encode(mac(secret, &timestamp.to_string(), body).finalize().into_bytes()))
}

/// Checks a call's timestamp and signature (the header values, if sent) at `now`.
pub fn verify(secret: &str, timestamp: Option<&str>, signature: Option<&str>, body: &[u8], now: i64) -> Result<(), Refusal> {
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else { return Err(Refusal::Missing) };
    let at: i64 = timestamp.parse().map_err(|_| Refusal::Missing)?;
    let given = signature.strip_prefix("sha256=").and_then(|h| hex::decode(h).ok()).ok_or(Refusal::Missing)?;
    if (now - at).abs() > WINDOW_SECS {
        return Err(Refusal::Stale);
    }
    mac(secret, timestamp, body).verify_slice(&given).map_err(|_| Refusal::BadSignature)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec-test";
    const BODY: &[u8] = br#"{"event_id":"e1","tracking_number":"SF1","kind":"at_hub","at":"2026-12-03T10:00:00Z"}"#;

    #[test]
    fn a_signed_call_passes_and_anything_else_does_not() {
        let now = 1_796_292_000;
        let sig = sign(SECRET, now, BODY);
        let ts = now.to_string();
        assert_eq!(verify(SECRET, Some(&ts), Some(&sig), BODY, now + 10), Ok(()));
        // another secret, another body, a changed timestamp
        assert_eq!(verify("other", Some(&ts), Some(&sig), BODY, now), Err(Refusal::BadSignature));
        assert_eq!(verify(SECRET, Some(&ts), Some(&sig), b"{}", now), Err(Refusal::BadSignature));
        assert_eq!(verify(SECRET, Some(&(now + 1).to_string()), Some(&sig), BODY, now), Err(Refusal::BadSignature));
        // replayed after the window, or from too far ahead
        assert_eq!(verify(SECRET, Some(&ts), Some(&sig), BODY, now + WINDOW_SECS + 1), Err(Refusal::Stale));
        assert_eq!(verify(SECRET, Some(&ts), Some(&sig), BODY, now - WINDOW_SECS - 1), Err(Refusal::Stale));
        // missing or malformed headers
        assert_eq!(verify(SECRET, None, Some(&sig), BODY, now), Err(Refusal::Missing));
        assert_eq!(verify(SECRET, Some(&ts), None, BODY, now), Err(Refusal::Missing));
        assert_eq!(verify(SECRET, Some("soon"), Some(&sig), BODY, now), Err(Refusal::Missing));
        assert_eq!(verify(SECRET, Some(&ts), Some(&sig[7..]), BODY, now), Err(Refusal::Missing));
    }

    #[test]
    fn the_body_reads_as_documented() {
        let e: CarrierEvent = serde_json::from_slice(BODY).unwrap();
        assert_eq!((e.kind, e.at.unix_timestamp(), e.place.as_str(), e.eta), (TrackingKind::AtHub, 1_796_292_000, "", None));
        assert!(e.ids_ok());
        assert!(serde_json::from_slice::<CarrierEvent>(br#"{"event_id":"e1","tracking_number":"SF1","kind":"lost","at":"2026-12-03T10:00:00Z"}"#).is_err());
        let spaced: CarrierEvent = serde_json::from_slice(br#"{"event_id":"e 1","tracking_number":"SF1","kind":"at_hub","at":"2026-12-03T10:00:00Z"}"#).unwrap();
        assert!(!spaced.ids_ok());
    }
}
