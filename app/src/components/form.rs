use crate::error::AppError;
use crate::i18n::use_t;
use leptos::prelude::*;

/// The error of an action's last result, if it failed.
pub fn error_of<T, S>(value: S) -> Signal<Option<AppError>>
where
    T: Send + Sync + 'static,
    S: With<Value = Option<Result<T, AppError>>> + Clone + Send + Sync + 'static,
{
    Signal::derive(move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned())))
}

/// The translated message for one field of an error.
pub fn field_error(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    let t = use_t();
    Signal::derive(move || error.with(|e| e.as_ref().and_then(|e| e.for_field(field)).map(|r| t.invalid(r))))
}

/// A labelled input with its error below it (and `aria-invalid` for screen readers).
#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(default = false)] required: bool,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{name}-{}", next_id());
    let err_id = format!("{id}-err");
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                placeholder=placeholder
                required=required
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=err_id.clone()
            />
            <p class="field-error" id=err_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// A labelled select of `(value, label)` options.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{name}-{}", next_id());
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = selected.as_deref() == Some(value.as_str());
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}

/// A submit button that says it is working and cannot be pressed twice.
#[component]
pub fn SubmitButton(label: &'static str, #[prop(into)] pending: Signal<bool>, #[prop(optional)] class: Option<&'static str>) -> impl IntoView {
    view! {
        <button type="submit" class=class.unwrap_or("primary") disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
            {label}
        </button>
    }
}

/// The translated message of an error, for errors that are not about one field.
#[component]
pub fn ErrorBanner(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_t();
    move || error.get().map(|e| view! { <div class="banner error" role="alert">{t.error(&e)}</div> })
}

/// A success message.
#[component]
pub fn Notice(#[prop(into)] show: Signal<bool>, text: &'static str) -> impl IntoView {
    move || show.get().then(|| view! { <div class="banner ok" role="status">{text}</div> })
}

/// Unique element ids within a page (labels need them). Counted per render
/// so server and browser produce the same sequence.
fn next_id() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    COUNTER.fetch_add(1, Ordering::Relaxed)
}

/// Bumps `refresh` after each successful run of an action, so the page
/// reloads what it changed. A failed run leaves the page as it is: reloading
/// would rebuild the form and wipe the error the person needs to see.
pub fn refresh_after<T, S>(value: S, refresh: RwSignal<u32>)
where
    T: Send + Sync + 'static,
    S: With<Value = Option<Result<T, AppError>>> + Clone + Send + Sync + 'static,
{
    Effect::watch(
        move || value.with(|v| matches!(v, Some(Ok(_)))),
        move |ok, _, _| {
            if *ok {
                refresh.update(|n| *n += 1)
            }
        },
        false,
    );
}
