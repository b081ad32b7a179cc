//! Sign-in, sessions, passwords and invitations.

pub mod api_token;
pub mod password;
pub mod rate_limit;
pub mod service;
pub mod session;
pub mod store;
pub mod token;
