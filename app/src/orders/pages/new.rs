use super::show_date;
use crate::accounts::server_fns::my_account;
use crate::components::{loaded, new_key, ErrorBanner, PageTitle};
use crate::i18n::{fill, use_t};
use crate::orders::feasibility::Report;
use crate::orders::paste::{self, parse_date};
use crate::orders::server_fns::{check_order, order_detail, place_order, search_catalog};
use crate::orders::{OrderInput, OrderLineInput};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Order entry: header, lines (quick entry, bulk paste), and the live
/// feasibility check computed by the server's own rules as the buyer edits.
#[component]
pub fn NewOrderPage() -> impl IntoView {
    let t = use_t();
    let site = RwSignal::new(None::<i64>);
    let date = RwSignal::new(String::new());
    let po = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let lines = RwSignal::new(Vec::<OrderLineInput>::new());
    let input = Memo::new(move |_| OrderInput { site_id: site.get(), requested_date: parse_date(&date.get()), po_number: po.get(), notes: notes.get(), lines: lines.get() });
    let report = Resource::new(move || input.get(), check_order);
    let account = Resource::new(|| (), |_| my_account());

    // Reorder: `?from=<order id>` starts from that order's site and lines.
    let query = use_query_map();
    let source = Resource::new(
        move || query.with(|q| q.get("from")).and_then(|f| f.parse::<i64>().ok()),
        |from| async move {
            match from {
                Some(id) => order_detail(id).await.ok(),
                None => None,
            }
        },
    );
    Effect::new(move |_| {
        if let Some(Some(order)) = source.get() {
            if lines.get_untracked().is_empty() {
                site.set(order.site_id);
                lines.set(order.lines.iter().map(|l| OrderLineInput { sku: l.sku.clone(), quantity: l.quantity, requested_date: None }).collect());
            }
        }
    });

    // One idempotency key per version of the order: a retry of the same
    // order reuses it, an edit makes a new one.
    let key = Memo::new(move |_| {
        input.track();
        new_key()
    });
    let place = Action::new(move |submit: &bool| {
        let (input, key, submit) = (input.get_untracked(), key.get_untracked(), *submit);
        async move { place_order(input, key, submit).await }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = place.value().get() {
            navigate(&format!("/orders/{id}"), Default::default());
        }
    });
    let place_error = Signal::derive(move || place.value().get().and_then(Result::err));

    view! {
        <Title text=t.new_order />
        <PageTitle title=t.new_order.to_string() />
        <section class="card stack-wide" data-testid="order-header">
            <div class="field">
                <label for="site">{t.delivery_site}</label>
                <select id="site" name="site" on:change=move |ev| site.set(event_target_value(&ev).parse().ok())>
                    <option value="">"—"</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            account.await.map(|a| a.sites.into_iter().filter(|s| s.active).map(|s| { let id = s.id; view! { <option value=id selected=move || site.get() == Some(id)>{s.name}</option> } }).collect_view()).ok()
                        })}
                    </Suspense>
                </select>
            </div>
            <div class="field">
                <label for="date">{t.requested_date}</label>
                <input id="date" type="date" name="requested_date" prop:value=move || date.get() on:change=move |ev| date.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="po">{t.po_number}</label>
                <input id="po" name="po_number" maxlength="60" on:change=move |ev| po.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="notes">{t.notes}</label>
                <input id="notes" name="notes" on:change=move |ev| notes.set(event_target_value(&ev)) />
            </div>
        </section>

        <section class="card">
            <h2>{t.lines}</h2>
            <LinesTable lines report date />
            <ProductFinder lines />
            <QuickEntry lines />
            <PasteLines lines />
        </section>

        <section class="card" data-testid="feasibility">
            <h2>{t.feasibility}</h2>
            <Transition fallback=move || view! { <p class="muted">{t.checking}</p> }>
                {move || Suspend::new(async move {
                    loaded(report.await, |r| view! { <CheckSummary r date /> }.into_any())
                })}
            </Transition>
        </section>

        <ErrorBanner error=place_error />
        <div class="actions-row">
            <button type="button" class="secondary" disabled=move || place.pending().get() on:click=move |_| { place.dispatch(false); } data-testid="save-draft">{t.save_draft}</button>
            <button type="button" class="primary" disabled=move || place.pending().get() on:click=move |_| { place.dispatch(true); } data-testid="submit-order">{t.submit_order}</button>
        </div>
    }
}

