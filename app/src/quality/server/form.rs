//! An inspection from a multipart form's text fields — the page's form and
//! the REST door post the same fields: `sku`, `lot`, `inspected_on`
//! (YYYY-MM-DD), `sample_size`, `defects.<kind>` (a count per kind, blank
//! for none), `result` (`pass` or `fail`), `inspector`, `note`; and the
//! file `certificate`. Every unreadable field is named at once.

use crate::attachments::server::form::UploadForm;
use crate::error::{AppError, FieldError, Invalid};
use crate::quality::{Defect, DefectKind, InspectionInput};

pub fn form_input(form: &UploadForm) -> Result<InspectionInput, AppError> {
    let mut errors = Vec::new();
    let mut bad = |field: &str, reason: Invalid| errors.push(FieldError { field: field.into(), reason });
    let inspected_on = match form.text("inspected_on").trim() {
        "" => {
            bad("inspected_on", Invalid::Required);
            None
        }
        t => crate::orders::paste::parse_date(t).or_else(|| {
            bad("inspected_on", Invalid::NotAllowed);
            None
        }),
    };
    let mut number = |field: &str, required: bool| match form.text(field).trim() {
        "" if required => {
            bad(field, Invalid::Required);
            0
        }
        "" => 0,
        t => t.parse::<i64>().unwrap_or_else(|_| {
            bad(field, Invalid::Quantity);
            0
        }),
    };
    let sample_size = number("sample_size", true);
    let defects: Vec<Defect> =
        DefectKind::ALL.into_iter().map(|kind| Defect { kind, count: number(&format!("defects.{}", kind.as_str()), false) }).filter(|d| d.count != 0).collect();
    let passed = match form.text("result") {
        "pass" => Some(true),
        "fail" => Some(false),
        "" => {
            bad("result", Invalid::Required);
            None
        }
        _ => {
            bad("result", Invalid::NotAllowed);
            None
        }
    };
    match (inspected_on, passed, errors.is_empty()) {
        (Some(inspected_on), Some(passed), true) => Ok(InspectionInput {
            sku: form.text("sku").into(),
            lot: form.text("lot").into(),
            inspected_on,
            sample_size,
            defects,
            passed,
            inspector: form.text("inspector").into(),
            note: form.text("note").into(),
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}
