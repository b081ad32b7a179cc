//! Reading change requests and versions, within the actor's scope and
//! without money for those who do not see it.

use crate::changes::diff::diff;
use crate::changes::server::store::{self, Row};
use crate::changes::server::versions;
use crate::changes::{rules, ChangeRequest, ChangeSummary, Comparison, Version, VersionInfo, VersionView};
use crate::error::AppError;
use crate::limits;
use crate::orders::server::service as orders;
use crate::server::request::Actor;
use crate::server::Db;

fn view(actor: &Actor, row: Row) -> Result<ChangeRequest, AppError> {
    let status = row.status()?;
    let stale = status.is_open() && row.base_version != row.order_version;
    Ok(ChangeRequest {
        changes: row.changes()?,
        counter: row.counter()?,
        actions: rules::allowed(status, stale, actor.role()),
        summary: ChangeSummary {
            cost_delta_minor: actor.sees_money().then_some(row.cost_delta_minor),
            currency: row.currency,
            shift_days: row.shift_days,
            lines_in_production: row.lines_in_production,
        },
        id: row.id,
        order_id: row.order_id,
        order_number: row.order_number,
        account_id: row.account_id,
        account_name: row.account_name,
        base_version: row.base_version,
        order_version: row.order_version,
        status,
        reason: row.reason,
        counter_message: row.counter_message,
        decision_reason: row.decision_reason,
        requested_by: row.requested_by,
        created_at: row.created_at,
        decided_by: row.decided_by,
        decided_at: row.decided_at,
        result_version: row.result_version,
    })
}

/// One request, if the actor's scope may see its account.
pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<ChangeRequest, AppError> {
    view(actor, store::get(db, actor.scope(), id).await?.ok_or(AppError::NotFound)?)
}

/// An order's requests, newest first.
pub async fn for_order(db: &Db, actor: &Actor, order_id: i64) -> Result<Vec<ChangeRequest>, AppError> {
    orders::get(db, actor, order_id).await?;
    store::for_order(db, order_id).await?.into_iter().map(|r| view(actor, r)).collect()
}

/// Pending requests, oldest first, for staff; one account's if asked.
pub async fn queue(db: &Db, actor: &Actor, account_id: Option<i64>) -> Result<Vec<ChangeRequest>, AppError> {
    actor.require(actor.role().is_staff())?;
    store::queue(db, actor.scope(), account_id, limits::PAGE_MAX).await?.into_iter().map(|r| view(actor, r)).collect()
}

/// An order's versions, oldest first.
pub async fn versions(db: &Db, actor: &Actor, order_id: i64) -> Result<Vec<VersionInfo>, AppError> {
    orders::get(db, actor, order_id).await?;
    let mut list = versions::list(db, order_id).await?;
    if !actor.sees_money() {
        list.iter_mut().for_each(|v| v.total_minor = None);
    }
    Ok(list)
}

fn hide_money(v: &mut Version) {
    v.lines.iter_mut().for_each(|l| l.unit_price_minor = 0);
}

pub async fn version(db: &Db, actor: &Actor, order_id: i64, number: i64) -> Result<VersionView, AppError> {
    let order = orders::get(db, actor, order_id).await?;
    let mut version = versions::version(&db.pool, order_id, number).await?.ok_or(AppError::NotFound)?;
    if !actor.sees_money() {
        hide_money(&mut version);
    }
    Ok(VersionView { order_id, currency: currency(&order), order_number: order.number, show_money: actor.sees_money(), version })
}

fn currency(order: &crate::orders::Order) -> String {
    order.total.as_ref().map(|m| m.currency.clone()).unwrap_or_else(|| "CNY".into())
}

/// Versions `a` and `b` side by side with their diff. Without numbers:
/// the one before the current and the current.
pub async fn compare(db: &Db, actor: &Actor, order_id: i64, a: Option<i64>, b: Option<i64>) -> Result<Comparison, AppError> {
    // the order's head only: its lines and timeline are not shown here
    let (order_number, currency, current) = versions::head(db, actor.scope(), order_id).await?.ok_or(AppError::NotFound)?;
    let b = b.unwrap_or(current);
    let a = a.unwrap_or((b - 1).max(1));
    let (Some(mut va), Some(mut vb)) = (versions::version(&db.pool, order_id, a).await?, versions::version(&db.pool, order_id, b).await?) else {
        return Err(AppError::NotFound);
    };
    let show_money = actor.sees_money();
    if !show_money {
        hide_money(&mut va);
        hide_money(&mut vb);
    }
    let diff = diff(&va, &vb);
    Ok(Comparison { order_id, currency, order_number, show_money, versions: (1..=current).collect(), a: va, b: vb, diff })
}

/// The impact of an open request on the order as it stands now (of staff's
/// counter, when there is one): what the decision page shows.
async fn assess(db: &Db, actor: &Actor, row: &Row) -> Result<crate::changes::Preview, AppError> {
    use super::basis::{basis, impact_of, proposed};
    let changes = match row.counter()? {
        Some(counter) => counter,
        None => row.changes()?,
    };
    let b = basis(db, actor, row.order_id).await?;
    let next = proposed(db, &b, &changes, &row.reason).await?;
    let (mut impact, _) = impact_of(db, &b, &next).await?;
    let mut next = next;
    if !actor.sees_money() {
        // both sides without prices, so the diff shows no price changes either
        let mut base = b.base.clone();
        hide_money(&mut base);
        hide_money(&mut next);
        impact.diff = diff(&base, &next);
        impact.cost_delta_minor = 0;
        impact.charge_minor = 0;
        impact.open_after_minor = 0;
        impact.over_credit = false;
    }
    Ok(crate::changes::Preview { proposed: next, impact, currency: row.currency.clone() })
}

/// Everything the request's page shows, read in one call.
pub async fn page(db: &Db, actor: &Actor, id: i64) -> Result<crate::changes::RequestPage, AppError> {
    let row = store::get(db, actor.scope(), id).await?.ok_or(AppError::NotFound)?;
    let lines = orders::get(db, actor, row.order_id).await?.lines;
    let (assessment, assessment_error) = if row.status()?.is_open() {
        match assess(db, actor, &row).await {
            Ok(p) => (Some(p), None),
            Err(e @ (AppError::Invalid(_) | AppError::InvalidTransition)) => (None, Some(e)),
            Err(e) => return Err(e),
        }
    } else {
        (None, None)
    };
    Ok(crate::changes::RequestPage { request: view(actor, row)?, lines, assessment, assessment_error })
}
