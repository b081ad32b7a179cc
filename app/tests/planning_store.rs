//! Plans on both engines: confirming an order makes its default plan up to
//! the promise; a planner moving a milestone past it puts the order at
//! risk, on the timeline; customers read it, other accounts do not.
#![cfg(feature = "testing")]

use app::both_engines;
use app::error::{AppError, Invalid};
use app::orders::server::service as orders;
use app::orders::{OrderInput, OrderLineInput};
use app::planning::server::service as plans;
use app::planning::Stage;
use app::server::db::today;
use app::server::seed::seed_demo;
use app::server::Db;
use time::Duration;

both_engines!(a_confirmed_order_has_a_plan_that_planners_move, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let actor = |email: &'static str| app::server::testing::demo_actor(&db, email);
    let buyer = actor("buyer@acme.example").await;
    let site: i64 = sqlx::query_scalar("SELECT MIN(s.id) FROM sites s JOIN accounts a ON a.id = s.account_id WHERE a.code = 'ACME'").fetch_one(&db.pool).await.unwrap();
    let input = OrderInput {
        site_id: Some(site),
        requested_date: Some(today() + Duration::days(60)),
        po_number: "PO-PLAN".into(),
        notes: String::new(),
        lines: vec![OrderLineInput { sku: "FST-010".into(), quantity: 1_000, requested_date: None }],
    };
    let id = orders::place(&db, &buyer, &input, "plan", true).await.unwrap();
    assert!(plans::get(&db, &buyer, id).await.unwrap().milestones.is_empty(), "no plan before the promise");
    let order = orders::confirm(&db, &actor("am@keyport.example").await, id, None, "").await.unwrap();
    let plan = plans::get(&db, &buyer, id).await.unwrap();
    assert_eq!(plan.milestones.len(), 6);
    assert_eq!((plan.milestones[0].planned_start, plan.milestones[5].planned_end), (today(), order.promised_date.unwrap()));
    assert!(!plan.at_risk && !plan.editable, "the customer reads, never edits");

    // the planner moves QC past the promise: at risk, and the timeline says who
    let planner = actor("planner@keyport.example").await;
    let mut qc = plan.milestones[2].clone();
    qc.planned_end = order.promised_date.unwrap() + Duration::days(3);
    qc.note = "Salt-spray test rerun".into();
    let moved = plans::update(&db, &planner, id, &qc).await.unwrap();
    assert!(moved.at_risk && moved.editable);
    assert_eq!(moved.milestones.iter().find(|m| m.stage == Stage::Qc).unwrap().note, "Salt-spray test rerun");
    let events = orders::get(&db, &planner, id).await.unwrap().events;
    assert!(events.iter().any(|e| e.kind == "plan_updated" && e.reason == "Salt-spray test rerun"));

    // bad input and the wrong people change nothing
    let mut bad = qc.clone();
    bad.planned_end = bad.planned_start - Duration::days(1);
    assert_eq!(plans::update(&db, &planner, id, &bad).await.unwrap_err().for_field("planned_end"), Some(Invalid::NotAllowed));
    let mut far = qc.clone();
    far.planned_start = today() - Duration::days(4000);
    far.planned_end = today() - Duration::days(3990);
    assert_eq!(plans::update(&db, &planner, id, &far).await.unwrap_err().for_field("planned_start"), Some(Invalid::TooFar));
    assert_eq!(plans::update(&db, &buyer, id, &qc).await.map(|_| ()), Err(AppError::Forbidden));
    let nova = actor("buyer@nova.example").await;
    assert_eq!(plans::get(&db, &nova, id).await.map(|_| ()), Err(AppError::NotFound));
    let still = plans::get(&db, &planner, id).await.unwrap();
    assert_eq!(still.milestones.iter().find(|m| m.stage == Stage::Qc).unwrap().planned_end, qc.planned_end);
});

both_engines!(the_portfolio_draws_planned_orders_in_the_window_with_their_risk, |db: Db| async move {
    use app::planning::portfolio::{PortfolioFilter, Zoom};
    seed_demo(&db).await.unwrap();
    let actor = |email: &'static str| app::server::testing::demo_actor(&db, email);
    let planner = actor("planner@keyport.example").await;
    let mut placed = Vec::new();
    for (code, days) in [("ACME", 40), ("ACME", 50), ("NOVA", 45), ("ACME", 300)] {
        placed.push(app::server::testing::confirmed_order(&db, code, "FST-010", 100, days, &format!("pf-{days}")).await);
    }
    // one of ACME's slips past its promise
    let mut plan = plans::get(&db, &planner, placed[0]).await.unwrap();
    let promised = plan.promised_date.unwrap();
    plan.milestones[5].planned_end = promised + Duration::days(4);
    plans::update(&db, &planner, placed[0], &plan.milestones[5]).await.unwrap();

    let all = plans::portfolio(&db, &planner, &PortfolioFilter::default()).await.unwrap();
    let ids: Vec<i64> = all.rows.iter().map(|r| r.order_id).collect();
    assert!(placed.iter().all(|id| ids.contains(id)), "every plan starts today, inside the window");
    assert_eq!(all.matching as usize, all.rows.len());
    let risky: Vec<i64> = all.rows.iter().filter(|r| r.at_risk).map(|r| r.order_id).collect();
    assert_eq!(risky, vec![placed[0]], "the same rule as the order page");
    assert!(all.rows.windows(2).all(|w| w[0].start <= w[1].start), "by start");

    let only_risk = plans::portfolio(&db, &planner, &PortfolioFilter { at_risk: true, ..Default::default() }).await.unwrap();
    assert_eq!(only_risk.rows.iter().map(|r| r.order_id).collect::<Vec<_>>(), vec![placed[0]]);
    let nova: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE code = 'NOVA'").fetch_one(&db.pool).await.unwrap();
    let one_account = plans::portfolio(&db, &planner, &PortfolioFilter { account_id: Some(nova), ..Default::default() }).await.unwrap();
    assert_eq!(one_account.rows.iter().map(|r| r.order_id).collect::<Vec<_>>(), vec![placed[2]]);
    let later = PortfolioFilter { zoom: Zoom::Month, from: Some(today() + Duration::days(200)), to: Some(today() + Duration::days(260)), ..Default::default() };
    let later = plans::portfolio(&db, &planner, &later).await.unwrap();
    assert_eq!(later.rows.iter().map(|r| r.order_id).collect::<Vec<_>>(), vec![placed[3]], "only the long plan crosses a later window");
    let shipped_status = PortfolioFilter { status: Some(app::orders::OrderStatus::Shipped), ..Default::default() };
    assert!(plans::portfolio(&db, &planner, &shipped_status).await.unwrap().rows.is_empty());

    // customers have no portfolio
    let buyer = actor("buyer@acme.example").await;
    assert_eq!(plans::portfolio(&db, &buyer, &PortfolioFilter::default()).await.map(|_| ()), Err(AppError::Forbidden));
});
