use crate::accounts::Account;
use crate::i18n::use_t;
use leptos::prelude::*;

/// The key facts of an account: code, tier, credit limit, account manager.
#[component]
pub fn AccountFacts(account: Account) -> impl IntoView {
    let t = use_t();
    let manager =
        account.account_manager.map(|m| view! { {m.name}<br /><a href=format!("mailto:{}", m.email)>{m.email.clone()}</a> }.into_any()).unwrap_or_else(|| t.unassigned.into_any());
    view! {
        <dl class="facts">
            <dt>{t.account_code}</dt><dd data-testid="account-code">{account.code}</dd>
            <dt>{t.tier}</dt><dd><span class=format!("tag tier-{}", account.tier.as_str())>{t.tier(account.tier)}</span></dd>
            <dt>{t.credit_limit}</dt><dd>{crate::money::shown(&account.credit_limit)}</dd>
            <dt>{t.account_manager}</dt><dd>{manager}</dd>
        </dl>
    }
}
