use crate::accounts::server_fns::{InviteUser, SetUserActive, UpdateUser};
use crate::accounts::{Role, User};
use crate::components::{error_of, field_error, refresh_after, ErrorBanner, SelectField, SubmitButton, TextField};
use crate::i18n::{fill, use_t};
use crate::shell::use_me;
use leptos::prelude::*;

/// The roles the signed-in user may give on this side (customer or staff).
fn role_options(staff_side: bool) -> Vec<(String, String)> {
    let t = use_t();
    let me = use_me();
    me.role.grantable().iter().filter(|r| r.is_staff() == staff_side).map(|r| (r.as_str().to_string(), t.role(*r).to_string())).collect()
}

/// Users of an account (or the staff), with edit and disable for managers.
#[component]
pub fn UsersList(users: Vec<User>, can_manage: bool, refresh: RwSignal<u32>) -> impl IntoView {
    view! {
        <ul class="rows" data-testid="users">
            {users.into_iter().map(|user| view! { <UserRow user can_manage refresh /> }).collect_view()}
        </ul>
    }
}

#[component]
fn UserRow(user: User, can_manage: bool, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let is_me = user.id == me.id;
    let update = ServerAction::<UpdateUser>::new();
    let toggle = ServerAction::<SetUserActive>::new();
    refresh_after(update.value(), refresh);
    refresh_after(toggle.value(), refresh);
    let update_error = error_of(update.value());
    let toggle_error = error_of(toggle.value());
    let status = if !user.active {
        t.disabled
    } else if user.pending {
        t.pending
    } else {
        t.active
    };
    let manage = can_manage.then(|| {
        let u = user.clone();
        view! {
            <div class="row-actions">
                <details>
                    <summary>{t.edit}</summary>
                    <ActionForm action=update attr:class="stack">
                        <input type="hidden" name="user_id" value=u.id />
                        <TextField label=t.name name="name" value=u.name.clone() required=true error=field_error(update_error, "name") />
                        <SelectField label=t.role name="role" options=role_options(u.role.is_staff()) selected=u.role.as_str().to_string() error=field_error(update_error, "role") />
                        <SubmitButton label=t.save pending=update.pending() />
                    </ActionForm>
                </details>
                {(!is_me).then(|| view! {
                    <ActionForm action=toggle attr:class="inline">
                        <input type="hidden" name="user_id" value=u.id />
                        <input type="hidden" name="active" value=(!u.active).to_string() />
                        <button type="submit" class="secondary" data-testid=format!("toggle-{}", u.email)>{if u.active { t.disable } else { t.enable }}</button>
                    </ActionForm>
                })}
                <ErrorBanner error=Signal::derive(move || update_error.get().filter(|e| !matches!(e, crate::error::AppError::Invalid(_))).or(toggle_error.get())) />
            </div>
        }
    });
    view! {
        <li class="row" class:inactive=!user.active>
            <div>
                <strong>{user.name.clone()}</strong>{is_me.then(|| view! { " "<small class="muted">{t.you}</small> })}
                <br /><span class="muted">{user.email.clone()}</span>
                <br /><span class="tag">{t.role(user.role)}</span>" "<span class=format!("tag status-{}", if user.active { "on" } else { "off" })>{status}</span>
            </div>
            {manage}
        </li>
    }
}

/// Invites a user and shows the one-time link to hand over.
#[component]
pub fn InviteForm(account_id: Option<i64>, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let action = ServerAction::<InviteUser>::new();
    refresh_after(action.value(), refresh);
    let error = error_of(action.value());
    let options = role_options(account_id.is_none());
    let default_role = options.iter().find(|(r, _)| r != Role::CustomerAdmin.as_str() && r != Role::StaffAdmin.as_str()).map(|(r, _)| r.clone());
    view! {
        <details class="invite">
            <summary class="button">{t.invite_user}</summary>
            <ActionForm action=action attr:class="stack" attr:data-testid="invite-form">
                {account_id.map(|id| view! { <input type="hidden" name="account_id" value=id /> })}
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, crate::error::AppError::Invalid(_)))) />
                <TextField label=t.email name="email" kind="email" required=true error=field_error(error, "email") />
                <TextField label=t.name name="name" required=true error=field_error(error, "name") />
                <SelectField label=t.role name="role" options selected=default_role.unwrap_or_default() error=field_error(error, "role") />
                <SubmitButton label=t.invite pending=action.pending() />
            </ActionForm>
        </details>
        {move || action.value().get().and_then(Result::ok).map(|inv| {
            view! {
                <div class="banner ok" role="status" data-testid="invite-link">
                    <p>{fill(t.invite_link_note, &inv.email)}</p>
                    <code class="link-box">{inv.link}</code>
                </div>
            }
        })}
    }
}
