use super::LanguageSwitch;
use crate::accounts::{Me, Role};
use crate::auth::server_fns::{current_user, SignOut};
use crate::components::{ErrorBanner, Icon, Loading};
use crate::error::AppError;
use crate::i18n::{use_t, Texts};
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};
use leptos_router::hooks::use_location;

/// The signed-in user, provided by [`SignedInLayout`] to every page inside it.
pub fn use_me() -> Me {
    expect_context::<Me>()
}

/// A nav entry: path, icon, label.
type NavItem = (&'static str, &'static str, &'static str);

/// Navigation follows the role: customers get the portal, staff the console.
fn nav_items(t: &'static Texts, role: Role) -> Vec<NavItem> {
    if role.is_staff() {
        let mut items = vec![
            ("/", "queue", t.nav_console),
            ("/orders", "orders", t.nav_orders),
            ("/changes", "swap", t.change_requests),
            ("/shipments", "truck", t.nav_shipments),
            ("/console/plans", "calendar", t.nav_plans),
            ("/console/accounts", "building", t.nav_accounts),
        ];
        if role == Role::StaffAdmin {
            items.push(("/console/rates", "truck", t.nav_rates));
            items.push(("/console/staff", "users", t.nav_staff));
        }
        items.push(("/settings", "settings", t.nav_settings));
        items
    } else {
        vec![
            ("/", "home", t.nav_dashboard),
            ("/orders", "orders", t.nav_orders),
            ("/shipments", "truck", t.nav_shipments),
            ("/complaints", "chat", t.nav_complaints),
            ("/account", "building", t.nav_account),
        ]
    }
}

/// Loads the signed-in user; sends everyone else to the sign-in page (with
/// the way back), and frames the pages with header and navigation.
#[component]
pub fn SignedInLayout() -> impl IntoView {
    let me = Resource::new(|| (), |_| current_user());
    let location = use_location();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(user)) => {
                        provide_context(user.clone());
                        view! { <Frame me=user /> }.into_any()
                    }
                    Ok(None) | Err(AppError::Unauthenticated) => {
                        let here = location.pathname.get_untracked();
                        let to = if here == "/" { "/login".to_string() } else { format!("/login?next={}", encode(&here)) };
                        view! { <Redirect path=to /> }.into_any()
                    }
                    Err(e) => view! { <main class="centered"><ErrorBanner error=Signal::stored(Some(e)) /></main> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Frame(me: Me) -> impl IntoView {
    let t = use_t();
    let items = nav_items(t, me.role);
    let side = if me.role.is_staff() { t.staff_console } else { t.customer_portal };
    let who = me.account.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| t.role(me.role).to_string());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <a class="skip" href="#main">{t.skip_to_content}</a>
        <header class="topbar">
            <a class="brand" href="/" aria-label=t.app_name>
                <img src="/favicon.svg" alt="" width="28" height="28" />
                <span>{t.app_name}</span>
                <small class="side">{side}</small>
            </a>
            <div class="topbar-right">
                <crate::notifications::pages::Bell />
                <LanguageSwitch />
                <a class="who" href="/settings" title=t.nav_settings data-testid="who">
                    <span class="who-name">{me.name.clone()}</span>
                    <small class="who-org">{who}</small>
                </a>
                <ActionForm action=sign_out attr:class="inline">
                    <button type="submit" class="link" data-testid="sign-out">{t.sign_out}</button>
                </ActionForm>
            </div>
        </header>
        <div class="frame">
            <nav class="sidenav" aria-label=t.menu>
                <NavLinks items=items.clone() />
            </nav>
            <main id="main" class="content">
                <Outlet />
            </main>
        </div>
        <nav class="bottomnav" aria-label=t.menu>
            <NavLinks items=items />
        </nav>
    }
}

#[component]
fn NavLinks(items: Vec<NavItem>) -> impl IntoView {
    items
        .into_iter()
        .map(|(href, icon, label)| {
            view! {
                <A href=href exact=true>
                    <Icon name=icon />
                    <span>{label}</span>
                </A>
            }
        })
        .collect_view()
}

/// Percent-encodes a path for a query parameter.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
