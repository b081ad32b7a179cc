//! A shipment's state from its tracking events. Carriers send events late,
//! twice and out of order; the state is that of the latest event by the
//! time it happened, not by when it arrived, so any arrival order of the
//! same events gives the same state (a property test below), and the
//! history is always shown in time order.

use super::{ShipmentStatus, TrackingKind};
use std::cmp::Ordering;
use time::Date;

/// What the state needs of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<'a> {
    pub kind: TrackingKind,
    pub at: i64,
    pub place: &'a str,
    pub note: &'a str,
    pub eta: Option<Date>,
}

/// The order of events: by time; events at the same second by their kind
/// (the journey's order: delivered after out for delivery), then by their
/// texts, so the order is total and never depends on arrival.
pub fn by_time(a: &Step, b: &Step) -> Ordering {
    (a.at, a.kind, a.place, a.note, a.eta).cmp(&(b.at, b.kind, b.place, b.note, b.eta))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub status: ShipmentStatus,
    /// The time of the latest event (None: nothing happened yet).
    pub at: Option<i64>,
    /// The latest estimate: from the latest event that gave one, else `planned_eta`.
    pub eta: Option<Date>,
    /// The reason, while the latest event is an exception.
    pub exception: Option<String>,
}

/// The state after `steps` (in any order) of a shipment entered with `planned_eta`.
pub fn state(steps: &[Step], planned_eta: Option<Date>) -> State {
    let mut sorted: Vec<&Step> = steps.iter().collect();
    sorted.sort_by(|a, b| by_time(a, b));
    let Some(last) = sorted.last() else {
        return State { status: ShipmentStatus::Ready, at: None, eta: planned_eta, exception: None };
    };
    let eta = sorted.iter().rev().find_map(|s| s.eta).or(planned_eta);
    let exception = (last.kind == TrackingKind::Exception).then(|| last.note.trim().to_string());
    State { status: last.kind.status(), at: Some(last.at), eta, exception }
}

/// An instant as a form or an integration writes it: RFC 3339
/// (`2026-12-03T10:00:00Z`), or a `datetime-local` field's
/// `2026-12-03T10:00` read as UTC. Seconds since the epoch.
pub fn parse_instant(text: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    let t = text.trim();
    if let Ok(at) = time::OffsetDateTime::parse(t, &Rfc3339) {
        return Some(at.unix_timestamp());
    }
    let (d, hm) = t.split_once('T')?;
    let date = crate::orders::paste::parse_date(d)?;
    let (h, m) = hm.split_once(':')?;
    let time = time::Time::from_hms(h.parse().ok()?, m.get(..2)?.parse().ok()?, 0).ok()?;
    Some(date.with_time(time).assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn step(kind: TrackingKind, at: i64) -> Step<'static> {
        Step { kind, at, place: "", note: "", eta: None }
    }

    #[test]
    fn the_latest_event_by_time_decides() {
        use TrackingKind as K;
        let planned = Some(date!(2026 - 12 - 10));
        assert_eq!(state(&[], planned).status, ShipmentStatus::Ready);
        assert_eq!(state(&[], planned).eta, planned);
        // delivered arrives before the hub scan it followed
        let s = state(&[step(K::PickedUp, 10), step(K::Delivered, 30), step(K::AtHub, 20)], planned);
        assert_eq!((s.status, s.at), (ShipmentStatus::Delivered, Some(30)));
        // an exception, then the journey goes on: no exception any more
        let mut ex = step(K::Exception, 20);
        ex.note = "road closed";
        ex.eta = Some(date!(2026 - 12 - 12));
        let s = state(&[step(K::PickedUp, 10), ex.clone()], planned);
        assert_eq!((s.status, s.exception.as_deref(), s.eta), (ShipmentStatus::Exception, Some("road closed"), Some(date!(2026 - 12 - 12))));
        let s = state(&[step(K::PickedUp, 10), ex, step(K::InTransit, 25)], planned);
        assert_eq!((s.status, s.exception, s.eta), (ShipmentStatus::InTransit, None, Some(date!(2026 - 12 - 12))), "the new ETA stays");
        // same second: delivered after out for delivery
        assert_eq!(state(&[step(K::Delivered, 5), step(K::OutForDelivery, 5)], None).status, ShipmentStatus::Delivered);
    }

    #[test]
    fn instants_from_forms_and_integrations() {
        assert_eq!(parse_instant("2026-12-03T10:00:00Z"), Some(1_796_292_000));
        assert_eq!(parse_instant("2026-12-03T18:00:00+08:00"), Some(1_796_292_000));
        assert_eq!(parse_instant("2026-12-03T10:00"), Some(1_796_292_000));
        assert_eq!(parse_instant("2026-12-03T25:00"), None);
        assert_eq!(parse_instant("yesterday"), None);
    }

    fn any_step() -> impl Strategy<Value = (usize, i64, usize, Option<u8>)> {
        (0usize..7, 0i64..50, 0usize..3, proptest::option::of(1u8..28))
    }

    proptest! {
        /// Any arrival order of the same events gives the same state.
        #[test]
        fn arrival_order_does_not_matter(raw in proptest::collection::vec(any_step(), 0..12), seed in any::<u64>()) {
            const NOTES: [&str; 3] = ["", "late truck", "customs hold"];
            let steps: Vec<Step> = raw.iter().map(|&(k, at, n, d)| Step {
                kind: TrackingKind::ALL[k], at, place: NOTES[n], note: NOTES[(n + 1) % 3],
                eta: d.map(|d| date!(2026 - 12 - 01) + time::Duration::days(d as i64)),
            }).collect();
            let expected = state(&steps, Some(date!(2026 - 12 - 31)));
            // a deterministic shuffle from the seed
            let mut shuffled = steps.clone();
            let mut x = seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            prop_assert_eq!(state(&shuffled, Some(date!(2026 - 12 - 31))), expected);
        }
    }
}
