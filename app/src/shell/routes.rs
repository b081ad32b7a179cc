//! Pages load as lazy routes, one WASM chunk per capability
//! (`cargo leptos build --split`): a page fetches its capability's code when
//! it is opened (the server preloads it for the page it renders), and never
//! another capability's. A new capability adds one lazy function here and
//! lands in a chunk of its own.
//!
//! One chunk per capability (order entry apart), not per page: measured on
//! the release build, a chunk per page made the splitter cut the code
//! shared between pages into 29–99 files per route; per capability the
//! shared parts stay few (see docs/benchmarks.md).

use crate::accounts::pages as accounts;
use crate::auth::pages as auth;
use crate::changes::pages as changes;
use crate::notifications::pages as notifications;
use crate::orders::pages as orders;
use crate::planning::pages as planning;
use crate::shipments::pages as shipments;
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// Every lazily loaded page, by capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Login,
    AcceptInvite,
    Settings,
    Home,
    MyAccount,
    Accounts,
    AccountAdmin,
    Staff,
    Orders,
    NewOrder,
    OrderDetail,
    RequestChange,
    ChangeRequest,
    ChangeQueue,
    Versions,
    Notifications,
    Shipments,
    ShipmentDetail,
    ParkedEvents,
    Portfolio,
    Rates,
}

#[lazy]
fn auth_pages(page: Page) -> AnyView {
    match page {
        Page::Login => view! { <auth::LoginPage /> }.into_any(),
        Page::AcceptInvite => view! { <auth::AcceptInvitePage /> }.into_any(),
        _ => view! { <auth::SettingsPage /> }.into_any(),
    }
}

#[lazy]
fn accounts_pages(page: Page) -> AnyView {
    match page {
        Page::Home => view! { <super::home::HomePage /> }.into_any(),
        Page::MyAccount => view! { <accounts::MyAccountPage /> }.into_any(),
        Page::Accounts => view! { <accounts::AccountsPage /> }.into_any(),
        Page::AccountAdmin => view! { <accounts::AccountAdminPage /> }.into_any(),
        _ => view! { <accounts::StaffPage /> }.into_any(),
    }
}

#[lazy]
fn orders_pages(page: Page) -> AnyView {
    match page {
        Page::Orders => view! { <orders::OrdersPage /> }.into_any(),
        _ => view! { <orders::OrderDetailPage /> }.into_any(),
    }
}

/// Order entry on its own: with the live feasibility check it is most of
/// the orders code, and reading orders does not need it.
#[lazy]
fn order_entry(_page: Page) -> AnyView {
    view! { <orders::NewOrderPage /> }.into_any()
}

#[lazy]
fn changes_pages(page: Page) -> AnyView {
    match page {
        Page::RequestChange => view! { <changes::RequestChangePage /> }.into_any(),
        Page::ChangeQueue => view! { <changes::ChangeQueuePage /> }.into_any(),
        Page::Versions => view! { <changes::VersionsPage /> }.into_any(),
        _ => view! { <changes::ChangeRequestPage /> }.into_any(),
    }
}

#[lazy]
fn shipments_pages(page: Page) -> AnyView {
    match page {
        Page::Shipments => view! { <shipments::ShipmentsPage /> }.into_any(),
        Page::ParkedEvents => view! { <shipments::ParkedEventsPage /> }.into_any(),
        _ => view! { <shipments::ShipmentDetailPage /> }.into_any(),
    }
}

#[lazy]
fn planning_pages(page: Page) -> AnyView {
    match page {
        Page::Rates => view! { <crate::rates::pages::RatesPage /> }.into_any(),
        _ => view! { <planning::PortfolioPage /> }.into_any(),
    }
}

#[lazy]
fn notifications_pages(_page: Page) -> AnyView {
    view! { <notifications::NotificationsPage /> }.into_any()
}

/// `lazy_page!(Route, chunk, __preload_chunk, Page::X)`: a route whose
/// view comes from its capability's chunk. `preload` (made by `#[lazy]`)
/// is what lets `hydrate_lazy` fetch the chunk before it hydrates the page.
macro_rules! lazy_page {
    ($route:ident, $chunk:ident, $preload:ident, $page:expr) => {
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_: Self) -> impl std::future::Future<Output = AnyView> {
                async move {
                    let page = $chunk($page).await;
                    view! { {page}<super::HydratedMark /> }.into_any()
                }
            }

            async fn preload() {
                // the server renders everything at once; only the browser fetches chunks
                #[cfg(target_arch = "wasm32")]
                $preload().await;
            }
        }
    };
}

lazy_page!(LoginRoute, auth_pages, __preload_auth_pages, Page::Login);
lazy_page!(AcceptInviteRoute, auth_pages, __preload_auth_pages, Page::AcceptInvite);
lazy_page!(SettingsRoute, auth_pages, __preload_auth_pages, Page::Settings);
lazy_page!(HomeRoute, accounts_pages, __preload_accounts_pages, Page::Home);
lazy_page!(MyAccountRoute, accounts_pages, __preload_accounts_pages, Page::MyAccount);
lazy_page!(AccountsRoute, accounts_pages, __preload_accounts_pages, Page::Accounts);
lazy_page!(AccountAdminRoute, accounts_pages, __preload_accounts_pages, Page::AccountAdmin);
lazy_page!(StaffRoute, accounts_pages, __preload_accounts_pages, Page::Staff);
lazy_page!(OrdersRoute, orders_pages, __preload_orders_pages, Page::Orders);
lazy_page!(NewOrderRoute, order_entry, __preload_order_entry, Page::NewOrder);
lazy_page!(OrderDetailRoute, orders_pages, __preload_orders_pages, Page::OrderDetail);
lazy_page!(RequestChangeRoute, changes_pages, __preload_changes_pages, Page::RequestChange);
lazy_page!(ChangeRequestRoute, changes_pages, __preload_changes_pages, Page::ChangeRequest);
lazy_page!(ChangeQueueRoute, changes_pages, __preload_changes_pages, Page::ChangeQueue);
lazy_page!(VersionsRoute, changes_pages, __preload_changes_pages, Page::Versions);
lazy_page!(NotificationsRoute, notifications_pages, __preload_notifications_pages, Page::Notifications);
lazy_page!(ShipmentsRoute, shipments_pages, __preload_shipments_pages, Page::Shipments);
lazy_page!(ShipmentDetailRoute, shipments_pages, __preload_shipments_pages, Page::ShipmentDetail);
lazy_page!(ParkedEventsRoute, shipments_pages, __preload_shipments_pages, Page::ParkedEvents);
lazy_page!(PortfolioRoute, planning_pages, __preload_planning_pages, Page::Portfolio);
lazy_page!(RatesRoute, planning_pages, __preload_planning_pages, Page::Rates);
