//! The accounts, sign-in and session story, run against SQLite and
//! PostgreSQL alike (real databases, one fresh per test).
#![cfg(feature = "testing")]

use app::accounts::server::service;
use app::accounts::{AccountInput, InviteInput, SiteInput};
use app::auth::server::{rate_limit, service as auth, session};
use app::both_engines;
use app::error::{AppError, Invalid};
use app::server::request::{Actor, Scope};
use app::server::seed::{seed_demo, DEMO_PASSWORD};
use app::server::{now, Db, Settings};

fn settings() -> Settings {
    Settings::default()
}

const CLIENT: auth::Client<'static> = auth::Client { ip: "10.0.0.1", user_agent: "test" };

async fn sign_in(db: &Db, email: &str) -> (String, Actor) {
    let token = auth::sign_in(db, &settings(), email, DEMO_PASSWORD, &CLIENT).await.expect("demo sign-in");
    let actor = session::lookup(db, &settings(), &token).await.unwrap().expect("live session");
    (token, actor)
}

async fn seeded(db: &Db) {
    assert!(seed_demo(db).await.unwrap(), "seeds an empty database");
}

async fn account_id(db: &Db, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM accounts WHERE code = $1").bind(code).fetch_one(&db.pool).await.unwrap()
}

async fn user_id(db: &Db, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(&db.pool).await.unwrap()
}

fn site_input(name: &str) -> SiteInput {
    SiteInput { name: name.into(), address: "1 Dock Rd".into(), contact_name: "Dock Lead".into(), contact_phone: "+86 21 0000".into() }
}

both_engines!(seed_is_complete_and_runs_once, |db: Db| async move {
    seeded(&db).await;
    let count = |sql: &'static str| {
        let db = db.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&db.pool).await.unwrap() }
    };
    assert_eq!(count("SELECT COUNT(*) FROM accounts").await, 2);
    assert_eq!(count("SELECT COUNT(*) FROM users").await, 12);
    assert!(count("SELECT COUNT(*) FROM sites").await >= 4);
    assert_eq!(count("SELECT COUNT(*) FROM products").await, 50);
    assert_eq!(count("SELECT COUNT(*) FROM products WHERE name_zh = name_en").await, 0);
    for role in ["customer_admin", "buyer", "receiver", "viewer"] {
        let per_account: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT account_id) FROM users WHERE role = $1").bind(role).fetch_one(&db.pool).await.unwrap();
        assert_eq!(per_account, 2, "one {role} per account");
    }
    assert!(!seed_demo(&db).await.unwrap(), "a second start seeds nothing");
    assert_eq!(count("SELECT COUNT(*) FROM users").await, 12);
});

both_engines!(sign_in_checks_password_and_starts_sessions, |db: Db| async move {
    seeded(&db).await;
    let (token, actor) = sign_in(&db, " Buyer@ACME.example ").await;
    assert_eq!(actor.user.email, "buyer@acme.example");
    assert_eq!(actor.user.account.as_ref().unwrap().code, "ACME");
    assert_eq!(actor.scope(), Scope::Account(account_id(&db, "ACME").await));
    // a second sign-in is a second, different session
    let (token2, _) = sign_in(&db, "buyer@acme.example").await;
    assert_ne!(token, token2);
    // the stored id is a hash, not the token
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE id = $1").bind(&token).fetch_one(&db.pool).await.unwrap();
    assert_eq!(stored, 0);

    let wrong = auth::sign_in(&db, &settings(), "buyer@acme.example", "not-the-password", &CLIENT).await;
    assert_eq!(wrong, Err(AppError::BadCredentials));
    let unknown = auth::sign_in(&db, &settings(), "nobody@acme.example", DEMO_PASSWORD, &CLIENT).await;
    assert_eq!(unknown, Err(AppError::BadCredentials), "unknown and wrong look the same");
    let empty = auth::sign_in(&db, &settings(), "", "", &CLIENT).await.unwrap_err();
    assert_eq!(empty.for_field("email"), Some(Invalid::Required));
    assert_eq!(empty.for_field("password"), Some(Invalid::Required));

    session::delete(&db, &actor.session_id).await.unwrap();
    assert!(session::lookup(&db, &settings(), &token).await.unwrap().is_none(), "signed out");
    assert!(session::lookup(&db, &settings(), &token2).await.unwrap().is_some(), "other session lives on");
});

