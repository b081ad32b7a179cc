//! Upper bounds on everything a person or an integration can send, and the
//! one validation of an order's input that every door runs (page, server
//! function, REST) before any work is done. Shared by browser and server,
//! so a form can say what the server will say.
//!
//! Why bounds at all: without them one request could keep a core busy for
//! hours (the capacity check once grew with the quantity) or fill memory.

use crate::error::{AppError, FieldError, Invalid};
use crate::orders::feasibility;
use crate::orders::{CounterProposal, OrderFilter, OrderInput};
use time::Date;

/// Lines in one order.
pub const MAX_LINES: usize = 200;
/// Units on one line.
pub const MAX_QUANTITY: i64 = 10_000_000;
/// A SKU as typed.
pub const SKU_MAX: usize = 40;
/// The customer's PO number.
pub const PO_NUMBER_MAX: usize = 60;
/// An order's notes.
pub const NOTES_MAX: usize = 2_000;
/// A reason or message on a step of an order (reject, cancel, counter, decline).
pub const REASON_MAX: usize = 1_000;
/// Search text in lists.
pub const SEARCH_MAX: usize = 100;
/// A cursor handed back by a list.
pub const CURSOR_MAX: usize = 200;
/// An idempotency key.
pub const IDEMPOTENCY_KEY_MAX: usize = 200;
/// An e-mail address (RFC 5321's limit).
pub const EMAIL_MAX: usize = 254;
/// A name given to an API token.
pub const TOKEN_NAME_MAX: usize = 80;
/// A page of a list asked for through the API (products).
pub const PAGE_MAX: i64 = 200;
/// A request body (server functions and REST alike): 1 MiB holds a full
/// 200-line order many times over, and a pasted CSV of the same.
pub const BODY_MAX_BYTES: usize = 1024 * 1024;
/// A body that carries a file: the file's cap and room for the form around it.
pub const UPLOAD_BODY_MAX_BYTES: usize = crate::attachments::MAX_FILE_BYTES + 64 * 1024;

/// The server functions whose body is `multipart/form-data`.
pub const MULTIPART_SERVER_FNS: [&str; 1] = ["/sf/record_inspection"];

/// Does a request to this path carry a file?
pub fn takes_file(path: &str) -> bool {
    MULTIPART_SERVER_FNS.contains(&path) || (path.starts_with("/api/v1/orders/") && path.ends_with("/inspections"))
}

/// The cap on a request's body by its path: uploads take a file, the rest
/// [`BODY_MAX_BYTES`].
pub fn body_max(path: &str) -> usize {
    if takes_file(path) {
        UPLOAD_BODY_MAX_BYTES
    } else {
        BODY_MAX_BYTES
    }
}

