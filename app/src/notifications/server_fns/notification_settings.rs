use crate::error::AppError;
use crate::notifications::Settings;
use leptos::prelude::*;

/// The kinds the caller chose not to receive.
#[server(prefix = "/sf", endpoint = "notification_settings")]
pub async fn notification_settings() -> Result<Settings, AppError> {
    use crate::{notifications::server::service, server::request};
    service::settings(&request::state().db, &request::actor().await?).await
}

/// Saves the choice: the form sends the kinds to *receive* (`receive[]`),
/// checked boxes only, so every kind not sent is muted.
#[server(prefix = "/sf", endpoint = "save_notification_settings")]
pub async fn save_notification_settings(#[server(default)] receive: Vec<String>) -> Result<Settings, AppError> {
    use crate::notifications::Kind;
    use crate::{notifications::server::service, server::request};
    if receive.len() > Kind::ALL.len() {
        return Err(AppError::field("receive", crate::error::Invalid::TooMany));
    }
    let muted = Kind::ALL.into_iter().filter(|k| !receive.iter().any(|r| r == k.as_str())).collect();
    service::set_settings(&request::state().db, &request::actor().await?, &Settings { muted }).await
}
