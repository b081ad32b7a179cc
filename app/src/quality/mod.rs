//! Quality control: inspections of an order, or of one of its lines or
//! lots, during production — sample size, defects by type, pass or fail,
//! the inspector, and an optional certificate file (`attachments`).
//! Planners record them; the customer sees the result and downloads the
//! certificate. An inspection is never edited: a correction is a new one.

use crate::attachments::Attachment;
use crate::error::{FieldError, Invalid};
use serde::{Deserialize, Serialize};
use time::Date;

pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;

/// Units sampled in one inspection.
pub const MAX_SAMPLE: i64 = 1_000_000;
/// A lot number as written on the goods.
pub const LOT_MAX: usize = 60;
/// The inspector's name (a person, or a lab such as SGS).
pub const INSPECTOR_MAX: usize = 80;
/// The inspection's note.
pub const NOTE_MAX: usize = 1_000;
/// Inspections kept per order.
pub const MAX_INSPECTIONS_PER_ORDER: i64 = 200;

/// What was wrong with a defective unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DefectKind {
    Dimensional,
    Surface,
    Function,
    Material,
    Packaging,
    Labeling,
}

impl DefectKind {
    pub const ALL: [DefectKind; 6] = [DefectKind::Dimensional, DefectKind::Surface, DefectKind::Function, DefectKind::Material, DefectKind::Packaging, DefectKind::Labeling];

    pub fn as_str(self) -> &'static str {
        match self {
            DefectKind::Dimensional => "dimensional",
            DefectKind::Surface => "surface",
            DefectKind::Function => "function",
            DefectKind::Material => "material",
            DefectKind::Packaging => "packaging",
            DefectKind::Labeling => "labeling",
        }
    }

    pub fn parse(s: &str) -> Option<DefectKind> {
        DefectKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Defective units of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Defect {
    pub kind: DefectKind,
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 1_000_000))]
    pub count: i64,
}

/// An inspection as a planner enters it (the certificate travels beside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InspectionInput {
    /// One of the order's SKUs, or blank for the whole order.
    #[cfg_attr(feature = "ssr", schema(max_length = 40))]
    pub sku: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 60))]
    pub lot: String,
    pub inspected_on: Date,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 1_000_000))]
    pub sample_size: i64,
    /// Defective units by kind (a kind at most once; zero counts are dropped).
    #[cfg_attr(feature = "ssr", schema(max_items = 6))]
    pub defects: Vec<Defect>,
    pub passed: bool,
    #[cfg_attr(feature = "ssr", schema(min_length = 1, max_length = 80))]
    pub inspector: String,
    #[cfg_attr(feature = "ssr", schema(max_length = 1000))]
    pub note: String,
}

/// A recorded inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Inspection {
    pub id: i64,
    pub order_id: i64,
    /// None: the whole order.
    pub sku: Option<String>,
    pub lot: String,
    pub inspected_on: Date,
    pub sample_size: i64,
    pub defects: Vec<Defect>,
    pub passed: bool,
    pub inspector: String,
    pub note: String,
    pub certificate: Option<Attachment>,
    /// Who recorded it in the portal.
    pub recorded_by: String,
    /// Seconds since the epoch (UTC).
    pub created_at: i64,
}

impl Inspection {
    pub fn defect_total(&self) -> i64 {
        self.defects.iter().map(|d| d.count).sum()
    }
}

/// An order's inspections, newest first, and whether the reader may add one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OrderInspections {
    pub items: Vec<Inspection>,
    pub may_record: bool,
    /// The order's SKUs, for the form's line choice.
    pub skus: Vec<String>,
    /// The server's today, for the form's default date.
    pub today: Date,
}

/// Orders whose goods exist to inspect: from confirmation (production
/// begins) until delivery; not drafts, refusals, or closed orders.
pub fn inspectable(status: crate::orders::OrderStatus) -> bool {
    use crate::orders::OrderStatus::*;
    matches!(status, Confirmed | InProduction | PartiallyShipped | Shipped | Delivered)
}

/// Who records inspections: those who plan and ship.
pub fn may_record(role: crate::accounts::Role) -> bool {
    crate::shipments::rules::may_ship(role)
}

/// The input as the rules keep it: trimmed, zero defect counts dropped,
/// kinds in one order.
pub fn normalize(mut input: InspectionInput) -> InspectionInput {
    input.sku = input.sku.trim().to_string();
    input.lot = input.lot.trim().to_string();
    input.inspector = input.inspector.trim().to_string();
    input.note = input.note.trim().to_string();
    input.defects.retain(|d| d.count != 0);
    input.defects.sort_by_key(|d| d.kind);
    input
}

/// Every field of an inspection checked at once, each refusal named as the
/// form names it (`defects.surface`, ...). `skus` are the order's.
pub fn check_inspection(input: &InspectionInput, skus: &[String], today: Date) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fe = |field: &str, reason: Invalid| errors.push(FieldError { field: field.into(), reason });
    if !input.sku.is_empty() && !skus.iter().any(|s| s == &input.sku) {
        fe("sku", Invalid::NotAllowed);
    }
    if input.lot.chars().count() > LOT_MAX {
        fe("lot", Invalid::TooLong);
    }
    if input.inspected_on > today {
        fe("inspected_on", Invalid::NotAllowed);
    } else if input.inspected_on < today - time::Duration::days(730) {
        fe("inspected_on", Invalid::TooFar);
    }
    if input.sample_size < 1 {
        fe("sample_size", Invalid::Quantity);
    } else if input.sample_size > MAX_SAMPLE {
        fe("sample_size", Invalid::TooLarge);
    }
    let mut seen = Vec::new();
    for d in &input.defects {
        let field = format!("defects.{}", d.kind.as_str());
        if seen.contains(&d.kind) {
            fe(&field, Invalid::Taken);
        } else if d.count < 0 {
            fe(&field, Invalid::Quantity);
        } else if d.count > input.sample_size.max(0) {
            fe(&field, Invalid::TooLarge);
        }
        seen.push(d.kind);
    }
    // more defective units than were sampled is a typing error, not a result
    let total: i64 = input.defects.iter().map(|d| d.count.clamp(0, MAX_SAMPLE)).sum();
    let each_fine = input.defects.iter().all(|d| d.count >= 0 && d.count <= input.sample_size) && {
        let mut kinds: Vec<DefectKind> = input.defects.iter().map(|d| d.kind).collect();
        kinds.sort();
        kinds.dedup();
        kinds.len() == input.defects.len()
    };
    if input.sample_size >= 1 && total > input.sample_size && each_fine {
        fe("defects", Invalid::TooLarge);
    }
    if input.inspector.is_empty() {
        fe("inspector", Invalid::Required);
    } else if input.inspector.chars().count() > INSPECTOR_MAX {
        fe("inspector", Invalid::TooLong);
    }
    if input.note.chars().count() > NOTE_MAX {
        fe("note", Invalid::TooLong);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests;
