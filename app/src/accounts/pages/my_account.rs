use super::account_facts::AccountFacts;
use super::sites_panel::{SiteForm, SitesList};
use super::users_panel::{InviteForm, UsersList};
use crate::accounts::server_fns::my_account;
use crate::accounts::Role;
use crate::components::{loaded, Loading, PageTitle};
use crate::i18n::use_t;
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;

/// The customer's account: company facts, delivery sites and (for the
/// customer admin) the users, with invite, edit and disable.
#[component]
pub fn MyAccountPage() -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let is_admin = me.role == Role::CustomerAdmin;
    let refresh = RwSignal::new(0u32);
    let detail = Resource::new(move || refresh.get(), |_| my_account());
    let account_id = me.account.as_ref().map(|a| a.id).unwrap_or_default();
    view! {
        <Title text=t.nav_account />
        <PageTitle title=t.nav_account.to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                loaded(detail.await, |d| view! {
                        <section class="card">
                            <h2>{d.account.name.clone()}</h2>
                            <AccountFacts account=d.account />
                        </section>
                        <section class="card">
                            <h2>{t.sites}</h2>
                            <SitesList sites=d.sites can_manage=is_admin refresh />
                        </section>
                        {is_admin.then(|| view! {
                            <section class="card">
                                <h2>{t.users}</h2>
                                <UsersList users=d.users can_manage=true refresh />
                            </section>
                        })}
                    }.into_any())
            })}
        </Transition>
        {is_admin.then(|| view! {
            <section class="card">
                <details>
                    <summary class="button">{t.add_site}</summary>
                    <SiteForm account_id site=None refresh />
                </details>
                <InviteForm account_id=Some(account_id) refresh />
            </section>
        })}
    }
}
