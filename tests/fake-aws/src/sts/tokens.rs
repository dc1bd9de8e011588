//! `GetSessionToken` and `GetFederationToken`: both need a user's long-term key.

use super::assume_role::packed_policy_size;
use super::{Caller, Params, StsError, controls, mfa, validate, xml};
use crate::sessions::{CredKind, Principal};
use crate::state::State;

/// Both calls allow up to 36 hours and default to 12.
const MAX_SECS: i64 = 129_600;
const DEFAULT_SECS: i64 = 43_200;

pub fn get_session_token(
    state: &State,
    caller: &Caller,
    params: &Params,
) -> Result<String, StsError> {
    if caller.temp.is_some() {
        return Err(StsError::access_denied(
            "Cannot call GetSessionToken with session credentials",
        ));
    }
    let secs = validate::duration(params, DEFAULT_SECS, 900, MAX_SECS)?;
    let mfa = mfa::verify(state, caller, params)?;
    let session = state.sessions.lock().unwrap().issue(
        caller.principal.clone(),
        CredKind::SessionToken,
        mfa,
        secs,
    );
    Ok(xml::credentials(&session.creds))
}

pub fn get_federation_token(
    state: &State,
    caller: &Caller,
    params: &Params,
) -> Result<String, StsError> {
    if caller.temp.is_some() {
        return Err(StsError::access_denied(
            "Cannot call GetFederationToken with session credentials",
        ));
    }
    let name = validate::required(params, "Name", "name")?;
    validate::name(name, "name", 2, 32)?;
    let secs = validate::duration(params, DEFAULT_SECS, 900, MAX_SECS)?;
    controls::federation(params, caller)?;
    let principal = Principal::Federated {
        partition: caller.principal.partition().to_string(),
        account: caller.principal.account().to_string(),
        name: name.to_string(),
    };
    let (arn, user_id) = (state.reported_arn(&principal.arn()), principal.user_id());
    let session = state
        .sessions
        .lock()
        .unwrap()
        .issue(principal, CredKind::Federated, false, secs);
    Ok(format!(
        "{}    <FederatedUser>\n      <Arn>{}</Arn>\n      \
         <FederatedUserId>{}</FederatedUserId>\n    </FederatedUser>\n{}",
        xml::credentials(&session.creds),
        xml::escape(&arn),
        xml::escape(&user_id),
        xml::element("PackedPolicySize", &packed_policy_size(params).to_string())
    ))
}
