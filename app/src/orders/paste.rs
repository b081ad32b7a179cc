//! Bulk entry: rows of `SKU,quantity[,requested date]` pasted from a
//! spreadsheet or read from a CSV file. Every bad row is reported with its
//! line number and reason; nothing is taken unless every row is good.

use super::OrderLineInput;
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowProblem {
    MissingSku,
    MissingQuantity,
    BadQuantity,
    BadDate,
    TooManyColumns,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRow {
    /// 1-based, as an editor shows it.
    pub line: usize,
    pub problem: RowProblem,
}

/// `YYYY-MM-DD` (also with `/` or `.` between the parts).
pub fn parse_date(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let (y, m, d) = (y.parse::<i32>().ok()?, m.parse::<u8>().ok()?, d.parse::<u8>().ok()?);
    Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()
}

/// The cells of one row. Tabs (a spreadsheet paste) win over semicolons,
/// semicolons over commas, commas over spaces. CSV quoting is understood,
/// so Excel's `"1,000"` is one cell.
fn cells(line: &str) -> Vec<String> {
    let sep = ['\t', ';', ','].into_iter().find(|c| line.contains(*c)).unwrap_or(' ');
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => out.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    out.push(cell);
    out.into_iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
}

/// Parses pasted rows. Blank lines are skipped, and so is a first row that
/// is a header (its quantity column is not a number and says so).
pub fn parse(text: &str) -> Result<Vec<OrderLineInput>, Vec<BadRow>> {
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let c = cells(raw.trim_start_matches('\u{feff}'));
        if c.is_empty() {
            continue;
        }
        // a header row: the first row, with no digit where the quantity goes
        let is_header = lines.is_empty() && bad.is_empty() && c.len() >= 2 && !c[1].chars().any(|ch| ch.is_ascii_digit());
        if is_header && (c[0].to_lowercase().contains("sku") || !c[0].chars().any(|ch| ch.is_ascii_digit())) {
            continue;
        }
        let problem = match c.as_slice() {
            [] => continue,
            [_] => Some(RowProblem::MissingQuantity),
            [_, _, _, _, ..] => Some(RowProblem::TooManyColumns),
            [sku, qty, rest @ ..] => {
                let quantity = qty.replace([',', '_'], "").parse::<i64>().ok().filter(|q| *q > 0);
                let date = rest.first().map(|d| parse_date(d));
                if sku.is_empty() {
                    Some(RowProblem::MissingSku)
                } else if quantity.is_none() {
                    Some(RowProblem::BadQuantity)
                } else if date == Some(None) {
                    Some(RowProblem::BadDate)
                } else {
                    lines.push(OrderLineInput { sku: sku.to_uppercase(), quantity: quantity.unwrap_or_default(), requested_date: date.flatten() });
                    None
                }
            }
        };
        if let Some(problem) = problem {
            bad.push(BadRow { line: i + 1, problem });
        }
    }
    if bad.is_empty() {
        Ok(lines)
    } else {
        Err(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reads_csv_tabs_and_headers() {
        let text = "SKU,Quantity,Date\nfst-010, 1,000 \n\nBRG-020,200,2027-01-15\nSEL-030\t50\n";
        // unquoted "1,000" splits on the comma: the row has a third cell "000" which is no date
        assert_eq!(parse(text), Err(vec![BadRow { line: 2, problem: RowProblem::BadDate }]));
        // as Excel writes it: a BOM, a Chinese header, quoted cells
        let excel = "\u{feff}物料编码,数量,交货日期\r\n\"FST-010\",\"1,000\",2027-01-15\r\n\"BRG \"\"20\"\"\",200\r\n";
        let ok = parse(excel).unwrap();
        assert_eq!(ok[0], OrderLineInput { sku: "FST-010".into(), quantity: 1000, requested_date: Some(date!(2027 - 01 - 15)) });
        assert_eq!(ok[1].sku, "BRG \"20\"");
        let ok = parse("SKU;Qty\nfst-010;1000\nBRG-020;200;2027/01/15\nSEL-030\t50").unwrap();
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[0], OrderLineInput { sku: "FST-010".into(), quantity: 1000, requested_date: None });
        assert_eq!(ok[1].requested_date, Some(date!(2027 - 01 - 15)));
        assert_eq!(ok[2].quantity, 50);
    }

    #[test]
    fn every_bad_row_is_reported_and_nothing_taken() {
        let text = "FST-010,100\nBRG-020\nSEL-030,-5\nPCB-010,10,2027-02-30\nA,1,2027-01-01,x\nGSK-010,abc";
        let bad = parse(text).unwrap_err();
        assert_eq!(
            bad,
            vec![
                BadRow { line: 2, problem: RowProblem::MissingQuantity },
                BadRow { line: 3, problem: RowProblem::BadQuantity },
                BadRow { line: 4, problem: RowProblem::BadDate },
                BadRow { line: 5, problem: RowProblem::TooManyColumns },
                BadRow { line: 6, problem: RowProblem::BadQuantity },
            ]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2027-1-5"), Some(date!(2027 - 01 - 05)));
        assert_eq!(parse_date("2027.12.31"), Some(date!(2027 - 12 - 31)));
        assert_eq!(parse_date("2027-13-01"), None);
        assert_eq!(parse_date("tomorrow"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in ".{0,400}") {
            let _ = parse(&text);
        }

        #[test]
        fn good_rows_round_trip(rows in proptest::collection::vec(("[A-Z]{3}-[0-9]{3}", 1i64..1_000_000), 1..30)) {
            let text: String = rows.iter().map(|(s, q)| format!("{s},{q}\n")).collect();
            let parsed = parse(&text).unwrap();
            proptest::prop_assert_eq!(parsed.len(), rows.len());
            for (p, (s, q)) in parsed.iter().zip(&rows) {
                proptest::prop_assert_eq!(&p.sku, s);
                proptest::prop_assert_eq!(p.quantity, *q);
            }
        }
    }
}
