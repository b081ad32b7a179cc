//! Two versions of an order compared: lines added, removed and changed
//! (matched by their stable keys), header fields changed, and the totals.

use super::{Version, VersionLine};
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VersionDiff {
    pub from: i64,
    pub to: i64,
    /// By line key.
    pub lines: Vec<LineDiff>,
    pub header: Vec<HeaderDiff>,
    pub total_before_minor: i64,
    pub total_after_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineDiff {
    Added { line: VersionLine },
    Removed { line: VersionLine },
    Changed { before: VersionLine, after: VersionLine },
}

impl LineDiff {
    pub fn line_key(&self) -> i64 {
        match self {
            LineDiff::Added { line } | LineDiff::Removed { line } => line.line_key,
            LineDiff::Changed { after, .. } => after.line_key,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum HeaderDiff {
    Site { before: Option<i64>, after: Option<i64> },
    RequestedDate { before: Option<Date>, after: Option<Date> },
    PoNumber { before: String, after: String },
    Notes { before: String, after: String },
}

impl VersionDiff {
    /// Nothing differs but the version number.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.header.is_empty()
    }
}

/// What changed from `a` to `b`.
pub fn diff(a: &Version, b: &Version) -> VersionDiff {
    let mut keys: Vec<i64> = a.lines.iter().chain(&b.lines).map(|l| l.line_key).collect();
    keys.sort_unstable();
    keys.dedup();
    let lines = keys
        .into_iter()
        .filter_map(|key| match (a.line(key), b.line(key)) {
            (None, Some(after)) => Some(LineDiff::Added { line: after.clone() }),
            (Some(before), None) => Some(LineDiff::Removed { line: before.clone() }),
            (Some(before), Some(after)) if before != after => Some(LineDiff::Changed { before: before.clone(), after: after.clone() }),
            _ => None,
        })
        .collect();
    let mut header = Vec::new();
    if a.site_id != b.site_id {
        header.push(HeaderDiff::Site { before: a.site_id, after: b.site_id });
    }
    if a.requested_date != b.requested_date {
        header.push(HeaderDiff::RequestedDate { before: a.requested_date, after: b.requested_date });
    }
    if a.po_number != b.po_number {
        header.push(HeaderDiff::PoNumber { before: a.po_number.clone(), after: b.po_number.clone() });
    }
    if a.notes != b.notes {
        header.push(HeaderDiff::Notes { before: a.notes.clone(), after: b.notes.clone() });
    }
    VersionDiff { from: a.number, to: b.number, lines, header, total_before_minor: a.total_minor(), total_after_minor: b.total_minor() }
}
