//! Rates and shipping options on both engines: the staff admin's CSV
//! import (all or nothing), an order's options from its weight and zone,
//! the planner's choice with its reason, and what the customer sees.
#![cfg(feature = "testing")]

use app::both_engines;
use app::error::{AppError, Invalid};
use app::orders::server::service as orders;
use app::rates::server::demo::{demo_csv, seed_rates};
use app::rates::server::service as rates;
use app::rates::SortBy;
use app::server::seed::seed_demo;
use app::server::testing::demo_actor;
use app::server::Db;
use app::shipments::Mode;

both_engines!(a_planner_compares_options_and_chooses_one_the_customer_sees_it, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    assert!(seed_rates(&db).await.unwrap());
    let buyer = demo_actor(&db, "buyer@acme.example").await;
    let planner = demo_actor(&db, "planner@keyport.example").await;
    let id = app::server::testing::confirmed_order(&db, "ACME", "HSG-010", 200, 45, "ship-opt").await;

    let by_cost = rates::for_order(&db, &planner, id, SortBy::Cost).await.unwrap();
    // HSG-010 weighs 2,500 × 100 / 100 g: 200 of them are 500 kg
    let grams: i64 = sqlx::query_scalar("SELECT weight_grams FROM products WHERE sku = 'HSG-010'").fetch_one(&db.pool).await.unwrap();
    assert_eq!((by_cost.zone.as_str(), by_cost.grams), ("EAST", 200 * grams));
    assert!(by_cost.may_choose && by_cost.options.len() >= 3, "{:?}", by_cost.options);
    assert!(by_cost.options.windows(2).all(|w| w[0].cost_minor <= w[1].cost_minor));
    let by_arrival = rates::for_order(&db, &planner, id, SortBy::Arrival).await.unwrap();
    assert!(by_arrival.options.windows(2).all(|w| w[0].arrival <= w[1].arrival));
    assert!(by_cost.options.iter().all(|o| o.meets_promise == (Some(o.arrival) <= by_cost.promised_date)));

    // a reason is required; the rate must be one of the order's options
    let rail = by_cost.options.iter().find(|o| o.mode == Mode::Rail).unwrap().clone();
    assert_eq!(rates::choose(&db, &planner, id, rail.rate_id, "  ").await.unwrap_err().for_field("reason"), Some(Invalid::Required));
    assert_eq!(rates::choose(&db, &planner, id, 999_999, "x").await.unwrap_err().for_field("rate_id"), Some(Invalid::NotAllowed));
    let chosen = rates::choose(&db, &planner, id, rail.rate_id, "Cheapest that meets the date").await.unwrap();
    let choice = chosen.choice.unwrap();
    assert_eq!((choice.mode, choice.eta, choice.cost_minor), (Mode::Rail, rail.arrival, Some(rail.cost_minor)));
    // the same again writes nothing more on the timeline
    rates::choose(&db, &planner, id, rail.rate_id, "Cheapest that meets the date").await.unwrap();
    let events = orders::get(&db, &planner, id).await.unwrap().events;
    assert_eq!(events.iter().filter(|e| e.kind == "shipping_chosen").count(), 1);

    // the customer: the mode and the ETA, not the cost, the reason or the options
    let seen = rates::for_order(&db, &buyer, id, SortBy::Cost).await.unwrap();
    let c = seen.choice.unwrap();
    assert_eq!((c.mode, c.eta, c.cost_minor, c.reason), (Mode::Rail, rail.arrival, None, None));
    assert!(seen.options.is_empty() && !seen.may_choose);
    // another account: nothing
    let nova = demo_actor(&db, "buyer@nova.example").await;
    assert_eq!(rates::for_order(&db, &nova, id, SortBy::Cost).await.map(|_| ()), Err(AppError::NotFound));
    assert_eq!(rates::choose(&db, &buyer, id, rail.rate_id, "x").await.map(|_| ()), Err(AppError::Forbidden));
});

both_engines!(a_rate_import_is_all_or_nothing_and_names_each_bad_line, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let admin = demo_actor(&db, "admin@keyport.example").await;
    let planner = demo_actor(&db, "planner@keyport.example").await;
    let imported = rates::import(&db, &admin, &demo_csv()).await.unwrap();
    assert_eq!(imported.len(), demo_csv().lines().count() - 1);
    assert_eq!(rates::list(&db, &planner).await.unwrap(), imported);
    let bad = format!("{}\nroad,SUZHOU,EAST,0,10,1.00,1.00,1,Mon\nroad,SUZHOU,EAST,5,20,1.00,1.00,1,Mon\nsled,SUZHOU,EAST,0,10,1,1,1,Mon\n", app::rates::csv::HEADER);
    let err = rates::import(&db, &admin, &bad).await.unwrap_err();
    assert_eq!(err.for_field("csv.3.min_kg"), Some(Invalid::Taken));
    assert_eq!(err.for_field("csv.4.mode"), Some(Invalid::NotAllowed));
    assert_eq!(rates::list(&db, &planner).await.unwrap(), imported, "nothing changed");
    assert_eq!(rates::import(&db, &planner, &demo_csv()).await.map(|_| ()), Err(AppError::Forbidden));
    let buyer = demo_actor(&db, "buyer@acme.example").await;
    assert_eq!(rates::list(&db, &buyer).await.map(|_| ()), Err(AppError::Forbidden));
});
