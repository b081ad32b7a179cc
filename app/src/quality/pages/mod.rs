//! The order page's quality control: every inspection with its result,
//! defects and certificate, and — for planners while the order's goods
//! exist — the form that records one, certificate file included.

use crate::attachments::{show_size, FileType};
use crate::components::{field_error, ErrorBanner, SelectField, SubmitButton, TextField};
use crate::error::AppError;
use crate::i18n::{use_t, Texts};
use crate::quality::{DefectKind, Inspection, OrderInspections};
use leptos::prelude::*;

impl Texts {
    pub fn defect_kind(&self, kind: DefectKind) -> &'static str {
        match kind {
            DefectKind::Dimensional => self.defect_dimensional,
            DefectKind::Surface => self.defect_surface,
            DefectKind::Function => self.defect_function,
            DefectKind::Material => self.defect_material,
            DefectKind::Packaging => self.defect_packaging,
            DefectKind::Labeling => self.defect_labeling,
        }
    }

    /// The timeline's label of a quality step.
    pub fn quality_event(&self, kind: &str) -> Option<&'static str> {
        (kind == "inspection").then_some(self.quality_event)
    }
}

#[component]
pub fn QualityPanel(order_id: i64, data: OrderInspections, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    if data.items.is_empty() && !data.may_record {
        return ().into_any();
    }
    let rows = data.items.iter().map(|i| view! { <InspectionRow i=i.clone() /> }).collect_view();
    view! {
        <section class="card" id="quality" data-testid="quality">
            <h2>{t.quality}</h2>
            {if data.items.is_empty() {
                view! { <p class="muted">{t.quality_none}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead><tr>
                            <th>{t.inspected_on}</th><th>{t.inspection_scope}</th><th>{t.lot}</th><th class="num">{t.sample_size}</th>
                            <th>{t.defects}</th><th>{t.result}</th><th>{t.inspector}</th><th>{t.certificate}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            {data.may_record.then(|| view! { <InspectionForm order_id data=data.clone() refresh /> })}
        </section>
    }
    .into_any()
}

#[component]
fn InspectionRow(i: Inspection) -> impl IntoView {
    let t = use_t();
    let defects =
        if i.defects.is_empty() { t.defects_none.to_string() } else { i.defects.iter().map(|d| format!("{} {}", t.defect_kind(d.kind), d.count)).collect::<Vec<_>>().join(", ") };
    let (tag, result) = if i.passed { ("tag ok", t.result_pass) } else { ("tag bad", t.result_fail) };
    let certificate = match &i.certificate {
        Some(c) => view! {
            <a href=c.href() download=c.name.clone() data-testid="certificate">{t.certificate_download}" · "{c.name.clone()}</a>
            <span class="muted">" ("{show_size(c.size)}")"</span>
        }
        .into_any(),
        None => view! { <span class="muted">"—"</span> }.into_any(),
    };
    view! {
        <tr data-testid="inspection">
            <td data-label=t.inspected_on>{i.inspected_on.to_string()}</td>
            <td data-label=t.inspection_scope>{i.sku.clone().unwrap_or_else(|| t.inspection_whole_order.to_string())}</td>
            <td data-label=t.lot>{i.lot.clone()}</td>
            <td data-label=t.sample_size class="num">{i.sample_size}</td>
            <td data-label=t.defects>{defects}</td>
            <td data-label=t.result><span class=tag data-testid="inspection-result">{result}</span></td>
            <td data-label=t.inspector>{i.inspector.clone()}</td>
            <td data-label=t.certificate>{certificate}</td>
        </tr>
    }
}

/// A planner's inspection form. It posts `multipart/form-data` to the
/// server function, so it works before the WASM loads; once loaded, the
/// page sends it itself and shows each refused field beside its input.
/// One idempotency key per inspection being entered.
#[component]
fn InspectionForm(order_id: i64, data: OrderInspections, refresh: RwSignal<u32>) -> impl IntoView {
    use leptos::web_sys::FormData;
    let t = use_t();
    // The send outlives this form: a success refreshes the order page,
    // which rebuilds the form, so the answer is written with `try_set`.
    let result = RwSignal::new(None::<Result<Inspection, AppError>>);
    let pending = RwSignal::new(false);
    let error: Signal<Option<AppError>> = Signal::derive(move || result.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned())));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        use leptos::wasm_bindgen::JsCast;
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::HtmlFormElement>().ok()) else { return };
        let Ok(data) = FormData::new_with_form(&form) else { return };
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::quality::server_fns::record_inspection(data.into()).await;
            let ok = answer.is_ok();
            pending.try_set(false);
            result.try_set(Some(answer));
            if ok {
                refresh.try_update(|n| *n += 1);
            }
        });
    };
    let certificate_error = field_error(error, "certificate");
    let defects_error = field_error(error, "defects");
    let mut scopes = vec![(String::new(), t.inspection_whole_order.to_string())];
    scopes.extend(data.skus.iter().map(|s| (s.clone(), s.clone())));
    let results = vec![("pass".to_string(), t.result_pass.to_string()), ("fail".to_string(), t.result_fail.to_string())];
    let me = crate::shell::use_me().name;
    let defect_fields = DefectKind::ALL
        .into_iter()
        .map(|kind| {
            let name: &'static str = match kind {
                DefectKind::Dimensional => "defects.dimensional",
                DefectKind::Surface => "defects.surface",
                DefectKind::Function => "defects.function",
                DefectKind::Material => "defects.material",
                DefectKind::Packaging => "defects.packaging",
                DefectKind::Labeling => "defects.labeling",
            };
            view! { <TextField label=t.defect_kind(kind) name kind="number" value="0" error=field_error(error, name) /> }
        })
        .collect_view();
    view! {
        <details class="inspection-form" data-testid="inspection-form">
            <summary>{t.quality_record}</summary>
            <form method="post" action="/sf/record_inspection" enctype="multipart/form-data" class="stack" on:submit=on_submit>
                <input type="hidden" name="order_id" value=order_id />
                <input type="hidden" name="idempotency_key" value=form_key() />
                <div class="grid2">
                    <SelectField label=t.inspection_scope name="sku" options=scopes error=field_error(error, "sku") />
                    <TextField label=t.lot name="lot" error=field_error(error, "lot") />
                    <TextField label=t.inspected_on name="inspected_on" kind="date" value=data.today.to_string() required=true error=field_error(error, "inspected_on") />
                    <TextField label=t.sample_size name="sample_size" kind="number" required=true error=field_error(error, "sample_size") />
                    <SelectField label=t.result name="result" options=results error=field_error(error, "result") />
                    <TextField label=t.inspector name="inspector" value=me required=true error=field_error(error, "inspector") />
                </div>
                <fieldset class="grid3">
                    <legend>{t.defects}</legend>
                    {defect_fields}
                </fieldset>
                <p class="field-error" role="alert">{move || defects_error.get()}</p>
                <TextField label=t.notes name="note" error=field_error(error, "note") />
                <div class="field" class:has-error=move || certificate_error.with(Option::is_some)>
                    <label for="f-certificate">{t.certificate}</label>
                    <input id="f-certificate" type="file" name="certificate" accept=FileType::ACCEPT aria-describedby="f-certificate-hint" />
                    <p class="muted" id="f-certificate-hint">{t.certificate_hint}</p>
                    <p class="field-error" role="alert">{move || certificate_error.get()}</p>
                </div>
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_)))) />
                <SubmitButton label=t.quality_record pending=pending />
            </form>
        </details>
    }
}

/// The form's idempotency key: the browser's random one once hydrated; the
/// server's own for the first render, so the form posts one before the
/// WASM loads too.
fn form_key() -> String {
    #[cfg(feature = "ssr")]
    {
        use rand::Rng;
        let bytes: [u8; 16] = rand::thread_rng().gen();
        hex::encode(bytes)
    }
    #[cfg(not(feature = "ssr"))]
    {
        crate::components::new_key()
    }
}
