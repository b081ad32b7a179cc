//! The database layer itself, on SQLite and PostgreSQL: a write whose
//! caller goes away at any moment leaves the writer usable.
#![cfg(feature = "testing")]

use app::both_engines;
use app::server::Db;
use std::time::Duration;

// A client that disconnects drops its request's future wherever it is,
// also halfway through `BEGIN`. Dropped at every point we can reach (a
// few microseconds in, steps apart), none may leave a connection inside
// a transaction: every later write must still begin, write and commit.
both_engines!(a_write_cancelled_at_any_moment_leaves_the_writer_usable, |db: Db| async move {
    for round in 0..400u64 {
        let db2 = db.clone();
        let write = async move {
            let mut tx = db2.begin().await.unwrap();
            sqlx::query("INSERT INTO order_number_counters (year, last) VALUES ($1, 0)").bind(10_000 + round as i64).execute(&mut *tx).await.unwrap();
            tx.commit().await.unwrap();
        };
        // cut off after 0–199 µs: before, during or after the BEGIN
        let _ = tokio::time::timeout(Duration::from_micros(round % 200), write).await;
    }
    let mut tx = tokio::time::timeout(Duration::from_secs(10), db.begin()).await.expect("the writer is free").expect("begins");
    sqlx::query("INSERT INTO order_number_counters (year, last) VALUES (1, 0)").execute(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM order_number_counters WHERE year = 1").fetch_one(&db.pool).await.unwrap();
    assert_eq!(n, 1);
});
