//! What may leave and who may say so: a shipment's lines against what each
//! order line still has to ship, its other fields against their bounds, and
//! the roles that ship and track. The service runs these before it writes;
//! the shipment form runs the same to mark fields as they are typed.

use super::{ShipmentInput, ShippableLine, TrackingInput, TrackingKind, CODE_MAX, MAX_PACKAGES, MAX_WEIGHT_GRAMS, PLACE_MAX};
use crate::accounts::Role;
use crate::error::{FieldError, Invalid};
use crate::limits::{MAX_LINES, MAX_QUANTITY, REASON_MAX};
use time::Date;

/// Planners ship and track, and so do those who review orders (the
/// account's manager within their accounts, the staff admin).
pub fn may_ship(role: Role) -> bool {
    matches!(role, Role::Planner | Role::AccountManager | Role::StaffAdmin)
}

fn fe(field: impl Into<String>, reason: Invalid) -> FieldError {
    FieldError { field: field.into(), reason }
}

fn code_ok(text: &str, required: bool) -> Result<(), Invalid> {
    let t = text.trim();
    if t.is_empty() {
        return if required { Err(Invalid::Required) } else { Ok(()) };
    }
    if t.chars().count() > CODE_MAX {
        return Err(Invalid::TooLong);
    }
    // printed on labels and typed into carriers' sites: no control characters
    if t.chars().any(char::is_control) {
        return Err(Invalid::NotAllowed);
    }
    Ok(())
}

