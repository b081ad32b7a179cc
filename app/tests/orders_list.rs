//! The orders list on both engines: every sort pages through all of a
//! scope's orders exactly once and in order; filters narrow as they say;
//! a customer never sees another account's orders, whatever they ask for.
#![cfg(feature = "testing")]

use app::both_engines;
use app::error::{AppError, Invalid};
use app::orders::list::UNDATED;
use app::orders::server::service;
use app::orders::{OrderFilter, OrderSort, OrderStatus, OrderSummary};
use app::server::request::Actor;
use app::server::seed::seed_demo;
use app::server::seed_history::seed_history;
use app::server::Db;

async fn actor(db: &Db, email: &str) -> Actor {
    app::server::testing::demo_actor(db, email).await
}

async fn account_id(db: &Db, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM accounts WHERE code = $1").bind(code).fetch_one(&db.pool).await.unwrap()
}

/// Every page of a list, following `next` to the end.
async fn all_pages(db: &Db, actor: &Actor, filter: &OrderFilter) -> Vec<OrderSummary> {
    let mut f = filter.clone();
    let mut out = Vec::new();
    for _ in 0..1000 {
        let page = service::list(db, actor, &f).await.unwrap();
        assert!(page.orders.len() <= 25);
        out.extend(page.orders);
        match page.next {
            Some(next) => f.cursor = Some(next),
            None => return out,
        }
    }
    panic!("the list never ended");
}

both_engines!(every_sort_pages_through_all_orders_once_in_order, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    seed_history(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let acme = account_id(&db, "ACME").await;
    let mut expected: Vec<i64> = sqlx::query_scalar("SELECT id FROM orders WHERE account_id = $1").bind(acme).fetch_all(&db.pool).await.unwrap();
    expected.sort_unstable();
    assert!(expected.len() > 50, "enough orders to page");
    for sort in OrderSort::ALL {
        let rows = all_pages(&db, &buyer, &OrderFilter { sort, ..Default::default() }).await;
        let mut ids: Vec<i64> = rows.iter().map(|o| o.id).collect();
        let in_order = match sort {
            OrderSort::Newest => ids.windows(2).all(|w| w[0] > w[1]),
            OrderSort::Oldest => ids.windows(2).all(|w| w[0] < w[1]),
            OrderSort::Delivery => {
                let key = |o: &OrderSummary| (o.promised_date.or(o.requested_date).unwrap_or(UNDATED), o.id);
                rows.windows(2).all(|w| key(&w[0]) < key(&w[1]))
            }
        };
        assert!(in_order, "{sort:?} is in order");
        ids.sort_unstable();
        assert_eq!(ids, expected, "{sort:?}: every order once");
    }
});

both_engines!(filters_narrow_and_scope_holds, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    seed_history(&db).await.unwrap();
    let buyer = actor(&db, "buyer@acme.example").await;
    let am = actor(&db, "am@keyport.example").await;
    let (acme, nova) = (account_id(&db, "ACME").await, account_id(&db, "NOVA").await);

    // status
    let shipped = all_pages(&db, &buyer, &OrderFilter { status: Some(OrderStatus::Shipped), ..Default::default() }).await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE account_id = $1 AND status = 'shipped'").bind(acme).fetch_one(&db.pool).await.unwrap();
    assert!(n > 0);
    assert_eq!(shipped.len() as i64, n);
    assert!(shipped.iter().all(|o| o.status == OrderStatus::Shipped && o.account_code == "ACME"));

    // site
    let site: i64 = sqlx::query_scalar("SELECT site_id FROM orders WHERE account_id = $1 AND site_id IS NOT NULL GROUP BY site_id ORDER BY COUNT(*) DESC LIMIT 1")
        .bind(acme)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let at_site = all_pages(&db, &buyer, &OrderFilter { site_id: Some(site), ..Default::default() }).await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE site_id = $1").bind(site).fetch_one(&db.pool).await.unwrap();
    assert!(n > 0);
    assert_eq!(at_site.len() as i64, n);

    // ordered within a date range (whole UTC days, both ends included)
    let today = app::server::db::today();
    let (from, to) = (today - time::Duration::days(120), today - time::Duration::days(30));
    let in_range = all_pages(&db, &buyer, &OrderFilter { from: Some(from), to: Some(to), ..Default::default() }).await;
    let start = from.midnight().assume_utc().unix_timestamp();
    let end = to.next_day().unwrap().midnight().assume_utc().unix_timestamp();
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE account_id = $1 AND created_at >= $2 AND created_at < $3")
        .bind(acme)
        .bind(start)
        .bind(end)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(n > 0);
    assert_eq!(in_range.len() as i64, n);

    // a customer asking for another account still sees only their own
    let asked = service::list(&db, &buyer, &OrderFilter { account_id: Some(nova), ..Default::default() }).await.unwrap();
    assert!(asked.orders.is_empty(), "the scope and the filter must both hold");
    // staff see every account, and narrow to one when they ask
    let all = service::list(&db, &am, &OrderFilter::default()).await.unwrap();
    assert!(all.orders.iter().any(|o| o.account_code == "ACME") || all.orders.iter().any(|o| o.account_code == "NOVA"));
    let nova_only = all_pages(&db, &am, &OrderFilter { account_id: Some(nova), ..Default::default() }).await;
    assert!(!nova_only.is_empty() && nova_only.iter().all(|o| o.account_code == "NOVA"));

    // a cursor from another sort, or made up, is a clear error
    let bad = service::list(&db, &buyer, &OrderFilter { sort: OrderSort::Delivery, cursor: Some("123".into()), ..Default::default() }).await;
    assert!(matches!(bad, Err(ref e @ AppError::Invalid(_)) if e.for_field("cursor") == Some(Invalid::NotAllowed)), "{bad:?}");
});
