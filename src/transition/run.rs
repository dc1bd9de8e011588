//! Running a [`Plan`]: each STS call signed with the previous stage's credentials.

use anyhow::{Result, anyhow};
use aws_config::SdkConfig;
use aws_sdk_sts::types::{PolicyDescriptorType, Tag};

use super::Plan;
use crate::aws::{Service, call_error, sts};
use crate::creds::{Creds, account_of_arn};
use crate::env::Env;
use crate::mfa::session::{self as mfa_session, cached_mfa_session};

impl Plan {
    /// Run the transitions; each call is signed with the previous stage's credentials.
    ///
    /// MFA: from an IAM user's long-term keys, one MFA session (GetSessionToken with the
    /// code) serves every hop that follows, with no code on them. From temporary
    /// credentials, as the AWS CLI does, the code goes on the hop that names the device
    /// (`--mfa-serial`: the first hop).
    pub async fn run(
        mut self,
        env: &Env,
        sdk: &SdkConfig,
        region: &str,
        start: Creds,
    ) -> Result<Creds> {
        if self.federates_keys(&start) {
            self.federation = self.federate_keys.take();
        }
        let mut creds = start;
        let session_serial = self
            .mfa_serial
            .clone()
            .or_else(|| self.hops.iter().find_map(|h| h.mfa_serial.clone()));
        let mut mfa_proven = false;
        if creds.is_long_term()
            && let Some(serial) = &session_serial
            && (self.session_token.is_some() || !self.hops.is_empty())
        {
            let duration = self
                .session_token
                .flatten()
                .unwrap_or(mfa_session::DEFAULT_SECS);
            let session =
                cached_mfa_session(env, sdk, &creds, serial, &mut self.codes, duration).await?;
            tracing::debug!(expires = %session.expiration, "MFA session");
            creds = same_account(session.creds, &creds);
            mfa_proven = true;
        } else if let Some(duration) = self.session_token {
            tracing::info!("calling GetSessionToken");
            let out = sts(sdk, &creds)?
                .get_session_token()
                .set_duration_seconds(duration)
                .send()
                .await
                .map_err(|e| call_error(Service::STS, "GetSessionToken", e))?;
            creds = same_account(stage_creds(out.credentials(), "GetSessionToken")?, &creds);
        }
        if let Some(fed) = &self.federation {
            // A federated session may do only what its session policy allows: without one
            // given, AdministratorAccess leaves it the IAM user's own permissions.
            let default_arn;
            let (policy, arns) = if self.policy.is_empty() {
                default_arn = format!(
                    "arn:{}:iam::aws:policy/AdministratorAccess",
                    crate::partition::for_region(region).name
                );
                (None, std::slice::from_ref(&default_arn))
            } else {
                (self.policy.policy.clone(), &self.policy.arns[..])
            };
            tracing::info!(
                name = %fed.name,
                policy_arns = %arns.join(","),
                inline_policy = policy.is_some(),
                tags = fed.tags.len(),
                "calling GetFederationToken"
            );
            let tags = sts_tags(&fed.tags)?;
            let out = sts(sdk, &creds)?
                .get_federation_token()
                .name(&fed.name)
                .set_policy(policy)
                .set_policy_arns((!arns.is_empty()).then(|| descriptors(arns)))
                .set_tags((!tags.is_empty()).then_some(tags))
                .set_duration_seconds(fed.duration)
                .send()
                .await
                .map_err(|e| call_error(Service::STS, "GetFederationToken", e))?;
            let mut federated = stage_creds(out.credentials(), "GetFederationToken")?;
            // The federated user's ARN names the account; the IAM user's is the same one.
            federated.account_id = out
                .federated_user()
                .and_then(|u| account_of_arn(u.arn()))
                .or_else(|| creds.account_id.clone());
            creds = federated;
        }
        let total = self.hops.len();
        let mut cli_serial = self.mfa_serial.take();
        for (i, hop) in self.hops.iter().enumerate() {
            let serial = match (mfa_proven, cli_serial.take()) {
                (true, _) => None,
                (false, Some(serial)) => Some(serial),
                (false, None) => hop.mfa_serial.clone(),
            };
            let code = match &serial {
                Some(serial) => Some(self.codes.next(serial).await?),
                None => None,
            };
            tracing::info!(role = %hop.arn, session = %hop.session_name, "assuming role (hop {}/{total})", i + 1);
            let c = &hop.controls;
            let tags = sts_tags(&c.tags)?;
            // The session policy narrows the final role only.
            let policy = (i + 1 == total).then_some(&self.policy);
            let policy_arns = descriptors(policy.map_or(&[][..], |p| &p.arns[..]));
            let out = sts(sdk, &creds)?
                .assume_role()
                .role_arn(hop.arn.as_str())
                .role_session_name(&hop.session_name)
                .set_external_id(hop.external_id.clone())
                .set_duration_seconds(hop.duration)
                .set_serial_number(serial)
                .set_token_code(code)
                .set_source_identity(c.source_identity.clone())
                .set_tags((!tags.is_empty()).then_some(tags))
                .set_transitive_tag_keys((!c.transitive.is_empty()).then(|| c.transitive.clone()))
                .set_policy(policy.and_then(|p| p.policy.clone()))
                .set_policy_arns((!policy_arns.is_empty()).then_some(policy_arns))
                .send()
                .await
                .map_err(|e| {
                    call_error(
                        Service::STS,
                        &format!("AssumeRole (hop {}, {})", i + 1, hop.arn),
                        e,
                    )
                })?;
            let mut assumed = stage_creds(out.credentials(), "AssumeRole")?;
            // The session's ARN names its account; the role's own ARN, asked for, when
            // the answer does not hold a valid one.
            assumed.account_id = out
                .assumed_role_user()
                .and_then(|u| account_of_arn(u.arn()))
                .or_else(|| Some(hop.arn.account.clone()));
            creds = assumed;
        }
        Ok(creds)
    }
}

/// GetSessionToken's credentials are the same IAM user's: the account stays the one known
/// for `from` (none for plain keys: finding it would cost a call).
fn same_account(mut session: Creds, from: &Creds) -> Creds {
    session.account_id = from.account_id.clone().or(session.account_id);
    session
}

fn sts_tags(tags: &[super::controls::Tag]) -> Result<Vec<Tag>> {
    tags.iter()
        .map(|t| Tag::builder().key(&t.key).value(&t.value).build())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow!("building the session tags: {e}"))
}

fn descriptors(arns: &[String]) -> Vec<PolicyDescriptorType> {
    arns.iter()
        .map(|arn| PolicyDescriptorType::builder().arn(arn).build())
        .collect()
}

fn stage_creds(c: Option<&aws_sdk_sts::types::Credentials>, op: &str) -> Result<Creds> {
    c.map(Creds::from_sts)
        .ok_or_else(|| anyhow!("sts {op} returned no credentials"))
}
