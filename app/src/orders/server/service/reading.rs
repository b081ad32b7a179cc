//! Reading orders: one order, lists, counts and the review queue, each
//! within the actor's scope and without money for those who do not see it.

use crate::error::AppError;
use crate::limits;
use crate::orders::server::store;
use crate::orders::{ListOptions, Order, OrderFilter, OrderPage, OrderSummary};
use crate::server::request::{Actor, Scope};
use crate::server::Db;

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
pub(super) fn summaries_for(actor: &Actor, mut orders: Vec<OrderSummary>) -> Vec<OrderSummary> {
    if !actor.sees_money() {
        orders.iter_mut().for_each(|o| o.total = None);
    }
    orders
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
pub async fn account_sites(db: &Db, scope: Scope, account_id: i64) -> Result<Vec<(i64, String, bool)>, AppError> {
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
