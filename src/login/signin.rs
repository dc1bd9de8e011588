//! `aws-login login`: sign in to a console session as the AWS CLI's `aws login` does, so
//! no CLI is needed. PKCE against AWS Sign-In with the CLI's client ids: the browser comes
//! back to a one-shot listener on 127.0.0.1 (same device), or, with `--remote`, Sign-In
//! shows a code the user pastes here (cross device). The code is traded for the first
//! credentials with a DPoP proof of a new P-256 key; the session goes to the CLI's cache
//! and `login_session` to the profile.

use std::io::{BufRead, IsTerminal, Read};
use std::time::Duration;

use anyhow::{Result, anyhow};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::cache::{self, Entry};
use super::dpop::Key;
use super::token;
use crate::env::Env;
use crate::error::usage;
use crate::inert::echo;
use crate::lock::Locks;
use crate::sso::callback::{CALLBACK, Callback, Listener};

pub const SAME_DEVICE: &str = "arn:aws:signin:::devtools/same-device";
pub const CROSS_DEVICE: &str = "arn:aws:signin:::devtools/cross-device";

/// What the sign-in needs.
pub struct Request<'a> {
    pub profile: &'a str,
    pub region: &'a str,
    pub remote: bool,
    pub timeout: Duration,
}

/// The session signed in to and its cache file.
pub struct Signed {
    pub session: String,
    pub path: std::path::PathBuf,
}

pub async fn sign_in(req: &Request<'_>, env: &Env) -> Result<Signed> {
    let base = token::endpoint(req.region, env);
    let key = Key::generate();
    let verifier = random_b64(48);
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let state = random_b64(24);
    let (client_id, redirect_uri, code) = if req.remote {
        let redirect_uri = format!("{base}/v1/sessions/confirmation");
        let url = authorize_url(&base, CROSS_DEVICE, &redirect_uri, &state, &challenge)?;
        eprintln!(
            "aws-login: open this URL on any device, sign in, and paste the code it shows:\n{}",
            crate::inert::for_terminal(&url, usize::MAX)
        );
        let code = pasted_code(&state)?;
        (CROSS_DEVICE, redirect_uri, code)
    } else {
        let listener = Listener::bind("; use --remote").await?;
        let port = listener.port();
        let redirect_uri = format!("http://127.0.0.1:{port}{CALLBACK}");
        let url = authorize_url(&base, SAME_DEVICE, &redirect_uri, &state, &challenge)?;
        eprintln!("aws-login: signing in to the AWS console session in the browser");
        crate::sso::browser::open(&url, "sign in");
        let spinner = crate::sso::browser::Spinner::start(
            "Waiting for sign-in in the browser (Ctrl-C to cancel)",
        );
        let (timeout, expected) = (req.timeout, state.clone());
        let retry = "run the command again, raise --login-timeout, or use --remote";
        let callback = listener.wait(&expected, timeout, retry).await?;
        drop(spinner);
        match callback {
            Callback::Code(code) => (SAME_DEVICE, redirect_uri, code),
            Callback::Refused(why) => {
                return Err(anyhow!(
                    "sign-in was not approved: {why}; run the command again to retry"
                ));
            }
        }
    };
    let again = format!("run aws-login login --profile {} again", echo(req.profile));
    let body = json!({
        "clientId": client_id,
        "grantType": "authorization_code",
        "code": code,
        "codeVerifier": verifier,
        "redirectUri": redirect_uri,
    });
    let out = token::call(&base, &key, &body, &again).await?;
    let session =
        out.id_token.as_deref().and_then(subject).ok_or_else(|| {
            anyhow!("AWS Sign-In answered without the session's identity: {again}")
        })?;
    let account = session.split(':').nth(4).unwrap_or_default().to_string();
    let entry = Entry::new(
        out.creds,
        &account,
        &out.token_type,
        client_id,
        out.refresh_token,
        out.id_token.as_deref().unwrap_or_default(),
        key.to_pem()?,
    );
    let path = cache::path(&cache::dir(env)?, &session);
    let lock = Locks::new(env)?.lock(&path)?;
    entry.write(&path, &lock)?;
    Ok(Signed { session, path })
}

fn authorize_url(
    base: &str,
    client_id: &str,
    redirect_uri: &str,
    state: &str,
    challenge: &str,
) -> Result<String> {
    let mut url = url::Url::parse(&format!("{base}/v1/authorize")).map_err(|_| {
        anyhow!(
            "the sign-in endpoint {} is not a URL: check AWS_ENDPOINT_URL_SIGNIN",
            echo(base)
        )
    })?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("state", state)
        .append_pair("code_challenge_method", "SHA-256")
        .append_pair("scope", "openid")
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("code_challenge", challenge);
    Ok(url.into())
}

/// The code the user pastes (`--remote`): base64 of `state=…&code=…`, whose state must
/// be this sign-in's.
fn pasted_code(state: &str) -> Result<String> {
    if std::io::stdin().is_terminal() {
        eprint!("Code: ");
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .take(16 * 1024)
        .read_line(&mut line)
        .map_err(|_| anyhow!("cannot read the code from the terminal"))?;
    parse_code(line.trim(), state)
}

fn parse_code(pasted: &str, state: &str) -> Result<String> {
    let bad = || {
        usage(
            "that is not the code Sign-In showed: copy it whole and run aws-login login --remote again",
        )
    };
    if pasted.is_empty() {
        return Err(usage(
            "no code was given: run aws-login login --remote again and paste the code Sign-In shows",
        ));
    }
    let decoded = STANDARD.decode(pasted).map_err(|_| bad())?;
    let pairs: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(&decoded).into_owned().collect();
    let (Some(code), Some(got)) = (pairs.get("code"), pairs.get("state")) else {
        return Err(bad());
    };
    if got != state {
        return Err(usage(
            "that code belongs to another sign-in: run aws-login login --remote again and paste the code it leads to",
        ));
    }
    Ok(code.clone())
}

/// The `sub` of an OpenID token: the login session's ARN.
fn subject(id_token: &str) -> Option<String> {
    let payload = id_token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let sub = v["sub"].as_str()?;
    (sub.starts_with("arn:") && sub.split(':').count() >= 6 && !sub.chars().any(char::is_control))
        .then(|| sub.to_string())
}

fn random_b64(n: usize) -> String {
    let bytes: Vec<u8> = (0..n).map(|_| rand::random::<u8>()).collect();
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_code_must_carry_this_sign_ins_state() {
        let code = STANDARD.encode("state=abc&code=xyz");
        assert_eq!(parse_code(&code, "abc").unwrap(), "xyz");
        assert!(parse_code(&code, "other").is_err());
        assert!(parse_code("%%%", "abc").is_err());
        assert!(parse_code("", "abc").is_err());
    }

    #[test]
    fn the_session_is_the_id_tokens_subject() {
        let p = URL_SAFE_NO_PAD.encode(r#"{"sub":"arn:aws:iam::111111111111:user/alice"}"#);
        assert_eq!(
            subject(&format!("e30.{p}.x")).as_deref(),
            Some("arn:aws:iam::111111111111:user/alice")
        );
        let bad = URL_SAFE_NO_PAD.encode(r#"{"sub":"alice"}"#);
        assert_eq!(subject(&format!("e30.{bad}.x")), None);
    }
}
