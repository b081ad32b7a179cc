//! Sign-in, sessions, passwords and invitations.

pub mod password;
pub mod rate_limit;
pub mod service;
pub mod session;
pub mod token;
