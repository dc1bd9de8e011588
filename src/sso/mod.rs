//! IAM Identity Center: where the access token comes from (one meaning for every
//! command), when it is refreshed, and turning it into role credentials.

pub(crate) mod browser;
pub mod cache;
pub(crate) mod callback;
mod device;
pub mod discovery;
pub mod hint;
pub mod index;
mod oidc;
pub mod options;
pub(crate) mod pkce;
mod role;
pub mod section;
mod session;
pub mod signins;
pub mod token;
mod vanity;

pub use self::options::Refresh;
pub use self::session::Session;

pub const DEFAULT_REGION: &str = "us-east-1";
