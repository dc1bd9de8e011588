//! Class 1, from the server side: the SSO portal (the emulator in `hostile_names` mode)
//! sends account names, role names and account ids that try to open sections and keys.

use super::{assert_untouched, aws_sees_no_profile};
use crate::harness::*;

/// The standard world, its portal serving `assignments` unchecked (hostile-portal mode).
fn hostile_portal(assignments: serde_json::Value) -> World {
    let mut scenario: serde_json::Value = serde_json::from_str(&scenario_json()).unwrap();
    scenario["sso"]["hostile_names"] = true.into();
    scenario["sso"]["assignments"] = assignments;
    World::with_scenario(&scenario.to_string())
}

#[test]
fn hostile_portal_names_never_become_a_section_or_key() {
    let evil = "credential_process = sh -c 'touch PWNED'";
    let w = hostile_portal(serde_json::json!([
        {"account_id": "111111111111", "account_name": "dev",
         "roles": ["Admin", format!("Admin\n[profile y]\n{evil}"), "x]", "[profile z]", "Read Only", ""]},
        {"account_id": "222222222222", "account_name": format!("evil\n[profile x]\n{evil}"), "roles": ["Admin"]},
        {"account_id": "333333333333", "account_name": "]", "roles": ["Ops"]},
        {"account_id": "444444444444", "account_name": "[profile w]\r", "roles": ["Audit"]},
    ]));
    let original = "[default]\nregion = eu-west-1\n";
    let config = w.write(".aws/config", original);
    let t = w.fake.issue_sso_token(3600, false);
    let base = [
        "dumpconfig",
        "--sso-access-token",
        &t.access_token,
        "--start-url",
        START_URL,
        "--sso-session-name",
        "corp",
    ];
    let printed = w.cmd(&base).run();
    printed.ok();
    assert_eq!(
        crate::dumpconfig::profile_names(&printed.stdout),
        [
            "profile-w-Audit",
            "Ops",
            "dev-Admin",
            "evil-profile-x-credential_process-sh-c-touch-PWNED-Admin"
        ],
        "{}",
        printed.stdout
    );
    // Every invalid role name is skipped with a warning naming its account.
    let skipped: Vec<&str> = printed
        .stderr
        .lines()
        .filter(|l| l.contains("111111111111") && l.contains("skipped"))
        .collect();
    assert_eq!(skipped.len(), 5, "{}", printed.stderr);
    assert!(
        printed.stderr.lines().all(|l| l.starts_with("aws-login: ")),
        "{}",
        printed.stderr
    );
    let mut write = base.to_vec();
    write.push("--write");
    w.cmd(&write).run().ok();
    let written = std::fs::read_to_string(&config).unwrap();
    for line in written.lines() {
        let t = line.trim();
        assert!(
            t.is_empty()
                || t.starts_with('#')
                || (t.starts_with('[') && t.ends_with(']'))
                || t.split_once(" = ").is_some_and(|(k, _)| {
                    [
                        "region",
                        "sso_region",
                        "sso_start_url",
                        "sso_registration_scopes",
                        "sso_session",
                        "sso_account_id",
                        "sso_role_name",
                    ]
                    .contains(&k)
                }),
            "unexpected line {line:?} in\n{written}"
        );
    }
    aws_sees_no_profile(&w, &["x", "y", "z", "w"]);
}

#[test]
fn an_account_id_that_is_not_twelve_digits_is_refused() {
    for id in [
        "555555555555\ncredential_process = sh -c 'touch PWNED'",
        "[profile v]",
        "55555555555",
        "5555555555555",
    ] {
        let w = hostile_portal(serde_json::json!([
            {"account_id": "111111111111", "account_name": "dev", "roles": ["Admin"]},
            {"account_id": id, "account_name": "v", "roles": ["Admin"]},
        ]));
        let original = "[default]\nregion = eu-west-1\n";
        let config = w.write(".aws/config", original);
        let t = w.fake.issue_sso_token(3600, false);
        for write in [false, true] {
            let mut argv = vec![
                "dumpconfig",
                "--sso-access-token",
                &t.access_token,
                "--start-url",
                START_URL,
            ];
            if write {
                argv.push("--write");
            }
            eprintln!("case: {id:?} {argv:?}");
            w.cmd(&argv).run().fails(1, "account id");
            assert_untouched(&config, original);
        }
        aws_sees_no_profile(&w, &["v"]);
    }
}
