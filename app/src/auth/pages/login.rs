use crate::auth::server_fns::{sign_in_context, SignIn};
use crate::components::{error_of, field_error, ErrorBanner, SubmitButton, TextField};
use crate::i18n::use_t;
use crate::shell::LanguageSwitch;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    let context = Resource::new(|| (), |_| sign_in_context());
    let action = ServerAction::<SignIn>::new();
    let error = error_of(action.value());
    let pending = action.pending();
    view! {
        <Title text=t.sign_in />
        <main class="centered login">
            <div class="card narrow">
                <div class="login-head">
                    <img src="/favicon.svg" alt="" width="40" height="40" />
                    <LanguageSwitch />
                </div>
                <h1>{t.sign_in_title}</h1>
                <p class="muted">{t.sign_in_subtitle}</p>
                <Suspense>
                    {move || Suspend::new(async move {
                        match context.await {
                            Ok(c) if c.signed_in => view! { <Redirect path="/" /> }.into_any(),
                            Ok(c) => c.demo.then(|| view! { <p class="hint" data-testid="demo-hint">{t.demo_hint}</p> }).into_any(),
                            Err(_) => ().into_any(),
                        }
                    })}
                </Suspense>
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| e.for_field("email").is_none() && e.for_field("password").is_none())) />
                <ActionForm action=action attr:class="stack" attr:data-testid="login-form">
                    <input type="hidden" name="next" value=next />
                    <TextField label=t.email name="email" kind="email" autocomplete="username" placeholder=t.email_placeholder required=true error=field_error(error, "email") />
                    <TextField label=t.password name="password" kind="password" autocomplete="current-password" required=true error=field_error(error, "password") />
                    <SubmitButton label=t.sign_in pending=pending />
                </ActionForm>
            </div>
        </main>
    }
}