both_engines!(sessions_expire_when_idle_or_old, |db: Db| async move {
    seeded(&db).await;
    let s = settings();
    // The rows are aged by hand below, standing in for time passing; the
    // memo of live sessions is dropped after each edit, as time would.
    let (token, actor) = sign_in(&db, "viewer@nova.example").await;
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2").bind(now() - s.session_idle_secs - 5).bind(&actor.session_id).execute(&db.pool).await.unwrap();
    db.cache.sessions.forget_where(|_| true);
    assert!(session::lookup(&db, &s, &token).await.unwrap().is_none(), "idle session ended");

    let (token, actor) = sign_in(&db, "viewer@nova.example").await;
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE id = $2").bind(now() - 1).bind(&actor.session_id).execute(&db.pool).await.unwrap();
    db.cache.sessions.forget_where(|_| true);
    assert!(session::lookup(&db, &s, &token).await.unwrap().is_none(), "absolute expiry");

    // a recent request keeps an idle session alive
    let (token, actor) = sign_in(&db, "viewer@nova.example").await;
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2").bind(now() - s.session_idle_secs + 120).bind(&actor.session_id).execute(&db.pool).await.unwrap();
    db.cache.sessions.forget_where(|_| true);
    assert!(session::lookup(&db, &s, &token).await.unwrap().is_some());
    let seen: i64 = sqlx::query_scalar("SELECT last_seen_at FROM sessions WHERE id = $1").bind(&actor.session_id).fetch_one(&db.pool).await.unwrap();
    assert!(seen >= now() - 5, "lookup touched last_seen_at");
});

both_engines!(sign_in_is_rate_limited_per_address_and_client, |db: Db| async move {
    seeded(&db).await;
    for _ in 0..rate_limit::FREE_FAILURES {
        let r = auth::sign_in(&db, &settings(), "buyer@acme.example", "guess-guess-guess", &CLIENT).await;
        assert_eq!(r, Err(AppError::BadCredentials));
    }
    let locked = auth::sign_in(&db, &settings(), "buyer@acme.example", DEMO_PASSWORD, &CLIENT).await;
    assert!(matches!(locked, Err(AppError::RateLimited { retry_after_secs }) if retry_after_secs > 0 && retry_after_secs <= 900));
    // another address from another client is not affected
    let other = auth::Client { ip: "10.0.0.2", user_agent: "test" };
    assert!(auth::sign_in(&db, &settings(), "admin@acme.example", DEMO_PASSWORD, &other).await.is_ok());

    // one client guessing many addresses hits the per-client limit
    let guesser = auth::Client { ip: "10.9.9.9", user_agent: "bot" };
    for i in 0..rate_limit::PER_IP {
        let _ = auth::sign_in(&db, &settings(), &format!("user{i}@nova.example"), "guess-guess-guess", &guesser).await;
    }
    let r = auth::sign_in(&db, &settings(), "buyer@nova.example", DEMO_PASSWORD, &guesser).await;
    assert!(matches!(r, Err(AppError::RateLimited { .. })), "{r:?}");
});

