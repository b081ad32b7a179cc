//! Server functions for accounts, sites and users: one per file, each a thin
//! door onto `server::accounts::service`.

mod account_detail;
mod invite_user;
mod list_accounts;
mod list_staff;
mod my_account;
mod save_account;
mod save_site;
mod set_site_active;
mod set_user_active;
mod update_user;

pub use account_detail::{account_detail, AccountDetailFn};
pub use invite_user::{invite_user, InviteUser};
pub use list_accounts::{list_accounts, ListAccounts};
pub use list_staff::{list_staff, ListStaff};
pub use my_account::{my_account, MyAccount};
pub use save_account::{save_account, SaveAccount};
pub use save_site::{save_site, SaveSite};
pub use set_site_active::{set_site_active, SetSiteActive};
pub use set_user_active::{set_user_active, SetUserActive};
pub use update_user::{update_user, UpdateUser};
