//! Simplified Chinese and English. Every user-facing string lives in
//! `texts.rs`, one line per key with both languages side by side, so a
//! missing translation is a compile error, not a blank on screen.
//!
//! The language is fixed for one page load: the server picks it (cookie, else
//! the browser's `Accept-Language`) and writes it into `<html lang>`; the
//! browser reads it back from there when it hydrates. Switching posts to
//! `/lang`, which sets the cookie and reloads the same page.

mod texts;

use crate::error::{AppError, Invalid};
use leptos::prelude::*;
pub use texts::{Texts, EN, ZH};

pub const LANG_COOKIE: &str = "kp_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag written into `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The short code used in the cookie and the `/lang` form.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// Picks the best of our two languages from an `Accept-Language` header,
    /// honouring q-values; English when neither is acceptable.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok())).unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag) {
                if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, lang));
                }
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::En)
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// The language of this page, provided once by [`crate::App`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or(Lang::En)
}

/// The texts of this page's language.
pub fn use_t() -> &'static Texts {
    use_lang().texts()
}

/// Replaces `{}` in a template with `value`.
pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
    template.replacen("{}", &value.to_string(), 1)
}

impl Texts {
    /// The message for an error, as a person should read it.
    pub fn error(&self, err: &AppError) -> String {
        match err {
            AppError::Unauthenticated => self.err_unauthenticated.into(),
            AppError::BadCredentials => self.err_bad_credentials.into(),
            AppError::RateLimited { retry_after_secs } => fill(self.err_rate_limited, retry_after_secs.div_ceil(60).max(1)),
            AppError::Forbidden => self.err_forbidden.into(),
            AppError::NotFound => self.err_not_found.into(),
            AppError::Invalid(_) => self.err_invalid.into(),
            AppError::InvitationInvalid => self.err_invitation_invalid.into(),
            AppError::CrossOrigin => self.err_cross_origin.into(),
            AppError::BadRequest => self.err_bad_request.into(),
            AppError::PayloadTooLarge => self.err_too_large.into(),
            AppError::PreconditionFailed => self.err_precondition_failed.into(),
            AppError::PreconditionRequired => self.err_precondition_required.into(),
            AppError::IdempotencyConflict => self.err_idempotency_conflict.into(),
            AppError::InvalidTransition => self.err_invalid_transition.into(),
            AppError::Internal => self.err_internal.into(),
            AppError::Transport(_) => self.err_transport.into(),
        }
    }

    pub fn invalid(&self, reason: Invalid) -> String {
        match reason {
            Invalid::Required => self.inv_required.into(),
            Invalid::Email => self.inv_email.into(),
            Invalid::TooShort => self.inv_too_short.into(),
            Invalid::TooLong => self.inv_too_long.into(),
            Invalid::PasswordTooShort => fill(self.inv_password_too_short, crate::accounts::rules::PASSWORD_MIN),
            Invalid::PasswordMismatch => self.inv_password_mismatch.into(),
            Invalid::WrongCurrentPassword => self.inv_wrong_current_password.into(),
            Invalid::Role => self.inv_role.into(),
            Invalid::Tier => self.inv_tier.into(),
            Invalid::Code => self.inv_code.into(),
            Invalid::Amount => self.inv_amount.into(),
            Invalid::Taken => self.inv_taken.into(),
            Invalid::NotAllowed => self.inv_not_allowed.into(),
            Invalid::Quantity => self.inv_quantity.into(),
            Invalid::TooMany => fill(self.inv_too_many, crate::limits::MAX_LINES),
            Invalid::TooLarge => fill(self.inv_too_large, crate::limits::MAX_QUANTITY),
            Invalid::TooFar => self.inv_too_far.into(),
            Invalid::FileType => self.inv_file_type.into(),
            Invalid::FileTooLarge => fill(self.inv_file_too_large, crate::attachments::MAX_FILE_BYTES / (1024 * 1024)),
        }
    }

