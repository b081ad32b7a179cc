//! Server functions for notifications, one per file; the REST handlers in
//! server/src/api/notifications.rs use the same service.

mod mark_read;
mod my_inbox;
mod notification_settings;
mod unread_count;

pub use mark_read::{mark_read, MarkRead};
pub use my_inbox::{my_inbox, MyInbox};
pub use notification_settings::{notification_settings, save_notification_settings, NotificationSettings, SaveNotificationSettings};
pub use unread_count::{unread_count, UnreadCount};
