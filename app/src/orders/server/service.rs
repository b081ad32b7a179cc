//! The orders service: the one place where order rules meet storage. UI
//! server functions and REST handlers both call these.

use super::{catalog, idempotency, store};
use crate::accounts::Role;
use crate::error::{AppError, FieldError, Invalid};
use crate::limits;
use crate::money::Money;
use crate::orders::feasibility::{self, LineRequest, OrderRequest, Report};
use crate::orders::{
    counter_quantity_field, order_number, status, Command, CounterProposal, ListOptions, Order, OrderEvent, OrderFilter, OrderInput, OrderLine, OrderLineInput, OrderPage,
    OrderStatus, OrderSummary, QuantityChange, Side,
};
use crate::server::db::{db_error, today};
use crate::server::request::{Actor, Scope};
use crate::server::Db;
use time::Date;

/// Buyers and customer admins place orders for their own account.
fn ordering_account(actor: &Actor) -> Result<i64, AppError> {
    match (actor.role(), &actor.user.account) {
        (Role::Buyer | Role::CustomerAdmin, Some(account)) => Ok(account.id),
        _ => Err(AppError::Forbidden),
    }
}

/// Saves a new draft order. With an idempotency key, a repeat of the same
/// request answers with the first order's id and writes nothing.
pub async fn create_draft(db: &Db, actor: &Actor, input: &OrderInput, key: Option<&str>) -> Result<i64, AppError> {
    Ok(create(db, actor, input, key).await?.0)
}

/// Creates a draft under `key` and answers as the REST door does: the order
/// as created, as JSON; a retry gets that same first answer, byte for byte,
/// even after the order has moved on.
pub async fn create_keyed(db: &Db, actor: &Actor, input: &OrderInput, key: &str) -> Result<(i64, String), AppError> {
    match create(db, actor, input, Some(key)).await? {
        (id, Some(first)) => Ok((id, first)),
        (_, None) => Err(AppError::Internal),
    }
}

/// The draft's id and, under a key, the first answer kept with it.
async fn create(db: &Db, actor: &Actor, input: &OrderInput, key: Option<&str>) -> Result<(i64, Option<String>), AppError> {
    let account_id = ordering_account(actor)?;
    limits::check_order_input(input, today())?;
    let fp = idempotency::fingerprint(input);
    let first_answer = |kept: idempotency::Kept| kept.response.parse().map(|id| (id, kept.body)).map_err(|_| AppError::Internal);
    let Some(key) = key else {
        return insert_draft(db, actor, account_id, input, None).await;
    };
    idempotency::check_key(key)?;
    if let Some(kept) = idempotency::remembered(db, actor.user.id, key, &fp)? {
        return first_answer(kept);
    }
    // Write first; look for an earlier answer only when that fails. A retry
    // (or a concurrent twin) trips the key's primary key, which rolls back
    // everything it wrote; a retry whose request no longer passes the checks
    // (its site closed since) still gets its first answer. A new key, the
    // common case, costs no read (measured: placement, SQLite).
    match insert_draft(db, actor, account_id, input, Some((key, fp.as_str()))).await {
        Err(e) => match idempotency::kept(db, actor.user.id, key, &fp).await? {
            Some(kept) => first_answer(kept),
            None => Err(e),
        },
        done => done,
    }
}

