//! The order's life as one pure state machine. Every change of an order's
//! status goes through [`next`]: the services never set a status directly,
//! so no illegal transition can be stored.
//!
//! ```text
//! draft ─submit→ submitted ─confirm→ confirmed ─start_production→ in_production
//!   │              │  │  └─reject→ rejected                 │
//!   │              │  └─counter→ countered ─accept_counter→ confirmed
//!   │              │               └─decline_counter→ cancelled
//!   └─cancel→ cancelled ←─cancel─ (submitted, confirmed)
//! in_production ─ship(partial)→ partially_shipped ─ship(all)→ shipped
//! shipped ─deliver→ delivered ─accept→ accepted ─close→ closed
//! ```

use crate::accounts::Role;
use serde::{Deserialize, Serialize};

/// Serialized as in the database and the API's filters (`in_production`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum OrderStatus {
    Draft,
    Submitted,
    Countered,
    Confirmed,
    Rejected,
    Cancelled,
    InProduction,
    PartiallyShipped,
    Shipped,
    Delivered,
    Accepted,
    Closed,
}

/// Who asks for a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Customer,
    Staff,
}

/// What someone asks to happen to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Submit,
    Confirm,
    Counter,
    Reject,
    AcceptCounter,
    DeclineCounter,
    Cancel,
    StartProduction,
    /// A shipment leaves; `complete` when nothing remains to ship.
    Ship {
        complete: bool,
    },
    Deliver,
    Accept,
    Close,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransitionError {
    /// The command makes no sense in this status (e.g. confirming a draft).
    NotAllowedInStatus,
    /// The command is the other side's to give (e.g. a customer confirming).
    NotYourSide,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 12] = [
        OrderStatus::Draft,
        OrderStatus::Submitted,
        OrderStatus::Countered,
        OrderStatus::Confirmed,
        OrderStatus::Rejected,
        OrderStatus::Cancelled,
        OrderStatus::InProduction,
        OrderStatus::PartiallyShipped,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Accepted,
        OrderStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Draft => "draft",
            OrderStatus::Submitted => "submitted",
            OrderStatus::Countered => "countered",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::InProduction => "in_production",
            OrderStatus::PartiallyShipped => "partially_shipped",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Accepted => "accepted",
            OrderStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// No command leaves these.
    pub fn is_terminal(self) -> bool {
        matches!(self, OrderStatus::Rejected | OrderStatus::Cancelled | OrderStatus::Closed)
    }

    /// Counts against the account's credit: promised or awaiting a decision,
    /// not yet delivered.
    pub fn is_open(self) -> bool {
        matches!(self, OrderStatus::Submitted | OrderStatus::Countered | OrderStatus::Confirmed | OrderStatus::InProduction | OrderStatus::PartiallyShipped | OrderStatus::Shipped)
    }

    /// Its lines book production capacity.
    pub fn books_capacity(self) -> bool {
        matches!(self, OrderStatus::Submitted | OrderStatus::Countered | OrderStatus::Confirmed | OrderStatus::InProduction)
    }

    /// The customer may still ask for changes (before anything ships).
    pub fn changeable(self) -> bool {
        matches!(self, OrderStatus::Submitted | OrderStatus::Countered | OrderStatus::Confirmed | OrderStatus::InProduction)
    }
}

impl Command {
    /// The side that gives this command.
    pub fn side(self) -> Option<Side> {
        match self {
            Command::Submit | Command::AcceptCounter | Command::DeclineCounter | Command::Accept => Some(Side::Customer),
            Command::Confirm | Command::Counter | Command::Reject | Command::StartProduction | Command::Ship { .. } | Command::Deliver | Command::Close => Some(Side::Staff),
            // either side may cancel where the status allows it
            Command::Cancel => None,
        }
    }
}