#[component]
fn LinesTable(lines: RwSignal<Vec<OrderLineInput>>, report: Resource<Result<Report, crate::error::AppError>>, date: RwSignal<String>) -> impl IntoView {
    let t = use_t();
    let line_report = move |i: usize| report.get().and_then(Result::ok).and_then(|r| r.lines.get(i).cloned());
    view! {
        <table class="table lines" data-testid="lines">
            <thead><tr><th>"#"</th><th>{t.sku}</th><th>{t.quantity}</th><th>{t.requested_date}</th><th>{t.feasibility}</th><th></th></tr></thead>
            <tbody>
                {move || lines.get().into_iter().enumerate().map(|(i, line)| {
                    let check = line_report(i);
                    let issues = check.as_ref().map(|c| c.issues.iter().map(|x| t.line_issue(*x)).collect::<Vec<_>>().join(" ")).unwrap_or_default();
                    let offer = check.as_ref().filter(|c| c.issues.iter().any(|x| !x.blocks())).and_then(|c| c.earliest);
                    let bad = !issues.is_empty();
                    view! {
                        <tr class:bad=bad data-line=i + 1>
                            <td data-label="#">{i + 1}</td>
                            <td data-label=t.sku>{line.sku.clone()}</td>
                            <td data-label=t.quantity>
                                <input type="number" min="1" class="qty" value=line.quantity aria-label=t.quantity
                                    on:change=move |ev| { let q = event_target_value(&ev).parse().unwrap_or(0); lines.update(|l| if let Some(x) = l.get_mut(i) { x.quantity = q; }); } />
                            </td>
                            <td data-label=t.requested_date>{show_date(line.requested_date.or_else(|| parse_date(&date.get())))}</td>
                            <td data-label=t.feasibility class="issues">
                                {issues}
                                {offer.map(|d| view! {
                                    " "<button type="button" class="link" data-testid="use-line-date"
                                        on:click=move |_| lines.update(|l| if let Some(x) = l.get_mut(i) { x.requested_date = Some(d); })>
                                        {fill(t.line_earliest, d)}" · "{t.use_date}
                                    </button>
                                })}
                            </td>
                            <td><button type="button" class="link" on:click=move |_| lines.update(|l| { if i < l.len() { l.remove(i); } })>{t.remove}</button></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Finds products by SKU or name (at the account's price) and adds one as a
/// line of its minimum order quantity.
#[component]
fn ProductFinder(lines: RwSignal<Vec<OrderLineInput>>) -> impl IntoView {
    let t = use_t();
    let lang = crate::i18n::use_lang();
    let text = RwSignal::new(String::new());
    let found = Resource::new(
        move || text.get(),
        |q| async move {
            if q.trim().chars().count() < 2 {
                Ok(Vec::new())
            } else {
                search_catalog(q).await
            }
        },
    );
    view! {
        <div class="finder" data-testid="finder">
            <input type="search" placeholder=t.find_hint aria-label=t.find_products prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
            <Transition>
                {move || Suspend::new(async move {
                    let items = found.await.unwrap_or_default();
                    view! {
                        <ul class="plain found">
                            {items.into_iter().map(|p| {
                                let (name, spec) = if lang == crate::i18n::Lang::Zh { (p.name_zh.clone(), p.spec_zh.clone()) } else { (p.name_en.clone(), p.spec_en.clone()) };
                                let (sku, moq) = (p.sku.clone(), p.moq);
                                view! {
                                    <li class="row">
                                        <div>
                                            <strong>{p.sku.clone()}</strong>" "{name}<br />
                                            <small class="muted">{spec}" · "{fill(t.moq_pack, p.moq)}" "{p.pack_multiple}" · "{fill(t.lead_days, p.lead_time_days)}</small>
                                        </div>
                                        <div>
                                            {crate::money::Money::new(p.unit_price_minor, &p.currency).display()}"/"{p.unit.clone()}" "
                                            <button type="button" class="secondary" on:click=move |_| lines.update(|l| l.push(OrderLineInput { sku: sku.clone(), quantity: moq, requested_date: None }))>{t.add}</button>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                })}
            </Transition>
        </div>
    }
}

/// Quick entry: a SKU and a quantity, added as a line.
#[component]
fn QuickEntry(lines: RwSignal<Vec<OrderLineInput>>) -> impl IntoView {
    let t = use_t();
    let (sku, qty) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (s, q) = (sku.get().trim().to_uppercase(), qty.get().trim().parse::<i64>().unwrap_or(0));
        if !s.is_empty() {
            lines.update(|l| l.push(OrderLineInput { sku: s, quantity: q, requested_date: None }));
            sku.set(String::new());
            qty.set(String::new());
        }
    };
    view! {
        <form class="quick-entry" on:submit=add data-testid="quick-entry">
            <input name="sku" placeholder=t.sku aria-label=t.sku prop:value=move || sku.get() on:input=move |ev| sku.set(event_target_value(&ev)) />
            <input name="quantity" type="number" min="1" placeholder=t.quantity aria-label=t.quantity prop:value=move || qty.get() on:input=move |ev| qty.set(event_target_value(&ev)) />
            <button type="submit">{t.add_line}</button>
        </form>
    }
}

/// Bulk paste of `SKU,quantity[,date]` rows, or the same rows from a CSV
/// file: all rows or none.
#[component]
fn PasteLines(lines: RwSignal<Vec<OrderLineInput>>) -> impl IntoView {
    let t = use_t();
    let text = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let add = move || match paste::parse(&text.get_untracked()) {
        Ok(rows) => {
            lines.update(|l| l.extend(rows));
            text.set(String::new());
            problems.set(Vec::new());
        }
        Err(bad) => problems.set(bad.into_iter().map(|b| t.row_problem(b)).collect()),
    };
    // A chosen file goes into the box as if pasted (so bad rows can be
    // fixed in place) and is added at once.
    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value(""); // choosing the same file again reads it again
            leptos::task::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) {
                    Some(content) => {
                        text.set(content);
                        add();
                    }
                    None => problems.set(vec![t.csv_unreadable.to_string()]),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <details class="paste" data-testid="paste">
            <summary class="button">{t.paste_lines}</summary>
            <p class="muted">{t.paste_hint}</p>
            <textarea rows="6" name="paste" aria-label=t.paste_lines prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            {move || (!problems.get().is_empty()).then(|| view! {
                <div class="banner error" role="alert" data-testid="paste-errors">
                    <p>{t.nothing_added}</p>
                    <ul>{problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })}
            <div class="paste-actions">
                <button type="button" on:click=move |_| add() data-testid="add-pasted">{t.add_pasted}</button>
                <label class="button file">
                    {t.csv_file}
                    <input type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" on:change=on_file data-testid="csv-file" />
                </label>
            </div>
        </details>
    }
}

/// What the check found for the order as a whole.
#[component]
fn CheckSummary(r: Report, date: RwSignal<String>) -> impl IntoView {
    let t = use_t();
    let header: Vec<_> = r.header.iter().map(|h| t.header_issue(*h)).collect();
    let feasible = r.dates_feasible();
    let earliest = r.order_earliest;
    view! {
        <ul class="checks">
            {header.into_iter().map(|h| view! { <li class="bad">{h}</li> }).collect_view()}
            {(feasible && !r.lines.is_empty()).then(|| view! { <li class="good">{t.all_feasible}</li> })}
            {(!feasible).then(|| earliest.map(|d| view! {
                <li class="bad" data-testid="order-earliest">
                    {fill(t.order_earliest, d)}" "
                    <button type="button" class="primary small" data-testid="use-order-date" on:click=move |_| date.set(d.to_string())>{t.use_date}</button>
                </li>
            }))}
            <li class:bad=r.over_credit()>{fill(t.credit_left, crate::money::Money::cny(r.credit_left_minor).display())}</li>
            {r.over_credit().then(|| view! { <li class="bad">{t.over_credit}</li> })}
        </ul>
        <p><strong>{t.total}": "{crate::money::Money::cny(r.total_minor).display()}</strong></p>
    }
}
