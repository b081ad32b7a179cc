//! Who may do what to a change request now: the one rule the service
//! enforces, both doors go through and the pages draw their buttons from.

use crate::accounts::Role;
use crate::orders::OrderStatus;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    /// Sent, waiting for staff.
    Pending,
    /// Staff proposed something else; waiting for the customer.
    Countered,
    Approved,
    Rejected,
    Withdrawn,
}

impl ChangeStatus {
    pub const ALL: [ChangeStatus; 5] = [ChangeStatus::Pending, ChangeStatus::Countered, ChangeStatus::Approved, ChangeStatus::Rejected, ChangeStatus::Withdrawn];

    /// The name stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeStatus::Pending => "pending",
            ChangeStatus::Countered => "countered",
            ChangeStatus::Approved => "approved",
            ChangeStatus::Rejected => "rejected",
            ChangeStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<ChangeStatus> {
        ChangeStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Still waiting for an answer (at most one such request per order).
    pub fn is_open(self) -> bool {
        matches!(self, ChangeStatus::Pending | ChangeStatus::Countered)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeCommand {
    Approve,
    Reject,
    Counter,
    AcceptCounter,
    Withdraw,
    /// Makes a stale request again on the order's current version.
    Rebase,
}

impl ChangeCommand {
    pub const ALL: [ChangeCommand; 6] =
        [ChangeCommand::Approve, ChangeCommand::Reject, ChangeCommand::Counter, ChangeCommand::AcceptCounter, ChangeCommand::Withdraw, ChangeCommand::Rebase];
}

/// Roles that ask for changes (and answer staff's counter).
pub fn requests(role: Role) -> bool {
    matches!(role, Role::CustomerAdmin | Role::Buyer)
}

/// Roles that decide (the account's manager; the scope limits them to
/// their accounts) — a staff admin for any account.
pub fn decides(role: Role) -> bool {
    matches!(role, Role::AccountManager | Role::StaffAdmin)
}

/// Orders a change may be asked for: under way and not yet all shipped
/// (on a partly shipped one, only its unshipped part can change).
pub fn order_changeable(status: OrderStatus) -> bool {
    matches!(status, OrderStatus::Submitted | OrderStatus::Confirmed | OrderStatus::InProduction | OrderStatus::PartiallyShipped)
}

/// What `role` may do to a request in `status` now. `stale`: the order has
/// moved on from the version the request was made from, so it can no
/// longer be approved or accepted as it is, only re-based, refused or
/// withdrawn.
pub fn allowed(status: ChangeStatus, stale: bool, role: Role) -> Vec<ChangeCommand> {
    use ChangeCommand as C;
    let customer = requests(role);
    let staff = decides(role);
    let mut out = Vec::new();
    match status {
        ChangeStatus::Pending => {
            if staff && !stale {
                out.extend([C::Approve, C::Counter]);
            }
            if staff {
                out.push(C::Reject);
            }
            if customer {
                out.push(C::Withdraw);
            }
        }
        ChangeStatus::Countered => {
            if customer && !stale {
                out.push(C::AcceptCounter);
            }
            if customer {
                out.push(C::Withdraw);
            }
            if staff {
                out.push(C::Reject);
            }
        }
        ChangeStatus::Approved | ChangeStatus::Rejected | ChangeStatus::Withdrawn => {}
    }
    if customer && stale && status.is_open() {
        out.push(C::Rebase);
    }
    // the order of ALL, so pages and tests see one stable list
    C::ALL.into_iter().filter(|c| out.contains(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChangeCommand as C;
    use ChangeStatus as S;

    #[test]
    fn who_may_do_what_to_a_request() {
        assert_eq!(allowed(S::Pending, false, Role::AccountManager), vec![C::Approve, C::Reject, C::Counter]);
        assert_eq!(allowed(S::Pending, true, Role::AccountManager), vec![C::Reject], "a stale request cannot be approved");
        assert_eq!(allowed(S::Pending, false, Role::Buyer), vec![C::Withdraw]);
        assert_eq!(allowed(S::Pending, true, Role::Buyer), vec![C::Withdraw, C::Rebase]);
        assert_eq!(allowed(S::Countered, false, Role::CustomerAdmin), vec![C::AcceptCounter, C::Withdraw]);
        assert_eq!(allowed(S::Countered, true, Role::CustomerAdmin), vec![C::Withdraw, C::Rebase]);
        for role in [Role::Viewer, Role::Receiver, Role::Planner, Role::SupportAgent] {
            for status in S::ALL {
                assert!(allowed(status, false, role).is_empty(), "{role:?} only reads");
            }
        }
        for role in Role::ALL {
            for stale in [false, true] {
                for status in [S::Approved, S::Rejected, S::Withdrawn] {
                    assert!(allowed(status, stale, role).is_empty(), "{status:?} is final");
                }
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
        assert_eq!(S::parse("stale"), None);
    }

    #[test]
    fn changes_are_asked_for_orders_under_way_only() {
        use OrderStatus as O;
        let changeable: Vec<O> = O::ALL.into_iter().filter(|s| order_changeable(*s)).collect();
        assert_eq!(changeable, vec![O::Submitted, O::Confirmed, O::InProduction, O::PartiallyShipped]);
    }
}
