//! The HTML document, the router, and the signed-in frame around pages.

mod home;
mod hydration;
mod lang;
mod layout;
mod not_found;
mod placeholders;
mod routes;

pub use lang::LanguageSwitch;
pub use layout::{use_me, SignedInLayout};
pub use not_found::NotFound;

use crate::i18n::{use_t, Lang};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// The whole document, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let lang = crate::server::page::request_lang();
    #[cfg(not(feature = "ssr"))]
    let lang = Lang::En;
    provide_context(lang);
    #[cfg(feature = "ssr")]
    crate::server::page::set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <meta name="theme-color" content="#0f3d5e" />
                <hydration::HydrateAfterPaint options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The language this page was rendered in: provided by [`shell`] on the
/// server, read back from `<html lang>` in the browser.
fn page_lang() -> Lang {
    if let Some(lang) = use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "hydrate")]
    {
        let tag = gloo_utils::document().document_element().map(|e| e.get_attribute("lang").unwrap_or_default()).unwrap_or_default();
        Lang::parse(&tag).unwrap_or(Lang::En)
    }
    #[cfg(not(feature = "hydrate"))]
    Lang::En
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = page_lang();
    provide_context(lang);
    let t = use_t();

    view! {
        <Stylesheet id="leptos" href="/pkg/keyport.css" />
        <Link rel="manifest" href="/manifest.webmanifest" />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Meta name="description" content=t.tagline />
        <Title formatter=move |page: String| if page.is_empty() { t.app_name.to_string() } else { format!("{page} · {}", t.app_name) } />
        <Router>
            <Routes fallback=|| view! { <NotFound /> }>
                <Route path=path!("/login") view={Lazy::<routes::LoginRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/invite/:token") view={Lazy::<routes::AcceptInviteRoute>::new()} ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=SignedInLayout ssr=SsrMode::Async>
                    <Route path=path!("") view={Lazy::<routes::HomeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("orders") view={Lazy::<routes::OrdersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("orders/new") view={Lazy::<routes::NewOrderRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("orders/:id") view={Lazy::<routes::OrderDetailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("orders/:id/change") view={Lazy::<routes::RequestChangeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("orders/:id/versions") view={Lazy::<routes::VersionsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("changes") view={Lazy::<routes::ChangeQueueRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("changes/:id") view={Lazy::<routes::ChangeRequestRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("notifications") view={Lazy::<routes::NotificationsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("shipments") view={Lazy::<routes::ShipmentsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("shipments/:id") view={Lazy::<routes::ShipmentDetailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("console/carrier-events") view={Lazy::<routes::ParkedEventsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("console/plans") view={Lazy::<routes::PortfolioRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("console/rates") view={Lazy::<routes::RatesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("complaints") view=placeholders::ComplaintsPage ssr=SsrMode::Async />
                    <Route path=path!("account") view={Lazy::<routes::MyAccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("settings") view={Lazy::<routes::SettingsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("console/accounts") view={Lazy::<routes::AccountsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("console/accounts/:id") view={Lazy::<routes::AccountAdminRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("console/staff") view={Lazy::<routes::StaffRoute>::new()} ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Marks the page once the WASM has taken over the page itself — not just
/// the shell: a lazy route hydrates only when its chunk has arrived, and
/// until then what a person types into it reaches no handler. Every page
/// ends with this (lazy pages through `routes::lazy_page!`); browser tests
/// wait for the mark.
#[component]
pub fn HydratedMark() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(body) = gloo_utils::document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
