use leptos::prelude::*;

/// A small line icon (24×24 paths), decorative: labels carry the meaning.
#[component]
pub fn Icon(name: &'static str) -> impl IntoView {
    let d = match name {
        "home" => "M3 11l9-8 9 8M5 10v10h5v-6h4v6h5V10",
        "orders" => "M6 3h12v18H6zM9 8h6M9 12h6M9 16h4",
        "truck" => "M2 6h12v10H2zM14 10h4l4 4v2h-8M6 19a2 2 0 100-4 2 2 0 000 4zM18 19a2 2 0 100-4 2 2 0 000 4z",
        "chat" => "M4 5h16v11H8l-4 4z",
        "building" => "M4 21V4h10v17M14 9h6v12M8 8h2M8 12h2M8 16h2M17 13h1M17 17h1M2 21h20",
        "settings" => "M12 15a3 3 0 100-6 3 3 0 000 6zM19 12l2-1-1-3-2 .5-1.5-1.5.5-2-3-1-1 2h-2l-1-2-3 1 .5 2L6 7.5 4 7 3 10l2 1v2l-2 1 1 3 2-.5 1.5 1.5-.5 2 3 1 1-2h2l1 2 3-1-.5-2 1.5-1.5 2 .5 1-3-2-1z",
        "swap" => "M4 7h14l-3-3M20 17H6l3 3",
        "bell" => "M6 16V11a6 6 0 0112 0v5l2 2H4zM10 20a2 2 0 004 0",
        "queue" => "M4 6h16M4 12h16M4 18h10",
        "users" => "M9 11a4 4 0 100-8 4 4 0 000 8zM2 21c0-4 3-6 7-6s7 2 7 6M17 11a3 3 0 100-6M22 21c0-3-2-5-5-5.5",
        "calendar" => "M4 6h16v14H4zM4 10h16M8 3v4M16 3v4M8 14h5M8 17h8",
        _ => "M12 12h0",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
            <path d=d></path>
        </svg>
    }
}
