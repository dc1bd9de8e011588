//! DPoP proofs (RFC 9449) for AWS Sign-In's token endpoint: every call carries an ES256
//! JWT over the method, the URL, the time and a one-time id, signed with the P-256 key
//! the session's refresh token is bound to. The key is kept in the cache as SEC1 PEM,
//! as the AWS CLI keeps it.

use anyhow::{Result, anyhow};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::SecretKey;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use sec1::LineEnding;
use serde_json::json;

/// prime256v1 (secp256r1).
const P256_OID: sec1::der::asn1::ObjectIdentifier =
    sec1::der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");

pub struct Key(SecretKey);

impl Key {
    /// The key of a cached session; the CLI's PEM may hold escaped newlines.
    pub fn from_pem(pem: &str) -> Result<Key> {
        SecretKey::from_sec1_pem(&pem.replace("\\n", "\n"))
            .map(Key)
            .map_err(|_| anyhow!("its dpopKey is not a P-256 private key"))
    }

    /// A new key for a new session.
    pub fn generate() -> Key {
        loop {
            let bytes: [u8; 32] = rand::random();
            if let Ok(k) = SecretKey::from_slice(&bytes) {
                return Key(k);
            }
        }
    }

    /// SEC1 PEM naming the curve: p256's own encoding leaves the curve out, and the AWS
    /// CLI's crypto library (awscrt) refuses a key without it.
    pub fn to_pem(&self) -> Result<String> {
        use sec1::der::Encode;
        let secret = self.0.to_bytes();
        let public = self.0.public_key().to_encoded_point(false);
        let der = sec1::EcPrivateKey {
            private_key: &secret,
            parameters: Some(sec1::EcParameters::NamedCurve(P256_OID)),
            public_key: Some(public.as_bytes()),
        }
        .to_der()
        .map_err(|_| anyhow!("cannot encode the session key"))?;
        sec1::der::pem::encode_string("EC PRIVATE KEY", LineEnding::LF, &der)
            .map_err(|_| anyhow!("cannot encode the session key"))
    }

    /// The proof for a POST to `htu` now.
    pub fn proof(&self, htu: &str) -> String {
        let point = self.0.public_key().to_encoded_point(false);
        let coord = |c: Option<&p256::FieldBytes>| {
            URL_SAFE_NO_PAD.encode(c.map(|b| b.as_slice()).unwrap_or_default())
        };
        let header = json!({
            "typ": "dpop+jwt",
            "alg": "ES256",
            "jwk": {"kty": "EC", "x": coord(point.x()), "y": coord(point.y()), "crv": "P-256"},
        });
        let payload = json!({
            "jti": uuid(),
            "htm": "POST",
            "htu": htu,
            "iat": chrono::Utc::now().timestamp(),
        });
        let message = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(payload.to_string())
        );
        let signature: Signature = SigningKey::from(&self.0).sign(message.as_bytes());
        format!("{message}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
    }
}

/// A random (version 4) UUID, the form the AWS CLI gives `jti`.
fn uuid() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::VerifyingKey;
    use p256::ecdsa::signature::Verifier;

    #[test]
    fn a_proof_verifies_with_the_key_in_its_header() {
        let key = Key::generate();
        let again = Key::from_pem(&key.to_pem().unwrap()).unwrap();
        let proof = again.proof("https://us-east-1.signin.aws.amazon.com/v1/token");
        let parts: Vec<&str> = proof.split('.').collect();
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        let payload: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(payload["htm"], "POST");
        assert_eq!(payload["jti"].as_str().unwrap().len(), 36);
        let x = URL_SAFE_NO_PAD
            .decode(header["jwk"]["x"].as_str().unwrap())
            .unwrap();
        let y = URL_SAFE_NO_PAD
            .decode(header["jwk"]["y"].as_str().unwrap())
            .unwrap();
        let point = p256::EncodedPoint::from_affine_coordinates(
            p256::FieldBytes::from_slice(&x),
            p256::FieldBytes::from_slice(&y),
            false,
        );
        let vk = VerifyingKey::from_encoded_point(&point).unwrap();
        let sig = Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
        vk.verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &sig)
            .unwrap();
        assert!(Key::from_pem("not a key").is_err());
        // The form the AWS CLI writes: the 121-byte SEC1 DER with the curve named.
        let pem = key.to_pem().unwrap();
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(der.len(), 121);
        assert_eq!(&der[..7], &[0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20]);
        assert_eq!(
            &der[39..51],
            &[
                0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07
            ]
        );
    }
}
