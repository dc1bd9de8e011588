//! Completion of roles: role names for the account on the line, and role ARNs from the
//! config and the assume history, inside a comma list.

use std::collections::BTreeSet;

use super::{
    ACCOUNTS, CONFIG_ROLE_A, CONFIG_ROLE_B, HISTORY_ROLE, account_id, account_roles,
    assert_no_network, bash_complete, big_world, strings,
};

#[test]
fn role_names_are_those_of_the_account_on_the_line_or_all_known_roles() {
    let w = big_world();
    let of = |i: usize| account_roles(i).to_vec();
    assert_eq!(
        bash_complete(
            &w,
            &[
                "aws-login",
                "getcallerid",
                "--sso-acct-id",
                &account_id(7),
                "--sso-role-name",
                ""
            ]
        ),
        of(7)
    );
    // --sso-acct-id=ID, and after the role option.
    assert_eq!(
        bash_complete(
            &w,
            &[
                "aws-login",
                "dumpcreds",
                &format!("--sso-acct-id={}", account_id(999)),
                "--sso-role-name",
                "T"
            ]
        ),
        ["Team0999"]
    );
    assert_eq!(
        bash_complete(
            &w,
            &[
                "awsl",
                "assume",
                "--sso-acct-id",
                &account_id(42),
                "--sso-role-name",
                ""
            ]
        ),
        of(42)
    );
    // No account on the line: every role of every account, once each.
    let all = bash_complete(&w, &["aws-login", "getcallerid", "--sso-role-name", ""]);
    let mut expected: BTreeSet<String> = (0..ACCOUNTS).map(|i| format!("Team{i:04}")).collect();
    expected.insert("Admin".to_string());
    assert_eq!(all, expected.into_iter().collect::<Vec<_>>());
    // An account nobody knows: nothing.
    assert_eq!(
        bash_complete(
            &w,
            &[
                "aws-login",
                "getcallerid",
                "--sso-acct-id",
                "999999999999",
                "--sso-role-name",
                ""
            ]
        ),
        Vec::<String>::new()
    );
    assert_no_network(&w);
}

#[test]
fn role_arns_complete_from_the_config_and_the_assume_history_keeping_a_list_head() {
    let w = big_world();
    let mut expected = strings(&[CONFIG_ROLE_A, CONFIG_ROLE_B, HISTORY_ROLE]);
    expected.sort();
    assert_eq!(
        bash_complete(&w, &["aws-login", "getcallerid", "--assume-roles", "arn:"]),
        expected
    );
    assert_eq!(
        bash_complete(
            &w,
            &[
                "aws-login",
                "getcallerid",
                "--assume-roles",
                "arn:aws:iam::4"
            ]
        ),
        [HISTORY_ROLE]
    );
    // In a comma list the last item completes and the ones before it stay.
    let head = format!("{CONFIG_ROLE_A},");
    assert_eq!(
        bash_complete(
            &w,
            &[
                "aws-login",
                "runas",
                "--assume-roles",
                &format!("{head}arn:aws:iam::3")
            ]
        ),
        [format!("{head}{CONFIG_ROLE_B}")]
    );
    let two = format!("{CONFIG_ROLE_A},{CONFIG_ROLE_B},");
    let mut chained: Vec<String> = expected.iter().map(|a| format!("{two}{a}")).collect();
    chained.sort();
    assert_eq!(
        bash_complete(&w, &["awsl", "assume", "--assume-roles", &two]),
        chained
    );
    assert_no_network(&w);
}
