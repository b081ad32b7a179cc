//! The rate table as CSV, the way a staff admin keeps it in a spreadsheet:
//!
//! ```text
//! mode,origin,zone,min_kg,max_kg,cost_per_kg,minimum,transit_days,pickup_days
//! road,SUZHOU,EAST,0,500,2.40,180.00,2,Mon-Sat
//! ```
//!
//! Money in yuan (two decimals at most), weights in whole kilograms (a
//! band holds `min_kg` up to, not including, `max_kg`), pick-up days as
//! `Mon Wed Fri`, `1/3/5`, `Mon-Fri` or `daily`. Every bad line is named
//! with its line number and field, and one bad line refuses the file: a
//! half-imported table would price some lanes from the old one.

use super::{parse_weekdays, Rate, CODE_MAX, MAX_KG, MAX_MONEY_MINOR, MAX_RATES, MAX_TRANSIT_DAYS};
use crate::error::Invalid;
use crate::money::Money;
use crate::shipments::Mode;
use serde::{Deserialize, Serialize};

pub const HEADER: &str = "mode,origin,zone,min_kg,max_kg,cost_per_kg,minimum,transit_days,pickup_days";

/// Why one line was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineError {
    /// 1-based, counting the header.
    pub line: usize,
    pub field: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub reason: Invalid,
}

/// The rates of a CSV text (ids 0: not stored yet), or every line's errors.
pub fn parse(text: &str) -> Result<Vec<Rate>, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut rates: Vec<(usize, Rate)> = Vec::new();
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_start_matches('\u{feff}').trim())).filter(|(_, l)| !l.is_empty());
    match lines.next() {
        Some((_, header)) if header.to_ascii_lowercase().replace(' ', "") == HEADER => {}
        Some((n, _)) => return Err(vec![LineError { line: n, field: "header".into(), reason: Invalid::NotAllowed }]),
        None => return Err(vec![LineError { line: 1, field: "header".into(), reason: Invalid::Required }]),
    }
    for (n, line) in lines {
        if rates.len() + errors.len() >= MAX_RATES {
            errors.push(LineError { line: n, field: "line".into(), reason: Invalid::TooMany });
            break;
        }
        match parse_line(line) {
            Ok(rate) => {
                // two bands of one lane may not overlap: a weight would have two prices
                if rates.iter().any(|(_, r)| r.mode == rate.mode && r.origin == rate.origin && r.zone == rate.zone && r.min_kg < rate.max_kg && rate.min_kg < r.max_kg) {
                    errors.push(LineError { line: n, field: "min_kg".into(), reason: Invalid::Taken });
                } else {
                    rates.push((n, rate));
                }
            }
            Err((field, reason)) => errors.push(LineError { line: n, field: field.into(), reason }),
        }
    }
    if errors.is_empty() {
        Ok(rates.into_iter().map(|(_, r)| r).collect())
    } else {
        Err(errors)
    }
}

fn parse_line(line: &str) -> Result<Rate, (&'static str, Invalid)> {
    let cells: Vec<&str> = line.split(',').map(|c| c.trim().trim_matches('"').trim()).collect();
    if cells.len() != 9 {
        return Err(("line", Invalid::NotAllowed));
    }
    let mode = Mode::parse(&cells[0].to_ascii_lowercase()).ok_or(("mode", Invalid::NotAllowed))?;
    let code = |field: &'static str, text: &str| -> Result<String, (&'static str, Invalid)> {
        let text = text.to_ascii_uppercase();
        match text.len() {
            0 => Err((field, Invalid::Required)),
            n if n > CODE_MAX => Err((field, Invalid::TooLong)),
            _ if !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => Err((field, Invalid::Code)),
            _ => Ok(text),
        }
    };
    let origin = code("origin", cells[1])?;
    let zone = code("zone", cells[2])?;
    let whole = |field: &'static str, text: &str, max: i64| -> Result<i64, (&'static str, Invalid)> {
        let n: i64 = text.parse().map_err(|_| (field, Invalid::Quantity))?;
        if n < 0 {
            Err((field, Invalid::Quantity))
        } else if n > max {
            Err((field, Invalid::TooLarge))
        } else {
            Ok(n)
        }
    };
    let min_kg = whole("min_kg", cells[3], MAX_KG)?;
    let max_kg = whole("max_kg", cells[4], MAX_KG)?;
    if max_kg <= min_kg {
        return Err(("max_kg", Invalid::NotAllowed));
    }
    let money = |field: &'static str, text: &str| -> Result<i64, (&'static str, Invalid)> {
        let minor = Money::parse_major(text).ok_or((field, Invalid::Amount))?;
        if minor > MAX_MONEY_MINOR {
            Err((field, Invalid::TooLarge))
        } else {
            Ok(minor)
        }
    };
    let per_kg_minor = money("cost_per_kg", cells[5])?;
    let minimum_minor = money("minimum", cells[6])?;
    let transit_days = whole("transit_days", cells[7], MAX_TRANSIT_DAYS)?;
    let pickup_days = parse_weekdays(cells[8]).ok_or(("pickup_days", Invalid::NotAllowed))?;
    Ok(Rate { id: 0, mode, origin, zone, min_kg, max_kg, per_kg_minor, minimum_minor, transit_days, pickup_days })
}

/// The table as CSV again (what the export gives and the import takes).
pub fn write(rates: &[Rate]) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for r in rates {
        let money = |m: i64| format!("{}.{:02}", m / 100, m % 100);
        let days = r.pickup_days.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("/");
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            r.mode.as_str(),
            r.origin,
            r.zone,
            r.min_kg,
            r.max_kg,
            money(r.per_kg_minor),
            money(r.minimum_minor),
            r.transit_days,
            days
        ));
    }
    out
}
