//! Server functions for signing in and out: one per file.

mod accept_invitation;
mod api_tokens;
mod change_password;
mod current_user;
mod sign_in;
mod sign_out;

pub use accept_invitation::{accept_invitation, invitation_email, AcceptInvitation, InvitationEmail};
pub use api_tokens::{create_api_token, list_api_tokens, revoke_api_token, ApiToken, CreateApiToken, ListApiTokens, RevokeApiToken};
pub use change_password::{change_password, ChangePassword};
pub use current_user::{current_user, sign_in_context, CurrentUser, SignInContext, SignInContextFn};
pub use sign_in::{sign_in, SignIn};
pub use sign_out::{sign_out, SignOut};
