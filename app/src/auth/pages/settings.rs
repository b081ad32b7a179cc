use crate::auth::api::ChangePassword;
use crate::components::{error_of, field_error, ErrorBanner, Notice, PageTitle, SubmitButton, TextField};
use crate::i18n::use_t;
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
    }
}
