use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for unknown paths (with a real 404 status).
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = use_t();
    view! {
        <Title text=t.not_found_title />
        <super::HydratedMark />
        <main class="centered">
            <div class="card narrow">
                <h1>{t.not_found_title}</h1>
                <p>{t.not_found_body}</p>
                <a class="button primary" href="/">{t.go_home}</a>
            </div>
        </main>
    }
}
