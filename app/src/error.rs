//! The one error type every server function and service returns.
//!
//! It crosses the wire (JSON) so the browser can show a translated message
//! for each case; database details never leave the server (see
//! `server::db::db_error`), they are logged and become `Internal`.

use serde::{Deserialize, Serialize};

/// Why a single field was refused. Each has a translated message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Invalid {
    Required,
    Email,
    TooShort,
    TooLong,
    PasswordTooShort,
    PasswordMismatch,
    WrongCurrentPassword,
    Role,
    Tier,
    Code,
    Amount,
    Taken,
    NotAllowed,
    /// A quantity below one, the minimum order quantity or off the pack multiple.
    Quantity,
    /// More items than a list may hold (lines in an order, ...).
    TooMany,
    /// A number above its upper bound (a line's quantity, ...).
    TooLarge,
    /// A date past the planning horizon.
    TooFar,
    /// A file whose content is not one of the types taken (PDF, PNG, JPEG, WebP).
    FileType,
    /// A file over the size cap.
    FileTooLarge,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name, as in the form (`email`, `password`, ...).
    pub field: String,
    pub reason: Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No session, or it ended (idle or absolute expiry, sign-out, disabled user).
    #[error("not signed in")]
    Unauthenticated,
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("too many attempts; retry in {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    /// Signed in, but this role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// Also what another tenant's ids give: never "forbidden", which would leak existence.
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The invitation link is unknown, used or expired.
    #[error("invitation invalid")]
    InvitationInvalid,
    /// The same idempotency key was sent earlier with a different request.
    #[error("idempotency key reused with another request")]
    IdempotencyConflict,
    /// The command does not apply to the order's current status.
    #[error("not allowed in this status")]
    InvalidTransition,
    /// A mutating request from another origin.
    #[error("cross-origin request refused")]
    CrossOrigin,
    /// The request could not be read (malformed or missing arguments).
    #[error("bad request")]
    BadRequest,
    /// The record changed since the caller read it (`If-Match` no longer holds).
    #[error("precondition failed")]
    PreconditionFailed,
    /// A decision over REST without `If-Match`: the caller must say which
    /// state of the record it decided on.
    #[error("precondition required")]
    PreconditionRequired,
    /// The request's body is over `limits::BODY_MAX_BYTES`.
    #[error("request too large")]
    PayloadTooLarge,
    #[error("internal error")]
    Internal,
    /// The request did not reach the server or its answer could not be read.
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    /// An internal error, logged once here with what was being done and
    /// why it failed; the person sees only "internal error" (the request
    /// log adds the request id, method and path).
    pub fn internal(context: &'static str, cause: impl std::fmt::Display) -> AppError {
        #[cfg(feature = "ssr")]
        tracing::error!(context, cause = %cause, "internal error");
        #[cfg(not(feature = "ssr"))]
        let _ = (context, cause.to_string());
        AppError::Internal
    }

    pub fn field(field: &str, reason: Invalid) -> Self {
        AppError::Invalid(vec![FieldError { field: field.to_string(), reason }])
    }

    /// The reason for one field, if this error names it.
    pub fn for_field(&self, field: &str) -> Option<Invalid> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == field).map(|e| e.reason),
            _ => None,
        }
    }

    /// HTTP status for the REST door and for server-function responses.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::RateLimited { .. } => 429,
            AppError::Forbidden | AppError::CrossOrigin => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) | AppError::InvitationInvalid | AppError::IdempotencyConflict => 422,
            AppError::InvalidTransition => 409,
            AppError::BadRequest => 400,
            AppError::PayloadTooLarge => 413,
            AppError::PreconditionFailed => 412,
            AppError::PreconditionRequired => 428,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }
}

/// Collects field errors so a form reports all of them at once.
#[derive(Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn check(&mut self, field: &str, result: Result<(), Invalid>) -> &mut Self {
        if let Err(reason) = result {
            self.0.push(FieldError { field: field.to_string(), reason });
        }
        self
    }
    pub fn finish(&mut self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(std::mem::take(&mut self.0)))
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            // the server could not read what was sent: the caller's fault
            E::Args(_) | E::MissingArg(_) => AppError::BadRequest,
            other => AppError::Transport(other.to_string()),
        }
    }
}
