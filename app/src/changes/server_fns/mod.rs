//! Server functions for change requests and versions: one per file, each a
//! thin door onto `changes::server::service` (the REST handlers in
//! server/src/api/changes.rs use the same service).

mod accept_change_counter;
mod approve_change;
mod change_queue;
mod change_request_page;
mod compare_versions;
mod counter_change;
mod order_change_requests;
mod preview_change;
mod rebase_change;
mod reject_change;
mod send_change;
mod withdraw_change;

pub use accept_change_counter::{accept_change_counter, AcceptChangeCounter};
pub use approve_change::{approve_change, ApproveChange};
pub use change_queue::{change_queue, ChangeQueue};
pub use change_request_page::{change_request_page, ChangeRequestPage as ChangeRequestPageFn};
pub use compare_versions::{compare_versions, CompareVersions};
pub use counter_change::{counter_change, CounterChange};
pub use order_change_requests::{order_change_requests, OrderChangeRequests};
pub use preview_change::{preview_change, PreviewChange};
pub use rebase_change::{rebase_change, RebaseChange};
pub use reject_change::{reject_change, RejectChange};
pub use send_change::{send_change, SendChange};
pub use withdraw_change::{withdraw_change, WithdrawChange};

/// A form's date field: blank is none, anything else must be a date.
#[cfg(feature = "ssr")]
pub(crate) fn date_field(text: &str, field: &str) -> Result<Option<time::Date>, crate::error::AppError> {
    match text.trim() {
        "" => Ok(None),
        t => crate::orders::paste::parse_date(t).map(Some).ok_or_else(|| crate::error::AppError::field(field, crate::error::Invalid::NotAllowed)),
    }
}
