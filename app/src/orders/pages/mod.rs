//! Order pages: the list, the order entry with its live check, and the
//! order with its timeline and the actions each side may take.

mod badge;
mod detail;
mod list;
mod new;
mod review;

pub use badge::StatusBadge;
pub use detail::OrderDetailPage;
pub use list::OrdersPage;
pub use new::NewOrderPage;
pub use review::ReviewQueue;

/// An instant (seconds since the epoch) as the pages show it, in UTC.
pub fn show_instant(at: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(at).map(|d| format!("{} {:02}:{:02} UTC", d.date(), d.hour(), d.minute())).unwrap_or_default()
}

/// A date as the pages show it (ISO, the same in both languages).
pub fn show_date(date: Option<time::Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}
