//! Change requests on both engines: a request becomes the order's next
//! version (keys kept, capacity and promise moved, everyone concerned told
//! once); races and an order that moved on make a request stale; bad
//! input and other tenants change nothing.
#![cfg(feature = "testing")]

use app::both_engines;
use app::changes::server::service as changes;
use app::changes::{Change, ChangeRequestInput, ChangeStatus};
use app::error::{AppError, Invalid};
use app::notifications::server::service as inbox;
use app::notifications::{Kind, Settings};
use app::orders::server::service as orders;
use app::orders::{CounterProposal, LineQuantity, OrderInput, OrderLineInput};
use app::server::db::today;
use app::server::request::Actor;
use app::server::seed::seed_demo;
use app::server::Db;
use time::Duration;

async fn actor(db: &Db, email: &str) -> Actor {
    app::server::testing::demo_actor(db, email).await
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

async fn site_of(db: &Db, code: &str) -> i64 {
    sqlx::query_scalar("SELECT MIN(s.id) FROM sites s JOIN accounts a ON a.id = s.account_id WHERE a.code = $1").bind(code).fetch_one(&db.pool).await.unwrap()
}

/// A submitted ACME order of two lines; confirmed by its manager when asked.
async fn placed(db: &Db, confirm: bool) -> i64 {
    let buyer = actor(db, "buyer@acme.example").await;
    let input = OrderInput {
        site_id: Some(site_of(db, "ACME").await),
        requested_date: Some(today() + Duration::days(60)),
        po_number: "PO-1".into(),
        notes: String::new(),
        lines: [("FST-010", 1_000), ("BRG-020", 200)].iter().map(|(sku, q)| OrderLineInput { sku: sku.to_string(), quantity: *q, requested_date: None }).collect(),
    };
    let id = orders::place(db, &buyer, &input, &format!("place-{}", confirm), true).await.unwrap();
    if confirm {
        orders::confirm(db, &actor(db, "am@keyport.example").await, id, None, "").await.unwrap();
    }
    id
}

fn more_and_later(db_order: &app::orders::Order) -> ChangeRequestInput {
    let first = &db_order.lines[0];
    ChangeRequestInput {
        base_version: db_order.version,
        changes: vec![Change::Quantity { line_key: first.line_key, quantity: first.quantity + 500 }, Change::OrderDate { requested_date: Some(today() + Duration::days(75)) }],
        reason: "Demand went up".into(),
    }
}

async fn kinds_of(db: &Db, email: &str) -> Vec<Kind> {
    let a = actor(db, email).await;
    inbox::inbox(db, &a, None).await.unwrap().items.into_iter().map(|n| n.kind).collect()
}

/// The running totals of booked capacity equal a rebuild from the lines.
async fn bookings_balance(db: &Db) {
    use app::orders::server::bookings;
    let running = bookings::totals(db).await.unwrap();
    let mut tx = db.begin().await.unwrap();
    bookings::rebuild(&mut tx).await.unwrap();
    let rebuilt: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT product_id, due, quantity FROM capacity_bookings WHERE quantity <> 0 ORDER BY product_id, due").fetch_all(&mut *tx).await.unwrap();
    drop(tx);
    assert_eq!(running, rebuilt);
}

both_engines!(an_approved_request_is_the_next_version, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let id = placed(&db, true).await;
    let buyer = actor(&db, "buyer@acme.example").await;
    let am = actor(&db, "am@keyport.example").await;
    let before = orders::get(&db, &buyer, id).await.unwrap();
    let request = more_and_later(&before);

    // the preview: the cost delta is the difference of the totals
    let preview = changes::preview(&db, &buyer, id, &request).await.unwrap();
    let unit = before.lines[0].unit_price.as_ref().unwrap().minor;
    assert_eq!(preview.impact.cost_delta_minor, 500 * unit);
    assert_eq!(preview.impact.cost_delta_minor, preview.impact.diff.total_after_minor - preview.impact.diff.total_before_minor);
    assert_eq!(preview.proposed.number, 2);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM change_requests").await, 0, "a preview stores nothing");

    // sent under a key: a retry gets the same request
    let sent = changes::send(&db, &buyer, id, &request, Some("cr-1")).await.unwrap();
    let again = changes::send(&db, &buyer, id, &request, Some("cr-1")).await.unwrap();
    assert_eq!(sent.id, again.id);
    assert_eq!(sent.status, ChangeStatus::Pending);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM change_requests").await, 1);
    // a second open request for the order is refused
    let second = changes::send(&db, &buyer, id, &request, Some("cr-2")).await.unwrap_err();
    assert_eq!(second.for_field("change_request"), Some(Invalid::Taken));
    // the manager and the planner are told, once; the buyer is not told of their own request
    assert_eq!(kinds_of(&db, "am@keyport.example").await, vec![Kind::ChangeRequested]);
    assert_eq!(kinds_of(&db, "planner@keyport.example").await, vec![Kind::ChangeRequested]);
    assert!(kinds_of(&db, "buyer@acme.example").await.is_empty());
    assert!(kinds_of(&db, "buyer@nova.example").await.is_empty());

    // approved: version 2, keys kept, total and promise moved
    let approved = changes::approve(&db, &am, sent.id, None, "OK").await.unwrap();
    assert_eq!((approved.status, approved.result_version), (ChangeStatus::Approved, Some(2)));
    let after = orders::get(&db, &buyer, id).await.unwrap();
    assert_eq!(after.version, 2);
    assert_eq!(after.lines.iter().map(|l| l.line_key).collect::<Vec<_>>(), before.lines.iter().map(|l| l.line_key).collect::<Vec<_>>());
    assert_eq!(after.lines[0].quantity, before.lines[0].quantity + 500);
    assert_eq!(after.total.as_ref().unwrap().minor, before.total.as_ref().unwrap().minor + 500 * unit);
    assert_eq!(after.requested_date, Some(today() + Duration::days(75)));
    assert!(after.promised_date >= before.promised_date, "the promise follows the later date");
    let approval = after.events.iter().find(|e| e.kind == "change_approved").expect("the approval is on the timeline");
    assert_eq!((approval.quantities[0].from, approval.quantities[0].to), (before.lines[0].quantity, before.lines[0].quantity + 500), "what changed");
    assert_eq!(approval.reason, "OK");
    bookings_balance(&db).await;
    // the buyer and the customer admin hear of it once; the manager not of their own decision
    assert_eq!(kinds_of(&db, "buyer@acme.example").await, vec![Kind::ChangeApproved]);
    assert_eq!(kinds_of(&db, "admin@acme.example").await, vec![Kind::ChangeApproved]);
    assert_eq!(kinds_of(&db, "am@keyport.example").await, vec![Kind::ChangeRequested]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM notifications").await, 4);

    // both versions stay readable; the diff names the line and the header
    let list = changes::versions(&db, &buyer, id).await.unwrap();
    assert_eq!(list.iter().map(|v| (v.number, v.change_request_id)).collect::<Vec<_>>(), vec![(1, None), (2, Some(sent.id))]);
    let compared = changes::compare(&db, &buyer, id, Some(1), Some(2)).await.unwrap();
    assert_eq!(compared.a.requested_date, before.requested_date, "version 1 keeps its own header");
    assert_eq!(compared.diff.lines.len(), 1);
    assert_eq!(compared.diff.header.len(), 1);
    assert!(changes::compare(&db, &buyer, id, Some(2), Some(2)).await.unwrap().diff.is_empty());

    // withdrawing after approval is refused, and changes nothing
    assert!(matches!(changes::withdraw(&db, &buyer, sent.id, "").await, Err(AppError::InvalidTransition)));
    assert_eq!(orders::get(&db, &buyer, id).await.unwrap().version, 2);
});

both_engines!(two_approvals_at_once_apply_one, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let id = placed(&db, true).await;
    let buyer = actor(&db, "buyer@acme.example").await;
    let order = orders::get(&db, &buyer, id).await.unwrap();
    let sent = changes::send(&db, &buyer, id, &more_and_later(&order), None).await.unwrap();
    let (am, admin) = (actor(&db, "am@keyport.example").await, actor(&db, "admin@keyport.example").await);
    let (a, b) = tokio::join!(changes::approve(&db, &am, sent.id, None, ""), changes::approve(&db, &admin, sent.id, None, ""));
    assert_eq!([&a, &b].iter().filter(|r| r.is_ok()).count(), 1, "{a:?} {b:?}");
    let lost = match (a, b) {
        (Err(e), _) | (_, Err(e)) => e,
        _ => unreachable!("one of the two lost"),
    };
    assert!(matches!(lost, AppError::InvalidTransition | AppError::PreconditionFailed), "{lost:?}");
    assert_eq!(orders::get(&db, &buyer, id).await.unwrap().version, 2);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM order_events WHERE kind = 'change_approved'").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM domain_events WHERE kind = 'change_request.approved'").await, 1);
    assert_eq!(kinds_of(&db, "buyer@acme.example").await, vec![Kind::ChangeApproved], "told once");
    bookings_balance(&db).await;
});

