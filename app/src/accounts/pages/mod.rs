//! Pages and panels for accounts, sites and users.

mod account_admin;
mod account_facts;
mod accounts_list;
mod console;
mod dashboard;
mod my_account;
mod sites_panel;
mod staff;
mod users_panel;

pub use account_admin::AccountAdminPage;
pub use accounts_list::AccountsPage;
pub use console::StaffConsole;
pub use dashboard::CustomerDashboard;
pub use my_account::MyAccountPage;
pub use staff::StaffPage;
