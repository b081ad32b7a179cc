//! Starts hydration after the server-rendered page has painted.
//!
//! Leptos' own `HydrationScripts` preloads the main WASM module and, for
//! lazy routes, every chunk of the route from the document's head, so on a
//! slow phone network some 370 KB compete with the HTML and CSS that make
//! the first paint (Lighthouse, phone: LCP 2.7–3.3 s). Here nothing is
//! fetched before the `load` event: then, when the browser is idle (at most
//! 2 s later), the module is imported and hydrates; the route's chunks load
//! as it asks for them. Until then the page is the server's: readable, and
//! its forms post without WASM. Without `HydrationScripts` no split manifest
//! is in context, which is what keeps the chunk preloads out of the head.

use leptos::config::LeptosOptions;
use leptos::prelude::*;

#[component]
pub fn HydrateAfterPaint(options: LeptosOptions) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let script = format!(
        "addEventListener('load', () => {{ const go = () => import('{pkg}.js').then((m) => m.default({{ module_or_path: '{pkg}.wasm' }}).then(() => m.hydrate())); \
         'requestIdleCallback' in window ? requestIdleCallback(go, {{ timeout: 2000 }}) : setTimeout(go, 0); }});"
    );
    view! { <script type="module" nonce=nonce>{script}</script> }
}
