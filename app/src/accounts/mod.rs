//! Accounts (the supplier's key customers, i.e. tenants), their sites and
//! users. Types and rules here compile for both the browser and the server.

pub mod pages;
pub mod role;
pub mod rules;
/// The capability's server half: store and service (never in the browser's bundle).
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;

use crate::money::Money;
pub use role::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tier {
    Strategic,
    Key,
    Standard,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Strategic, Tier::Key, Tier::Standard];
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Strategic => "strategic",
            Tier::Key => "key",
            Tier::Standard => "standard",
        }
    }
    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A delivery address of an account, with the person to call at the dock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRef {
    pub id: i64,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub tier: Tier,
    /// None for viewers who do not see money (planners, support agents).
    pub credit_limit: Option<Money>,
    pub account_manager: Option<UserRef>,
    pub active: bool,
}

/// An account with what its pages show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub account: Account,
    pub sites: Vec<Site>,
    pub users: Vec<User>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub account_id: Option<i64>,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Invited but has not yet set a password.
    pub pending: bool,
}

/// The signed-in user, as every page sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// `None` for staff.
    pub account: Option<AccountBrief>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountBrief {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// What the staff admin types to create or edit an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInput {
    pub code: String,
    pub name: String,
    pub tier: String,
    /// Major units as typed, e.g. "5,000,000".
    pub credit_limit: String,
    /// A user id of an account manager, or empty.
    pub account_manager_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInput {
    pub name: String,
    pub address: String,
    pub contact_name: String,
    pub contact_phone: String,
}

/// An invitation: the new user sets their own password from the link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteInput {
    pub email: String,
    pub name: String,
    pub role: String,
}

/// What an invitation gives back once: the link to hand to the new user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub email: String,
    pub link: String,
}
