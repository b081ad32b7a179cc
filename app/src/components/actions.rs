//! Forms for one-step actions on a record: one component per server
//! function, made by a macro so every action form behaves alike (pending
//! state, errors, the page refreshed after success).

/// A form for an action that needs only the record's id (submit, accept,
/// start production): `simple_action!(Name, ServerFnType)`.
macro_rules! simple_action {
    ($name:ident, $server_fn:ty) => {
        #[component]
        fn $name(id: i64, label: &'static str, refresh: RwSignal<u32>) -> impl IntoView {
            use $crate::components::{ErrorBanner, SubmitButton};
            let action = ServerAction::<$server_fn>::new();
            $crate::components::refresh_after(action.value(), refresh);
            let error = $crate::components::error_of(action.value());
            view! {
                <ActionForm action=action attr:class="inline-action">
                    <input type="hidden" name="id" value=id />
                    <SubmitButton label pending=action.pending() />
                    <ErrorBanner error=error />
                </ActionForm>
            }
        }
    };
}

/// A form for an action that needs a reason (reject, decline, cancel,
/// withdraw): `reason_action!(Name, ServerFnType)`.
macro_rules! reason_action {
    ($name:ident, $server_fn:ty) => {
        #[component]
        fn $name(id: i64, label: &'static str, refresh: RwSignal<u32>) -> impl IntoView {
            use $crate::components::{field_error, ErrorBanner, SubmitButton, TextField};
            let t = $crate::i18n::use_t();
            let action = ServerAction::<$server_fn>::new();
            $crate::components::refresh_after(action.value(), refresh);
            let error = $crate::components::error_of(action.value());
            view! {
                <details>
                    <summary class="button">{label}</summary>
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="id" value=id />
                        <TextField label=t.reason name="reason" required=true error=field_error(error, "reason") />
                        <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, $crate::error::AppError::Invalid(_)))) />
                        <SubmitButton label pending=action.pending() />
                    </ActionForm>
                </details>
            }
        }
    };
}

pub(crate) use reason_action;
pub(crate) use simple_action;
