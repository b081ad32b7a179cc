//! What applying a request and its impact need, read from the store once:
//! the order with its prices, its current version, the apply context
//! (catalog prices today, sites, line keys) and the impact context
//! (feasibility without the order's own booking, charge, credit).

use crate::changes::apply::{self, Context};
use crate::changes::impact::{self, Impact, ImpactContext};
use crate::changes::{rules, Change, ChangeRequestInput, ChangeSummary, Version};
use crate::error::{AppError, FieldError, Invalid};
use crate::orders::feasibility::Report;
use crate::orders::server::service as orders;
use crate::orders::server::{catalog, store as order_store};
use crate::orders::{Order, OrderInput, OrderLineInput, OrderStatus};
use crate::server::db::today;
use crate::server::request::{Actor, Scope};
use crate::server::Db;

/// An order a change is asked for or decided on, with its prices.
pub(super) struct Basis {
    pub order: Order,
    pub base: Version,
}

/// The order (in the actor's scope, with prices), refused unless a change
/// may be asked for it now.
pub(super) async fn basis(db: &Db, actor: &Actor, order_id: i64) -> Result<Basis, AppError> {
    let order = order_store::order(db, actor.scope(), order_id).await?.ok_or(AppError::NotFound)?;
    if !rules::order_changeable(order.status) {
        return Err(AppError::InvalidTransition);
    }
    let base = Version::of_order(&order);
    Ok(Basis { order, base })
}

/// The version `changes` make of the basis, or the fields that are wrong.
pub(super) async fn proposed(db: &Db, b: &Basis, changes: &[Change], reason: &str) -> Result<Version, AppError> {
    let skus: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::AddLine { sku, .. } => Some(sku.trim().to_uppercase()),
            _ => None,
        })
        .collect();
    let products = catalog::by_skus(&db.pool, b.order.account_id, &skus, today()).await?;
    let sites = orders::account_sites(db, Scope::Account(b.order.account_id), b.order.account_id).await?;
    let ctx = Context {
        today: Some(today()),
        next_line_key: super::super::versions::next_line_key(db, b.order.id).await?,
        products: products.into_iter().map(|(sku, p)| (sku, (p.id, p.unit_price_minor))).collect(),
        // no line may go below what has shipped of it, nor be removed once any has
        shipped: crate::shipments::server::store::shipped(&db.pool, b.order.id).await?,
        sites: sites.into_iter().filter(|(_, _, active)| *active).map(|(id, _, _)| id).collect(),
    };
    let input = ChangeRequestInput { base_version: b.base.number, changes: changes.to_vec(), reason: reason.to_string() };
    apply::apply(&b.base, &input, &ctx).map_err(AppError::Invalid)
}

/// The impact of going from the basis to `proposed`, and the feasibility
/// report of `proposed` it was made from.
pub(super) async fn impact_of(db: &Db, b: &Basis, proposed: &Version) -> Result<(Impact, Report), AppError> {
    let input = OrderInput {
        site_id: proposed.site_id,
        requested_date: proposed.requested_date,
        po_number: proposed.po_number.clone(),
        notes: proposed.notes.clone(),
        lines: proposed.lines.iter().map(|l| OrderLineInput { sku: l.sku.clone(), quantity: l.quantity, requested_date: l.requested_date }).collect(),
    };
    // without the order's own booking: it would compete with itself
    let report = orders::feasibility(db, b.order.account_id, &input, Some(b.order.id)).await?;
    // production is tracked per order, not per line yet: every line of an
    // order in production is in production
    let in_production =
        if matches!(b.order.status, OrderStatus::InProduction | OrderStatus::PartiallyShipped) { b.base.lines.iter().map(|l| l.line_key).collect() } else { Vec::new() };
    let ctx = ImpactContext {
        report: report.clone(),
        promised: b.order.promised_date,
        in_production,
        change_charge_minor: crate::accounts::server::store::change_charge(db, b.order.account_id).await?,
        credit_limit_minor: crate::accounts::server::store::credit_limit(db, b.order.account_id).await?,
        other_open_minor: order_store::open_value(db, b.order.account_id, Some(b.order.id)).await?,
    };
    Ok((impact::impact(&b.base, proposed, &ctx), report))
}

/// Refuses a change that leaves a line below its product's minimum, off
/// its pack multiple or of a product no longer sold — as submitting
/// refuses them — on the change that made the line so.
pub(super) fn refuse_unacceptable(report: &Report, proposed: &Version, changes: &[Change]) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if !report.header.is_empty() {
        errors.push(FieldError { field: "changes".into(), reason: Invalid::NotAllowed });
    }
    for (line, checked) in proposed.lines.iter().zip(&report.lines) {
        if !checked.issues.iter().any(|i| i.blocks()) {
            continue;
        }
        let made_by = changes.iter().position(|c| match c {
            Change::Quantity { line_key, .. } => *line_key == line.line_key,
            Change::AddLine { sku, quantity, .. } => sku.trim().eq_ignore_ascii_case(&line.sku) && *quantity == line.quantity,
            _ => false,
        });
        if let Some(i) = made_by {
            errors.push(FieldError { field: format!("changes.{i}.quantity"), reason: Invalid::Quantity });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// The impact in the three numbers the queue shows.
pub(super) fn summary(impact: &Impact, currency: &str) -> ChangeSummary {
    ChangeSummary {
        cost_delta_minor: Some(impact.cost_delta_minor),
        currency: currency.to_string(),
        shift_days: impact.shift_days,
        lines_in_production: impact.in_production.len() as i64,
    }
}
