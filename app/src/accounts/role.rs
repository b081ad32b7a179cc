//! Who a user is to Keyport, and what each role may do. Pure rules: the
//! browser uses them to show or hide controls, the services to enforce them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    // the customer's side
    CustomerAdmin,
    Buyer,
    Receiver,
    Viewer,
    // the supplier's side
    StaffAdmin,
    AccountManager,
    Planner,
    SupportAgent,
}

impl Role {
    pub const ALL: [Role; 8] = [Role::CustomerAdmin, Role::Buyer, Role::Receiver, Role::Viewer, Role::StaffAdmin, Role::AccountManager, Role::Planner, Role::SupportAgent];
    pub const CUSTOMER: [Role; 4] = [Role::CustomerAdmin, Role::Buyer, Role::Receiver, Role::Viewer];
    pub const STAFF: [Role; 4] = [Role::StaffAdmin, Role::AccountManager, Role::Planner, Role::SupportAgent];

    /// The stable name stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::CustomerAdmin => "customer_admin",
            Role::Buyer => "buyer",
            Role::Receiver => "receiver",
            Role::Viewer => "viewer",
            Role::StaffAdmin => "staff_admin",
            Role::AccountManager => "account_manager",
            Role::Planner => "planner",
            Role::SupportAgent => "support_agent",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn is_staff(self) -> bool {
        Role::STAFF.contains(&self)
    }

    /// Prices, order values and credit limits: not for planners and support.
    pub fn sees_money(self) -> bool {
        !matches!(self, Role::Planner | Role::SupportAgent)
    }

    /// A customer admin manages the users of their own account.
    pub fn manages_own_account_users(self) -> bool {
        self == Role::CustomerAdmin
    }

    /// A staff admin manages accounts, sites and staff users.
    pub fn manages_accounts(self) -> bool {
        self == Role::StaffAdmin
    }

    /// The roles this role may give to users it invites or edits: a customer
    /// admin those of its own account, a staff admin any (staff roles to
    /// staff, customer roles when onboarding an account's users).
    pub fn grantable(self) -> &'static [Role] {
        match self {
            Role::CustomerAdmin => &Role::CUSTOMER,
            Role::StaffAdmin => &Role::ALL,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        let mut names: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Role::ALL.len());
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn sides_partition_roles() {
        for r in Role::ALL {
            assert_ne!(Role::CUSTOMER.contains(&r), Role::STAFF.contains(&r));
            assert_eq!(r.is_staff(), Role::STAFF.contains(&r));
        }
    }

    #[test]
    fn only_admins_grant_and_only_on_their_side() {
        for r in Role::ALL {
            if !r.is_staff() {
                for g in r.grantable() {
                    assert!(!g.is_staff(), "{r:?} may not grant {g:?}");
                }
            }
            let admin = matches!(r, Role::CustomerAdmin | Role::StaffAdmin);
            assert_eq!(!r.grantable().is_empty(), admin);
        }
    }
}