both_engines!(customers_never_reach_another_account, |db: Db| async move {
    seeded(&db).await;
    let (acme, nova) = (account_id(&db, "ACME").await, account_id(&db, "NOVA").await);
    let (_, admin) = sign_in(&db, "admin@acme.example").await;
    let nova_site: i64 = sqlx::query_scalar("SELECT MIN(id) FROM sites WHERE account_id = $1").bind(nova).fetch_one(&db.pool).await.unwrap();
    let nova_user = user_id(&db, "buyer@nova.example").await;

    assert_eq!(service::detail(&db, &admin, nova).await, Err(AppError::NotFound));
    let own = service::detail(&db, &admin, acme).await.unwrap();
    assert!(own.users.iter().all(|u| u.account_id == Some(acme)));
    assert!(own.sites.iter().all(|s| s.account_id == acme));
    let listed = service::list(&db, &admin).await.unwrap();
    assert_eq!(listed.iter().map(|a| a.id).collect::<Vec<_>>(), vec![acme]);

    assert_eq!(service::save_site(&db, &admin, nova, None, &site_input("x")).await, Err(AppError::NotFound));
    assert_eq!(service::save_site(&db, &admin, acme, Some(nova_site), &site_input("x")).await, Err(AppError::NotFound));
    assert_eq!(service::set_site_active(&db, &admin, nova_site, false).await, Err(AppError::NotFound));
    assert_eq!(service::update_user(&db, &admin, nova_user, "Hacked", "viewer").await, Err(AppError::NotFound));
    assert_eq!(service::set_user_active(&db, &admin, nova_user, false).await, Err(AppError::NotFound));
    // an invitation always lands in the admin's own account, whatever id is sent
    let inv = service::invite(&db, &admin, Some(nova), &InviteInput { email: "new@acme.example".into(), name: "New".into(), role: "buyer".into() }, "http://x").await.unwrap();
    let placed: i64 = sqlx::query_scalar("SELECT account_id FROM users WHERE id = $1").bind(user_id(&db, &inv.email).await).fetch_one(&db.pool).await.unwrap();
    assert_eq!(placed, acme);
    assert_eq!(service::staff(&db, &admin).await, Err(AppError::Forbidden));

    // nothing of NOVA changed
    let nova_state: (String, i64) = sqlx::query_as("SELECT name, active FROM users WHERE id = $1").bind(nova_user).fetch_one(&db.pool).await.unwrap();
    assert_eq!(nova_state, ("Sun Li 孙丽".to_string(), 1));
});

both_engines!(roles_limit_who_manages, |db: Db| async move {
    seeded(&db).await;
    let acme = account_id(&db, "ACME").await;
    let (_, buyer) = sign_in(&db, "buyer@acme.example").await;
    assert_eq!(service::save_site(&db, &buyer, acme, None, &site_input("Dock 9")).await, Err(AppError::Forbidden));
    assert_eq!(service::detail(&db, &buyer, acme).await.unwrap().users, vec![], "buyers do not list users");
    let viewer = user_id(&db, "viewer@acme.example").await;
    assert_eq!(service::set_user_active(&db, &buyer, viewer, false).await, Err(AppError::Forbidden));

    let (_, admin) = sign_in(&db, "admin@acme.example").await;
    let site = service::save_site(&db, &admin, acme, None, &site_input("Dock 9")).await.unwrap();
    let edited = service::save_site(&db, &admin, acme, Some(site), &site_input("Dock 9 North")).await.unwrap();
    assert_eq!(edited, site);
    assert!(!service::set_site_active(&db, &admin, site, false).await.unwrap().active);
    let bad =
        service::save_site(&db, &admin, acme, None, &SiteInput { name: "".into(), address: "".into(), contact_name: "x".into(), contact_phone: "".into() }).await.unwrap_err();
    for field in ["name", "address", "contact_phone"] {
        assert_eq!(bad.for_field(field), Some(Invalid::Required), "{field}");
    }
    // a customer admin may not grant staff roles, nor demote or disable themselves
    assert_eq!(service::update_user(&db, &admin, viewer, "Victor", "planner").await.unwrap_err().for_field("role"), Some(Invalid::Role));
    assert_eq!(service::update_user(&db, &admin, admin.user.id, "Alice", "viewer").await.unwrap_err().for_field("role"), Some(Invalid::Role));
    assert!(service::set_user_active(&db, &admin, admin.user.id, false).await.is_err());
    assert_eq!(service::update_user(&db, &admin, viewer, "Victor V.", "buyer").await.unwrap().name, "Victor V.");
});

