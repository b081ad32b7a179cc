//! Fills a database with a large, realistic data set for benchmarks:
//! `generate --database-url … --orders 1000000 --accounts 200`.
//! Orders spread over 18 months across the accounts (the first account is
//! the largest: a tenth of all orders), 1–9 lines each (5 on average), in
//! every state. Written in batches of multi-row inserts, one transaction per
//! batch; it runs migrations and the demo seed first if the database is new.

use app::server::db::{date_text, today};
use app::server::seed::{seed_demo, DEMO_PASSWORD};
use app::server::seed_history::Lcg;
use app::server::Db;
use clap::Parser;
use std::time::Instant;

#[derive(Parser)]
struct Args {
    #[arg(long, env = "KEYPORT_DATABASE_URL", default_value = "sqlite://data/bench.db")]
    database_url: String,
    #[arg(long, default_value_t = 1_000_000)]
    orders: i64,
    #[arg(long, default_value_t = 200)]
    accounts: i64,
}

const STATUSES: [&str; 10] = ["closed", "closed", "accepted", "delivered", "shipped", "in_production", "confirmed", "submitted", "cancelled", "rejected"];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let started = Instant::now();
    let db = Db::connect(&args.database_url).await?;
    db.migrate().await?;
    seed_demo(&db).await?;
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'buyer@acme.example'").fetch_one(&db.pool).await?;
    let products: Vec<(i64, String, i64)> = sqlx::query_as("SELECT id, sku, list_price_minor FROM products ORDER BY id").fetch_all(&db.pool).await?;

    // Accounts BENCH001… with one site and one buyer each (bench-001@bench.example, demo password).
    let mut accounts = Vec::new();
    for i in 1..=args.accounts {
        let code = format!("BENCH{i:03}");
        let id: i64 = match sqlx::query_scalar::<_, i64>("SELECT id FROM accounts WHERE code = $1").bind(&code).fetch_optional(&db.pool).await? {
            Some(id) => id,
            None => {
                sqlx::query_scalar(
                    "INSERT INTO accounts (code, name, tier, credit_limit_minor, currency, active, created_at) VALUES ($1, $2, 'key', 100000000000, 'CNY', 1, 0) RETURNING id",
                )
                .bind(&code)
                .bind(format!("Bench Account {i}"))
                .fetch_one(&db.pool)
                .await?
            }
        };
        let site: i64 = match sqlx::query_scalar::<_, i64>("SELECT id FROM sites WHERE account_id = $1").bind(id).fetch_optional(&db.pool).await? {
            Some(s) => s,
            None => sqlx::query_scalar("INSERT INTO sites (account_id, name, address, contact_name, contact_phone, active, created_at) VALUES ($1, 'Main plant', 'Industrial Rd 1', 'Dock', '000', 1, 0) RETURNING id")
                .bind(id)
                .fetch_one(&db.pool)
                .await?,
        };
        let email = format!("bench-{i:03}@bench.example");
        let user: i64 = match sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1").bind(&email).fetch_optional(&db.pool).await? {
            Some(u) => u,
            None => {
                sqlx::query_scalar("INSERT INTO users (account_id, email, name, role, password_hash, active, created_at) VALUES ($1, $2, $3, 'buyer', $4, 1, 0) RETURNING id")
                    .bind(id)
                    .bind(&email)
                    .bind(format!("Bench Buyer {i}"))
                    .bind(&hash)
                    .fetch_one(&db.pool)
                    .await?
            }
        };
        accounts.push((id, site, user));
    }

    let mut rng = Lcg(7);
    let (mut done, mut lines_total, batch) = (0i64, 0i64, 1000i64);
    let day0 = today();
    let year = day0.year();
    let first_number: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(last), 0) FROM order_number_counters WHERE year = $1").bind(i64::from(year)).fetch_one(&db.pool).await?;
    while done < args.orders {
        let n = batch.min(args.orders - done);
        let mut tx = db.begin().await?;
        let mut order_rows = Vec::with_capacity(n as usize);
        for k in 0..n {
            // a tenth of all orders belong to the first (largest) account
            let a = if rng.next(10) == 0 { 0 } else { rng.next(accounts.len() as u64) as usize };
            let (account, site, user) = accounts[a];
            let number = first_number + done + k + 1;
            let created = day0 - time::Duration::days(rng.next(540) as i64);
            let status = STATUSES[rng.next(STATUSES.len() as u64) as usize];
            order_rows.push((number, account, site, user, created, status));
        }
        // orders: one multi-row insert per 100
        let mut ids = Vec::with_capacity(n as usize);
        for chunk in order_rows.chunks(100) {
            let mut sql = String::from("INSERT INTO orders (number, account_id, site_id, po_number, notes, status, version, requested_date, promised_date, total_minor, currency, created_by, created_at, updated_at, submitted_at) VALUES ");
            for (i, (number, account, site, user, created, status)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                let req = date_text(*created + time::Duration::days(45));
                let ts = created.midnight().assume_utc().unix_timestamp();
                sql.push_str(&format!(
                    "('{}', {account}, {site}, 'PO-{number}', '', '{status}', 1, '{req}', NULL, 0, 'CNY', {user}, {ts}, {ts}, {ts})",
                    app::orders::order_number(year, *number)
                ));
            }
            sql.push_str(" RETURNING id");
            let mut got: Vec<i64> = sqlx::query_scalar(&sql).fetch_all(&mut *tx).await?;
            ids.append(&mut got);
        }
        // lines: 1–9 per order (5 on average), one multi-row insert per ~500
        let mut values = Vec::new();
        let mut totals = Vec::with_capacity(ids.len());
        for id in &ids {
            let count = 1 + rng.next(9) as i64;
            let mut total = 0i64;
            for line_no in 1..=count {
                let (pid, sku, price) = &products[rng.next(products.len() as u64) as usize];
                let qty = 100 * (1 + rng.next(20) as i64);
                total += qty * price;
                values.push(format!("({id}, 1, {line_no}, {line_no}, {pid}, '{sku}', {qty}, {price}, NULL)"));
            }
            totals.push((*id, total));
            lines_total += count;
        }
        for chunk in values.chunks(500) {
            let sql =
                format!("INSERT INTO order_lines (order_id, version, line_no, line_key, product_id, sku, quantity, unit_price_minor, requested_date) VALUES {}", chunk.join(","));
            sqlx::query(&sql).execute(&mut *tx).await?;
        }
        for (id, total) in totals {
            sqlx::query("UPDATE orders SET total_minor = $1 WHERE id = $2").bind(total).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        done += n;
        if done % 100_000 == 0 || done == args.orders {
            println!("{done} orders, {lines_total} lines, {:.0} s", started.elapsed().as_secs_f64());
        }
    }
    sqlx::query("INSERT INTO order_number_counters (year, last) VALUES ($1, $2) ON CONFLICT (year) DO UPDATE SET last = $2")
        .bind(i64::from(year))
        .bind(first_number + done)
        .execute(&db.pool)
        .await?;
    // the orders were written directly, not through transitions
    let mut tx = db.begin().await?;
    app::orders::server::bookings::rebuild(&mut tx).await?;
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(&db.pool).await?;
    println!(
        "done: {done} orders, {lines_total} lines, {} accounts in {:.0} s; largest account's buyer: bench-001@bench.example / {DEMO_PASSWORD}",
        accounts.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
