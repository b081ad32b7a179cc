use super::*;
use proptest::prelude::*;
use time::macros::date;

const TODAY: Date = date!(2026 - 12 - 03);

fn input() -> InspectionInput {
    InspectionInput {
        sku: "BRK-100".into(),
        lot: "L-7".into(),
        inspected_on: TODAY,
        sample_size: 80,
        defects: vec![Defect { kind: DefectKind::Surface, count: 2 }],
        passed: true,
        inspector: "Li Wei".into(),
        note: String::new(),
    }
}

fn fields(r: Result<(), Vec<FieldError>>) -> Vec<(String, Invalid)> {
    r.err().unwrap_or_default().into_iter().map(|e| (e.field, e.reason)).collect()
}

#[test]
fn a_plain_inspection_passes_the_rules() {
    assert_eq!(check_inspection(&input(), &["BRK-100".into()], TODAY), Ok(()));
    let whole_order = InspectionInput { sku: String::new(), ..input() };
    assert_eq!(check_inspection(&whole_order, &[], TODAY), Ok(()));
}

#[test]
fn each_bad_field_is_named() {
    let skus = ["BRK-100".to_string()];
    let bad = InspectionInput {
        sku: "NOPE".into(),
        lot: "x".repeat(LOT_MAX + 1),
        inspected_on: TODAY + time::Duration::days(1),
        sample_size: 0,
        defects: vec![],
        passed: false,
        inspector: " ".trim().into(),
        note: "n".repeat(NOTE_MAX + 1),
    };
    assert_eq!(
        fields(check_inspection(&bad, &skus, TODAY)),
        vec![
            ("sku".into(), Invalid::NotAllowed),
            ("lot".into(), Invalid::TooLong),
            ("inspected_on".into(), Invalid::NotAllowed),
            ("sample_size".into(), Invalid::Quantity),
            ("inspector".into(), Invalid::Required),
            ("note".into(), Invalid::TooLong),
        ]
    );
    let old = InspectionInput { inspected_on: TODAY - time::Duration::days(731), ..input() };
    assert_eq!(fields(check_inspection(&old, &skus, TODAY)), vec![("inspected_on".into(), Invalid::TooFar)]);
    let huge = InspectionInput { sample_size: MAX_SAMPLE + 1, defects: vec![], ..input() };
    assert_eq!(fields(check_inspection(&huge, &skus, TODAY)), vec![("sample_size".into(), Invalid::TooLarge)]);
}

#[test]
fn defects_never_exceed_the_sample() {
    let skus = ["BRK-100".to_string()];
    let one_kind = InspectionInput { sample_size: 5, defects: vec![Defect { kind: DefectKind::Function, count: 6 }], ..input() };
    assert_eq!(fields(check_inspection(&one_kind, &skus, TODAY)), vec![("defects.function".into(), Invalid::TooLarge)]);
    let together = InspectionInput { sample_size: 5, defects: vec![Defect { kind: DefectKind::Function, count: 3 }, Defect { kind: DefectKind::Surface, count: 3 }], ..input() };
    assert_eq!(fields(check_inspection(&together, &skus, TODAY)), vec![("defects".into(), Invalid::TooLarge)]);
    let twice = InspectionInput { defects: vec![Defect { kind: DefectKind::Surface, count: 1 }, Defect { kind: DefectKind::Surface, count: 1 }], ..input() };
    assert_eq!(fields(check_inspection(&twice, &skus, TODAY)), vec![("defects.surface".into(), Invalid::Taken)]);
    let negative = InspectionInput { defects: vec![Defect { kind: DefectKind::Labeling, count: -1 }], ..input() };
    assert_eq!(fields(check_inspection(&negative, &skus, TODAY)), vec![("defects.labeling".into(), Invalid::Quantity)]);
}

#[test]
fn normalizing_trims_and_drops_zero_counts() {
    let raw = InspectionInput {
        sku: " BRK-100 ".into(),
        inspector: "  Li Wei ".into(),
        defects: vec![Defect { kind: DefectKind::Surface, count: 1 }, Defect { kind: DefectKind::Dimensional, count: 0 }, Defect { kind: DefectKind::Function, count: 2 }],
        ..input()
    };
    let n = normalize(raw);
    assert_eq!((n.sku.as_str(), n.inspector.as_str()), ("BRK-100", "Li Wei"));
    assert_eq!(n.defects, vec![Defect { kind: DefectKind::Surface, count: 1 }, Defect { kind: DefectKind::Function, count: 2 }]);
}

proptest! {
    /// Whatever is typed, an inspection the rules take never claims more
    /// defective units than it sampled, and never a future date.
    #[test]
    fn accepted_inspections_are_consistent(sample in -5i64..200, counts in proptest::collection::vec((0usize..6, -3i64..150), 0..8), days in -800i64..5) {
        let defects = counts.iter().map(|&(k, count)| Defect { kind: DefectKind::ALL[k], count }).collect();
        let i = normalize(InspectionInput { sample_size: sample, defects, inspected_on: TODAY + time::Duration::days(days), ..input() });
        if check_inspection(&i, &["BRK-100".into()], TODAY).is_ok() {
            let total: i64 = i.defects.iter().map(|d| d.count).sum();
            prop_assert!(i.sample_size >= 1 && total <= i.sample_size);
            prop_assert!(i.defects.iter().all(|d| d.count > 0));
            prop_assert!(i.inspected_on <= TODAY);
        }
    }
}
