//! Keyport's Leptos app, compiled twice: for the server (`ssr`) and for the
//! browser (`hydrate`). Domain types and rules sit beside the pages that use
//! them, one folder per capability; code that only the server may run lives
//! under [`server`].

#![recursion_limit = "512"]

pub mod accounts;
pub mod attachments;
pub mod auth;
pub mod changes;
pub mod components;
pub mod error;
pub mod i18n;
pub mod limits;
pub mod money;
pub mod notifications;
pub mod orders;
pub mod planning;
pub mod quality;
pub mod rates;
pub mod shell;
pub mod shipments;

#[cfg(feature = "ssr")]
pub mod server;

pub use shell::{shell, App};
