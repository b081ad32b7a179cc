//! The translation table: every user-facing string, English and Simplified
//! Chinese side by side. `{}` marks where a value is filled in.
//!
//! Each capability keeps its own texts beside its code
//! (`app/src/orders/texts.rs`, ...), in the same `key: "English", "中文";`
//! form; `app/build.rs` gathers them with the shared ones below into one
//! `texts!` call, so the guarantee stays whole: a key without both
//! languages, or a key written twice, does not compile.

macro_rules! texts {
    ($($key:ident: $en:literal, $zh:literal;)*) => {
        #[cfg_attr(test, derive(serde::Serialize))]
        pub struct Texts { $(pub $key: &'static str,)* }
        pub static EN: Texts = Texts { $($key: $en,)* };
        pub static ZH: Texts = Texts { $($key: $zh,)* };
    };
}

include!(concat!(env!("OUT_DIR"), "/texts.rs"));
