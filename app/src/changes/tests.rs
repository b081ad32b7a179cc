use super::apply::{apply, Context};
use super::diff::{diff, LineDiff};
use super::impact::{impact, ImpactContext};
use super::*;
use crate::error::Invalid;
use crate::orders::feasibility::Report;
use proptest::prelude::*;
use std::collections::HashMap;
use time::macros::date;

const TODAY: Date = date!(2026 - 12 - 02);

fn line(key: i64, quantity: i64, price: i64) -> VersionLine {
    VersionLine { line_key: key, product_id: 100 + key, sku: format!("SKU-{key}"), quantity, unit_price_minor: price, requested_date: None }
}

fn version(lines: Vec<VersionLine>) -> Version {
    Version { number: 1, site_id: Some(10), requested_date: Some(date!(2027 - 03 - 01)), po_number: "PO-1".into(), notes: String::new(), lines }
}

fn context() -> Context {
    let products = HashMap::from([("NEW-1".to_string(), (900, 250)), ("NEW-2".to_string(), (901, 75))]);
    Context { today: Some(TODAY), next_line_key: 1, products, shipped: HashMap::new(), sites: vec![10, 11] }
}

fn request(changes: Vec<Change>) -> ChangeRequestInput {
    ChangeRequestInput { base_version: 1, changes, reason: "the line moved".into() }
}

fn refused(base: &Version, changes: Vec<Change>, ctx: &Context) -> Vec<(String, Invalid)> {
    apply(base, &request(changes), ctx).expect_err("refused").into_iter().map(|e| (e.field, e.reason)).collect()
}

