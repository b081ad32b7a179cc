//! Small building blocks shared by pages: form fields that show translated
//! errors, banners, empty states, icons.

mod actions;
mod form;
mod icon;
mod live;

pub(crate) use actions::{reason_action, simple_action};
pub use form::{error_of, field_error, refresh_after, ErrorBanner, Notice, SelectField, SubmitButton, TextField};
pub use icon::Icon;
pub use live::{use_live, LiveEvent};

use crate::error::AppError;
use crate::i18n::use_t;
use leptos::prelude::*;

/// What a page shows for a loaded resource: its view when it came, the
/// translated error when it did not. Every page's `Suspense`/`Transition`
/// uses this, so a failed load looks and reads the same everywhere.
pub fn loaded<T>(result: Result<T, AppError>, show: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(value) => show(value),
        Err(e) => view! { <ErrorBanner error=Signal::stored(Some(e)) /> }.into_any(),
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let t = use_t();
    view! { <p class="loading" aria-busy="true">{t.loading}</p> }
}

/// What a list shows when it has nothing yet: say so, and what will appear.
#[component]
pub fn EmptyState(text: &'static str) -> impl IntoView {
    view! { <p class="empty">{text}</p> }
}

/// A page's title row.
#[component]
pub fn PageTitle(title: String, #[prop(optional)] subtitle: Option<String>) -> impl IntoView {
    view! {
        <header class="page-title">
            <h1>{title}</h1>
            {subtitle.map(|s| view! { <p class="muted">{s}</p> })}
        </header>
    }
}

/// A fresh random idempotency key (the browser's UUID; the server never
/// needs one: a page rendered there sends nothing before it hydrates).
pub fn new_key() -> String {
    #[cfg(feature = "hydrate")]
    {
        if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
            return crypto.random_uuid();
        }
    }
    String::new()
}
