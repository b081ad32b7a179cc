use crate::accounts::server_fns::{list_accounts, list_staff, SaveAccount};
use crate::accounts::{Account, Role, Tier, User};
use crate::components::{error_of, field_error, loaded, refresh_after, ErrorBanner, Loading, PageTitle, SelectField, SubmitButton, TextField};
use crate::i18n::use_t;
use crate::shell::use_me;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

/// All key accounts (staff); the staff admin creates new ones here.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let refresh = RwSignal::new(0u32);
    let accounts = Resource::new(move || refresh.get(), |_| list_accounts());
    let is_admin = me.role == Role::StaffAdmin;
    let staff = staff_for_picker(is_admin);
    view! {
        <Title text=t.nav_accounts />
        <PageTitle title=t.nav_accounts.to_string() />
        {is_admin.then(|| view! {
            <section class="card">
                <Suspense>
                    {move || Suspend::new(async move {
                        view! { <AccountForm account=None managers=account_managers(staff.await) refresh /> }
                    })}
                </Suspense>
            </section>
        })}
        <section class="card">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    loaded(accounts.await, |list| view! {
                            <table class="table" data-testid="accounts-table">
                                <thead><tr><th>{t.code}</th><th>{t.company}</th><th>{t.tier}</th><th class="num">{t.credit_limit}</th><th>{t.account_manager}</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| view! {
                                        <tr>
                                            <td data-label=t.code><a href=format!("/console/accounts/{}", a.id)>{a.code.clone()}</a></td>
                                            <td data-label=t.company><a href=format!("/console/accounts/{}", a.id)>{a.name.clone()}</a></td>
                                            <td data-label=t.tier>{t.tier(a.tier)}</td>
                                            <td data-label=t.credit_limit class="num">{crate::money::shown(&a.credit_limit)}</td>
                                            <td data-label=t.account_manager>{a.account_manager.map(|m| m.name).unwrap_or_else(|| t.unassigned.to_string())}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any())
                })}
            </Transition>
        </section>
    }
}

/// The active account managers, as `(id, name)` options for a select.
/// The staff list behind the account-manager picker: only the staff admin,
/// who edits accounts, asks for it.
pub fn staff_for_picker(is_admin: bool) -> Resource<Result<Vec<User>, crate::error::AppError>> {
    Resource::new(
        || (),
        move |_| async move {
            if is_admin {
                list_staff().await
            } else {
                Ok(Vec::new())
            }
        },
    )
}

pub fn account_managers(staff: Result<Vec<User>, crate::error::AppError>) -> Vec<(String, String)> {
    staff.unwrap_or_default().into_iter().filter(|u| u.role == Role::AccountManager && u.active).map(|u| (u.id.to_string(), u.name)).collect()
}

/// Creates (`account` None) or edits an account. The account manager is
/// picked from `managers` (see [`account_managers`]).
#[component]
pub fn AccountForm(account: Option<Account>, managers: Vec<(String, String)>, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<SaveAccount>::new();
    refresh_after(action.value(), refresh);
    let error = error_of(action.value());
    let navigate = use_navigate();
    let is_new = account.is_none();
    // A new account opens on its own page once created.
    Effect::new(move |_| {
        if let Some(Ok(id)) = action.value().get() {
            if is_new {
                navigate(&format!("/console/accounts/{id}"), Default::default());
            }
        }
    });
    let tiers: Vec<(String, String)> = Tier::ALL.iter().map(|tier| (tier.as_str().to_string(), t.tier(*tier).to_string())).collect();
    let a = account.clone();
    let current_am = a.as_ref().and_then(|a| a.account_manager.as_ref()).map(|m| m.id.to_string()).unwrap_or_default();
    view! {
        <details>
            <summary class="button">{if is_new { t.new_account } else { t.edit_account }}</summary>
            <ActionForm action=action attr:class="stack" attr:data-testid="account-form">
                {a.as_ref().map(|a| view! { <input type="hidden" name="id" value=a.id /> })}
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, crate::error::AppError::Invalid(_)))) />
                <TextField label=t.code name="code" value=a.as_ref().map(|a| a.code.clone()).unwrap_or_default() required=true error=field_error(error, "code") />
                <TextField label=t.company name="name" value=a.as_ref().map(|a| a.name.clone()).unwrap_or_default() required=true error=field_error(error, "name") />
                <SelectField label=t.tier name="tier" options=tiers selected=a.as_ref().map(|a| a.tier.as_str().to_string()).unwrap_or_else(|| "key".into()) error=field_error(error, "tier") />
                <TextField label=t.credit_limit name="credit_limit" value=a.as_ref().and_then(|a| a.credit_limit.as_ref()).map(|c| format!("{}.{:02}", c.minor / 100, c.minor % 100)).unwrap_or_default() required=true error=field_error(error, "credit_limit") />
                <SelectField
                    label=t.account_manager
                    name="account_manager_id"
                    options=std::iter::once((String::new(), t.unassigned.to_string())).chain(managers).collect()
                    selected=current_am
                    error=field_error(error, "account_manager_id")
                />
                <SubmitButton label=if is_new { t.create } else { t.save } pending=action.pending() />
            </ActionForm>
        </details>
    }
}