fn too_long(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

/// Optional text of at most `max` characters.
pub fn check_optional_text(text: &str, max: usize) -> Result<(), Invalid> {
    if too_long(text.trim(), max) {
        Err(Invalid::TooLong)
    } else {
        Ok(())
    }
}

/// Checks an order as entered against every bound, reporting each field
/// that breaks one (`lines.3.quantity`, `requested_date`, ...). Drafts may
/// be incomplete; what is there must be within bounds. For writes.
pub fn check_order_input(input: &OrderInput, today: Date) -> Result<(), AppError> {
    check_bounds(input, today, true)
}

/// The bounds on an order's size only (lines, texts): what the live check
/// needs before it does any work. A quantity or date out of bounds is not
/// refused there but reported on its line, as the form shows it.
pub fn check_order_size(input: &OrderInput, today: Date) -> Result<(), AppError> {
    check_bounds(input, today, false)
}

fn check_bounds(input: &OrderInput, today: Date, values: bool) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let mut field = |field: String, reason: Invalid| errors.push(FieldError { field, reason });
    if input.lines.len() > MAX_LINES {
        field("lines".into(), Invalid::TooMany);
    }
    if too_long(input.po_number.trim(), PO_NUMBER_MAX) {
        field("po_number".into(), Invalid::TooLong);
    }
    if too_long(input.notes.trim(), NOTES_MAX) {
        field("notes".into(), Invalid::TooLong);
    }
    let horizon = feasibility::horizon(today);
    if values && input.requested_date.is_some_and(|d| d > horizon) {
        field("requested_date".into(), Invalid::TooFar);
    }
    for (i, line) in input.lines.iter().enumerate().take(MAX_LINES) {
        if too_long(line.sku.trim(), SKU_MAX) {
            field(format!("lines.{i}.sku"), Invalid::TooLong);
        }
        if values && line.quantity > MAX_QUANTITY {
            field(format!("lines.{i}.quantity"), Invalid::TooLarge);
        }
        if values && line.requested_date.is_some_and(|d| d > horizon) {
            field(format!("lines.{i}.requested_date"), Invalid::TooFar);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// A counter-proposal's bounds: its message, the number of lines it names
/// and each proposed quantity (at least one, at most [`MAX_QUANTITY`]).
pub fn check_counter(proposal: &CounterProposal, today: Date) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if too_long(proposal.message.trim(), REASON_MAX) {
        errors.push(FieldError { field: "message".into(), reason: Invalid::TooLong });
    }
    if proposal.date.is_some_and(|d| d > feasibility::horizon(today)) {
        errors.push(FieldError { field: "counter_date".into(), reason: Invalid::TooFar });
    }
    if proposal.quantities.len() > MAX_LINES {
        errors.push(FieldError { field: "quantities".into(), reason: Invalid::TooMany });
    }
    for q in proposal.quantities.iter().take(MAX_LINES) {
        let field = || crate::orders::counter_quantity_field(q.line_key);
        if q.quantity < 1 {
            errors.push(FieldError { field: field(), reason: Invalid::Quantity });
        } else if q.quantity > MAX_QUANTITY {
            errors.push(FieldError { field: field(), reason: Invalid::TooLarge });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// A reason or message on a step of an order.
pub fn check_reason(text: &str, field: &str) -> Result<(), AppError> {
    check_optional_text(text, REASON_MAX).map_err(|reason| AppError::field(field, reason))
}

/// A list filter's search text and cursor.
pub fn check_filter(filter: &OrderFilter) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if filter.search.as_deref().is_some_and(|s| too_long(s.trim(), SEARCH_MAX)) {
        errors.push(FieldError { field: "search".into(), reason: Invalid::TooLong });
    }
    if filter.cursor.as_deref().is_some_and(|s| s.len() > CURSOR_MAX) {
        errors.push(FieldError { field: "cursor".into(), reason: Invalid::NotAllowed });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::{LineQuantity, OrderLineInput};
    use time::macros::date;

    const TODAY: Date = date!(2026 - 12 - 02);

    fn input(lines: usize, quantity: i64) -> OrderInput {
        OrderInput {
            site_id: Some(1),
            requested_date: Some(date!(2027 - 01 - 15)),
            po_number: "PO-1".into(),
            notes: String::new(),
            lines: (0..lines).map(|_| OrderLineInput { sku: "FST-M8".into(), quantity, requested_date: None }).collect(),
        }
    }

    fn fields(e: AppError) -> Vec<(String, Invalid)> {
        match e {
            AppError::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.reason)).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn orders_within_bounds_pass() {
        assert_eq!(check_order_input(&input(MAX_LINES, MAX_QUANTITY), TODAY), Ok(()));
    }

    #[test]
    fn the_live_check_bounds_size_not_values() {
        assert!(check_order_size(&input(2, MAX_QUANTITY + 1), TODAY).is_ok(), "reported on the line instead");
        assert_eq!(fields(check_order_size(&input(MAX_LINES + 1, 1), TODAY).unwrap_err()), vec![("lines".to_string(), Invalid::TooMany)]);
    }

    #[test]
    fn each_bound_names_its_field() {
        assert_eq!(fields(check_order_input(&input(MAX_LINES + 1, 100), TODAY).unwrap_err()), vec![("lines".to_string(), Invalid::TooMany)]);
        assert_eq!(fields(check_order_input(&input(2, MAX_QUANTITY + 1), TODAY).unwrap_err()).len(), 2);
        let mut o = input(1, 100);
        o.po_number = "P".repeat(PO_NUMBER_MAX + 1);
        o.notes = "n".repeat(NOTES_MAX + 1);
        o.requested_date = Some(date!(9999 - 12 - 31));
        o.lines[0].sku = "S".repeat(SKU_MAX + 1);
        o.lines[0].requested_date = Some(TODAY + time::Duration::days(feasibility::HORIZON_DAYS + 1));
        let got = fields(check_order_input(&o, TODAY).unwrap_err());
        for want in [
            ("po_number", Invalid::TooLong),
            ("notes", Invalid::TooLong),
            ("requested_date", Invalid::TooFar),
            ("lines.0.sku", Invalid::TooLong),
            ("lines.0.requested_date", Invalid::TooFar),
        ] {
            assert!(got.contains(&(want.0.to_string(), want.1)), "{want:?} missing from {got:?}");
        }
    }

    #[test]
    fn counters_reasons_and_filters_are_bounded() {
        let p = CounterProposal { date: None, quantities: vec![LineQuantity { line_key: 3, quantity: MAX_QUANTITY + 1 }], message: "m".repeat(REASON_MAX + 1) };
        let got = fields(check_counter(&p, TODAY).unwrap_err());
        assert!(got.contains(&("quantities[3]".to_string(), Invalid::TooLarge)));
        assert!(got.contains(&("message".to_string(), Invalid::TooLong)));
        assert!(check_reason(&"r".repeat(REASON_MAX), "reason").is_ok());
        assert!(check_reason(&"r".repeat(REASON_MAX + 1), "reason").is_err());
        let f = OrderFilter { search: Some("x".repeat(SEARCH_MAX + 1)), ..Default::default() };
        assert_eq!(fields(check_filter(&f).unwrap_err()), vec![("search".to_string(), Invalid::TooLong)]);
    }
}
