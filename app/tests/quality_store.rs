//! Inspections and their files on both engines: a planner records one with
//! a certificate (stored once per content), the customer reads it and
//! downloads the file, another account sees neither; bad fields and bad
//! files are refused whole; a retry under the same key records nothing new.
#![cfg(feature = "testing")]

use app::attachments::server::service::{self as files, Upload};
use app::both_engines;
use app::error::{AppError, Invalid};
use app::orders::server::service as orders;
use app::orders::{OrderInput, OrderLineInput};
use app::quality::server::service as quality;
use app::quality::{Defect, DefectKind, InspectionInput};
use app::server::db::today;
use app::server::seed::seed_demo;
use app::server::testing::{demo_actor, temp_files};
use app::server::Db;
use time::Duration;

fn pdf() -> Upload {
    Upload { name: "C:\\scans\\cert \"1\".pdf".into(), bytes: app::quality::server::demo::certificate_pdf("SO-TEST").into() }
}

fn input() -> InspectionInput {
    InspectionInput {
        sku: "FST-010".into(),
        lot: "L-1".into(),
        inspected_on: today(),
        sample_size: 80,
        defects: vec![Defect { kind: DefectKind::Surface, count: 2 }, Defect { kind: DefectKind::Labeling, count: 0 }],
        passed: true,
        inspector: "Zhou Min".into(),
        note: "AQL 1.0".into(),
    }
}

both_engines!(a_planner_records_an_inspection_the_customer_downloads_its_certificate, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    let store = temp_files();
    let buyer = demo_actor(&db, "buyer@acme.example").await;
    let planner = demo_actor(&db, "planner@keyport.example").await;
    let site: i64 = sqlx::query_scalar("SELECT MIN(s.id) FROM sites s JOIN accounts a ON a.id = s.account_id WHERE a.code = 'ACME'").fetch_one(&db.pool).await.unwrap();
    let order = OrderInput {
        site_id: Some(site),
        requested_date: Some(today() + Duration::days(60)),
        po_number: "PO-QC".into(),
        notes: String::new(),
        lines: vec![OrderLineInput { sku: "FST-010".into(), quantity: 1_000, requested_date: None }],
    };
    let id = orders::place(&db, &buyer, &order, "qc", true).await.unwrap();
    // nothing to inspect before the order is confirmed
    assert_eq!(quality::record(&db, &store, &planner, id, input(), None, "k0").await.map(|_| ()), Err(AppError::InvalidTransition));
    assert!(!quality::for_order(&db, &planner, id).await.unwrap().may_record);
    orders::confirm(&db, &demo_actor(&db, "am@keyport.example").await, id, None, "").await.unwrap();

    let recorded = quality::record(&db, &store, &planner, id, input(), Some(pdf()), "k1").await.unwrap();
    assert_eq!(recorded.defects, vec![Defect { kind: DefectKind::Surface, count: 2 }], "zero counts dropped");
    let cert = recorded.certificate.clone().expect("the certificate is attached");
    assert_eq!((cert.name.as_str(), cert.content_type.as_str()), ("cert 1.pdf", "application/pdf"));

    // the same key again: the same inspection, nothing new
    let again = quality::record(&db, &store, &planner, id, input(), Some(pdf()), "k1").await.unwrap();
    assert_eq!(again.id, recorded.id);
    // the same key with another form: refused
    let other = InspectionInput { lot: "L-2".into(), ..input() };
    assert!(quality::record(&db, &store, &planner, id, other.clone(), None, "k1").await.is_err());
    // the same file again under another key: a second row, one blob
    let second = quality::record(&db, &store, &planner, id, other, Some(pdf()), "k2").await.unwrap();
    assert_eq!(second.certificate.as_ref().unwrap().sha256, cert.sha256);

    // the customer reads both, newest first, and downloads the file
    let seen = quality::for_order(&db, &buyer, id).await.unwrap();
    assert_eq!(seen.items.iter().map(|i| i.id).collect::<Vec<_>>(), vec![second.id, recorded.id]);
    assert!(!seen.may_record, "customers read");
    let (file, bytes) = files::open(&db, &store, &buyer, cert.id).await.unwrap();
    assert_eq!((file.size as usize, &bytes[..5]), (bytes.len(), &b"%PDF-"[..]));
    let headers = files::download_headers(&file);
    assert!(headers.iter().any(|(n, v)| n == http::header::X_CONTENT_TYPE_OPTIONS && v == "nosniff"));
    assert!(headers.iter().any(|(n, v)| n == http::header::CONTENT_DISPOSITION && v.starts_with("attachment; filename=\"cert 1.pdf\"")));
    // the customer was told, and the timeline has it
    let told: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications n JOIN domain_events e ON e.id = n.event_id JOIN users u ON u.id = n.user_id WHERE u.email = 'buyer@acme.example' AND e.kind = 'quality.inspection_recorded'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(told, 2);
    assert!(orders::get(&db, &buyer, id).await.unwrap().events.iter().any(|e| e.kind == "inspection" && e.reason == "AQL 1.0"));

    // another account sees neither the inspections nor the file
    let nova = demo_actor(&db, "buyer@nova.example").await;
    assert_eq!(quality::for_order(&db, &nova, id).await.map(|_| ()), Err(AppError::NotFound));
    assert_eq!(files::open(&db, &store, &nova, cert.id).await.map(|_| ()), Err(AppError::NotFound));
    // customers do not record
    assert_eq!(quality::record(&db, &store, &buyer, id, input(), None, "k3").await.map(|_| ()), Err(AppError::Forbidden));
});

both_engines!(bad_fields_and_bad_files_are_refused_whole, |db: Db| async move {
    seed_demo(&db).await.unwrap();
    app::server::seed_history::seed_history(&db).await.unwrap();
    let store = temp_files();
    let planner = demo_actor(&db, "planner@keyport.example").await;
    let id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM orders WHERE status = 'in_production'").fetch_one(&db.pool).await.unwrap();
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments").fetch_one(&db.pool).await.unwrap();
    let script = Upload { name: "certificate.pdf".into(), bytes: b"#!/bin/sh\necho pwned\n".to_vec().into() };
    let bad = InspectionInput { sku: "NOT-ON-ORDER".into(), sample_size: 5, defects: vec![Defect { kind: DefectKind::Function, count: 6 }], ..input() };
    let err = quality::record(&db, &store, &planner, id, bad, Some(script), "bad-1").await.unwrap_err();
    assert_eq!(err.for_field("sku"), Some(Invalid::NotAllowed));
    assert_eq!(err.for_field("defects.function"), Some(Invalid::TooLarge));
    assert_eq!(err.for_field("certificate"), Some(Invalid::FileType), "the type is read from the content, not the name");
    let big = Upload { name: "scan.pdf".into(), bytes: [b"%PDF-".to_vec(), vec![b' '; app::attachments::MAX_FILE_BYTES]].concat().into() };
    let sku: String = sqlx::query_scalar("SELECT sku FROM order_lines WHERE order_id = $1 LIMIT 1").bind(id).fetch_one(&db.pool).await.unwrap();
    let err = quality::record(&db, &store, &planner, id, InspectionInput { sku, ..input() }, Some(big), "bad-2").await.unwrap_err();
    assert_eq!(err.for_field("certificate"), Some(Invalid::FileTooLarge));
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments").fetch_one(&db.pool).await.unwrap();
    let inspections: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inspections WHERE order_id = $1").bind(id).fetch_one(&db.pool).await.unwrap();
    assert_eq!((after, inspections), (before, 0), "nothing half-written");
});
