//! Money: integer minor units plus a currency code. Never floats.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Money {
    /// Minor units (fen for CNY, cents for USD).
    pub minor: i64,
    pub currency: String,
}

/// An amount as shown on a page; a dash where the viewer may not see money.
pub fn shown(money: &Option<Money>) -> String {
    money.as_ref().map(Money::display).unwrap_or_else(|| "—".to_string())
}

impl Money {
    pub fn new(minor: i64, currency: &str) -> Self {
        Money { minor, currency: currency.to_string() }
    }

    pub fn cny(minor: i64) -> Self {
        Money::new(minor, "CNY")
    }

    /// `¥1,234,567.89` style, with the currency's symbol where one is known.
    pub fn display(&self) -> String {
        let symbol = match self.currency.as_str() {
            "CNY" => "¥",
            "USD" => "$",
            "EUR" => "€",
            _ => "",
        };
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let (units, cents) = (abs / 100, abs % 100);
        let digits = units.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if symbol.is_empty() {
            format!("{sign}{grouped}.{cents:02} {}", self.currency)
        } else {
            format!("{sign}{symbol}{grouped}.{cents:02}")
        }
    }

    /// Parses a user-typed amount in major units ("1,234.5") into minor units.
    pub fn parse_major(text: &str) -> Option<i64> {
        let cleaned: String = text.trim().chars().filter(|c| *c != ',' && *c != ' ').collect();
        let (units, frac) = match cleaned.split_once('.') {
            Some((u, f)) => (u, f),
            None => (cleaned.as_str(), ""),
        };
        if units.is_empty() || !units.chars().all(|c| c.is_ascii_digit()) || frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let units: i64 = units.parse().ok()?;
        let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
        units.checked_mul(100)?.checked_add(frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn displays_grouped_with_symbol() {
        assert_eq!(Money::cny(123456789).display(), "¥1,234,567.89");
        assert_eq!(Money::cny(5).display(), "¥0.05");
        assert_eq!(Money::cny(-100000).display(), "-¥1,000.00");
        assert_eq!(Money::new(100, "JPY").display(), "1.00 JPY");
    }

    #[test]
    fn parses_major_units() {
        assert_eq!(Money::parse_major("1,234.5"), Some(123450));
        assert_eq!(Money::parse_major("7"), Some(700));
        assert_eq!(Money::parse_major("0.07"), Some(7));
        for bad in ["", "abc", "1.234", "-5", "1.2.3", ".5"] {
            assert_eq!(Money::parse_major(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(minor in 0i64..10_000_000_000_000) {
            let shown = Money::cny(minor).display();
            prop_assert_eq!(Money::parse_major(shown.trim_start_matches('¥')), Some(minor));
        }
    }
}
