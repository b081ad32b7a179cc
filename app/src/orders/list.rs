//! What an orders list asks for: filters, a sort and a keyset cursor.
//!
//! Keyset, not OFFSET: page 400 of a large account costs what page 1 does,
//! and an order placed while someone pages never shifts or repeats a row.
//! The cursor is the sort key of the last row shown, written as text so the
//! browser and integrations pass it back untouched.

use super::{OrderStatus, OrderSummary};
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    /// Staff only; a customer always sees their own account.
    pub account_id: Option<i64>,
    pub site_id: Option<i64>,
    /// Matches the order number, the PO number or a line's SKU.
    pub search: Option<String>,
    /// Ordered on or after / on or before (UTC days).
    pub from: Option<Date>,
    pub to: Option<Date>,
    #[serde(default)]
    pub sort: OrderSort,
    /// Where the previous page ended (its `next`).
    pub cursor: Option<String>,
}

/// How a list is ordered. Every sort ends with the order id, so the order
/// is total and a cursor names exactly one place in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum OrderSort {
    /// Newest first (the default).
    #[default]
    Newest,
    Oldest,
    /// Soonest delivery first: the promised date, else the requested one;
    /// undated orders last.
    Delivery,
}

impl OrderSort {
    pub const ALL: [OrderSort; 3] = [OrderSort::Newest, OrderSort::Oldest, OrderSort::Delivery];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderSort::Newest => "newest",
            OrderSort::Oldest => "oldest",
            OrderSort::Delivery => "delivery",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The cursor after `last` in this sort.
    pub fn cursor_after(self, last: &OrderSummary) -> Cursor {
        match self {
            OrderSort::Newest | OrderSort::Oldest => Cursor { date: None, id: last.id },
            OrderSort::Delivery => Cursor { date: Some(last.promised_date.or(last.requested_date).unwrap_or(UNDATED)), id: last.id },
        }
    }
}

/// Where undated orders sort in the delivery sort: after every real date.
pub const UNDATED: Date = match Date::from_calendar_date(9999, time::Month::December, 31) {
    Ok(d) => d,
    Err(_) => panic!("a valid date"),
};

/// A position in a sorted list: the last row's sort key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub date: Option<Date>,
    pub id: i64,
}

impl Cursor {
    /// `123` or `2026-05-01~123`.
    pub fn encode(self) -> String {
        match self.date {
            None => self.id.to_string(),
            Some(d) => format!("{:04}-{:02}-{:02}~{}", d.year(), u8::from(d.month()), d.day(), self.id),
        }
    }

    /// Reads a cursor made by [`Cursor::encode`] for `sort`; anything else is `None`.
    pub fn parse(text: &str, sort: OrderSort) -> Option<Cursor> {
        match (sort, text.split_once('~')) {
            (OrderSort::Delivery, Some((date, id))) => Some(Cursor { date: Some(super::paste::parse_date(date)?), id: id.parse().ok()? }),
            (OrderSort::Newest | OrderSort::Oldest, None) => Some(Cursor { date: None, id: text.parse().ok()? }),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPage {
    pub orders: Vec<OrderSummary>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

/// What the list's filter form offers: accounts (staff only) and the
/// delivery sites of the account in view, as (id, label).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListOptions {
    pub accounts: Vec<(i64, String)>,
    pub sites: Vec<(i64, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_read_back_from_their_names() {
        for s in OrderSort::ALL {
            assert_eq!(OrderSort::parse(s.as_str()), Some(s));
        }
        assert_eq!(OrderSort::parse("price"), None);
    }

    #[test]
    fn a_cursor_belongs_to_its_sort() {
        assert_eq!(Cursor::parse("42", OrderSort::Newest), Some(Cursor { date: None, id: 42 }));
        assert_eq!(Cursor::parse("42", OrderSort::Delivery), None);
        assert_eq!(Cursor::parse("2026-05-01~42", OrderSort::Oldest), None);
        assert_eq!(Cursor::parse("2026-13-01~42", OrderSort::Delivery), None);
        assert_eq!(Cursor::parse("abc", OrderSort::Newest), None);
    }

    proptest! {
        #[test]
        fn cursors_round_trip(id in 1i64..i64::MAX, day in 2_086_308i32..5_373_484, dated in any::<bool>()) {
            let date = dated.then(|| Date::from_julian_day(day).unwrap());
            let sort = if dated { OrderSort::Delivery } else { OrderSort::Newest };
            let c = Cursor { date, id };
            prop_assert_eq!(Cursor::parse(&c.encode(), sort), Some(c));
        }
    }
}
