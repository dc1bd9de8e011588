//! RegisterClient: records a public client's grant types, redirect URIs,
//! scopes and issuer, and issues its id and secret.

use super::{OidcError, field, list, required};
use crate::sso_store::{AUTH_CODE_GRANT, DEVICE_CODE_GRANT, REFRESH_GRANT, SsoRegistration};
use crate::state::State;
use serde_json::{Value, json};

const KNOWN_GRANTS: &[&str] = &[AUTH_CODE_GRANT, DEVICE_CODE_GRANT, REFRESH_GRANT];

pub fn register(state: &State, body: &Value) -> Result<Value, OidcError> {
    let name = required(body, "clientName")?;
    let client_type = required(body, "clientType")?;
    // Identity Center only registers public clients.
    if client_type != "public" {
        return Err(OidcError::invalid_request("Invalid client type"));
    }
    let grant_types = list(body, "grantTypes");
    if let Some(bad) = grant_types
        .iter()
        .find(|g| !KNOWN_GRANTS.contains(&g.as_str()))
    {
        return Err(OidcError::unsupported_grant_type(&format!(
            "Unsupported grant type: {bad}"
        )));
    }
    let redirect_uris = list(body, "redirectUris");
    for uri in &redirect_uris {
        check_redirect_uri(uri)?;
    }
    if grant_types.iter().any(|g| g == AUTH_CODE_GRANT) && redirect_uris.is_empty() {
        return Err(invalid_redirect_uri(
            "authorization_code clients need at least one redirect URI",
        ));
    }
    let scopes = list(body, "scopes");
    if scopes.iter().any(|s| s.is_empty() || s.contains(' ')) {
        return Err(OidcError::invalid_scope("Invalid scope"));
    }
    let reg = SsoRegistration {
        client_id: String::new(),
        client_name: name.to_string(),
        client_type: client_type.to_string(),
        scopes,
        grant_types,
        redirect_uris,
        issuer_url: field(body, "issuerUrl").map(String::from),
        issued_at: Default::default(),
        expires_at: Default::default(),
    };
    let mut store = state.sso.lock().unwrap();
    let client = store.register(reg, state.sso_config.registration_ttl);
    Ok(json!({
        "clientId": client.reg.client_id,
        "clientSecret": client.secret,
        "clientIdIssuedAt": client.reg.issued_at.timestamp(),
        "clientSecretExpiresAt": client.reg.expires_at.timestamp(),
    }))
}

fn invalid_redirect_uri(desc: &str) -> OidcError {
    OidcError::new(
        400,
        "InvalidRedirectUriException",
        "invalid_redirect_uri",
        desc,
    )
}

/// Absolute https URIs anywhere, plain http only on loopback (RFC 8252 §7.3),
/// never with a fragment.
fn check_redirect_uri(uri: &str) -> Result<(), OidcError> {
    let bad = || invalid_redirect_uri(&format!("Invalid redirect URI: {uri}"));
    let parsed = url::Url::parse(uri).map_err(|_| bad())?;
    let ok = match parsed.scheme() {
        "https" => parsed.host().is_some(),
        "http" => super::authorize::is_loopback(&parsed),
        _ => false,
    };
    if !ok || parsed.fragment().is_some() {
        return Err(bad());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uris() {
        assert!(check_redirect_uri("http://127.0.0.1/oauth/callback").is_ok());
        assert!(check_redirect_uri("http://[::1]:8080/cb").is_ok());
        assert!(check_redirect_uri("https://app.example.com/cb").is_ok());
        assert!(check_redirect_uri("http://example.com/cb").is_err());
        assert!(check_redirect_uri("http://127.0.0.1/cb#frag").is_err());
        assert!(check_redirect_uri("not a uri").is_err());
    }
}
