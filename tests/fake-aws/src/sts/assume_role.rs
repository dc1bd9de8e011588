//! `AssumeRole`: trust, external id, MFA, session-duration and role-chaining rules.

use super::{Caller, Params, StsError, controls, mfa, validate, xml};
use crate::scenario::Role;
use crate::sessions::{CHAINED_MAX_SECS, CredKind, Principal};
use crate::state::State;

pub fn assume_role(state: &State, caller: &Caller, params: &Params) -> Result<String, StsError> {
    let role_arn = validate::required(params, "RoleArn", "roleArn")?;
    let session_name = validate::required(params, "RoleSessionName", "roleSessionName")?;
    validate::name(session_name, "roleSessionName", 2, 64)?;
    let secs = validate::duration(params, 3600, 900, 43200)?;
    if let Some(ext) = params.get("ExternalId") {
        validate::external_id(ext)?;
    }
    let controls = controls::parse(params, caller)?;

    let denied = || {
        StsError::access_denied(format!(
            "User: {} is not authorized to perform: sts:AssumeRole on resource: {role_arn}",
            caller.principal.arn()
        ))
    };
    if caller.temp == Some(CredKind::Federated) {
        return Err(denied());
    }
    // Unknown roles are indistinguishable from untrusted ones, as in AWS.
    let role = state.scenario.role(role_arn).ok_or_else(denied)?;
    let Some(role_id) = crate::arn::RoleArn::parse(role_arn) else {
        return Err(denied());
    };
    if !trusts(role, &caller.principal) {
        return Err(denied());
    }
    if let Some(required) = &role.external_id
        && params.get("ExternalId") != Some(required)
    {
        return Err(denied());
    }
    let mfa_now = mfa::verify(state, caller, params)?;
    let mfa = mfa_now || caller.mfa;
    if role.require_mfa && !mfa {
        return Err(denied());
    }
    if secs > role.max_session_duration {
        return Err(StsError::validation(
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
        ));
    }
    let chained = caller.temp == Some(CredKind::AssumedRole);
    if chained && secs > CHAINED_MAX_SECS {
        return Err(StsError::validation(
            "The requested DurationSeconds exceeds the 1 hour session limit for roles \
             assumed by role chaining.",
        ));
    }

    let principal = Principal::AssumedRole {
        role_arn: role_arn.to_string(),
        role: role_id,
        session_name: session_name.to_string(),
    };
    let (arn, user_id) = (state.reported_arn(&principal.arn()), principal.user_id());
    let session = {
        let mut sessions = state.sessions.lock().unwrap();
        let session = sessions.issue_with(principal, CredKind::AssumedRole, mfa, chained, secs);
        sessions.carry(
            &session.creds.access_key_id,
            controls.source_identity.clone(),
            controls.transitive,
        );
        session
    };

    let mut out = String::new();
    if let Some(source) = &controls.source_identity {
        out.push_str(&xml::element("SourceIdentity", source));
    }
    out.push_str(&format!(
        "    <AssumedRoleUser>\n      <AssumedRoleId>{}</AssumedRoleId>\n      \
         <Arn>{}</Arn>\n    </AssumedRoleUser>\n",
        xml::escape(&user_id),
        xml::escape(&arn)
    ));
    out.push_str(&xml::credentials(&session.creds));
    out.push_str(&xml::element(
        "PackedPolicySize",
        &packed_policy_size(params).to_string(),
    ));
    Ok(out)
}

/// Whether any trust entry admits the caller.
fn trusts(role: &Role, caller: &Principal) -> bool {
    let arn = caller.arn();
    let root = format!("arn:{}:iam::{}:root", caller.partition(), caller.account());
    role.trust.iter().any(|t| {
        t == "*"
            || *t == arn
            || *t == root
            || t == caller.account()
            || matches!(caller, Principal::AssumedRole { role_arn, .. } if role_arn == t)
    })
}

/// Percentage of the session-policy budget used, like AWS reports it; only
/// roughly modelled because nothing enforces session policies here.
pub fn packed_policy_size(params: &Params) -> usize {
    let policy_len = params.get("Policy").map_or(0, String::len);
    let arns = params
        .keys()
        .filter(|k| k.starts_with("PolicyArns.member."))
        .count();
    ((policy_len + 200 * arns) * 100 / 2048).min(100)
}