    pub fn role(&self, role: crate::accounts::Role) -> &'static str {
        use crate::accounts::Role::*;
        match role {
            CustomerAdmin => self.role_customer_admin,
            Buyer => self.role_buyer,
            Receiver => self.role_receiver,
            Viewer => self.role_viewer,
            StaffAdmin => self.role_staff_admin,
            AccountManager => self.role_account_manager,
            Planner => self.role_planner,
            SupportAgent => self.role_support_agent,
        }
    }

    pub fn status(&self, status: crate::orders::OrderStatus) -> &'static str {
        use crate::orders::OrderStatus::*;
        match status {
            Draft => self.status_draft,
            Submitted => self.status_submitted,
            Countered => self.status_countered,
            Confirmed => self.status_confirmed,
            Rejected => self.status_rejected,
            Cancelled => self.status_cancelled,
            InProduction => self.status_in_production,
            PartiallyShipped => self.status_partially_shipped,
            Shipped => self.status_shipped,
            Delivered => self.status_delivered,
            Accepted => self.status_accepted,
            Closed => self.status_closed,
        }
    }

    pub fn line_issue(&self, issue: crate::orders::feasibility::LineIssue) -> String {
        use crate::orders::feasibility::LineIssue::*;
        match issue {
            UnknownProduct => self.issue_unknown_product.into(),
            QuantityNotPositive => self.issue_quantity.into(),
            BelowMinimum { moq } => fill(self.issue_moq, moq),
            NotPackMultiple { pack } => fill(self.issue_pack, pack),
            LeadTime => self.issue_lead_time.into(),
            Capacity => self.issue_capacity.into(),
            QuantityTooLarge => fill(self.inv_too_large, crate::limits::MAX_QUANTITY),
            DateBeyondHorizon => self.inv_too_far.into(),
            NoDateWithinHorizon => self.issue_no_date_within_horizon.into(),
        }
    }

    pub fn header_issue(&self, issue: crate::orders::feasibility::HeaderIssue) -> &'static str {
        use crate::orders::feasibility::HeaderIssue::*;
        match issue {
            NoLines => self.issue_no_lines,
            NoSite => self.issue_no_site,
            NoDate => self.issue_no_date,
            NoPoNumber => self.issue_no_po,
            DateInPast => self.issue_past,
            DateBeyondHorizon => self.inv_too_far,
        }
    }

    pub fn row_problem(&self, bad: crate::orders::paste::BadRow) -> String {
        use crate::orders::paste::RowProblem::*;
        let what = match bad.problem {
            MissingSku => self.row_missing_sku,
            MissingQuantity => self.row_missing_quantity,
            BadQuantity => self.row_bad_quantity,
            BadDate => self.row_bad_date,
            TooManyColumns => self.row_too_many,
        };
        format!("{}{}", fill(self.row_bad, bad.line), what)
    }

    pub fn tier(&self, tier: crate::accounts::Tier) -> &'static str {
        use crate::accounts::Tier::*;
        match tier {
            Strategic => self.tier_strategic,
            Key => self.tier_key,
            Standard => self.tier_standard,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_follows_preference() {
        assert_eq!(Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Lang::Zh);
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr-FR, zh-TW;q=0.5"), Lang::Zh);
        assert_eq!(Lang::from_accept_language("de"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
        assert_eq!(Lang::from_accept_language("en;q=0.2, zh;q=0.7"), Lang::Zh);
    }

    #[test]
    fn both_languages_are_complete_and_differ() {
        let (en, zh) = (serde_json::to_value(Lang::En.texts()).unwrap(), serde_json::to_value(Lang::Zh.texts()).unwrap());
        let (en, zh) = (en.as_object().unwrap(), zh.as_object().unwrap());
        assert_eq!(en.len(), zh.len());
        for (key, value) in en {
            let e = value.as_str().unwrap();
            let z = zh[key].as_str().unwrap();
            assert!(!e.trim().is_empty(), "en.{key} is empty");
            assert!(!z.trim().is_empty(), "zh.{key} is empty");
            assert_eq!(e.matches("{}").count(), z.matches("{}").count(), "placeholders differ in {key}");
            // Chinese texts must actually be Chinese (brand names and codes excepted).
            let allowed_same = ["app_name", "lang_name_en", "lang_name_zh", "email_placeholder"];
            if !allowed_same.contains(&key.as_str()) {
                assert_ne!(e, z, "zh.{key} is untranslated");
            }
        }
    }
}