both_engines!(an_order_that_moved_on_makes_a_request_stale, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let id = placed(&db, false).await;
    let buyer = actor(&db, "buyer@acme.example").await;
    let am = actor(&db, "am@keyport.example").await;
    let order = orders::get(&db, &buyer, id).await.unwrap();
    let sent = changes::send(&db, &buyer, id, &more_and_later(&order), None).await.unwrap();
    // the negotiation moves the order on: a counter with quantities, accepted, makes version 2
    let second = &order.lines[1];
    let proposal = CounterProposal {
        date: Some(today() + Duration::days(70)),
        quantities: vec![LineQuantity { line_key: second.line_key, quantity: second.quantity + 100 }],
        message: "More of this".into(),
    };
    orders::counter(&db, &am, id, &proposal).await.unwrap();
    orders::accept_counter(&db, &buyer, id).await.unwrap();
    assert_eq!(orders::get(&db, &buyer, id).await.unwrap().version, 2);

    let stale = changes::get(&db, &am, sent.id).await.unwrap();
    assert!(stale.stale());
    assert!(!stale.actions.contains(&app::changes::ChangeCommand::Approve));
    assert!(matches!(changes::approve(&db, &am, sent.id, None, "").await, Err(AppError::PreconditionFailed)));
    assert_eq!(orders::get(&db, &buyer, id).await.unwrap().version, 2, "nothing applied");
    // a preview or a request made from the old version is stale too
    assert!(matches!(changes::preview(&db, &buyer, id, &more_and_later(&order)).await, Err(AppError::PreconditionFailed)));

    // re-based, it is decided on the order as it is now
    let rebased = changes::rebase(&db, &buyer, sent.id).await.unwrap();
    assert_eq!((rebased.base_version, rebased.stale()), (2, false));
    let approved = changes::approve(&db, &am, sent.id, None, "").await.unwrap();
    assert_eq!(approved.result_version, Some(3));
    let after = orders::get(&db, &buyer, id).await.unwrap();
    assert_eq!(after.lines[1].quantity, second.quantity + 100, "the accepted counter stays");
    assert_eq!(after.lines[0].quantity, order.lines[0].quantity + 500);
    bookings_balance(&db).await;
});

