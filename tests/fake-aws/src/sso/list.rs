//! ListAccounts and ListAccountRoles with AWS-style pagination
//! (`max_result` / `next_token` in, `nextToken` out while more remain).

use super::{Params, PortalError, required};
use crate::scenario::SsoConfig;
use serde_json::{Value, json};

/// The portal's documented `maxResults` range.
const MAX_RESULT_LIMIT: usize = 100;
const TOKEN_PREFIX: &str = "fake-aws-page-";

pub fn accounts(cfg: &SsoConfig, params: &Params) -> Result<Value, PortalError> {
    let all: Vec<Value> = cfg
        .assignments
        .iter()
        .map(|a| {
            json!({
                "accountId": a.account_id,
                "accountName": a.account_name,
                "emailAddress": a.email,
            })
        })
        .collect();
    let (page, next) = paginate(cfg, &all, params)?;
    Ok(with_next(json!({ "accountList": page }), next))
}

/// An account without assignments simply has no roles to list.
pub fn account_roles(cfg: &SsoConfig, params: &Params) -> Result<Value, PortalError> {
    let account_id = required(params, "account_id")?;
    let all: Vec<Value> = cfg
        .assignment(account_id)
        .map(|a| a.roles.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|r| json!({ "roleName": r, "accountId": account_id }))
        .collect();
    let (page, next) = paginate(cfg, &all, params)?;
    Ok(with_next(json!({ "roleList": page }), next))
}

fn with_next(mut body: Value, next: Option<String>) -> Value {
    if let Some(token) = next {
        body["nextToken"] = token.into();
    }
    body
}

fn paginate<'a>(
    cfg: &SsoConfig,
    items: &'a [Value],
    params: &Params,
) -> Result<(&'a [Value], Option<String>), PortalError> {
    let mut size = cfg.page_size;
    if let Some(raw) = params.get("max_result") {
        let n: usize = raw
            .parse()
            .ok()
            .filter(|n| (1..=MAX_RESULT_LIMIT).contains(n))
            .ok_or_else(|| PortalError::invalid_request(format!("Invalid max_result {raw}")))?;
        size = size.min(n);
    }
    let start = match params.get("next_token") {
        None => 0,
        Some(token) => token
            .strip_prefix(TOKEN_PREFIX)
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n > 0 && *n < items.len())
            .ok_or_else(|| PortalError::invalid_request("Invalid next token"))?,
    };
    let end = (start + size).min(items.len());
    let next = (end < items.len()).then(|| format!("{TOKEN_PREFIX}{end}"));
    Ok((&items[start..end], next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::SsoAssignment;

    #[test]
    fn pages_through_accounts() {
        let cfg = SsoConfig {
            page_size: 2,
            assignments: (0..5)
                .map(|i| SsoAssignment {
                    account_id: format!("11111111111{i}"),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        let mut params = Params::new();
        params.insert("max_result".into(), "3".into());
        let mut seen = 0;
        loop {
            let body = accounts(&cfg, &params).unwrap();
            let n = body["accountList"].as_array().unwrap().len();
            assert!(n <= 2);
            seen += n;
            match body.get("nextToken").and_then(Value::as_str) {
                Some(t) => params.insert("next_token".into(), t.into()),
                None => break,
            };
        }
        assert_eq!(seen, 5);
        params.insert("next_token".into(), "bogus".into());
        assert!(accounts(&cfg, &params).is_err());
    }

    #[test]
    fn max_result_takes_aws_range_and_page_size_caps_it() {
        let assignments = crate::scenario::generated_assignments(150, 1, 0);
        let mut cfg = SsoConfig {
            page_size: 100,
            assignments,
            ..Default::default()
        };
        let page_len = |cfg: &SsoConfig, max: &str| {
            let params = Params::from([("max_result".to_string(), max.to_string())]);
            let body = accounts(cfg, &params).map_err(|e| e.status)?;
            Ok::<_, u16>(body["accountList"].as_array().unwrap().len())
        };
        assert_eq!(page_len(&cfg, "100"), Ok(100));
        assert_eq!(page_len(&cfg, "101"), Err(400));
        cfg.page_size = 30;
        assert_eq!(page_len(&cfg, "100"), Ok(30));
        assert_eq!(page_len(&cfg, "7"), Ok(7));
    }
}
