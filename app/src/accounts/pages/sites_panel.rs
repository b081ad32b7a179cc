use crate::accounts::server_fns::{SaveSite, SetSiteActive};
use crate::accounts::Site;
use crate::components::{error_of, field_error, refresh_after, EmptyState, ErrorBanner, SubmitButton, TextField};
use crate::i18n::use_t;
use leptos::prelude::*;

/// An account's delivery sites; those who manage the account add, edit and
/// deactivate them here.
#[component]
pub fn SitesList(sites: Vec<Site>, can_manage: bool, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    if sites.is_empty() {
        return view! { <EmptyState text=t.no_sites /> }.into_any();
    }
    view! {
        <ul class="rows" data-testid="sites">
            {sites.into_iter().map(|site| view! { <SiteRow site can_manage refresh /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SiteRow(site: Site, can_manage: bool, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let toggle = ServerAction::<SetSiteActive>::new();
    refresh_after(toggle.value(), refresh);
    let toggle_error = error_of(toggle.value());
    let manage = can_manage.then(|| {
        let s = site.clone();
        view! {
            <div class="row-actions">
                <details>
                    <summary>{t.edit}</summary>
                    <SiteForm account_id=s.account_id site=Some(s.clone()) refresh />
                </details>
                <ActionForm action=toggle attr:class="inline">
                    <input type="hidden" name="site_id" value=s.id />
                    <input type="hidden" name="active" value=(!s.active).to_string() />
                    <button type="submit" class="secondary">{if s.active { t.deactivate } else { t.reactivate }}</button>
                </ActionForm>
                <ErrorBanner error=toggle_error />
            </div>
        }
    });
    view! {
        <li class="row" class:inactive=!site.active>
            <div>
                <strong>{site.name.clone()}</strong>
                {(!site.active).then(|| view! { " "<span class="tag">{t.disabled}</span> })}
                <br /><span class="muted">{site.address.clone()}</span>
                <br /><small>{t.contact}": "{site.contact_name.clone()}" · "{site.contact_phone.clone()}</small>
            </div>
            {manage}
        </li>
    }
}

/// Adds a site (`site` None) or edits one.
#[component]
pub fn SiteForm(account_id: i64, site: Option<Site>, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<SaveSite>::new();
    refresh_after(action.value(), refresh);
    let error = error_of(action.value());
    let value = |f: fn(&Site) -> String| site.as_ref().map(f).unwrap_or_default();
    let (name, address, contact_name, contact_phone) =
        (value(|s| s.name.clone()), value(|s| s.address.clone()), value(|s| s.contact_name.clone()), value(|s| s.contact_phone.clone()));
    let site_id = site.as_ref().map(|s| s.id);
    view! {
        <ActionForm action=action attr:class="stack">
            <input type="hidden" name="account_id" value=account_id />
            {site_id.map(|id| view! { <input type="hidden" name="site_id" value=id /> })}
            <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, crate::error::AppError::Invalid(_)))) />
            <TextField label=t.site_name name="name" value=name required=true error=field_error(error, "name") />
            <TextField label=t.address name="address" value=address required=true error=field_error(error, "address") />
            <TextField label=t.contact_name name="contact_name" value=contact_name required=true error=field_error(error, "contact_name") />
            <TextField label=t.contact_phone name="contact_phone" kind="tel" value=contact_phone required=true error=field_error(error, "contact_phone") />
            <SubmitButton label=if site_id.is_some() { t.save } else { t.add_site } pending=action.pending() />
        </ActionForm>
    }
}