both_engines!(bad_requests_change_nothing, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let id = placed(&db, true).await;
    let buyer = actor(&db, "buyer@acme.example").await;
    let order = orders::get(&db, &buyer, id).await.unwrap();
    let key = order.lines[0].line_key;
    let bad = ChangeRequestInput {
        base_version: order.version,
        changes: vec![
            Change::Quantity { line_key: 999_999, quantity: 10 },
            Change::Quantity { line_key: key, quantity: 0 },
            Change::Site { site_id: site_of(&db, "NOVA").await },
            Change::AddLine { sku: "NOPE-1".into(), quantity: 10, requested_date: None },
        ],
        reason: String::new(),
    };
    let err = changes::send(&db, &buyer, id, &bad, Some("bad-1")).await.unwrap_err();
    assert_eq!(err.for_field("changes.0.line_key"), Some(Invalid::NotAllowed));
    assert_eq!(err.for_field("changes.1.quantity"), Some(Invalid::Quantity));
    assert_eq!(err.for_field("changes.2.site_id"), Some(Invalid::NotAllowed), "another account's site");
    assert_eq!(err.for_field("changes.3.sku"), Some(Invalid::NotAllowed));
    assert_eq!(err.for_field("reason"), Some(Invalid::Required));
    let too_many = ChangeRequestInput { changes: vec![Change::Notes { notes: "x".into() }; app::changes::MAX_CHANGES + 1], ..more_and_later(&order) };
    assert_eq!(changes::send(&db, &buyer, id, &too_many, None).await.unwrap_err().for_field("changes"), Some(Invalid::TooMany));
    // a closed order takes no changes
    orders::cancel(&db, &buyer, id, "no longer needed").await.unwrap();
    assert!(matches!(changes::send(&db, &buyer, id, &more_and_later(&order), None).await, Err(AppError::InvalidTransition)));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM change_requests").await, 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM notifications").await, 0);
});