/// The status after `command`, given by `side`, or why not.
pub fn next(status: OrderStatus, command: Command, side: Side) -> Result<OrderStatus, TransitionError> {
    use Command as C;
    use OrderStatus as S;
    let to = match (status, command) {
        (S::Draft, C::Submit) => S::Submitted,
        (S::Draft, C::Cancel) if side == Side::Customer => S::Cancelled,
        (S::Submitted, C::Confirm) => S::Confirmed,
        (S::Submitted, C::Counter) => S::Countered,
        (S::Submitted, C::Reject) => S::Rejected,
        (S::Submitted | S::Confirmed, C::Cancel) => S::Cancelled,
        (S::Countered, C::AcceptCounter) => S::Confirmed,
        (S::Countered, C::DeclineCounter) => S::Cancelled,
        (S::Confirmed, C::StartProduction) => S::InProduction,
        (S::InProduction | S::PartiallyShipped, C::Ship { complete: false }) => S::PartiallyShipped,
        (S::InProduction | S::PartiallyShipped, C::Ship { complete: true }) => S::Shipped,
        (S::Shipped, C::Deliver) => S::Delivered,
        (S::Delivered, C::Accept) => S::Accepted,
        (S::Accepted, C::Close) => S::Closed,
        _ => return Err(TransitionError::NotAllowedInStatus),
    };
    match command.side() {
        Some(required) if required != side => Err(TransitionError::NotYourSide),
        _ => Ok(to),
    }
}

impl Command {
    /// Every command, for finding those that apply (see [`allowed`]).
    pub const ALL: [Command; 13] = [
        Command::Submit,
        Command::Confirm,
        Command::Counter,
        Command::Reject,
        Command::AcceptCounter,
        Command::DeclineCounter,
        Command::Cancel,
        Command::StartProduction,
        Command::Ship { complete: false },
        Command::Ship { complete: true },
        Command::Deliver,
        Command::Accept,
        Command::Close,
    ];
}

/// May someone in `role` give `command` at all (on an order of an account
/// in their scope — the store decides that part)? Buyers and customer
/// admins order and answer proposals; account managers and the staff admin
/// review; planners (and reviewers) plan and ship; receivers accept.
pub fn role_may(role: Role, command: Command) -> bool {
    use Command as C;
    let orders = matches!(role, Role::Buyer | Role::CustomerAdmin);
    let reviews = matches!(role, Role::AccountManager | Role::StaffAdmin);
    let plans = reviews || role == Role::Planner;
    match command {
        C::Submit | C::AcceptCounter | C::DeclineCounter => orders,
        C::Confirm | C::Counter | C::Reject | C::Close => reviews,
        C::Cancel => orders || reviews,
        C::StartProduction | C::Ship { .. } | C::Deliver => plans,
        C::Accept => matches!(role, Role::Receiver | Role::CustomerAdmin),
    }
}

