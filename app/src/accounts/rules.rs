//! Validation of what people type about accounts, sites and users. The
//! browser runs these for instant feedback; the services run them again,
//! because only the server's check counts.

use super::{AccountInput, InviteInput, Role, SiteInput, Tier};
use crate::error::{AppError, Checks, Invalid};
use crate::money::Money;

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 200;

/// E-mail addresses are compared lower-case and trimmed.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn check_email(email: &str) -> Result<(), Invalid> {
    let email = email.trim();
    if email.is_empty() {
        return Err(Invalid::Required);
    }
    if email.len() > 254 {
        return Err(Invalid::TooLong);
    }
    let Some((local, domain)) = email.split_once('@') else { return Err(Invalid::Email) };
    let ok = !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !email.contains(char::is_whitespace) && !domain.contains('@');
    if ok {
        Ok(())
    } else {
        Err(Invalid::Email)
    }
}

pub fn check_password(password: &str) -> Result<(), Invalid> {
    let n = password.chars().count();
    if n == 0 {
        Err(Invalid::Required)
    } else if n < PASSWORD_MIN {
        Err(Invalid::PasswordTooShort)
    } else if n > PASSWORD_MAX {
        Err(Invalid::TooLong)
    } else {
        Ok(())
    }
}

/// Required text of at most `max` characters.
pub fn check_text(text: &str, max: usize) -> Result<(), Invalid> {
    let n = text.trim().chars().count();
    if n == 0 {
        Err(Invalid::Required)
    } else if n > max {
        Err(Invalid::TooLong)
    } else {
        Ok(())
    }
}

/// Account codes are short upper-case identifiers such as `ACME`.
pub fn check_code(code: &str) -> Result<(), Invalid> {
    let code = code.trim();
    if code.is_empty() {
        return Err(Invalid::Required);
    }
    let ok = code.len() <= 16 && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(Invalid::Code)
    }
}

pub fn check_new_password(password: &str, confirm: &str) -> Result<(), AppError> {
    Checks::new().check("password", check_password(password)).check("confirm", if password == confirm { Ok(()) } else { Err(Invalid::PasswordMismatch) }).finish()
}

/// A checked account input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAccount {
    pub code: String,
    pub name: String,
    pub tier: Tier,
    pub credit_limit_minor: i64,
    pub account_manager_id: Option<i64>,
}

pub fn validate_account(input: &AccountInput) -> Result<ValidAccount, AppError> {
    let tier = Tier::parse(input.tier.trim());
    let credit = Money::parse_major(&input.credit_limit);
    let am = input.account_manager_id.trim();
    let am_id = if am.is_empty() { Ok(None) } else { am.parse::<i64>().map(Some).map_err(|_| Invalid::NotAllowed) };
    Checks::new()
        .check("code", check_code(&input.code))
        .check("name", check_text(&input.name, 120))
        .check("tier", tier.map(|_| ()).ok_or(Invalid::Tier))
        .check("credit_limit", credit.map(|_| ()).ok_or(Invalid::Amount))
        .check("account_manager_id", am_id.map(|_| ()))
        .finish()?;
    Ok(ValidAccount {
        code: input.code.trim().to_string(),
        name: input.name.trim().to_string(),
        tier: tier.expect("checked above"),
        credit_limit_minor: credit.expect("checked above"),
        account_manager_id: am_id.expect("checked above"),
    })
}

pub fn validate_site(input: &SiteInput) -> Result<SiteInput, AppError> {
    Checks::new()
        .check("name", check_text(&input.name, 120))
        .check("address", check_text(&input.address, 400))
        .check("contact_name", check_text(&input.contact_name, 120))
        .check("contact_phone", check_text(&input.contact_phone, 40))
        .finish()?;
    Ok(SiteInput {
        name: input.name.trim().to_string(),
        address: input.address.trim().to_string(),
        contact_name: input.contact_name.trim().to_string(),
        contact_phone: input.contact_phone.trim().to_string(),
    })
}