both_engines!(other_accounts_and_readers_are_refused, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let id = placed(&db, true).await;
    let buyer = actor(&db, "buyer@acme.example").await;
    let order = orders::get(&db, &buyer, id).await.unwrap();
    let sent = changes::send(&db, &buyer, id, &more_and_later(&order), None).await.unwrap();
    let nova = actor(&db, "buyer@nova.example").await;
    assert!(matches!(changes::get(&db, &nova, sent.id).await, Err(AppError::NotFound)));
    assert!(matches!(changes::send(&db, &nova, id, &more_and_later(&order), None).await, Err(AppError::NotFound)));
    assert!(matches!(changes::withdraw(&db, &nova, sent.id, "").await, Err(AppError::NotFound)));
    assert!(matches!(changes::versions(&db, &nova, id).await, Err(AppError::NotFound)));
    let viewer = actor(&db, "viewer@acme.example").await;
    assert!(changes::get(&db, &viewer, sent.id).await.unwrap().actions.is_empty(), "a viewer reads only");
    assert!(matches!(changes::send(&db, &viewer, id, &more_and_later(&order), None).await, Err(AppError::Forbidden)));
    assert!(matches!(changes::approve(&db, &buyer, sent.id, None, "").await, Err(AppError::Forbidden)));
    assert!(matches!(changes::approve(&db, &actor(&db, "planner@keyport.example").await, sent.id, None, "").await, Err(AppError::Forbidden)));
    // a planner reads the request without its money
    assert_eq!(changes::get(&db, &actor(&db, "planner@keyport.example").await, sent.id).await.unwrap().summary.cost_delta_minor, None);
    // the customer withdraws; the manager hears of it
    changes::withdraw(&db, &buyer, sent.id, "not needed").await.unwrap();
    assert_eq!(kinds_of(&db, "am@keyport.example").await, vec![Kind::ChangeWithdrawn, Kind::ChangeRequested]);
});

both_engines!(muted_kinds_are_not_delivered_and_inboxes_are_private, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let id = placed(&db, true).await;
    let buyer = actor(&db, "buyer@acme.example").await;
    let admin = actor(&db, "admin@acme.example").await;
    inbox::set_settings(&db, &admin, &Settings { muted: vec![Kind::ChangeRejected, Kind::ChangeRejected] }).await.unwrap();
    assert_eq!(inbox::settings(&db, &admin).await.unwrap().muted, vec![Kind::ChangeRejected]);
    let order = orders::get(&db, &buyer, id).await.unwrap();
    let sent = changes::send(&db, &buyer, id, &more_and_later(&order), None).await.unwrap();
    changes::reject(&db, &actor(&db, "am@keyport.example").await, sent.id, "No capacity").await.unwrap();
    assert_eq!(kinds_of(&db, "buyer@acme.example").await, vec![Kind::ChangeRejected]);
    assert!(kinds_of(&db, "admin@acme.example").await.is_empty(), "muted");
    // one's own notification only; marking reads it
    let mine = inbox::inbox(&db, &buyer, None).await.unwrap();
    assert_eq!(mine.unread, 1);
    let theirs = actor(&db, "am@keyport.example").await;
    assert!(matches!(inbox::mark_read(&db, &theirs, Some(mine.items[0].id)).await, Err(AppError::NotFound)));
    assert_eq!(inbox::mark_read(&db, &buyer, Some(mine.items[0].id)).await.unwrap(), 0);
    assert!(inbox::inbox(&db, &buyer, None).await.unwrap().items[0].read);
});
