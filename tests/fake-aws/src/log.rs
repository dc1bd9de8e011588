//! The request log tests assert on, and the one-line summaries the binary prints.

use crate::router::Service;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct LogEntry {
    pub service: Service,
    /// STS: the Action parameter; SSO/SSO OIDC: the operation name (plus
    /// "Authorize" and "DeviceVerify" for the browser pages); Signin: the
    /// Action parameter ("getSigninToken", "login") or "console";
    /// IMDS/container: "METHOD path".
    pub action: String,
    /// From the SigV4 Credential= scope, when the request was signed (Signin:
    /// the sessionId of the Session parameter, or of the sign-in token).
    pub access_key_id: Option<String>,
    /// Region from the SigV4 Credential= scope, when signed (shows which
    /// region the client resolved).
    pub region: Option<String>,
    /// Identity of the signer, when the access key was known (Signin: of the
    /// session in the Session parameter or behind the sign-in token).
    pub caller_arn: Option<String>,
    /// HTTP status sent; 0 when the connection was dropped by fault injection.
    pub status: u16,
    /// AWS error code such as "AccessDenied"; "ConnectionDropped" for dropped connections.
    pub error_code: Option<String>,
    /// Decoded query and form parameters; for SSO OIDC also the JSON body's
    /// string and list fields (lists comma-joined), except secrets. Signin
    /// logs only Action, SessionDuration, Issuer and Destination.
    pub params: BTreeMap<String, String>,
}

impl LogEntry {
    /// One line without secrets: keys ids and ARNs only, never secrets or tokens.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "[fake-aws] {:?} {} -> {}",
            self.service, self.action, self.status
        );
        if let Some(code) = &self.error_code {
            line.push_str(&format!(" {code}"));
        }
        if let Some(key) = &self.access_key_id {
            line.push_str(&format!(" key={key}"));
        }
        if let Some(region) = &self.region {
            line.push_str(&format!(" region={region}"));
        }
        if let Some(arn) = &self.caller_arn {
            line.push_str(&format!(" caller={arn}"));
        }
        let names = [
            "RoleArn",
            "RoleSessionName",
            "Name",
            "DurationSeconds",
            "SourceIdentity",
            "SessionDuration",
            "grantType",
            "account_id",
            "role_name",
        ];
        for name in names {
            if let Some(v) = self.params.get(name) {
                line.push_str(&format!(" {name}={v}"));
            }
        }
        line
    }
}

/// AssumeRole's member lists, read back from the logged parameters.
impl LogEntry {
    /// The values of `Prefix.member.1…N` (`suffix` after each, e.g. `.arn`), in order.
    fn members(&self, prefix: &str, suffix: &str) -> Vec<String> {
        (1..)
            .map_while(|n| {
                self.params
                    .get(&format!("{prefix}.member.{n}{suffix}"))
                    .cloned()
            })
            .collect()
    }

    /// `Tags.member.N.Key` and `.Value`, as (key, value) pairs.
    pub fn tags(&self) -> Vec<(String, String)> {
        let keys = self.members("Tags", ".Key");
        let values = self.members("Tags", ".Value");
        keys.into_iter().zip(values).collect()
    }

    /// `TransitiveTagKeys.member.N`.
    pub fn transitive_tag_keys(&self) -> Vec<String> {
        self.members("TransitiveTagKeys", "")
    }

    /// `PolicyArns.member.N.arn`.
    pub fn policy_arns(&self) -> Vec<String> {
        self.members("PolicyArns", ".arn")
    }
}
