//! The demo data set, written when the portal starts in demo mode on an
//! empty database. Never runs in production mode (`--no-demo`), so no known
//! password is ever created there.
//!
//! It is built to grow: each capability adds its own `seed_*` step here.

use super::{db::db_error, now, Db};
use crate::auth::server::password;
use crate::error::AppError;

pub const DEMO_PASSWORD: &str = "keyport-demo-2026";

/// The fixed demo sign-ins, printed at start and listed in the README.
pub const DEMO_USERS: &[(&str, &str, &str, Option<&str>)] = &[
    ("admin@keyport.example", "Wang Fang 王芳", "staff_admin", None),
    ("am@keyport.example", "Li Wei 李伟", "account_manager", None),
    ("planner@keyport.example", "Zhang Min 张敏", "planner", None),
    ("support@keyport.example", "Chen Jing 陈静", "support_agent", None),
    ("admin@acme.example", "Alice Admin", "customer_admin", Some("ACME")),
    ("buyer@acme.example", "Bob Buyer", "buyer", Some("ACME")),
    ("receiver@acme.example", "Rita Receiver", "receiver", Some("ACME")),
    ("viewer@acme.example", "Victor Viewer", "viewer", Some("ACME")),
    ("admin@nova.example", "Zhao Lei 赵磊", "customer_admin", Some("NOVA")),
    ("buyer@nova.example", "Sun Li 孙丽", "buyer", Some("NOVA")),
    ("receiver@nova.example", "Zhou Qiang 周强", "receiver", Some("NOVA")),
    ("viewer@nova.example", "Wu Hong 吴红", "viewer", Some("NOVA")),
];

/// Whether any demo user is in the database: a production start refuses
/// to run then, since their password is published.
pub async fn has_demo_users(db: &Db) -> Result<bool, AppError> {
    let placeholders: Vec<String> = (1..=DEMO_USERS.len()).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT COUNT(*) FROM users WHERE email IN ({})", placeholders.join(", "));
    let mut q = sqlx::query_scalar::<_, i64>(&sql);
    for (email, ..) in DEMO_USERS {
        q = q.bind(*email);
    }
    Ok(q.fetch_one(&db.pool).await.map_err(db_error)? > 0)
}

/// Whether the database has no user at all (a new installation).
pub async fn has_no_users(db: &Db) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&db.pool).await.map_err(db_error)?;
    Ok(n == 0)
}

struct DemoAccount {
    code: &'static str,
    name: &'static str,
    tier: &'static str,
    credit_limit_minor: i64,
    sites: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        code: "ACME",
        name: "ACME Motors 艾克米汽车",
        tier: "strategic",
        credit_limit_minor: 800_000_000,
        sites: &[
            ("Shanghai Assembly Plant 上海总装厂", "1888 Anting Rd, Jiading, Shanghai 上海市嘉定区安亭路1888号", "Rita Receiver", "+86 21 5950 1888"),
            ("Wuhan Body Shop 武汉车身厂", "66 Chenggong Ave, Hanyang, Wuhan 武汉市汉阳区成功大道66号", "Liu Gang 刘刚", "+86 27 8466 0066"),
            ("Tianjin Parts Warehouse 天津零部件仓", "9 Binhai Logistics Park, Tianjin 天津市滨海物流园9号", "Ma Jun 马骏", "+86 22 2532 0009"),
        ],
    },
    DemoAccount {
        code: "NOVA",
        name: "NOVA Electronics 诺瓦电子",
        tier: "key",
        credit_limit_minor: 350_000_000,
        sites: &[
            ("Shenzhen SMT Factory 深圳贴片工厂", "21 Keji South Rd, Nanshan, Shenzhen 深圳市南山区科技南路21号", "Zhou Qiang 周强", "+86 755 2655 0021"),
            ("Suzhou Final Assembly 苏州总装", "300 Xinghu St, SIP, Suzhou 苏州工业园区星湖街300号", "Xu Yan 徐艳", "+86 512 6288 0300"),
        ],
    },
];

