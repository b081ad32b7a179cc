// sqlx::migrate! embeds the migrations at compile time; without this a new
// migration file would not rebuild the crate (sqlx's documented build script).
//
// The translation table: each capability's `texts.rs` (and the shared
// `i18n/common_texts.rs`) holds a `texts! { key: "English", "中文"; ... }`
// block; here their bodies become one `texts!` call, included by
// `src/i18n/texts.rs`. One call, so a key missing a language or written
// twice still fails to compile.
use std::path::Path;

const TEXT_FILES: &[&str] = &[
    "src/i18n/common_texts.rs",
    "src/auth/texts.rs",
    "src/accounts/texts.rs",
    "src/orders/texts.rs",
    "src/changes/texts.rs",
    "src/notifications/texts.rs",
    "src/shipments/texts.rs",
    "src/planning/texts.rs",
    "src/quality/texts.rs",
    "src/rates/texts.rs",
];

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
    let mut all = String::from("texts! {\n");
    for file in TEXT_FILES {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let start = text.find("texts! {").unwrap_or_else(|| panic!("{file}: no `texts! {{` block")) + "texts! {".len();
        let end = text.rfind('}').unwrap_or_else(|| panic!("{file}: the `texts!` block is not closed"));
        all.push_str(&format!("    // {file}\n"));
        all.push_str(&text[start..end]);
        all.push('\n');
    }
    all.push_str("}\n");
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out).join("texts.rs"), all).expect("write the texts table");
}
