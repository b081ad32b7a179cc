use crate::error::AppError;
use crate::rates::Rate;
use leptos::prelude::*;

/// The staff admin replaces the rate table with CSV text; any bad line
/// changes nothing and is named (`csv.<line>.<field>`).
#[server(prefix = "/sf", endpoint = "import_rates")]
pub async fn import_rates(csv: String) -> Result<Vec<Rate>, AppError> {
    use crate::rates::server::service;
    use crate::server::request;
    service::import(&request::state().db, &request::actor().await?, &csv).await
}
