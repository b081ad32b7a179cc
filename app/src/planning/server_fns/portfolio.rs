use crate::error::AppError;
use crate::planning::portfolio::Portfolio;
use leptos::prelude::*;

/// Staff's portfolio chart, filtered as the page's form asks (its fields
/// live in the URL; blank means "any" or "the default window").
#[server(name = PortfolioFn, prefix = "/sf", endpoint = "portfolio")]
pub async fn portfolio(
    #[server(default)] account_id: Option<i64>,
    #[server(default)] status: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] zoom: String,
    #[server(default)] at_risk: bool,
) -> Result<Portfolio, AppError> {
    use crate::changes::server_fns::date_field;
    use crate::orders::OrderStatus;
    use crate::planning::portfolio::{PortfolioFilter, Zoom};
    use crate::{planning::server::service, server::request};
    let filter = PortfolioFilter {
        account_id,
        status: OrderStatus::parse(&status),
        from: date_field(&from, "from")?,
        to: date_field(&to, "to")?,
        zoom: Zoom::parse(&zoom).unwrap_or_default(),
        at_risk,
    };
    service::portfolio(&request::state().db, &request::actor().await?, &filter).await
}
