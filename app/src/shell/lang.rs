use crate::i18n::{use_lang, use_t};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Switches to the other language: a plain form post to `/lang`, which sets
/// the cookie and brings the browser back to this page, so it works before
/// (and without) the WASM.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let t = use_t();
    let other = use_lang().other();
    let location = use_location();
    let back = move || format!("{}{}", location.pathname.get(), location.search.get().is_empty().then(String::new).unwrap_or_else(|| format!("?{}", location.search.get())));
    let label = match other {
        crate::i18n::Lang::Zh => t.lang_name_zh,
        crate::i18n::Lang::En => t.lang_name_en,
    };
    view! {
        <form class="lang-switch" method="post" action="/lang">
            <input type="hidden" name="lang" value=other.code() />
            <input type="hidden" name="back" value=back />
            <button type="submit" class="link" title=t.switch_language lang=other.tag() data-testid="lang-switch">
                {label}
            </button>
        </form>
    }
}
