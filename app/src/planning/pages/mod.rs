//! The plan on the order page: the Gantt chart (server-rendered SVG, so it
//! is there before the WASM), the risk, and planners' milestone forms; and
//! staff's portfolio of every planned order (`portfolio`).

mod gantt;
mod portfolio;

pub use gantt::Gantt;
pub use portfolio::PortfolioPage;

use super::{Plan, Stage};
use crate::components::{error_of, field_error, refresh_after, ErrorBanner, SubmitButton, TextField};
use crate::i18n::{use_t, Texts};
use crate::planning::server_fns::UpdateMilestone;
use leptos::form::ActionForm;
use leptos::prelude::*;

impl Texts {
    pub fn stage(&self, s: Stage) -> &'static str {
        match s {
            Stage::Materials => self.stage_materials,
            Stage::Production => self.stage_production,
            Stage::Qc => self.stage_qc,
            Stage::Packing => self.stage_packing,
            Stage::Shipping => self.stage_shipping,
            Stage::Delivery => self.stage_delivery,
        }
    }

    /// The timeline's label of a plan step.
    pub fn plan_event(&self, kind: &str) -> Option<&'static str> {
        (kind == "plan_updated").then_some(self.plan_updated_event)
    }
}

#[component]
pub fn PlanPanel(plan: Plan, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    if plan.milestones.is_empty() {
        return view! { <section class="card" data-testid="plan"><h2>{t.plan}</h2><p class="muted">{t.plan_empty}</p></section> }.into_any();
    }
    let risk = if plan.at_risk {
        view! { <p class="tag warn" data-testid="plan-risk">{t.plan_at_risk}</p> }.into_any()
    } else {
        view! { <p class="tag ok" data-testid="plan-ok">{t.plan_on_track}</p> }.into_any()
    };
    let edits = plan.editable.then(|| {
        view! {
            <div class="plan-edits">
                {plan.milestones.iter().map(|m| view! { <EditMilestone order_id=plan.order_id m=m.clone() refresh /> }).collect_view()}
            </div>
        }
    });
    view! {
        <section class="card" data-testid="plan">
            <h2>{t.plan}</h2>
            {risk}
            <Gantt plan=plan.clone() />
            {edits}
        </section>
    }
    .into_any()
}

#[component]
fn EditMilestone(order_id: i64, m: super::Milestone, refresh: RwSignal<u32>) -> impl IntoView {
    let t = use_t();
    let save = ServerAction::<UpdateMilestone>::new();
    refresh_after(save.value(), refresh);
    let error = error_of(save.value());
    let date = |d: Option<time::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <details class="milestone-edit" data-testid=format!("edit-{}", m.stage.as_str())>
            <summary>{t.plan_edit}" · "{t.stage(m.stage)}</summary>
            <ActionForm action=save attr:class="stack">
                <input type="hidden" name="order_id" value=order_id />
                <input type="hidden" name="stage" value=m.stage.as_str() />
                <div class="grid2">
                    <TextField label=t.planned_start name="planned_start" kind="date" value=m.planned_start.to_string() error=field_error(error, "planned_start") />
                    <TextField label=t.planned_end name="planned_end" kind="date" value=m.planned_end.to_string() error=field_error(error, "planned_end") />
                    <TextField label=t.actual_start name="actual_start" kind="date" value=date(m.actual_start) error=field_error(error, "actual_start") />
                    <TextField label=t.actual_end name="actual_end" kind="date" value=date(m.actual_end) error=field_error(error, "actual_end") />
                    <TextField label=t.department name="department" value=m.department.clone() error=field_error(error, "department") />
                    <TextField label=t.notes name="note" value=m.note.clone() error=field_error(error, "note") />
                </div>
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, crate::error::AppError::Invalid(_)))) />
                <SubmitButton label=t.save pending=save.pending() />
            </ActionForm>
        </details>
    }
}
