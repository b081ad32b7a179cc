//! The bell: the unread count, in the shell on every page, kept current
//! without a reload (asked again every 30 seconds, and whenever the page
//! shows after being hidden).

use crate::components::Icon;
use crate::i18n::{fill, use_t};
use crate::notifications::server_fns::unread_count;
use leptos::prelude::*;

/// How often the bell asks while the page is open.
const POLL_SECONDS: u64 = 30;

/// Set by pages that change the count (the notifications page), so the
/// bell follows at once.
#[derive(Clone, Copy)]
pub struct BellRefresh(pub RwSignal<u32>);

#[component]
pub fn Bell() -> impl IntoView {
    let t = use_t();
    let tick = RwSignal::new(0u32);
    provide_context(BellRefresh(tick));
    let count = Resource::new(move || tick.get(), |_| unread_count());
    Effect::new(move |_| {
        let _ = set_interval_with_handle(move || tick.update(|n| *n = n.wrapping_add(1)), std::time::Duration::from_secs(POLL_SECONDS));
    });
    view! {
        <a class="bell" href="/notifications" data-testid="bell" aria-label=t.notifications>
            <Icon name="bell" />
            <Transition>
                {move || Suspend::new(async move {
                    let n = count.await.unwrap_or(0);
                    (n > 0).then(|| view! { <span class="count" data-testid="bell-count" title=fill(t.notifications_unread, n)>{n.min(99)}</span> })
                })}
            </Transition>
        </a>
    }
}
