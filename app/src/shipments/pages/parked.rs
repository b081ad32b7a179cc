use crate::components::{loaded, use_live, EmptyState, Loading, PageTitle};
use crate::i18n::use_t;
use crate::orders::pages::show_instant;
use crate::shipments::server_fns::parked_carrier_events;
use leptos::prelude::*;
use leptos_meta::Title;

/// Carrier events whose tracking number matched no shipment (a number typed
/// wrong, or a shipment not entered yet), newest first, for staff to review.
#[component]
pub fn ParkedEventsPage() -> impl IntoView {
    let t = use_t();
    let live = use_live(|e| e.kind.starts_with("shipment."));
    let parked = Resource::new(move || live.get(), |_| parked_carrier_events());
    view! {
        <Title text=t.parked_events />
        <p><a href="/shipments">"← "{t.nav_shipments}</a></p>
        <PageTitle title=t.parked_events.to_string() />
        <section class="card">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    loaded(parked.await, |rows| {
                        if rows.is_empty() {
                            return view! { <EmptyState text=t.parked_empty /> }.into_any();
                        }
                        view! {
                            <table class="table" data-testid="parked-events">
                                <thead><tr><th>{t.received_at}</th><th>{t.carrier}</th><th>{t.tracking_number}</th><th>"ID"</th><th>{t.notes}</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|p| view! {
                                        <tr>
                                            <td data-label=t.received_at>{show_instant(p.received_at)}</td>
                                            <td data-label=t.carrier>{p.carrier}</td>
                                            <td data-label=t.tracking_number>{p.tracking_number}</td>
                                            <td data-label="ID">{p.event_id}</td>
                                            <td data-label=t.notes><code class="wrap">{p.body}</code></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    })
                })}
            </Transition>
        </section>
    }
}
