//! Profiles as the AWS CLI v2 knows them, resolved by aws-login itself so that every
//! command reads them alike: `source_profile` chains and cycles, `credential_source`, SSO
//! profiles that sign in, `mfa_serial` served by one MFA session, `mfa_process`, and
//! `awsl assume PROFILE`.

mod chain;
mod mfa;
mod mfa_prompt;
mod shells;
mod sso;

use crate::harness::*;

/// The roles the emulator saw assumed, in order.
pub fn assumed(w: &World) -> Vec<fake_aws::LogEntry> {
    w.calls("AssumeRole")
}

/// Seconds until the `Expiration` of credential_process JSON.
pub fn seconds_left(out: &Out) -> i64 {
    let exp = out.json()["Expiration"].as_str().unwrap().to_string();
    chrono::DateTime::parse_from_rfc3339(&exp)
        .unwrap()
        .signed_duration_since(chrono::Utc::now())
        .num_seconds()
}

/// `[sso-session corp]` for the emulator's portal and a profile `dev` for account
/// 111111111111, role Admin, through it.
pub fn sso_config(extra: &str) -> String {
    format!(
        "[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n\n\
         [profile dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = eu-west-1\n\n{extra}"
    )
}
