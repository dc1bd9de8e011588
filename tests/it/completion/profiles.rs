//! Completion of profile names: from the config and credentials files, as an option value
//! and as the positional word of `awsl assume`.

use std::collections::BTreeSet;

use super::{PROFILES, assert_no_network, bash_complete, big_world, profile, strings};

#[test]
fn profiles_complete_from_the_config_and_credentials_files_at_5000_profiles() {
    let w = big_world();
    let all = bash_complete(&w, &["aws-login", "getcallerid", "--profile", ""]);
    let mut expected: BTreeSet<String> = (0..PROFILES).map(profile).collect();
    expected.extend(strings(&["default", "cred-only", "chained", "audit"]));
    assert_eq!(
        all.iter().cloned().collect::<BTreeSet<_>>(),
        expected,
        "profiles: [profile x] and [default] from config, [x] from credentials; no sso-session or services"
    );
    assert_eq!(all.len(), expected.len(), "each profile once");

    let team49: Vec<String> = (4900..5000).map(profile).collect();
    assert_eq!(
        bash_complete(&w, &["aws-login", "dumpcreds", "--profile", "team-49"]),
        team49
    );
    assert_eq!(
        bash_complete(&w, &["aws-login", "getcallerid", "--profile", "de"]),
        ["default"]
    );
    assert_eq!(
        bash_complete(&w, &["aws-login", "runas", "--profile", "cred"]),
        ["cred-only"]
    );
    assert_no_network(&w);
}

#[test]
fn the_profile_of_awsl_assume_completes_as_a_positional_word() {
    let w = big_world();
    let team49: Vec<String> = (4900..5000).map(profile).collect();
    assert_eq!(bash_complete(&w, &["awsl", "assume", "team-49"]), team49);
    assert_eq!(
        bash_complete(&w, &["awsl", "assume", "team-4999"]),
        ["team-4999"]
    );
    assert_eq!(
        bash_complete(&w, &["awsl", "assume", "cred"]),
        ["cred-only"]
    );
    // The options still complete after the profile.
    assert_eq!(
        bash_complete(
            &w,
            &["awsl", "assume", "team-0001", "--region", "ap-northeast-"]
        ),
        ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3"]
    );
    assert_no_network(&w);
}
