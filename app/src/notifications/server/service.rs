//! Each user's inbox, as the doors serve it: always the caller's own.

use super::store;
use crate::error::AppError;
use crate::notifications::{Inbox, Kind, Settings};
use crate::server::request::Actor;
use crate::server::Db;

pub async fn inbox(db: &Db, actor: &Actor, before: Option<i64>) -> Result<Inbox, AppError> {
    store::inbox(db, actor.user.id, before).await
}

pub async fn unread(db: &Db, actor: &Actor) -> Result<i64, AppError> {
    store::unread(db, actor.user.id).await
}

/// Marks one notification read (404 if it is not the caller's), or all.
pub async fn mark_read(db: &Db, actor: &Actor, id: Option<i64>) -> Result<i64, AppError> {
    if let Some(id) = id {
        if !store::owns(db, actor.user.id, id).await? {
            return Err(AppError::NotFound);
        }
    }
    store::mark_read(db, actor.user.id, id).await?;
    store::unread(db, actor.user.id).await
}

pub async fn settings(db: &Db, actor: &Actor) -> Result<Settings, AppError> {
    Ok(Settings { muted: store::muted(db, actor.user.id).await? })
}

pub async fn set_settings(db: &Db, actor: &Actor, settings: &Settings) -> Result<Settings, AppError> {
    if settings.muted.len() > Kind::ALL.len() {
        return Err(AppError::field("muted", crate::error::Invalid::TooMany));
    }
    let mut muted: Vec<Kind> = Kind::ALL.into_iter().filter(|k| settings.muted.contains(k)).collect();
    muted.dedup();
    store::set_muted(db, actor.user.id, &muted).await?;
    Ok(Settings { muted })
}
