//! DPoP proofs (RFC 9449) as Sign-In's token endpoint checks them: an ES256 JWT whose
//! header carries the client's public key, signed over the method, the URL and a
//! one-time id, fresh to the minute.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// How far a proof's `iat` may be from the emulator's clock.
const IAT_SKEW_SECS: i64 = 60;

/// A proof that checked out: the key's thumbprint and the proof's one-time id.
pub struct Proof {
    pub jkt: String,
    pub jti: String,
}

/// Check `proof` for a POST to `htu` at `now` (seconds); `Err` says what is wrong.
pub fn verify(proof: &str, htu: &str, now: i64) -> Result<Proof, String> {
    let mut parts = proof.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("the DPoP proof is not a JWT".into());
    };
    let json = |part: &str, what: &str| -> Result<Value, String> {
        let bytes = URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| format!("the DPoP {what} is not base64url"))?;
        serde_json::from_slice(&bytes).map_err(|_| format!("the DPoP {what} is not JSON"))
    };
    let header = json(h, "header")?;
    let payload = json(p, "payload")?;
    if header["typ"] != "dpop+jwt" || header["alg"] != "ES256" {
        return Err("the DPoP header must have typ dpop+jwt and alg ES256".into());
    }
    let jwk = &header["jwk"];
    if jwk["kty"] != "EC" || jwk["crv"] != "P-256" {
        return Err("the DPoP key must be an EC P-256 JWK".into());
    }
    let coord = |name: &str| -> Result<Vec<u8>, String> {
        let c = jwk[name].as_str().unwrap_or_default();
        let bytes = URL_SAFE_NO_PAD
            .decode(c)
            .map_err(|_| format!("the DPoP key's {name} is not base64url"))?;
        (bytes.len() == 32)
            .then_some(bytes)
            .ok_or_else(|| format!("the DPoP key's {name} is not 32 bytes"))
    };
    let (x, y) = (coord("x")?, coord("y")?);
    let point = p256::EncodedPoint::from_affine_coordinates(
        p256::FieldBytes::from_slice(&x),
        p256::FieldBytes::from_slice(&y),
        false,
    );
    let key = VerifyingKey::from_encoded_point(&point)
        .map_err(|_| "the DPoP key is not a point on P-256".to_string())?;
    let sig = URL_SAFE_NO_PAD
        .decode(s)
        .ok()
        .and_then(|b| Signature::from_slice(&b).ok())
        .ok_or("the DPoP signature is not an ES256 signature")?;
    key.verify(format!("{h}.{p}").as_bytes(), &sig)
        .map_err(|_| "the DPoP signature does not verify".to_string())?;
    if payload["htm"] != "POST" {
        return Err("the DPoP proof's htm is not POST".into());
    }
    if payload["htu"].as_str() != Some(htu) {
        return Err(format!("the DPoP proof's htu is not {htu}"));
    }
    let iat = payload["iat"].as_i64().ok_or("the DPoP proof has no iat")?;
    if (now - iat).abs() > IAT_SKEW_SECS {
        return Err("the DPoP proof's iat is not current".into());
    }
    let jti = payload["jti"].as_str().unwrap_or_default();
    if jti.is_empty() {
        return Err("the DPoP proof has no jti".into());
    }
    Ok(Proof {
        jkt: thumbprint(&x, &y),
        jti: jti.to_string(),
    })
}

/// The RFC 7638 thumbprint of a P-256 key, to which refresh tokens are bound.
pub fn thumbprint(x: &[u8], y: &[u8]) -> String {
    let canonical = format!(
        r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(x),
        URL_SAFE_NO_PAD.encode(y)
    );
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// The thumbprint of a secret key's public half.
pub fn key_thumbprint(key: &p256::SecretKey) -> String {
    let point = key.public_key().to_encoded_point(false);
    thumbprint(point.x().unwrap(), point.y().unwrap())
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::SigningKey;
    use p256::ecdsa::signature::Signer;
    use serde_json::json;

    const HTU: &str = "http://127.0.0.1:1/v1/token";

    fn proof(key: &p256::SecretKey, htm: &str, htu: &str, iat: i64, jti: &str) -> String {
        let point = key.public_key().to_encoded_point(false);
        let header = json!({"typ": "dpop+jwt", "alg": "ES256", "jwk": {
            "kty": "EC", "crv": "P-256",
            "x": URL_SAFE_NO_PAD.encode(point.x().unwrap()),
            "y": URL_SAFE_NO_PAD.encode(point.y().unwrap())}});
        let payload = json!({"htm": htm, "htu": htu, "iat": iat, "jti": jti});
        let msg = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(payload.to_string())
        );
        let sig: Signature = SigningKey::from(key).sign(msg.as_bytes());
        format!("{msg}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
    }

    #[test]
    fn only_a_signed_current_proof_for_this_url_passes() {
        let key = p256::SecretKey::from_slice(&[7u8; 32]).unwrap();
        let now = 1_800_000_000;
        let good = verify(&proof(&key, "POST", HTU, now, "j1"), HTU, now).unwrap();
        assert_eq!(good.jkt, key_thumbprint(&key));
        assert_eq!(good.jti, "j1");
        let fails = |p: String, why: &str| {
            let e = verify(&p, HTU, now).err().unwrap();
            assert!(e.contains(why), "{e}");
        };
        fails(proof(&key, "GET", HTU, now, "j"), "htm");
        fails(
            proof(&key, "POST", "http://other/v1/token", now, "j"),
            "htu",
        );
        fails(proof(&key, "POST", HTU, now - 600, "j"), "iat");
        fails(proof(&key, "POST", HTU, now, ""), "jti");
        // Another key's signature over the same header and payload.
        let other = p256::SecretKey::from_slice(&[9u8; 32]).unwrap();
        let mine = proof(&key, "POST", HTU, now, "j");
        let theirs = proof(&other, "POST", HTU, now, "j");
        let forged = format!(
            "{}.{}",
            mine.rsplit_once('.').unwrap().0,
            theirs.rsplit_once('.').unwrap().1
        );
        fails(forged, "signature");
        fails("a.b".to_string(), "not a JWT");
    }
}
