//! What the SSO portal sent, checked before anything is named, indexed or written: the
//! portal is a server like any other, and its account ids and role names go into config
//! lines (`sso_account_id = …`, `sso_role_name = …`).

use anyhow::{Result, anyhow};

use crate::arn::{is_account_id, is_role_name};
use crate::inert::echo;
use crate::sso::discovery::Account;

/// An account id that is not 12 digits stops the run: nothing tells which account it
/// stands for. A role name IAM would not allow is skipped with a warning naming its
/// account, so one odd permission set does not cost every other profile. Account names
/// are free text and only ever reach the file sanitised into profile names.
pub fn check(accounts: Vec<Account>, warn: &mut Vec<String>) -> Result<Vec<Account>> {
    if let Some(bad) = accounts.iter().find(|a| !is_account_id(&a.id)) {
        return Err(anyhow!(
            "the SSO portal sent an account id that is not 12 digits ('{}', account '{}'): refusing to write any profile; ask your Identity Center administrator",
            echo(&bad.id),
            echo(&bad.name)
        ));
    }
    Ok(accounts
        .into_iter()
        .map(|mut a| {
            a.roles.retain(|role| {
                let ok = is_role_name(role);
                if !ok {
                    warn.push(format!(
                        "account {} ({}): the portal sent role name '{}', which IAM does not allow: skipped",
                        a.id,
                        echo(a.name.trim()),
                        echo(role)
                    ));
                }
                ok
            });
            a
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acct(id: &str, roles: &[&str]) -> Account {
        Account {
            id: id.into(),
            name: "n\n[x]".into(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
        }
    }

    #[test]
    fn bad_roles_are_skipped_and_bad_ids_refused() {
        let mut warn = Vec::new();
        let ok = check(
            vec![acct("111111111111", &["Admin", "A\n[profile x]", "x]", ""])],
            &mut warn,
        )
        .unwrap();
        assert_eq!(ok[0].roles, ["Admin"]);
        assert_eq!(warn.len(), 3);
        assert!(
            warn.iter()
                .all(|w| w.contains("111111111111") && !w.contains('\n'))
        );
        for id in ["1111111111\n[x]", "11111111111", "[profile x]"] {
            let err = check(vec![acct(id, &["Admin"])], &mut warn).unwrap_err();
            assert!(!err.to_string().contains('\n'), "{err}");
        }
    }
}
