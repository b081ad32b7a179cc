//! Sign-in, invitation and settings pages.

mod invite;
mod login;
mod settings;

pub use invite::AcceptInvitePage;
pub use login::LoginPage;
pub use settings::SettingsPage;