/// The one answer to "what may this person do to this order now": the
/// commands their role may give that the state machine allows in `status`.
/// The service refuses anything else, both doors go through the service,
/// and the order page shows exactly these actions.
pub fn allowed(status: OrderStatus, role: Role) -> Vec<Command> {
    let side = if role.is_staff() { Side::Staff } else { Side::Customer };
    Command::ALL.into_iter().filter(|c| role_may(role, *c) && next(status, *c, side).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use OrderStatus as S;

    fn all_commands() -> Vec<Command> {
        Command::ALL.to_vec()
    }

    #[test]
    fn who_may_do_what_now() {
        use crate::accounts::Role as R;
        assert_eq!(allowed(S::Draft, R::Buyer), vec![Command::Submit, Command::Cancel]);
        assert_eq!(allowed(S::Countered, R::CustomerAdmin), vec![Command::AcceptCounter, Command::DeclineCounter]);
        assert_eq!(allowed(S::Submitted, R::AccountManager), vec![Command::Confirm, Command::Counter, Command::Reject, Command::Cancel]);
        assert_eq!(allowed(S::Submitted, R::Buyer), vec![Command::Cancel]);
        assert_eq!(allowed(S::Confirmed, R::Planner), vec![Command::StartProduction]);
        assert!(allowed(S::Submitted, R::Planner).is_empty());
        assert!(allowed(S::Submitted, R::Viewer).is_empty());
        assert!(allowed(S::Draft, R::SupportAgent).is_empty());
        assert!(allowed(S::Draft, R::AccountManager).is_empty(), "a customer's draft is the customer's");
        // never more than the state machine and the role both allow
        for status in S::ALL {
            for role in crate::accounts::Role::ALL {
                for c in allowed(status, role) {
                    assert!(role_may(role, c));
                    let side = if role.is_staff() { Side::Staff } else { Side::Customer };
                    assert!(next(status, c, side).is_ok(), "{role:?} {c:?} in {status:?}");
                }
            }
        }
    }

    /// The allowed edges, written out once more by hand: the table the
    /// design promises, checked against `next` exhaustively.
    const EDGES: &[(S, S)] = &[
        (S::Draft, S::Submitted),
        (S::Draft, S::Cancelled),
        (S::Submitted, S::Confirmed),
        (S::Submitted, S::Countered),
        (S::Submitted, S::Rejected),
        (S::Submitted, S::Cancelled),
        (S::Countered, S::Confirmed),
        (S::Countered, S::Cancelled),
        (S::Confirmed, S::InProduction),
        (S::Confirmed, S::Cancelled),
        (S::InProduction, S::PartiallyShipped),
        (S::InProduction, S::Shipped),
        (S::PartiallyShipped, S::PartiallyShipped),
        (S::PartiallyShipped, S::Shipped),
        (S::Shipped, S::Delivered),
        (S::Delivered, S::Accepted),
        (S::Accepted, S::Closed),
    ];

    #[test]
    fn every_transition_is_an_edge_of_the_design() {
        for status in S::ALL {
            for command in all_commands() {
                for side in [Side::Customer, Side::Staff] {
                    if let Ok(to) = next(status, command, side) {
                        assert!(EDGES.contains(&(status, to)), "{status:?} --{command:?}/{side:?}--> {to:?}");
                    }
                }
            }
        }
        // and every edge is reachable by some command
        for (from, to) in EDGES {
            let found = all_commands().into_iter().any(|c| [Side::Customer, Side::Staff].into_iter().any(|s| next(*from, c, s) == Ok(*to)));
            assert!(found, "{from:?} -> {to:?} unreachable");
        }
    }

    #[test]
    fn terminal_states_accept_nothing() {
        for status in S::ALL.into_iter().filter(|s| s.is_terminal()) {
            for command in all_commands() {
                for side in [Side::Customer, Side::Staff] {
                    assert!(next(status, command, side).is_err());
                }
            }
        }
    }

    #[test]
    fn only_the_right_side_decides() {
        assert_eq!(next(S::Submitted, Command::Confirm, Side::Customer), Err(TransitionError::NotYourSide));
        assert_eq!(next(S::Countered, Command::AcceptCounter, Side::Staff), Err(TransitionError::NotYourSide));
        assert_eq!(next(S::Draft, Command::Submit, Side::Staff), Err(TransitionError::NotYourSide));
        assert_eq!(next(S::Confirmed, Command::Cancel, Side::Staff), Ok(S::Cancelled));
        assert_eq!(next(S::InProduction, Command::Cancel, Side::Customer), Err(TransitionError::NotAllowedInStatus));
    }

    #[test]
    fn names_round_trip() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
        assert_eq!(S::parse("lost"), None);
    }

    fn command() -> impl Strategy<Value = Command> {
        proptest::sample::select(all_commands())
    }

    fn side() -> impl Strategy<Value = Side> {
        prop_oneof![Just(Side::Customer), Just(Side::Staff)]
    }

    proptest! {
        /// Random command sequences from a draft never leave the design's
        /// graph, never leave a terminal state, and every accepted step is
        /// given by the side that owns it.
        #[test]
        fn random_histories_stay_on_the_graph(steps in proptest::collection::vec((command(), side()), 0..60)) {
            let mut status = S::Draft;
            for (command, side) in steps {
                if let Ok(to) = next(status, command, side) {
                    prop_assert!(!status.is_terminal());
                    prop_assert!(EDGES.contains(&(status, to)));
                    if let Some(owner) = command.side() { prop_assert_eq!(owner, side); }
                    status = to;
                }
            }
        }
    }
}