/// (sku prefix, category, en name, zh name, en spec, zh spec, unit, base price in fen, lead days, weekly capacity)
type Family = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str, i64, i64, i64);
const FAMILIES: &[Family] = &[
    ("FST", "fasteners", "Hex flange bolt", "六角法兰螺栓", "Grade 10.9, zinc flake", "10.9级,锌片涂层", "pcs", 85, 10, 400_000),
    ("BRG", "bearings", "Deep groove ball bearing", "深沟球轴承", "Sealed 2RS, C3 clearance", "2RS密封,C3游隙", "pcs", 1_850, 21, 60_000),
    ("SEL", "seals", "Radial shaft seal", "径向轴封", "FKM lip, spring loaded", "氟橡胶唇口,带弹簧", "pcs", 620, 14, 80_000),
    ("CBL", "cables", "Automotive wire harness", "汽车线束", "FLRY-B, 105 °C", "FLRY-B,耐温105°C", "set", 14_500, 28, 5_000),
    ("CON", "connectors", "Sealed connector", "密封连接器", "IP67, tin-plated contacts", "IP67防护,镀锡端子", "pcs", 980, 21, 120_000),
    ("PCB", "boards", "Printed circuit board", "印制电路板", "FR-4, ENIG finish", "FR-4基材,沉金工艺", "pcs", 4_200, 25, 20_000),
    ("SNS", "sensors", "Temperature sensor", "温度传感器", "NTC 10k, -40…150 °C", "NTC 10k,-40至150°C", "pcs", 2_350, 30, 30_000),
    ("HSG", "housings", "Die-cast housing", "压铸壳体", "ADC12 aluminium, powder coated", "ADC12铝合金,喷粉", "pcs", 16_800, 35, 8_000),
    ("BKT", "brackets", "Stamped bracket", "冲压支架", "SPCC steel, e-coated", "SPCC钢,电泳涂装", "pcs", 760, 14, 150_000),
    ("GSK", "gaskets", "Flat gasket", "平垫片", "EPDM 70 Shore A", "EPDM,邵氏硬度70A", "pcs", 240, 10, 300_000),
];

/// Five sizes per family: 50 products.
const SIZES: &[(&str, &str, i64)] = &[("S", "M6", 100), ("M", "M8", 120), ("L", "M10", 150), ("XL", "M12", 190), ("XXL", "M16", 260)];

/// Seeds the demo data when the database has no account yet. Returns
/// whether it wrote anything. One transaction: all or nothing.
pub async fn seed_demo(db: &Db) -> Result<bool, AppError> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(&db.pool).await.map_err(db_error)?;
    if existing > 0 {
        return Ok(false);
    }
    // One hash for every demo user: they share the published password anyway,
    // and twelve argon2 runs would slow every test that seeds.
    let hash = password::hash(DEMO_PASSWORD.to_string()).await?;
    let mut tx = db.begin().await?;
    let mut am_id = None;
    for (email, name, role, _) in DEMO_USERS.iter().filter(|u| u.3.is_none()) {
        let id = insert_user(&mut tx, None, email, name, role, &hash).await?;
        if *role == "account_manager" {
            am_id = Some(id);
        }
    }
    for account in ACCOUNTS {
        let account_id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (code, name, tier, credit_limit_minor, currency, account_manager_id, active, created_at) \
             VALUES ($1, $2, $3, $4, 'CNY', $5, 1, $6) RETURNING id",
        )
        .bind(account.code)
        .bind(account.name)
        .bind(account.tier)
        .bind(account.credit_limit_minor)
        .bind(am_id)
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(db_error)?;
        for (name, address, contact, phone) in account.sites {
            sqlx::query(
                "INSERT INTO sites (account_id, name, address, contact_name, contact_phone, active, created_at) \
                 VALUES ($1, $2, $3, $4, $5, 1, $6)",
            )
            .bind(account_id)
            .bind(name)
            .bind(address)
            .bind(contact)
            .bind(phone)
            .bind(now())
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        }
        for (email, name, role, _) in DEMO_USERS.iter().filter(|u| u.3 == Some(account.code)) {
            insert_user(&mut tx, Some(account_id), email, name, role, &hash).await?;
        }
    }
    seed_products(&mut tx).await?;
    tx.commit().await.map_err(db_error)?;
    Ok(true)
}

async fn insert_user(tx: &mut crate::server::db::Tx, account_id: Option<i64>, email: &str, name: &str, role: &str, hash: &str) -> Result<i64, AppError> {
    sqlx::query_scalar(
        "INSERT INTO users (account_id, email, name, role, password_hash, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
    )
    .bind(account_id)
    .bind(email)
    .bind(name)
    .bind(role)
    .bind(hash)
    .bind(now())
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)
}

async fn seed_products(tx: &mut crate::server::db::Tx) -> Result<(), AppError> {
    for (prefix, category, name_en, name_zh, spec_en, spec_zh, unit, base_price, lead, capacity) in FAMILIES {
        for (i, (size, dim, price_pct)) in SIZES.iter().enumerate() {
            let sku = format!("{prefix}-{:03}", (i + 1) * 10);
            let moq = if *unit == "set" { 10 } else { 100 * (i as i64 + 1) };
            let pack = if *unit == "set" { 5 } else { 50 };
            sqlx::query(
                "INSERT INTO products (sku, name_en, name_zh, category, spec_en, spec_zh, unit, moq, pack_multiple, \
                 list_price_minor, currency, lead_time_days, weekly_capacity, active) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'CNY', $11, $12, 1)",
            )
            .bind(&sku)
            .bind(format!("{name_en} {size} ({dim})"))
            .bind(format!("{name_zh} {size}({dim})"))
            .bind(category)
            .bind(format!("{spec_en}; size {dim}"))
            .bind(format!("{spec_zh};规格 {dim}"))
            .bind(unit)
            .bind(moq)
            .bind(pack)
            .bind(base_price * price_pct / 100)
            .bind(lead + i as i64 * 2)
            .bind(capacity * 100 / price_pct)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
    }
    Ok(())
}
