//! `cache list`, `cache clear`, `logout` and `unassume --logout`.

use super::*;

/// SSO role credentials through one hop, from the token cached under `key`.
fn sso_args(session: &str) -> Vec<&str> {
    vec![
        "dumpcreds",
        "--credential-helper",
        "--sso-session-name",
        session,
        "--start-url",
        START_URL,
        "--use-cache",
        "--no-sign-in",
        "--sso-acct-id",
        "111111111111",
        "--sso-role-name",
        "Admin",
        "--assume-roles",
        FROM_SSO,
    ]
}

/// A token for `key` in the shared cache; returns the access token.
fn cache_token(w: &World, key: &str) -> String {
    let t = w.fake.issue_sso_token(3600, false);
    let path = w.sso_cache_file(key);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, crate::sso::cache_json(&t, "us-east-1")).unwrap();
    t.access_token
}

#[test]
fn cache_list_shows_identity_source_expiry_and_time_left_and_never_a_secret() {
    let w = World::new();
    let helper = w.alice(&HELPER).run();
    helper.ok();
    let out = w.cmd(&["cache", "list"]).run();
    out.ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stdout);
    let cols: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(cols[0], AUDIT);
    assert_eq!(cols[1], format!("environment key {ALICE_KEY}"));
    assert_eq!(cols[2], helper.json()["Expiration"]);
    assert!(cols[3].ends_with('m'), "{}", cols[3]);
    let json = w.cmd(&["cache", "list", "--json"]).run();
    json.ok();
    let v = json.json();
    assert_eq!(v[0]["identity"], AUDIT);
    assert!(v[0]["seconds_left"].as_i64().unwrap() > 15 * 60);
    for text in [&out.stdout, &json.stdout] {
        for secret in ["SecretAccessKey", "SessionToken"] {
            assert!(!text.contains(helper.json()[secret].as_str().unwrap()));
        }
    }
}

#[test]
fn cache_clear_removes_the_requests_entry_and_all_removes_every_entry() {
    let w = World::new();
    w.alice(&HELPER).run().ok();
    w.alice(&["dumpcreds", "--credential-helper", "--assume-roles", DEPLOY])
        .run()
        .ok();
    assert_eq!(entries(&w).len(), 2);
    w.alice(&[&["cache", "clear"][..], &HELPER[2..]].concat())
        .run()
        .ok();
    assert_eq!(entries(&w).len(), 1);
    // The other request's entry is still used.
    w.alice(&["dumpcreds", "--credential-helper", "--assume-roles", DEPLOY])
        .run()
        .ok();
    assert_eq!(sts_count(&w, "AssumeRole"), 3);
    // A damaged entry goes too; a file that is no entry is not aws-login's to remove.
    let damaged = sessions_dir(&w).join(format!("{}.json", "0".repeat(64)));
    std::fs::write(&damaged, r#"{"version": 7, "credentials": {}}"#).unwrap();
    let junk = sessions_dir(&w).join("notes.json");
    std::fs::write(&junk, "junk").unwrap();
    w.cmd(&["cache", "clear", "--all"]).run().ok();
    assert_eq!(entries(&w), [junk]);
    w.alice(&HELPER).run().ok();
    assert_eq!(sts_count(&w, "AssumeRole"), 5);
}

#[test]
fn logout_signs_out_removes_the_token_and_the_credentials_made_from_it() {
    let w = World::new();
    let token = cache_token(&w, "work");
    w.cmd(&sso_args("work")).run().ok();
    w.alice(&HELPER).run().ok();
    assert_eq!(entries(&w).len(), 2);
    let out = w.cmd(&["logout", "--sso-session-name", "work"]).run();
    out.ok();
    assert!(out.stderr.contains("signed out of"), "{}", out.stderr);
    assert!(!out.stderr.contains(&token));
    let logouts = w.calls("Logout").len();
    assert_eq!(logouts, 1);
    assert!(!w.sso_cache_file("work").exists());
    // Alice's own entry stays; the SSO one is gone.
    assert_eq!(entries(&w).len(), 1);
    // The token no longer works at the portal either.
    let again = w
        .cmd(&[
            "getcallerid",
            "--sso-access-token",
            &token,
            "--sso-acct-id",
            "111111111111",
            "--sso-role-name",
            "Admin",
        ])
        .run();
    assert_ne!(again.code, 0);
}

#[test]
fn logout_needs_one_of_its_targets() {
    let w = World::new();
    w.cmd(&["logout"]).run().fails(2, "");
    w.cmd(&["logout", "--all", "--start-url", START_URL])
        .run()
        .fails(2, "");
}

#[test]
fn unassume_with_logout_clears_the_shell_and_signs_out_of_its_session() {
    let w = World::new();
    cache_token(&w, "work");
    let mut args = sso_args("work");
    args[0] = "assume";
    args.remove(1);
    let assumed = w.cmd(&args).env("AWS_LOGIN_SHELL", "bash").run();
    assumed.ok();
    let replay = assumed
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("export AWS_LOGIN_ASSUME="))
        .expect("AWS_LOGIN_ASSUME exported")
        .to_string();
    // The exported value as bash would read it back.
    let value = std::process::Command::new("bash")
        .args(["-c", &format!("printf %s {replay}")])
        .output()
        .unwrap()
        .stdout;
    let out = w
        .cmd(&["unassume", "--logout"])
        .env("AWS_LOGIN_SHELL", "bash")
        .env("AWS_LOGIN_ASSUME", std::str::from_utf8(&value).unwrap())
        .run();
    out.ok();
    assert!(
        out.stdout.contains("unset AWS_ACCESS_KEY_ID"),
        "{}",
        out.stdout
    );
    assert!(!w.sso_cache_file("work").exists());
    assert!(entries(&w).is_empty());
    assert!(!w.calls("Logout").is_empty());
}

/// The same through the `awsl` function of real bash, zsh and fish: the identity leaves
/// the shell and the session it came from is signed out.
#[test]
fn awsl_unassume_logout_in_real_shells_clears_the_identity_and_signs_out() {
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let w = World::new();
        cache_token(&w, "work");
        let mut args = sso_args("work");
        args[0] = "assume";
        args.remove(1);
        let words: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
        let init = render(&w, shell, &[], &format!("logout-{shell}"));
        let check = match shell {
            "fish" => "set -q AWS_ACCESS_KEY_ID; and echo key=set; or echo key=unset",
            _ => "echo \"key=${AWS_ACCESS_KEY_ID-unset}\" | sed 's/=ASIA.*/=set/'",
        };
        let source = source_line(shell, &init);
        let script = format!(
            "{source}\nawsl {}\n{check}\nawsl unassume --logout\n{check}\n",
            words.join(" ")
        );
        let argv: Vec<&str> = match shell {
            "bash" => vec!["--norc", "--noprofile", "-c", &script],
            "zsh" => vec!["-f", "-c", &script],
            _ => vec!["--no-config", "-c", &script],
        };
        let out = w.cmd(&argv).program(which(shell).unwrap()).run();
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        let keys: Vec<&str> = out
            .stdout
            .lines()
            .filter(|l| l.starts_with("key="))
            .collect();
        assert_eq!(keys, ["key=set", "key=unset"], "{shell}: {}", out.stdout);
        assert!(
            !w.sso_cache_file("work").exists(),
            "{shell}: token file left"
        );
        assert!(!w.calls("Logout").is_empty(), "{shell}: no Logout call");
    }
}
