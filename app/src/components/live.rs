//! Pages that follow what happens without a reload: the server's event
//! stream (`/live`, server-sent events) tells the page of every committed
//! event in the viewer's scope, and the page reads again what it shows
//! when one concerns it. The browser's `EventSource` reconnects by itself
//! and resumes after the last event it saw (`Last-Event-ID`).

use leptos::prelude::*;
use serde::Deserialize;

/// What the stream says of an event (`server::live::Signal`).
#[derive(Debug, Clone, Deserialize)]
pub struct LiveEvent {
    pub kind: String,
    pub order_id: Option<i64>,
    pub subject_id: Option<i64>,
}

/// A counter that goes up whenever an event for which `wanted` holds
/// reaches this page; put it among a resource's inputs to read again.
/// On the server (and before the WASM starts) it stays 0.
pub fn use_live(wanted: impl Fn(&LiveEvent) -> bool + Send + Sync + 'static) -> ReadSignal<u32> {
    let (ticks, set_ticks) = signal(0u32);
    #[cfg(feature = "hydrate")]
    let wanted = std::sync::Arc::new(wanted);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let Ok(source) = web_sys::EventSource::new("/live") else { return };
        let on_message = {
            let wanted = wanted.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let event = e.data().as_string().and_then(|d| serde_json::from_str::<LiveEvent>(&d).ok());
                if event.is_some_and(|ev| wanted(&ev)) {
                    set_ticks.update(|n| *n = n.wrapping_add(1));
                }
            })
        };
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let kept = send_wrapper::SendWrapper::new((source, on_message));
        on_cleanup(move || kept.0.close());
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (wanted, set_ticks);
    ticks
}
