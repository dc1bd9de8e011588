//! MFA checks shared by AssumeRole and GetSessionToken.

use super::{Caller, Params, StsError};
use crate::sessions::Principal;
use crate::state::State;

const BAD_CODE: &str = "MultiFactorAuthentication failed with invalid MFA one time pass code.";
const UNKNOWN_DEVICE: &str = "MultiFactorAuthentication failed, unable to validate MFA code. \
     Please verify your MFA serial number is valid and associated with this user.";

/// Verifies SerialNumber/TokenCode when present; `Ok(true)` means MFA was proven
/// by this request, `Ok(false)` that the request carried no MFA.
pub fn verify(state: &State, caller: &Caller, params: &Params) -> Result<bool, StsError> {
    let serial = params.get("SerialNumber");
    let code = params.get("TokenCode");
    if serial.is_none() && code.is_none() {
        return Ok(false);
    }
    if let Some(code) = code
        && (code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(StsError::validation(format!(
            "1 validation error detected: Value '{code}' at 'tokenCode' failed to satisfy \
             constraint: Member must satisfy regular expression pattern: [\\d]* with length 6"
        )));
    }
    let Some(serial) = serial else {
        return Err(StsError::access_denied(UNKNOWN_DEVICE));
    };
    // A user may only use their own device; a role session any device in the scenario.
    let device = match &caller.principal {
        Principal::User { account, name, .. } => state
            .scenario
            .user(account, name)
            .and_then(|u| u.mfa.as_ref()),
        _ => state
            .scenario
            .user_by_mfa_serial(serial)
            .and_then(|u| u.mfa.as_ref()),
    };
    let Some(device) = device.filter(|d| &d.serial == serial) else {
        return Err(StsError::access_denied(UNKNOWN_DEVICE));
    };
    if code != Some(&device.code) {
        return Err(StsError::access_denied(BAD_CODE));
    }
    Ok(true)
}