/// Checks an invitation made by `by` for a customer account (`for_account`)
/// or for the staff: the role must be one `by` may grant, on the right side.
pub fn validate_invite(by: Role, for_account: bool, input: &InviteInput) -> Result<(String, String, Role), AppError> {
    let role = Role::parse(input.role.trim()).filter(|r| by.grantable().contains(r) && r.is_staff() != for_account);
    Checks::new().check("email", check_email(&input.email)).check("name", check_text(&input.name, 120)).check("role", role.map(|_| ()).ok_or(Invalid::Role)).finish()?;
    Ok((normalize_email(&input.email), input.name.trim().to_string(), role.expect("checked above")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails() {
        assert_eq!(check_email("buyer@acme.example"), Ok(()));
        assert_eq!(check_email(" "), Err(Invalid::Required));
        for bad in ["buyer", "buyer@", "@acme.example", "a@b", "a b@c.d", "a@.c", "a@c."] {
            assert_eq!(check_email(bad), Err(Invalid::Email), "{bad}");
        }
        assert_eq!(normalize_email("  Buyer@ACME.example "), "buyer@acme.example");
    }

    #[test]
    fn passwords() {
        assert_eq!(check_password(""), Err(Invalid::Required));
        assert_eq!(check_password("short"), Err(Invalid::PasswordTooShort));
        assert_eq!(check_password("keyport-demo-2026"), Ok(()));
        // counts characters, not bytes: ten CJK characters are long enough
        assert_eq!(check_password("大客户门户密码很安全啊"), Ok(()));
        assert!(matches!(check_new_password("keyport-demo-2026", "other"), Err(AppError::Invalid(e)) if e[0].field == "confirm"));
    }

    #[test]
    fn account_reports_every_bad_field() {
        let input = AccountInput { code: "acme corp".into(), name: "".into(), tier: "gold".into(), credit_limit: "lots".into(), account_manager_id: "x".into() };
        let err = validate_account(&input).unwrap_err();
        for field in ["code", "name", "tier", "credit_limit", "account_manager_id"] {
            assert!(err.for_field(field).is_some(), "{field} not reported");
        }
        let ok = validate_account(&AccountInput {
            code: "ACME".into(),
            name: " Acme Motors ".into(),
            tier: "strategic".into(),
            credit_limit: "5,000,000".into(),
            account_manager_id: "".into(),
        })
        .unwrap();
        assert_eq!(ok.name, "Acme Motors");
        assert_eq!(ok.credit_limit_minor, 500_000_000);
        assert_eq!(ok.account_manager_id, None);
    }

    #[test]
    fn invites_only_grant_own_side() {
        let input = |role: &str| InviteInput { email: "New@Acme.example".into(), name: "New".into(), role: role.into() };
        assert_eq!(validate_invite(Role::CustomerAdmin, true, &input("buyer")).unwrap().0, "new@acme.example");
        assert_eq!(validate_invite(Role::CustomerAdmin, true, &input("staff_admin")).unwrap_err().for_field("role"), Some(Invalid::Role));
        assert_eq!(validate_invite(Role::Buyer, true, &input("viewer")).unwrap_err().for_field("role"), Some(Invalid::Role));
        assert!(validate_invite(Role::StaffAdmin, false, &input("planner")).is_ok());
        assert!(validate_invite(Role::StaffAdmin, true, &input("customer_admin")).is_ok());
        // a staff role never goes to a customer account, nor a customer role to staff
        assert!(validate_invite(Role::StaffAdmin, true, &input("planner")).is_err());
        assert!(validate_invite(Role::StaffAdmin, false, &input("buyer")).is_err());
    }

    proptest! {
        #[test]
        fn check_text_never_panics_and_bounds(s in ".{0,300}") {
            let r = check_text(&s, 120);
            let n = s.trim().chars().count();
            prop_assert_eq!(r.is_ok(), n > 0 && n <= 120);
        }
    }
}