/// Validates and writes a new draft. The checks read before the write
/// transaction, so SQLite's one writer holds its lock only for the writes.
async fn insert_draft(db: &Db, actor: &Actor, account_id: i64, input: &OrderInput, key: Option<(&str, &str)>) -> Result<(i64, Option<String>), AppError> {
    if let Some(site) = input.site_id {
        if !account_sites(db, Scope::Account(account_id), account_id).await?.iter().any(|(id, _, active)| *id == site && *active) {
            return Err(AppError::field("site_id", Invalid::NotAllowed));
        }
    }
    let skus: Vec<String> = input.lines.iter().map(|l| l.sku.trim().to_uppercase()).collect();
    let products = catalog::by_skus(&db.pool, account_id, &skus, today()).await?;
    let mut errors = Vec::new();
    for (i, (line, sku)) in input.lines.iter().zip(&skus).enumerate() {
        if !products.contains_key(sku) {
            errors.push(FieldError { field: format!("lines.{i}.sku"), reason: Invalid::NotAllowed });
        }
        if line.quantity <= 0 {
            errors.push(FieldError { field: format!("lines.{i}.quantity"), reason: Invalid::Amount });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let new_lines: Vec<store::NewLine> = input
        .lines
        .iter()
        .zip(&skus)
        .enumerate()
        .map(|(i, (line, sku))| store::NewLine {
            line_no: i as i64 + 1,
            line_key: i as i64 + 1,
            product_id: products[sku].id,
            sku,
            quantity: line.quantity,
            unit_price_minor: products[sku].unit_price_minor,
            requested_date: line.requested_date,
        })
        .collect();
    let total_minor = order_total(&new_lines)?;
    let year = today().year();

    let mut tx = db.begin().await?;
    let number = order_number(year, store::next_number(&mut tx, year).await?);
    let order_id = store::insert_order(
        &mut tx,
        &store::NewOrder {
            number: &number,
            account_id,
            site_id: input.site_id,
            po_number: input.po_number.trim(),
            notes: input.notes.trim(),
            requested_date: input.requested_date,
            total_minor,
            currency: "CNY",
            created_by: actor.user.id,
        },
    )
    .await?;
    let line_ids = store::insert_lines(&mut tx, order_id, 1, &new_lines).await?;
    let at = store::record_event(&mut tx, order_id, actor.user.id, "created", None, "", "{}").await?;
    let mut first_answer = None;
    if let Some((key, fingerprint)) = key {
        // The whole first answer, as the REST door gives it to a retry: the
        // order as just written (built here, not read back, to keep the write
        // lock short; the API test checks it equals a read of the order).
        let created = Order {
            id: order_id,
            number,
            account_id,
            site_id: input.site_id,
            po_number: input.po_number.trim().to_string(),
            notes: input.notes.trim().to_string(),
            status: OrderStatus::Draft,
            version: 1,
            requested_date: input.requested_date,
            promised_date: None,
            counter_date: None,
            counter_message: String::new(),
            dates_feasible: true,
            over_credit: false,
            earliest_date: None,
            total: Some(Money::new(total_minor, "CNY")),
            lines: new_lines
                .iter()
                .zip(line_ids)
                .map(|(l, id)| OrderLine {
                    id,
                    line_key: l.line_key,
                    line_no: l.line_no,
                    product_id: l.product_id,
                    sku: l.sku.to_string(),
                    quantity: l.quantity,
                    unit_price: Some(Money::new(l.unit_price_minor, "CNY")),
                    requested_date: l.requested_date,
                    counter_quantity: None,
                })
                .collect(),
            events: vec![OrderEvent {
                at,
                actor: actor.user.name.clone(),
                kind: "created".into(),
                from_status: None,
                to_status: None,
                reason: String::new(),
                date: None,
                quantities: Vec::new(),
            }],
        };
        let body = serde_json::to_string(&created).map_err(|_| AppError::Internal)?;
        idempotency::keep(&mut *tx, actor.user.id, key, fingerprint, &order_id.to_string(), &body).await?;
        first_answer = Some((key, fingerprint, body));
    }
    tx.commit().await.map_err(db_error)?;
    let first_answer = first_answer.map(|(key, fingerprint, body)| {
        idempotency::remember(db, actor.user.id, key, fingerprint, &order_id.to_string(), &body);
        body
    });
    Ok((order_id, first_answer))
}

/// The order's value, or the first line whose amount cannot be held
/// (checked arithmetic: money never wraps or saturates silently).
fn order_total(lines: &[store::NewLine<'_>]) -> Result<i64, AppError> {
    let mut total = 0i64;
    for (i, l) in lines.iter().enumerate() {
        total = l
            .quantity
            .checked_mul(l.unit_price_minor)
            .and_then(|amount| total.checked_add(amount))
            .ok_or_else(|| AppError::field(&format!("lines.{i}.quantity"), Invalid::TooLarge))?;
    }
    Ok(total)
}

/// One order, if the actor's scope may see it.
pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<Order, AppError> {
    let mut order = store::order(db, actor.scope(), id).await?.ok_or(AppError::NotFound)?;
    if !actor.sees_money() {
        order.total = None;
        order.lines.iter_mut().for_each(|l| l.unit_price = None);
    }
    Ok(order)
}

/// Summaries as this actor may see them (without money for planners and support).
fn summaries_for(actor: &Actor, mut orders: Vec<OrderSummary>) -> Vec<OrderSummary> {
    if !actor.sees_money() {
        orders.iter_mut().for_each(|o| o.total = None);
    }
    orders
}

/// The feasibility of an order as entered, for `account_id`, against every
/// other order's booked load and the account's credit.
pub async fn feasibility(db: &Db, account_id: i64, input: &OrderInput, exclude: Option<i64>) -> Result<Report, AppError> {
    let skus: Vec<String> = input.lines.iter().map(|l| l.sku.trim().to_uppercase()).collect();
    let products = catalog::by_skus(&db.pool, account_id, &skus, today()).await?;
    let ids: Vec<i64> = products.values().map(|p| p.id).collect();
    let booked = store::booked(db, &ids, exclude).await?;
    let credit_limit_minor = crate::accounts::server::store::credit_limit(db, account_id).await?;
    let has_site = match input.site_id {
        Some(site) => account_sites(db, Scope::Account(account_id), account_id).await?.iter().any(|(id, _, active)| *id == site && *active),
        None => false,
    };
    let request = OrderRequest {
        lines: input
            .lines
            .iter()
            .zip(&skus)
            .map(|(l, sku)| LineRequest { product: products.get(sku).map(|p| p.rules()), quantity: l.quantity, requested: l.requested_date })
            .collect(),
        requested: input.requested_date,
        has_site,
        has_po_number: !input.po_number.trim().is_empty(),
        today: today(),
        credit_limit_minor,
        open_value_minor: store::open_value(db, account_id, exclude).await?,
    };
    Ok(feasibility::check(&request, &booked))
}

/// The live check while a customer edits an order.
pub async fn check(db: &Db, actor: &Actor, input: &OrderInput) -> Result<Report, AppError> {
    let account_id = ordering_account(actor)?;
    limits::check_order_size(input, today())?;
    feasibility(db, account_id, input, None).await
}

fn input_of(order: &Order) -> OrderInput {
    OrderInput {
        site_id: order.site_id,
        requested_date: order.requested_date,
        po_number: order.po_number.clone(),
        notes: order.notes.clone(),
        lines: order.lines.iter().map(|l| OrderLineInput { sku: l.sku.clone(), quantity: l.quantity, requested_date: l.requested_date }).collect(),
    }
}

/// Applies a command through the state machine, with the dates it sets,
/// recording who, when and why on the timeline — one transaction. The
/// status must still be the one read, or nothing happens (a conflict).
async fn apply(db: &Db, actor: &Actor, order: &Order, command: Command, reason: &str, dates: store::Dates) -> Result<Order, AppError> {
    // the one rule of who may do what now (the page shows the same list)
    if !status::allowed(order.status, actor.role()).contains(&command) {
        return Err(if status::role_may(actor.role(), command) { AppError::InvalidTransition } else { AppError::Forbidden });
    }
    let side = if actor.role().is_staff() { Side::Staff } else { Side::Customer };
    let to = status::next(order.status, command, side).map_err(|_| AppError::InvalidTransition)?;
    // the quantities this step proposes or makes the new version's, for the timeline
    let quantities: Vec<QuantityChange> = dates
        .counter_quantities
        .iter()
        .chain(&dates.new_version)
        .flatten()
        .filter_map(|(key, to)| {
            let l = order.lines.iter().find(|l| l.line_key == *key)?;
            Some(QuantityChange { line_no: l.line_no, sku: l.sku.clone(), from: l.quantity, to: *to })
        })
        .collect();
    let mut tx = db.begin().await?;
    store::set_status(&mut tx, order.id, order.status, to).await?;
    if let Some(new) = &dates.new_version {
        store::new_version(&mut tx, order, new).await?;
    }
    store::set_dates(&mut tx, order.id, &dates).await?;
    let data = serde_json::json!({
        "promised": dates.promised.map(|d| d.to_string()),
        "counter": dates.counter.as_ref().and_then(|c| c.as_ref().map(|c| c.0.to_string())),
        "quantities": quantities,
    });
    store::record_event(&mut tx, order.id, actor.user.id, "transition", Some((order.status, to)), reason.trim(), &data.to_string()).await?;
    tx.commit().await.map_err(db_error)?;
    get(db, actor, order.id).await
}

/// Refuses early (before any read) a command the actor's role never gives;
/// whether the order's status allows it is `apply`'s to say.
fn may(actor: &Actor, command: Command) -> Result<(), AppError> {
    actor.require(status::role_may(actor.role(), command))
}

/// Required text within the bound of reasons and messages.
fn required(text: &str, field: &str) -> Result<(), AppError> {
    if text.trim().is_empty() {
        return Err(AppError::field(field, Invalid::Required));
    }
    limits::check_reason(text, field)
}

/// The customer submits a draft. It must be complete and its lines valid;
/// date and credit issues do not stop it — they become flags for review.
pub async fn submit(db: &Db, actor: &Actor, id: i64) -> Result<Order, AppError> {
    may(actor, Command::Submit)?;
    let order = get(db, actor, id).await?;
    let report = feasibility(db, order.account_id, &input_of(&order), Some(order.id)).await?;
    if !report.submittable() {
        return Err(AppError::Invalid(unsubmittable_fields(&report)));
    }
    let dates = store::Dates { flags: Some((report.dates_feasible(), report.over_credit(), report.order_earliest)), ..Default::default() };
    apply(db, actor, &order, Command::Submit, "", dates).await
}

/// Which fields stop a submit, named as the order form names them.
fn unsubmittable_fields(report: &Report) -> Vec<FieldError> {
    use feasibility::{HeaderIssue as H, LineIssue as L};
    let mut fields: Vec<FieldError> = report
        .header
        .iter()
        .map(|issue| {
            let (field, reason) = match issue {
                H::NoLines => ("lines", Invalid::Required),
                H::NoSite => ("site_id", Invalid::Required),
                H::NoDate => ("requested_date", Invalid::Required),
                H::NoPoNumber => ("po_number", Invalid::Required),
                H::DateInPast => ("requested_date", Invalid::NotAllowed),
                H::DateBeyondHorizon => ("requested_date", Invalid::TooFar),
            };
            FieldError { field: field.into(), reason }
        })
        .collect();
    for (i, line) in report.lines.iter().enumerate() {
        for issue in line.issues.iter().filter(|i| i.blocks()) {
            let (field, reason) = match issue {
                L::UnknownProduct => ("sku", Invalid::NotAllowed),
                L::QuantityTooLarge => ("quantity", Invalid::TooLarge),
                L::DateBeyondHorizon | L::NoDateWithinHorizon => ("requested_date", Invalid::TooFar),
                _ => ("quantity", Invalid::Quantity),
            };
            fields.push(FieldError { field: format!("lines.{i}.{field}"), reason });
        }
    }
    fields
}

/// Confirms with a promised date: the one given, else the earliest feasible.
pub async fn confirm(db: &Db, actor: &Actor, id: i64, promised: Option<Date>, message: &str) -> Result<Order, AppError> {
    may(actor, Command::Confirm)?;
    limits::check_reason(message, "message")?;
    if promised.is_some_and(|d| d > feasibility::horizon(today())) {
        return Err(AppError::field("promised_date", Invalid::TooFar));
    }
    let order = get(db, actor, id).await?;
    let promised = match promised.or(order.earliest_date).or(order.requested_date) {
        Some(d) if d >= today() => d,
        _ => return Err(AppError::field("promised_date", Invalid::NotAllowed)),
    };
    apply(db, actor, &order, Command::Confirm, message, store::Dates { promised: Some(promised), ..Default::default() }).await
}

/// Proposes another date and/or other quantities; the customer accepts or
/// declines the proposal whole. Proposed quantities must still meet the
/// product's minimum and pack multiple.
pub async fn counter(db: &Db, actor: &Actor, id: i64, proposal: &CounterProposal) -> Result<Order, AppError> {
    may(actor, Command::Counter)?;
    required(&proposal.message, "message")?;
    limits::check_counter(proposal, today())?;
    if proposal.date.is_some_and(|d| d < today()) {
        return Err(AppError::field("counter_date", Invalid::NotAllowed));
    }
    let order = get(db, actor, id).await?;
    let changes = proposal.changes(&order.lines).map_err(|field| AppError::field(&field, Invalid::Quantity))?;
    let current = order.earliest_date.filter(|_| !order.dates_feasible).or(order.requested_date);
    if changes.is_empty() && (proposal.date.is_none() || proposal.date == current) {
        // nothing would change: say what to change
        return Err(AppError::field("counter_date", Invalid::Required));
    }
    let date = proposal.date.or(current).filter(|d| *d >= today()).ok_or_else(|| AppError::field("counter_date", Invalid::Required))?;
    if !changes.is_empty() {
        let mut input = input_of(&order);
        for (key, change) in &changes {
            if let Some(pos) = order.lines.iter().position(|l| l.line_key == *key) {
                input.lines[pos].quantity = change.to;
            }
        }
        let report = feasibility(db, order.account_id, &input, Some(order.id)).await?;
        let bad: Vec<FieldError> = changes
            .iter()
            .filter_map(|(key, _)| {
                let pos = order.lines.iter().position(|l| l.line_key == *key)?;
                report.lines[pos].issues.iter().any(|i| i.blocks()).then(|| FieldError { field: counter_quantity_field(*key), reason: Invalid::Quantity })
            })
            .collect();
        if !bad.is_empty() {
            return Err(AppError::Invalid(bad));
        }
    }
    let step = store::Dates {
        counter: Some(Some((date, proposal.message.trim().to_string()))),
        counter_quantities: Some(changes.iter().map(|(k, c)| (*k, c.to)).collect()),
        ..Default::default()
    };
    apply(db, actor, &order, Command::Counter, &proposal.message, step).await
}

pub async fn reject(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<Order, AppError> {
    may(actor, Command::Reject)?;
    required(reason, "reason")?;
    let order = get(db, actor, id).await?;
    apply(db, actor, &order, Command::Reject, reason, store::Dates::default()).await
}

/// The customer accepts the counter-proposal: its date becomes the promise,
/// and proposed quantities make the order's next version.
pub async fn accept_counter(db: &Db, actor: &Actor, id: i64) -> Result<Order, AppError> {
    may(actor, Command::AcceptCounter)?;
    let order = get(db, actor, id).await?;
    let promised = order.counter_date.ok_or(AppError::InvalidTransition)?;
    let quantities: Vec<(i64, i64)> = order.lines.iter().filter_map(|l| Some((l.line_key, l.counter_quantity?))).collect();
    let step = store::Dates {
        promised: Some(promised),
        counter: Some(None),
        counter_quantities: Some(Vec::new()),
        new_version: (!quantities.is_empty()).then_some(quantities),
        ..Default::default()
    };
    apply(db, actor, &order, Command::AcceptCounter, "", step).await
}

pub async fn decline_counter(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<Order, AppError> {
    may(actor, Command::DeclineCounter)?;
    limits::check_reason(reason, "reason")?;
    let order = get(db, actor, id).await?;
    let step = store::Dates { counter: Some(None), counter_quantities: Some(Vec::new()), ..Default::default() };
    apply(db, actor, &order, Command::DeclineCounter, reason, step).await
}

pub async fn cancel(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<Order, AppError> {
    may(actor, Command::Cancel)?;
    required(reason, "reason")?;
    let order = get(db, actor, id).await?;
    apply(db, actor, &order, Command::Cancel, reason, store::Dates::default()).await
}

/// Planning moves a confirmed order into production.
pub async fn start_production(db: &Db, actor: &Actor, id: i64) -> Result<Order, AppError> {
    may(actor, Command::StartProduction)?;
    let order = get(db, actor, id).await?;
    apply(db, actor, &order, Command::StartProduction, "", store::Dates::default()).await
}

/// Orders the actor may see, newest first, a page at a time.
pub async fn list(db: &Db, actor: &Actor, filter: &OrderFilter) -> Result<OrderPage, AppError> {
    limits::check_filter(filter)?;
    let page = store::list(db, actor.scope(), filter, 25).await?;
    Ok(OrderPage { orders: summaries_for(actor, page.orders), next: page.next })
}

/// The filter form's choices: a customer's own sites; for staff, every
/// account, and the sites of the one chosen.
pub async fn list_options(db: &Db, actor: &Actor, account_id: Option<i64>) -> Result<ListOptions, AppError> {
    use crate::accounts::server::store as accounts;
    let scope = actor.scope();
    let (accounts, account) = match scope {
        Scope::Account(own) => (Vec::new(), Some(own)),
        Scope::Managed(_) | Scope::AllAccounts => (accounts::accounts(db, scope).await?.into_iter().map(|a| (a.id, format!("{} · {}", a.code, a.name))).collect(), account_id),
    };
    let sites = match account {
        Some(id) => account_sites(db, scope, id).await?.into_iter().map(|(id, name, _)| (id, name)).collect(),
        None => Vec::new(),
    };
    Ok(ListOptions { accounts, sites })
}

/// An account's delivery sites (id, name, active), kept a few seconds
/// (see `server::cache`): every order page and placement asks for them.
async fn account_sites(db: &Db, scope: Scope, account_id: i64) -> Result<Vec<(i64, String, bool)>, AppError> {
    if let Some(sites) = db.cache.sites.get(&account_id) {
        return Ok(crate::server::cache::answer(sites).await);
    }
    let sites: Vec<(i64, String, bool)> = crate::accounts::server::store::sites(db, scope, account_id).await?.into_iter().map(|s| (s.id, s.name, s.active)).collect();
    db.cache.sites.put(account_id, sites.clone());
    Ok(sites)
}

/// How many orders the actor may see are open.
pub async fn open_count(db: &Db, actor: &Actor) -> Result<i64, AppError> {
    store::count_open(db, actor.scope()).await
}

/// Submitted orders waiting for review, oldest first (staff).
pub async fn review_queue(db: &Db, actor: &Actor, account_id: Option<i64>) -> Result<Vec<OrderSummary>, AppError> {
    actor.require(actor.role().is_staff())?;
    Ok(summaries_for(actor, store::review_queue(db, actor.scope(), account_id).await?))
}

/// Saves a draft (idempotently, under the page's key) and submits it when
/// asked. Repeating the call after it went through returns the same order.
///
/// A submit that would be refused writes nothing: a new request is checked
/// as submit will check it before its draft is written, so a buyer who
/// fixes the form and sends it again never leaves an orphan draft behind
/// (and a retry of a request that went through is answered as before).
pub async fn place(db: &Db, actor: &Actor, input: &OrderInput, key: &str, submit_it: bool) -> Result<i64, AppError> {
    if submit_it && idempotency::kept(db, actor.user.id, key, &idempotency::fingerprint(input)).await?.is_none() {
        let account_id = ordering_account(actor)?;
        limits::check_order_input(input, today())?;
        idempotency::check_key(key)?;
        let report = feasibility(db, account_id, input, None).await?;
        if !report.submittable() {
            return Err(AppError::Invalid(unsubmittable_fields(&report)));
        }
    }
    let id = create_draft(db, actor, input, Some(key)).await?;
    if submit_it && get(db, actor, id).await?.status == crate::orders::OrderStatus::Draft {
        submit(db, actor, id).await?;
    }
    Ok(id)
}
