use crate::auth::server_fns::{invitation_email, AcceptInvitation};
use crate::components::{error_of, field_error, loaded, ErrorBanner, Loading, SubmitButton, TextField};
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Where an invited user chooses their password.
#[component]
pub fn AcceptInvitePage() -> impl IntoView {
    let t = use_t();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token")).unwrap_or_default();
    let email = Resource::new(token, invitation_email);
    let action = ServerAction::<AcceptInvitation>::new();
    let error = error_of(action.value());
    view! {
        <Title text=t.accept_invite_title />
        <main class="centered">
            <div class="card narrow">
                <h1>{t.accept_invite_title}</h1>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        loaded(email.await, |email| view! {
                                <p class="muted">{t.accept_invite_body}</p>
                                <p><strong>{email}</strong></p>
                                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, crate::error::AppError::Invalid(_)))) />
                                <ActionForm action=action attr:class="stack">
                                    <input type="hidden" name="token" value=token />
                                    <TextField label=t.new_password name="password" kind="password" autocomplete="new-password" required=true error=field_error(error, "password") />
                                    <TextField label=t.confirm_password name="confirm" kind="password" autocomplete="new-password" required=true error=field_error(error, "confirm") />
                                    <SubmitButton label=t.set_password pending=action.pending() />
                                </ActionForm>
                            }.into_any())
                    })}
                </Suspense>
            </div>
        </main>
    }
}