both_engines!(disabling_a_user_ends_their_sessions, |db: Db| async move {
    seeded(&db).await;
    let (token, receiver) = sign_in(&db, "receiver@acme.example").await;
    let (_, admin) = sign_in(&db, "admin@acme.example").await;
    service::set_user_active(&db, &admin, receiver.user.id, false).await.unwrap();
    assert!(session::lookup(&db, &settings(), &token).await.unwrap().is_none());
    let again = auth::sign_in(&db, &settings(), "receiver@acme.example", DEMO_PASSWORD, &CLIENT).await;
    assert_eq!(again, Err(AppError::BadCredentials), "a disabled user cannot sign in");
    service::set_user_active(&db, &admin, receiver.user.id, true).await.unwrap();
    assert!(auth::sign_in(&db, &settings(), "receiver@acme.example", DEMO_PASSWORD, &CLIENT).await.is_ok());
});

both_engines!(password_change_keeps_only_this_session, |db: Db| async move {
    seeded(&db).await;
    let (keep, actor) = sign_in(&db, "viewer@acme.example").await;
    let (other, _) = sign_in(&db, "viewer@acme.example").await;
    let wrong = auth::change_password(&db, &actor, "nope-nope-nope", "new-password-2027", "new-password-2027").await;
    assert_eq!(wrong.unwrap_err().for_field("current"), Some(Invalid::WrongCurrentPassword));
    let mismatch = auth::change_password(&db, &actor, DEMO_PASSWORD, "new-password-2027", "new-password-2028").await;
    assert_eq!(mismatch.unwrap_err().for_field("confirm"), Some(Invalid::PasswordMismatch));
    auth::change_password(&db, &actor, DEMO_PASSWORD, "new-password-2027", "new-password-2027").await.unwrap();
    assert!(session::lookup(&db, &settings(), &keep).await.unwrap().is_some());
    assert!(session::lookup(&db, &settings(), &other).await.unwrap().is_none());
    assert!(auth::sign_in(&db, &settings(), "viewer@acme.example", "new-password-2027", &CLIENT).await.is_ok());
    assert_eq!(auth::sign_in(&db, &settings(), "viewer@acme.example", DEMO_PASSWORD, &CLIENT).await, Err(AppError::BadCredentials));
});

both_engines!(invitations_work_once, |db: Db| async move {
    seeded(&db).await;
    let (_, admin) = sign_in(&db, "admin@nova.example").await;
    let input = InviteInput { email: "New.Buyer@Nova.example".into(), name: "New Buyer".into(), role: "buyer".into() };
    let inv = service::invite(&db, &admin, None, &input, "https://portal.example").await.unwrap();
    assert!(inv.link.starts_with("https://portal.example/invite/"));
    let token = inv.link.rsplit('/').next().unwrap().to_string();
    assert_eq!(app::auth::server::service::invitation_email(&db, &token).await.unwrap(), "new.buyer@nova.example");
    // a pending user cannot sign in yet
    assert_eq!(auth::sign_in(&db, &settings(), "new.buyer@nova.example", "", &CLIENT).await.unwrap_err().for_field("password"), Some(Invalid::Required));
    // a bad password leaves the link usable
    let short = auth::accept_invitation(&db, &settings(), &token, "short", "short", &CLIENT).await;
    assert_eq!(short.unwrap_err().for_field("password"), Some(Invalid::PasswordTooShort));
    let session_token = auth::accept_invitation(&db, &settings(), &token, "a-good-password", "a-good-password", &CLIENT).await.unwrap();
    let me = session::lookup(&db, &settings(), &session_token).await.unwrap().unwrap();
    assert_eq!(me.user.account.unwrap().code, "NOVA");
    assert_eq!(auth::accept_invitation(&db, &settings(), &token, "a-good-password", "a-good-password", &CLIENT).await, Err(AppError::InvitationInvalid), "a link works once");
    // the same address cannot be invited twice into the account that has it
    let dup = service::invite(&db, &admin, None, &input, "https://portal.example").await.unwrap_err();
    assert_eq!(dup.for_field("email"), Some(Invalid::Taken));
    // an address of another account is not revealed: the answer looks like
    // any invitation, writes nothing, and its link opens nothing
    let acme_user = InviteInput { email: "buyer@acme.example".into(), name: "Probe".into(), role: "viewer".into() };
    let probe = service::invite(&db, &admin, None, &acme_user, "https://portal.example").await.expect("answered like any invitation");
    assert!(probe.link.starts_with("https://portal.example/invite/"));
    let acme_count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'buyer@acme.example'").fetch_one(&db.pool).await.unwrap();
    assert_eq!(acme_count, 1, "nothing written");
    let probe_token = probe.link.rsplit('/').next().unwrap();
    assert_eq!(auth::invitation_email(&db, probe_token).await, Err(AppError::InvitationInvalid));
    // and the staff is not revealed to a customer admin either
    let staff_user = InviteInput { email: "am@keyport.example".into(), name: "Probe".into(), role: "viewer".into() };
    assert!(service::invite(&db, &admin, None, &staff_user, "x").await.is_ok());
    // expired links are refused
    let inv2 = service::invite(&db, &admin, None, &InviteInput { email: "late@nova.example".into(), name: "Late".into(), role: "viewer".into() }, "x").await.unwrap();
    sqlx::query("UPDATE users SET invite_expires_at = $1 WHERE id = $2").bind(now() - 1).bind(user_id(&db, &inv2.email).await).execute(&db.pool).await.unwrap();
    let token2 = inv2.link.rsplit('/').next().unwrap();
    assert_eq!(auth::invitation_email(&db, token2).await, Err(AppError::InvitationInvalid));
});

