use crate::auth::server_fns::{list_api_tokens, ChangePassword, CreateApiToken, RevokeApiToken};
use crate::components::{error_of, field_error, loaded, refresh_after, ErrorBanner, Notice, PageTitle, SelectField, SubmitButton, TextField};
use crate::i18n::{fill, use_t};
use crate::shell::{use_me, LanguageSwitch};
use leptos::prelude::*;
use leptos_meta::Title;

/// The signed-in user's profile, password and language.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = use_t();
    let me = use_me();
    let action = ServerAction::<ChangePassword>::new();
    let error = error_of(action.value());
    let done = Signal::derive(move || matches!(action.value().get(), Some(Ok(()))));
    view! {
        <Title text=t.nav_settings />
        <PageTitle title=t.nav_settings.to_string() />
        <section class="card">
            <h2>{t.profile}</h2>
            <dl class="facts">
                <dt>{t.name}</dt><dd>{me.name.clone()}</dd>
                <dt>{t.email}</dt><dd>{me.email.clone()}</dd>
                <dt>{t.role}</dt><dd>{t.role(me.role)}</dd>
                {me.account.clone().map(|a| view! { <dt>{t.company}</dt><dd>{a.name}" ("{a.code}")"</dd> })}
                <dt>{t.switch_language}</dt><dd><LanguageSwitch /></dd>
            </dl>
        </section>
        <section class="card">
            <h2>{t.change_password}</h2>
            <Notice show=done text=t.password_changed />
            <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, crate::error::AppError::Invalid(_)))) />
            <ActionForm action=action attr:class="stack narrow-form" attr:data-testid="password-form">
                <TextField label=t.current_password name="current" kind="password" autocomplete="current-password" required=true error=field_error(error, "current") />
                <TextField label=t.new_password name="password" kind="password" autocomplete="new-password" required=true error=field_error(error, "password") />
                <TextField label=t.confirm_password name="confirm" kind="password" autocomplete="new-password" required=true error=field_error(error, "confirm") />
                <SubmitButton label=t.change_password pending=action.pending() />
            </ActionForm>
        </section>
        <ApiTokens />
    }
}

/// The user's API tokens: create (the secret shown once), list, revoke.
#[component]
fn ApiTokens() -> impl IntoView {
    let t = use_t();
    let refresh = RwSignal::new(0u32);
    let tokens = Resource::new(move || refresh.get(), |_| list_api_tokens());
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    refresh_after(create.value(), refresh);
    refresh_after(revoke.value(), refresh);
    let when = |at: Option<i64>| at.and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok()).map(|d| d.date().to_string()).unwrap_or_else(|| t.never.to_string());
    let create_error = error_of(create.value());
    view! {
        <section class="card" data-testid="api-tokens">
            <h2>{t.api_tokens}</h2>
            <p class="muted">{t.api_tokens_hint}</p>
            <Transition>
                {move || Suspend::new(async move {
                    loaded(tokens.await, |list| if list.is_empty() { view! { <p class="empty">{t.no_tokens}</p> }.into_any() } else { view! {
                            <ul class="rows">
                                {list.into_iter().map(|tok| view! {
                                    <li class="row">
                                        <div><strong>{tok.name}</strong><br /><small class="muted">{t.last_used}": "{when(tok.last_used_at)}" · "{t.token_expires}": "{when(Some(tok.expires_at))}</small></div>
                                        <ActionForm action=revoke attr:class="inline">
                                            <input type="hidden" name="id" value=tok.id />
                                            <button type="submit" class="secondary">{t.revoke}</button>
                                        </ActionForm>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any() })
                })}
            </Transition>
            <ActionForm action=create attr:class="stack narrow-form" attr:data-testid="token-form">
                <ErrorBanner error=Signal::derive(move || create_error.get().filter(|e| !matches!(e, crate::error::AppError::Invalid(_)))) />
                <TextField label=t.token_name name="name" required=true error=field_error(create_error, "name") />
                <SelectField
                    label=t.token_lifetime
                    name="expires_in_days"
                    options=[30, 90, 365].into_iter().map(|d| (d.to_string(), fill(t.token_days, d))).collect()
                    selected="90".to_string()
                    error=field_error(create_error, "expires_in_days")
                />
                <TextField label=t.current_password name="password" kind="password" autocomplete="current-password" required=true error=field_error(create_error, "password") />
                <SubmitButton label=t.create_token pending=create.pending() />
            </ActionForm>
            {move || create.value().get().and_then(Result::ok).map(|secret| view! {
                <div class="banner ok" role="status" data-testid="new-token"><p>{t.token_once}</p><code class="link-box">{secret}</code></div>
            })}
        </section>
    }
}
