//! Identifier generation in the shapes AWS uses, so clients that sanity-check
//! formats (prefixes, lengths) behave as they would against the real service.

use rand::Rng;

const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// Header- and URL-safe alphabet for OAuth tokens and codes.
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Device user codes avoid vowels and look-alike digits, as AWS's do.
const USER_CODE: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";

fn random_from(alphabet: &[u8], len: usize) -> String {
    let mut rng = rand::rng();
    (0..len)
        .map(|_| alphabet[rng.random_range(0..alphabet.len())] as char)
        .collect()
}

/// Temporary access key id: `ASIA` + 16 uppercase alphanumerics.
pub fn temp_access_key_id() -> String {
    format!("ASIA{}", random_from(UPPER_ALNUM, 16))
}

pub fn secret_access_key() -> String {
    random_from(BASE64, 40)
}

/// Real session tokens are long opaque base64 blobs; the length exercises
/// clients that store them in headers, env vars and files.
pub fn session_token() -> String {
    format!("FQoGZXIvYXdzE{}", random_from(BASE64, 344))
}

/// Opaque random token for IMDSv2 sessions.
pub fn imds_token() -> String {
    format!("AQAEA{}==", random_from(BASE64, 51))
}

/// SSO OIDC access token: opaque and long like AWS's `aoa…` tokens.
pub fn sso_access_token() -> String {
    format!(
        "aoa{}:{}",
        random_from(BASE64URL, 120),
        random_from(BASE64URL, 96)
    )
}

pub fn sso_refresh_token() -> String {
    format!(
        "aor{}:{}",
        random_from(BASE64URL, 180),
        random_from(BASE64URL, 96)
    )
}

pub fn oidc_client_id() -> String {
    // AWS client ids end in the base64 of the region they were registered in.
    format!("{}dXMtZWFzdC0x", random_from(BASE64URL, 22))
}

/// Client secrets are JWT-shaped (three dot-separated base64url parts) at AWS.
pub fn oidc_client_secret() -> String {
    format!(
        "eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0.{}.{}",
        random_from(BASE64URL, 400),
        random_from(BASE64URL, 64)
    )
}

/// Console sign-in token from `getSigninToken`: long and opaque like AWS's,
/// base64url so it survives a query string once percent-encoded.
pub fn signin_token() -> String {
    random_from(BASE64URL, 640)
}

/// Id of a fake console session; it stands in for the console's cookies.
pub fn console_session_id() -> String {
    random_from(BASE64URL, 32)
}

pub fn device_code() -> String {
    random_from(BASE64URL, 86)
}

pub fn authorization_code() -> String {
    random_from(BASE64URL, 64)
}

/// `ABCD-EFGH`: what the user types on the verification page.
pub fn user_code() -> String {
    format!(
        "{}-{}",
        random_from(USER_CODE, 4),
        random_from(USER_CODE, 4)
    )
}

pub fn request_id() -> String {
    let hex = random_from(b"0123456789abcdef", 32);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Stable unique id (`AIDA…` for users, `AROA…` for roles) derived from the
/// ARN, so the same principal reports the same id across runs, as in AWS.
pub fn stable_unique_id(prefix: &str, arn: &str) -> String {
    // FNV-1a: tiny, deterministic across Rust versions (unlike DefaultHasher).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut out = String::from(prefix);
    for round in 0..17u64 {
        for b in arn.bytes().chain(round.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push(UPPER_ALNUM[(h % UPPER_ALNUM.len() as u64) as usize] as char);
    }
    out
}

/// 16 lowercase hex digits, stable per input (FNV-1a, like `stable_unique_id`).
pub fn stable_hex(input: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in input.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let k = temp_access_key_id();
        assert!(k.starts_with("ASIA") && k.len() == 20);
        assert!(k.bytes().all(|b| UPPER_ALNUM.contains(&b)));
        assert_eq!(secret_access_key().len(), 40);
        assert_eq!(request_id().len(), 36);
        let a = stable_unique_id("AIDA", "arn:aws:iam::111111111111:user/alice");
        assert_eq!(
            a,
            stable_unique_id("AIDA", "arn:aws:iam::111111111111:user/alice")
        );
        assert_ne!(
            a,
            stable_unique_id("AIDA", "arn:aws:iam::111111111111:user/bob")
        );
        assert_eq!(a.len(), 21);
        let code = user_code();
        assert_eq!(code.len(), 9);
        assert_eq!(code.as_bytes()[4], b'-');
        assert_eq!(stable_hex("x").len(), 16);
        assert_ne!(stable_hex("x"), stable_hex("y"));
    }
}
