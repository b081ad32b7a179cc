//! Applying a change request to the version it was made from: the next
//! version, or every field that is wrong, named as the form names it
//! (`changes.3.quantity`). Nothing is applied unless everything is valid.

use super::{Change, ChangeRequestInput, Version, VersionLine, MAX_CHANGES};
use crate::error::{FieldError, Invalid};
use crate::limits::{self, MAX_LINES, MAX_QUANTITY, NOTES_MAX, PO_NUMBER_MAX, REASON_MAX, SKU_MAX};
use crate::orders::feasibility;
use std::collections::{HashMap, HashSet};
use time::Date;

/// What applying needs to know besides the version.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub today: Option<Date>,
    /// The key the next added line gets (one past every key the order has
    /// ever used, removed lines included).
    pub next_line_key: i64,
    /// Products a line may be added for, by upper-case SKU: (product id,
    /// the account's price valid today).
    pub products: HashMap<String, (i64, i64)>,
    /// Quantity already shipped per line key (lines not named: none).
    pub shipped: HashMap<i64, i64>,
    /// The account's active delivery sites.
    pub sites: Vec<i64>,
}

fn fe(field: impl Into<String>, reason: Invalid) -> FieldError {
    FieldError { field: field.into(), reason }
}

/// The version `request` makes of `base`, numbered `base.number + 1`.
pub fn apply(base: &Version, request: &ChangeRequestInput, ctx: &Context) -> Result<Version, Vec<FieldError>> {
    let mut errors: Vec<FieldError> = Vec::new();
    let reason = request.reason.trim();
    if reason.is_empty() {
        errors.push(fe("reason", Invalid::Required));
    } else if reason.chars().count() > REASON_MAX {
        errors.push(fe("reason", Invalid::TooLong));
    }
    if request.changes.is_empty() {
        errors.push(fe("changes", Invalid::Required));
    }
    if request.changes.len() > MAX_CHANGES {
        errors.push(fe("changes", Invalid::TooMany));
        return Err(errors);
    }
    let horizon = ctx.today.map(feasibility::horizon);
    let date_ok = |d: &Option<Date>| -> Result<(), Invalid> {
        match (d, ctx.today, horizon) {
            (Some(d), Some(today), _) if *d < today => Err(Invalid::NotAllowed),
            (Some(d), _, Some(h)) if *d > h => Err(Invalid::TooFar),
            _ => Ok(()),
        }
    };
    let mut next = base.clone();
    next.number = base.number + 1;
    let mut next_key = ctx.next_line_key.max(base.lines.iter().map(|l| l.line_key + 1).max().unwrap_or(1));
    // one change per line and per header field: two would leave the result
    // depending on their order
    let mut touched: HashSet<(i64, &str)> = HashSet::new();
    for (i, change) in request.changes.iter().enumerate() {
        let at = |f: &str| format!("changes.{i}.{f}");
        let line_of = |key: i64| base.line(key).is_some();
        // false (and the field refused) when this line or field was changed already
        let mut once = |key: i64, what: &'static str, field: String, errors: &mut Vec<FieldError>| {
            let first = touched.insert((key, what));
            if !first {
                errors.push(fe(field, Invalid::NotAllowed));
            }
            first
        };
        match change {
            Change::Quantity { line_key, quantity } => {
                if !line_of(*line_key) {
                    errors.push(fe(at("line_key"), Invalid::NotAllowed));
                } else if once(*line_key, "quantity", at("line_key"), &mut errors) {
                    let shipped = ctx.shipped.get(line_key).copied().unwrap_or(0);
                    if *quantity < 1 || *quantity < shipped {
                        errors.push(fe(at("quantity"), Invalid::Quantity));
                    } else if *quantity > MAX_QUANTITY {
                        errors.push(fe(at("quantity"), Invalid::TooLarge));
                    } else if let Some(l) = next.lines.iter_mut().find(|l| l.line_key == *line_key) {
                        l.quantity = *quantity;
                    }
                }
            }
            Change::AddLine { sku, quantity, requested_date } => {
                let sku = sku.trim().to_uppercase();
                let product = ctx.products.get(&sku);
                if sku.chars().count() > SKU_MAX {
                    errors.push(fe(at("sku"), Invalid::TooLong));
                } else if product.is_none() {
                    errors.push(fe(at("sku"), Invalid::NotAllowed));
                }
                if *quantity < 1 {
                    errors.push(fe(at("quantity"), Invalid::Quantity));
                } else if *quantity > MAX_QUANTITY {
                    errors.push(fe(at("quantity"), Invalid::TooLarge));
                }
                if let Err(reason) = date_ok(requested_date) {
                    errors.push(fe(at("requested_date"), reason));
                }
                if let Some((product_id, price)) = product {
                    next.lines.push(VersionLine {
                        line_key: next_key,
                        product_id: *product_id,
                        sku,
                        quantity: *quantity,
                        unit_price_minor: *price,
                        requested_date: *requested_date,
                    });
                    next_key += 1;
                }
            }
            Change::RemoveLine { line_key } => {
                if !line_of(*line_key) {
                    errors.push(fe(at("line_key"), Invalid::NotAllowed));
                } else if once(*line_key, "line", at("line_key"), &mut errors) {
                    if ctx.shipped.get(line_key).copied().unwrap_or(0) > 0 {
                        errors.push(fe(at("line_key"), Invalid::NotAllowed));
                    }
                    next.lines.retain(|l| l.line_key != *line_key);
                }
            }
            Change::LineDate { line_key, requested_date } => {
                if !line_of(*line_key) {
                    errors.push(fe(at("line_key"), Invalid::NotAllowed));
                } else if once(*line_key, "date", at("line_key"), &mut errors) {
                    match date_ok(requested_date) {
                        Err(reason) => errors.push(fe(at("requested_date"), reason)),
                        Ok(()) => {
                            if let Some(l) = next.lines.iter_mut().find(|l| l.line_key == *line_key) {
                                l.requested_date = *requested_date;
                            }
                        }
                    }
                }
            }
            Change::OrderDate { requested_date } => {
                if once(0, "order_date", at("requested_date"), &mut errors) {
                    match date_ok(requested_date) {
                        Err(reason) => errors.push(fe(at("requested_date"), reason)),
                        Ok(()) => next.requested_date = *requested_date,
                    }
                }
            }
            Change::Site { site_id } => {
                if !ctx.sites.contains(site_id) {
                    errors.push(fe(at("site_id"), Invalid::NotAllowed));
                } else if once(0, "site", at("site_id"), &mut errors) {
                    next.site_id = Some(*site_id);
                }
            }
            Change::PoNumber { po_number } => {
                if limits::check_optional_text(po_number, PO_NUMBER_MAX).is_err() {
                    errors.push(fe(at("po_number"), Invalid::TooLong));
                } else if once(0, "po_number", at("po_number"), &mut errors) {
                    next.po_number = po_number.trim().to_string();
                }
            }
            Change::Notes { notes } => {
                if limits::check_optional_text(notes, NOTES_MAX).is_err() {
                    errors.push(fe(at("notes"), Invalid::TooLong));
                } else if once(0, "notes", at("notes"), &mut errors) {
                    next.notes = notes.trim().to_string();
                }
            }
        }
    }
    // a line both removed and changed: the removal wins nothing, it is an error
    for (i, change) in request.changes.iter().enumerate() {
        if let Change::Quantity { line_key, .. } | Change::LineDate { line_key, .. } = change {
            if touched.contains(&(*line_key, "line")) {
                errors.push(fe(format!("changes.{i}.line_key"), Invalid::NotAllowed));
            }
        }
    }
    if next.lines.is_empty() && errors.is_empty() {
        errors.push(fe("changes", Invalid::Required));
    }
    if next.lines.len() > MAX_LINES {
        errors.push(fe("changes", Invalid::TooMany));
    }
    if errors.is_empty() && super::diff::diff(base, &next).is_empty() {
        // asks for nothing the order does not already have
        errors.push(fe("changes", Invalid::Required));
    }
    if errors.is_empty() {
        Ok(next)
    } else {
        Err(errors)
    }
}
