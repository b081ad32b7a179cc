//! Per-page decisions made while the server renders: the language, and the
//! Content-Security-Policy carrying this response's script nonce.

use crate::i18n::{Lang, LANG_COOKIE};
use leptos::prelude::*;

/// The cookie's choice, else the browser's `Accept-Language`.
pub fn request_lang() -> Lang {
    let Some(parts) = use_context::<http::request::Parts>() else { return Lang::En };
    if let Some(lang) = super::request::cookie(&parts.headers, LANG_COOKIE).and_then(|c| Lang::parse(&c)) {
        return lang;
    }
    parts.headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(Lang::from_accept_language).unwrap_or(Lang::En)
}

/// Scripts run only from our origin or with this response's nonce (Leptos
/// puts it on its hydration and resource scripts); WASM may compile; nothing
/// inline otherwise, no framing, forms post only to us.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let script = match nonce {
        Some(n) => format!("script-src 'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; {script}; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

pub fn set_content_security_policy() {
    let nonce = leptos::nonce::use_nonce();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(nonce.as_deref())) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}
