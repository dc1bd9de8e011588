//! aws-login beside real clients (the aws CLI, botocore/boto3, starship): the
//! region travels, SSO config is read, a second sign-in works, ~/.aws stays clean.

mod demo;
mod locks;
mod package;
mod region;
mod sign_in_again;
mod sso_config;
pub mod starship;
mod write_fits;
