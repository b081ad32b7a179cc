//! The plan service: read within the actor's scope; planners (and those
//! who review orders) edit, and the order's timeline says who moved what.

use crate::error::AppError;
use crate::orders::server::service as orders;
use crate::orders::server::store as order_store;
use crate::orders::OrderStatus;
use crate::planning::portfolio::{is_late, Portfolio, PortfolioFilter, PortfolioRow, PORTFOLIO_MAX};
use crate::planning::server::store;
use crate::planning::{at_risk, check_milestone, Milestone, Plan, Stage};
use crate::server::db::parse_date;
use crate::server::db::{db_error, today};
use crate::server::request::Actor;
use crate::server::Db;
use crate::shipments::rules::may_ship;

/// Who edits plans: those who ship (planners, account managers in their
/// accounts, the staff admin).
pub fn may_plan(role: crate::accounts::Role) -> bool {
    may_ship(role)
}

pub async fn get(db: &Db, actor: &Actor, order_id: i64) -> Result<Plan, AppError> {
    let order = orders::get(db, actor, order_id).await?;
    let milestones = store::milestones(db, order.id).await?;
    Ok(Plan {
        order_id: order.id,
        promised_date: order.promised_date,
        at_risk: at_risk(&milestones, order.promised_date),
        editable: may_plan(actor.role()) && !milestones.is_empty() && !order.status.is_terminal(),
        milestones,
        today: today(),
    })
}

/// A planner changes one milestone (dates planned and actual, department, note).
pub async fn update(db: &Db, actor: &Actor, order_id: i64, m: &Milestone) -> Result<Plan, AppError> {
    actor.require(may_plan(actor.role()))?;
    check_milestone(m).map_err(AppError::Invalid)?;
    // within two years of today, either way: the chart spans every date it holds
    let (earliest, latest) = (today() - time::Duration::days(730), today() + time::Duration::days(730));
    let dates = [("planned_start", Some(m.planned_start)), ("planned_end", Some(m.planned_end)), ("actual_start", m.actual_start), ("actual_end", m.actual_end)];
    if let Some((field, _)) = dates.iter().find(|(_, d)| d.is_some_and(|d| d < earliest || d > latest)) {
        return Err(AppError::field(field, crate::error::Invalid::TooFar));
    }
    let plan = get(db, actor, order_id).await?;
    if !plan.editable {
        return Err(AppError::InvalidTransition);
    }
    let mut tx = db.begin().await?;
    store::update(&mut tx, order_id, m, actor.user.id).await?;
    let data = serde_json::json!({ "stage": m.stage.as_str(), "planned_end": m.planned_end.to_string(), "actual_end": m.actual_end.map(|d| d.to_string()) }).to_string();
    order_store::record_event(&mut tx, order_id, actor.user.id, "plan_updated", None, m.note.trim(), &data).await?;
    tx.commit().await.map_err(db_error)?;
    get(db, actor, order_id).await
}

/// The demo's plans: every order of the seeded history that was promised
/// gets its default plan, from the day it was placed to its promise; what
/// has shipped since has its stages done as planned. Once (none exist yet).
pub async fn seed_plans(db: &Db) -> Result<bool, AppError> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM order_milestones").fetch_one(&db.pool).await.map_err(db_error)?;
    if existing > 0 {
        return Ok(false);
    }
    let planner: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'planner@keyport.example'").fetch_one(&db.pool).await.map_err(db_error)?;
    let orders: Vec<(i64, i64, String, String)> =
        sqlx::query_as("SELECT id, created_at, promised_date, status FROM orders WHERE promised_date IS NOT NULL AND status NOT IN ('rejected', 'cancelled', 'draft')")
            .fetch_all(&db.pool)
            .await
            .map_err(db_error)?;
    let mut tx = db.begin().await?;
    for (id, created, promised, status) in orders {
        let start = time::OffsetDateTime::from_unix_timestamp(created).map(|t| t.date()).unwrap_or_else(|_| today());
        let Some(promised) = crate::server::db::parse_date(&promised) else { continue };
        store::ensure_default(&mut tx, id, planner, start, promised.max(start)).await?;
        let done = matches!(status.as_str(), "shipped" | "delivered" | "accepted" | "closed");
        if done || status == "in_production" || status == "partially_shipped" {
            // stages before shipping happened as planned; once shipped, all
            let upto = if done { "('materials', 'production', 'qc', 'packing', 'shipping', 'delivery')" } else { "('materials')" };
            sqlx::query(&format!("UPDATE order_milestones SET actual_start = planned_start, actual_end = planned_end WHERE order_id = $1 AND stage IN {upto}"))
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
        }
    }
    tx.commit().await.map_err(db_error)?;
    Ok(true)
}

/// Staff's portfolio: every planned order in scope crossing the window,
/// one bar each, the risk worked out by the same rule as the order page's.
pub async fn portfolio(db: &Db, actor: &Actor, filter: &PortfolioFilter) -> Result<Portfolio, AppError> {
    actor.require(actor.scope().is_staff())?;
    let today = today();
    let (from, to) = filter.window(today);
    let lines = store::portfolio(db, actor.scope(), filter.account_id, filter.status.map(|s| s.as_str()), from, to).await?;
    let mut rows: Vec<PortfolioRow> = Vec::new();
    let mut milestones: Vec<Milestone> = Vec::new();
    let mut lines = lines.into_iter().peekable();
    while let Some(first) = lines.next() {
        milestones.clear();
        let mut line = Some(first);
        let head = line.as_ref().map(|l| (l.order_id, l.number.clone(), l.account_code.clone(), l.status.clone(), l.promised_date.clone()));
        let Some((order_id, number, account_code, status, promised)) = head else { break };
        while let Some(l) = line.take() {
            let bad = || AppError::internal("milestone in store", l.stage.clone());
            milestones.push(Milestone {
                stage: Stage::parse(&l.stage).ok_or_else(bad)?,
                planned_start: parse_date(&l.planned_start).ok_or_else(bad)?,
                planned_end: parse_date(&l.planned_end).ok_or_else(bad)?,
                actual_start: l.actual_start.as_deref().and_then(parse_date),
                actual_end: l.actual_end.as_deref().and_then(parse_date),
                department: String::new(),
                note: String::new(),
            });
            line = lines.next_if(|n| n.order_id == order_id);
        }
        let status = OrderStatus::parse(&status).ok_or_else(|| AppError::internal("order status in store", status.clone()))?;
        let promised_date = promised.as_deref().and_then(parse_date);
        let risky = at_risk(&milestones, promised_date);
        let late = is_late(status, promised_date, today);
        if filter.at_risk && !risky && !late {
            continue;
        }
        rows.push(PortfolioRow {
            order_id,
            number,
            account_code,
            status,
            promised_date,
            start: milestones.iter().map(|m| m.planned_start).min().unwrap_or(today),
            end: milestones.iter().map(|m| m.planned_end.max(m.end())).max().unwrap_or(today),
            done_until: milestones.iter().filter_map(|m| m.actual_end).max(),
            at_risk: risky,
            late,
        });
    }
    let matching = rows.len() as i64;
    rows.sort_by_key(|r| (r.start, r.order_id));
    rows.truncate(PORTFOLIO_MAX);
    let accounts = crate::accounts::server::store::accounts(db, actor.scope()).await?.into_iter().map(|a| (a.id, a.code)).collect();
    Ok(Portfolio { rows, matching, from, to, today, zoom: filter.zoom, accounts })
}