#[test]
fn a_valid_request_makes_the_next_version() {
    let base = version(vec![line(1, 100, 50), line(2, 40, 10)]);
    let next = apply(
        &base,
        &request(vec![
            Change::Quantity { line_key: 1, quantity: 150 },
            Change::RemoveLine { line_key: 2 },
            Change::AddLine { sku: " new-1 ".into(), quantity: 20, requested_date: None },
            Change::OrderDate { requested_date: Some(date!(2027 - 04 - 01)) },
            Change::Site { site_id: 11 },
        ]),
        &context(),
    )
    .unwrap();
    assert_eq!(next.number, 2);
    assert_eq!(next.lines.iter().map(|l| (l.line_key, l.sku.as_str(), l.quantity, l.unit_price_minor)).collect::<Vec<_>>(), vec![(1, "SKU-1", 150, 50), (3, "NEW-1", 20, 250)]);
    assert_eq!((next.site_id, next.requested_date), (Some(11), Some(date!(2027 - 04 - 01))));
    let d = diff(&base, &next);
    assert_eq!(d.lines.iter().map(LineDiff::line_key).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!((d.total_before_minor, d.total_after_minor), (100 * 50 + 40 * 10, 150 * 50 + 20 * 250));
    assert_eq!(d.header.len(), 2);
}

#[test]
fn bad_input_is_refused_field_by_field_and_nothing_applies() {
    let base = version(vec![line(1, 100, 50), line(2, 40, 10)]);
    let mut ctx = context();
    ctx.shipped.insert(2, 30);
    assert_eq!(refused(&base, vec![Change::Quantity { line_key: 9, quantity: 5 }], &ctx), vec![("changes.0.line_key".into(), Invalid::NotAllowed)]);
    assert_eq!(refused(&base, vec![Change::Quantity { line_key: 2, quantity: 29 }], &ctx), vec![("changes.0.quantity".into(), Invalid::Quantity)], "below what has shipped");
    assert_eq!(refused(&base, vec![Change::Quantity { line_key: 1, quantity: 0 }], &ctx), vec![("changes.0.quantity".into(), Invalid::Quantity)]);
    assert_eq!(refused(&base, vec![Change::Quantity { line_key: 1, quantity: -5 }], &ctx), vec![("changes.0.quantity".into(), Invalid::Quantity)]);
    assert_eq!(refused(&base, vec![Change::Quantity { line_key: 1, quantity: 10_000_001 }], &ctx), vec![("changes.0.quantity".into(), Invalid::TooLarge)]);
    assert_eq!(refused(&base, vec![Change::RemoveLine { line_key: 2 }], &ctx), vec![("changes.0.line_key".into(), Invalid::NotAllowed)], "shipped lines stay");
    assert_eq!(refused(&base, vec![Change::Site { site_id: 99 }], &ctx), vec![("changes.0.site_id".into(), Invalid::NotAllowed)], "another account's site");
    assert_eq!(refused(&base, vec![Change::AddLine { sku: "NOPE".into(), quantity: 1, requested_date: None }], &ctx), vec![("changes.0.sku".into(), Invalid::NotAllowed)]);
    assert_eq!(
        refused(&base, vec![Change::OrderDate { requested_date: Some(date!(2026 - 12 - 01)) }], &ctx),
        vec![("changes.0.requested_date".into(), Invalid::NotAllowed)],
        "in the past"
    );
    assert_eq!(
        refused(&base, vec![Change::LineDate { line_key: 1, requested_date: Some(date!(2029 - 01 - 01)) }], &ctx),
        vec![("changes.0.requested_date".into(), Invalid::TooFar)]
    );
    assert_eq!(refused(&base, vec![Change::Quantity { line_key: 1, quantity: 100 }], &ctx), vec![("changes".into(), Invalid::Required)], "changes nothing");
    assert_eq!(refused(&base, vec![], &ctx), vec![("changes".into(), Invalid::Required)]);
    assert_eq!(
        refused(&base, vec![Change::Quantity { line_key: 1, quantity: 5 }, Change::Quantity { line_key: 1, quantity: 6 }], &ctx),
        vec![("changes.1.line_key".into(), Invalid::NotAllowed)],
        "one change per line"
    );
    assert_eq!(
        refused(&base, vec![Change::Quantity { line_key: 1, quantity: 5 }, Change::RemoveLine { line_key: 1 }], &ctx),
        vec![("changes.0.line_key".into(), Invalid::NotAllowed)],
        "changed and removed"
    );
    let one = version(vec![line(1, 100, 50)]);
    assert_eq!(refused(&one, vec![Change::RemoveLine { line_key: 1 }], &ctx), vec![("changes".into(), Invalid::Required)], "no lines left");
    let mut no_reason = request(vec![Change::Quantity { line_key: 1, quantity: 5 }]);
    no_reason.reason = "  ".into();
    assert_eq!(apply(&base, &no_reason, &ctx).unwrap_err()[0].field, "reason");
    let mut many = request(vec![Change::Notes { notes: "x".into() }; MAX_CHANGES + 1]);
    many.reason = "r".into();
    assert_eq!(apply(&base, &many, &ctx).unwrap_err()[0].reason, Invalid::TooMany);
}

#[test]
fn impact_reports_charges_shift_and_credit() {
    let base = version(vec![line(1, 100, 50), line(2, 40, 10)]);
    let next = apply(&base, &request(vec![Change::Quantity { line_key: 1, quantity: 200 }, Change::Quantity { line_key: 2, quantity: 50 }]), &context()).unwrap();
    let report = Report { header: vec![], lines: vec![], order_earliest: Some(date!(2027 - 03 - 15)), total_minor: next.total_minor(), credit_left_minor: 0 };
    let ctx =
        ImpactContext { report, promised: Some(date!(2027 - 03 - 01)), in_production: vec![2], change_charge_minor: 5_000, credit_limit_minor: 20_000, other_open_minor: 9_000 };
    let i = impact(&base, &next, &ctx);
    assert_eq!(i.cost_delta_minor, 200 * 50 + 50 * 10 - (100 * 50 + 40 * 10));
    assert_eq!((i.in_production.clone(), i.charge_minor), (vec![2], 5_000));
    assert_eq!(i.shift_days, Some(14));
    assert_eq!(i.open_after_minor, 9_000 + 10_500 + 5_000);
    assert!(i.over_credit);
}

/// A version of 1–12 lines with keys 1..=n, and a valid request against it.
fn version_and_request() -> impl Strategy<Value = (Version, ChangeRequestInput)> {
    prop::collection::vec((1i64..5_000, 1i64..10_000), 1..12)
        .prop_flat_map(|specs| {
            let base = version(specs.iter().enumerate().map(|(i, (q, p))| line(i as i64 + 1, *q, *p)).collect());
            let n = base.lines.len() as i64;
            let change = prop_oneof![
                (1..=n, 1i64..1_000_000).prop_map(|(k, q)| Change::Quantity { line_key: k, quantity: q }),
                (1..=n).prop_map(|k| Change::RemoveLine { line_key: k }),
                (prop::sample::select(vec!["NEW-1", "NEW-2"]), 1i64..1_000).prop_map(|(s, q)| Change::AddLine { sku: s.into(), quantity: q, requested_date: None }),
                (1..=n, 1i64..400).prop_map(|(k, days)| Change::LineDate { line_key: k, requested_date: Some(TODAY + time::Duration::days(days)) }),
                "[a-z ]{0,20}".prop_map(|notes| Change::Notes { notes }),
            ];
            (Just(base), prop::collection::vec(change, 1..8))
        })
        .prop_map(|(base, changes)| {
            // at most one change per line (a rule tested above), keeping the first
            let mut seen = std::collections::HashSet::new();
            let mut notes = false;
            let changes = changes
                .into_iter()
                .filter(|c| match c {
                    Change::Quantity { line_key, .. } | Change::RemoveLine { line_key } | Change::LineDate { line_key, .. } => seen.insert(*line_key),
                    Change::Notes { .. } => !std::mem::replace(&mut notes, true),
                    _ => true,
                })
                .collect();
            (base, request(changes))
        })
}

proptest! {
    #[test]
    fn applying_gives_a_valid_next_version_whose_lines_keep_their_keys((base, req) in version_and_request()) {
        if let Ok(next) = apply(&base, &req, &context()) {
            prop_assert_eq!(next.number, base.number + 1);
            prop_assert!(!next.lines.is_empty() && next.lines.len() <= crate::limits::MAX_LINES);
            prop_assert!(next.lines.iter().all(|l| (1..=crate::limits::MAX_QUANTITY).contains(&l.quantity)));
            let mut keys: Vec<i64> = next.lines.iter().map(|l| l.line_key).collect();
            keys.sort_unstable();
            keys.dedup();
            prop_assert_eq!(keys.len(), next.lines.len(), "keys are unique");
            for l in &next.lines {
                match base.line(l.line_key) {
                    // a kept line is the same product at the price it was ordered at
                    Some(b) => prop_assert_eq!((b.product_id, &b.sku, b.unit_price_minor), (l.product_id, &l.sku, l.unit_price_minor)),
                    // an added line's key was never used
                    None => prop_assert!(l.line_key > base.lines.iter().map(|b| b.line_key).max().unwrap()),
                }
            }
            let d = diff(&base, &next);
            prop_assert!(!d.is_empty());
            // every change asked for is in the diff
            for c in &req.changes {
                match c {
                    Change::Quantity { line_key, quantity } => prop_assert_eq!(next.line(*line_key).map(|l| l.quantity), Some(*quantity)),
                    Change::RemoveLine { line_key } => {
                        let removed = LineDiff::Removed { line: base.line(*line_key).unwrap().clone() };
                        prop_assert!(d.lines.contains(&removed), "line {} removed", line_key);
                    }
                    _ => {}
                }
            }
        } else {
            // the only refusals of a well-formed request: it asks for nothing new, or removes every line
            let errors = apply(&base, &req, &context()).unwrap_err();
            prop_assert!(errors.iter().all(|e| e.field == "changes" && e.reason == Invalid::Required), "{:?}", errors);
        }
    }

    #[test]
    fn a_version_compared_with_itself_has_no_differences((base, _) in version_and_request()) {
        let d = diff(&base, &base);
        prop_assert!(d.is_empty());
        prop_assert_eq!(d.total_before_minor, d.total_after_minor);
    }

    #[test]
    fn the_previewed_cost_delta_is_the_difference_of_the_totals((base, req) in version_and_request()) {
        if let Ok(next) = apply(&base, &req, &context()) {
            let report = Report { header: vec![], lines: vec![], order_earliest: None, total_minor: 0, credit_left_minor: 0 };
            let ctx = ImpactContext { report, promised: None, in_production: vec![], change_charge_minor: 0, credit_limit_minor: i64::MAX, other_open_minor: 0 };
            let i = impact(&base, &next, &ctx);
            prop_assert_eq!(i.cost_delta_minor, next.total_minor() - base.total_minor());
            prop_assert_eq!(i.diff, diff(&base, &next));
        }
    }
}