both_engines!(staff_admin_manages_accounts_and_staff, |db: Db| async move {
    seeded(&db).await;
    let (_, staff_admin) = sign_in(&db, "admin@keyport.example").await;
    let (_, am) = sign_in(&db, "am@keyport.example").await;
    let am_id = am.user.id;
    let input = |code: &str, am: String| AccountInput {
        code: code.into(),
        name: "Orbit Rail 轨道交通".into(),
        tier: "key".into(),
        credit_limit: "1,200,000.50".into(),
        account_manager_id: am,
    };
    assert_eq!(service::save(&db, &am, None, &input("ORBIT", String::new())).await, Err(AppError::Forbidden));
    let id = service::save(&db, &staff_admin, None, &input("ORBIT", am_id.to_string())).await.unwrap();
    let detail = service::detail(&db, &staff_admin, id).await.unwrap();
    assert_eq!(detail.account.credit_limit.as_ref().unwrap().minor, 120_000_050);
    assert_eq!(detail.account.account_manager.unwrap().id, am_id);
    assert_eq!(service::save(&db, &staff_admin, None, &input("ORBIT", String::new())).await.unwrap_err().for_field("code"), Some(Invalid::Taken));
    let planner = user_id(&db, "planner@keyport.example").await;
    assert_eq!(
        service::save(&db, &staff_admin, Some(id), &input("ORBIT", planner.to_string())).await.unwrap_err().for_field("account_manager_id"),
        Some(Invalid::NotAllowed),
        "only account managers manage accounts"
    );
    // onboarding: the staff admin invites the account's first customer admin
    let inv =
        service::invite(&db, &staff_admin, Some(id), &InviteInput { email: "boss@orbit.example".into(), name: "Boss".into(), role: "customer_admin".into() }, "x").await.unwrap();
    let placed: Option<i64> = sqlx::query_scalar("SELECT account_id FROM users WHERE id = $1").bind(user_id(&db, &inv.email).await).fetch_one(&db.pool).await.unwrap();
    assert_eq!(placed, Some(id));
    // and staff
    let staff_inv = service::invite(&db, &staff_admin, None, &InviteInput { email: "p2@keyport.example".into(), name: "P2".into(), role: "planner".into() }, "x").await.unwrap();
    assert!(service::staff(&db, &staff_admin).await.unwrap().iter().any(|u| u.email == staff_inv.email && u.pending));
    assert_eq!(
        service::invite(&db, &am, None, &InviteInput { email: "p3@keyport.example".into(), name: "P3".into(), role: "planner".into() }, "x").await,
        Err(AppError::Forbidden)
    );
});