/// Checks a shipment against `lines` (the order's current lines with what
/// has shipped of each). On success, whether it ships everything that
/// remained (the order becomes shipped, else partially shipped). Every
/// wrong field is reported, named as the form names it (`lines.2.quantity`).
pub fn check_shipment(input: &ShipmentInput, lines: &[ShippableLine], today: Date) -> Result<bool, Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Err(e) = code_ok(&input.carrier, true) {
        errors.push(fe("carrier", e));
    }
    if let Err(e) = code_ok(&input.tracking_number, true) {
        errors.push(fe("tracking_number", e));
    }
    if let Err(e) = code_ok(&input.delivery_note, false) {
        errors.push(fe("delivery_note", e));
    }
    if !(1..=MAX_PACKAGES).contains(&input.packages) {
        errors.push(fe("packages", if input.packages < 1 { Invalid::Quantity } else { Invalid::TooLarge }));
    }
    if !(1..=MAX_WEIGHT_GRAMS).contains(&input.weight_grams) {
        errors.push(fe("weight_grams", if input.weight_grams < 1 { Invalid::Quantity } else { Invalid::TooLarge }));
    }
    // a shipment is entered when it leaves, give or take a few days
    if input.ship_date > today + time::Duration::days(7) || input.ship_date < today - time::Duration::days(30) {
        errors.push(fe("ship_date", Invalid::NotAllowed));
    }
    if let Some(eta) = input.eta {
        if eta < input.ship_date {
            errors.push(fe("eta", Invalid::NotAllowed));
        } else if eta > input.ship_date + time::Duration::days(366) {
            errors.push(fe("eta", Invalid::TooFar));
        }
    }
    if input.lines.is_empty() {
        errors.push(fe("lines", Invalid::Required));
    }
    if input.lines.len() > MAX_LINES {
        errors.push(fe("lines", Invalid::TooMany));
        return Err(errors);
    }
    let mut seen = Vec::with_capacity(input.lines.len());
    for (i, l) in input.lines.iter().enumerate() {
        let Some(line) = lines.iter().find(|o| o.line_key == l.line_key) else {
            errors.push(fe(format!("lines.{i}.line_key"), Invalid::NotAllowed));
            continue;
        };
        if seen.contains(&l.line_key) {
            errors.push(fe(format!("lines.{i}.line_key"), Invalid::NotAllowed));
            continue;
        }
        seen.push(l.line_key);
        if l.quantity < 1 {
            errors.push(fe(format!("lines.{i}.quantity"), Invalid::Quantity));
        } else if l.quantity > MAX_QUANTITY || l.quantity > line.remaining() {
            errors.push(fe(format!("lines.{i}.quantity"), Invalid::TooLarge));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let complete = lines.iter().all(|o| o.remaining() == input.lines.iter().find(|l| l.line_key == o.line_key).map_or(0, |l| l.quantity));
    Ok(complete)
}

/// Checks a tracking event staff type in. `now`: the server's clock (an
/// event may not be from the future, beyond a few minutes of skew).
pub fn check_tracking(input: &TrackingInput, ship_date: Date, now: i64) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    check_event_text(&input.place, &input.note, input.kind, &mut errors);
    let earliest = (ship_date - time::Duration::days(1)).midnight().assume_utc().unix_timestamp();
    if input.at > now + 600 || input.at < earliest {
        errors.push(fe("at", Invalid::NotAllowed));
    }
    if let Some(eta) = input.eta {
        if eta < ship_date || eta > ship_date + time::Duration::days(366) {
            errors.push(fe("eta", Invalid::NotAllowed));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The texts of an event, from staff or a carrier: bounded, and an
/// exception says why.
pub fn check_event_text(place: &str, note: &str, kind: TrackingKind, errors: &mut Vec<FieldError>) {
    if place.trim().chars().count() > PLACE_MAX {
        errors.push(fe("place", Invalid::TooLong));
    }
    if note.trim().chars().count() > REASON_MAX {
        errors.push(fe("note", Invalid::TooLong));
    } else if kind == TrackingKind::Exception && note.trim().is_empty() {
        errors.push(fe("note", Invalid::Required));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shipments::{Mode, ShipLineInput};
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 03);

    fn line(key: i64, ordered: i64, shipped: i64) -> ShippableLine {
        ShippableLine { line_key: key, line_no: key, sku: format!("SKU-{key}"), ordered, shipped }
    }

    fn input(lines: &[(i64, i64)]) -> ShipmentInput {
        ShipmentInput {
            carrier: "sf".into(),
            mode: Mode::Road,
            tracking_number: "SF123".into(),
            packages: 2,
            weight_grams: 12_500,
            ship_date: TODAY,
            eta: Some(TODAY + time::Duration::days(3)),
            delivery_note: "DN-1".into(),
            lines: lines.iter().map(|&(line_key, quantity)| ShipLineInput { line_key, quantity }).collect(),
        }
    }

    fn fields(r: Result<bool, Vec<FieldError>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn ships_what_remains_and_knows_when_it_is_all() {
        let lines = [line(1, 100, 40), line(2, 10, 0)];
        assert_eq!(check_shipment(&input(&[(1, 60), (2, 10)]), &lines, TODAY), Ok(true));
        assert_eq!(check_shipment(&input(&[(1, 30)]), &lines, TODAY), Ok(false));
        // a line already shipped in full need not be named
        assert_eq!(check_shipment(&input(&[(2, 10)]), &[line(1, 5, 5), line(2, 10, 0)], TODAY), Ok(true));
    }

    #[test]
    fn names_every_wrong_field() {
        let lines = [line(1, 100, 40), line(2, 10, 0)];
        assert_eq!(fields(check_shipment(&input(&[(1, 61)]), &lines, TODAY)), ["lines.0.quantity"]);
        assert_eq!(fields(check_shipment(&input(&[(1, 0), (9, 1), (2, 1), (2, 1)]), &lines, TODAY)), ["lines.0.quantity", "lines.1.line_key", "lines.3.line_key"]);
        assert_eq!(fields(check_shipment(&input(&[]), &lines, TODAY)), ["lines"]);
        let mut bad = input(&[(2, 1)]);
        bad.carrier = " ".into();
        bad.tracking_number = "x".repeat(41);
        bad.packages = 0;
        bad.weight_grams = MAX_WEIGHT_GRAMS + 1;
        bad.eta = Some(TODAY - time::Duration::days(1));
        bad.delivery_note = "a\u{7}b".into();
        assert_eq!(fields(check_shipment(&bad, &lines, TODAY)), ["carrier", "tracking_number", "delivery_note", "packages", "weight_grams", "eta"]);
        bad = input(&[(2, 1)]);
        bad.ship_date = TODAY + time::Duration::days(8);
        bad.eta = None;
        assert_eq!(fields(check_shipment(&bad, &lines, TODAY)), ["ship_date"]);
    }

    #[test]
    fn an_exception_needs_its_reason_and_no_event_is_from_the_future() {
        let now = TODAY.midnight().assume_utc().unix_timestamp() + 3600;
        let ev = |kind, at, note: &str| TrackingInput { kind, at, place: "Wuhan hub".into(), note: note.into(), eta: None };
        assert!(check_tracking(&ev(TrackingKind::AtHub, now - 60, ""), TODAY, now).is_ok());
        let err = check_tracking(&ev(TrackingKind::Exception, now, " "), TODAY, now).unwrap_err();
        assert_eq!(err[0].field, "note");
        assert_eq!(check_tracking(&ev(TrackingKind::AtHub, now + 3600, ""), TODAY, now).unwrap_err()[0].field, "at");
        assert_eq!(check_tracking(&ev(TrackingKind::AtHub, now - 3 * 86_400, ""), TODAY, now).unwrap_err()[0].field, "at");
    }

    #[test]
    fn who_ships() {
        for role in Role::ALL {
            assert_eq!(may_ship(role), matches!(role, Role::Planner | Role::AccountManager | Role::StaffAdmin), "{role:?}");
        }
    }

    proptest! {
        /// Whatever shipments are attempted, in any amounts, those the rule
        /// accepts never ship more of a line than was ordered, and the rule
        /// says "complete" exactly when nothing remains.
        #[test]
        fn never_more_than_ordered(ordered in proptest::collection::vec(1i64..500, 1..6),
                                   attempts in proptest::collection::vec(proptest::collection::vec((0usize..6, 0i64..300), 1..4), 1..20)) {
            let mut lines: Vec<ShippableLine> = ordered.iter().enumerate().map(|(i, &q)| line(i as i64 + 1, q, 0)).collect();
            for attempt in attempts {
                let wanted: Vec<(i64, i64)> = attempt.iter().map(|&(i, q)| (i as i64 + 1, q)).collect();
                if let Ok(complete) = check_shipment(&input(&wanted), &lines, TODAY) {
                    for (key, q) in wanted {
                        let l = lines.iter_mut().find(|l| l.line_key == key).unwrap();
                        l.shipped += q;
                    }
                    prop_assert_eq!(complete, lines.iter().all(|l| l.shipped == l.ordered));
                }
                for l in &lines {
                    prop_assert!(l.shipped <= l.ordered);
                }
            }
        }
    }
}
