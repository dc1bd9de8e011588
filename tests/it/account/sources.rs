//! Where the account comes from: each source and transition, the session cache, and an
//! AWS that names something else than an account.

use super::*;

#[test]
fn each_source_and_transition_gives_the_account_it_knows() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile counted]\naws_access_key_id = {ALICE_KEY}\naws_secret_access_key = {ALICE_SECRET}\naws_account_id = {ALICE_ACCOUNT}\n\n\
             [profile process]\ncredential_process = {BIN} dumpcreds --credential-helper --profile alice --assume-roles {DEPLOY}\n"
        ),
    );
    // Plain IAM user keys: no account known, and none looked up (no extra call).
    assert_eq!(account_of(&helper(&w, &[])), None);
    let plain = helper(&w, &["--get-session-token"]);
    assert_eq!(account_of(&plain), None);
    assert!(w.calls("GetCallerIdentity").is_empty());
    // The account the user gave beside the keys, kept through GetSessionToken.
    let out = w
        .alice(&["dumpcreds", "--credential-helper"])
        .env("AWS_ACCOUNT_ID", ALICE_ACCOUNT)
        .run();
    out.ok();
    assert_eq!(account_of(&out.json()), Some(ALICE_ACCOUNT));
    let out = w
        .cmd(&[
            "dumpcreds",
            "--credential-helper",
            "--profile",
            "counted",
            "--get-session-token",
        ])
        .run();
    out.ok();
    assert_eq!(account_of(&out.json()), Some(ALICE_ACCOUNT));
    // AssumeRole: the session's ARN; GetFederationToken: the federated user's ARN.
    let role = helper(&w, &["--assume-roles", DEPLOY]);
    assert_eq!(account_of(&role), Some(DEPLOY_ACCOUNT));
    let chain = helper(&w, &["--assume-roles", &format!("{DEPLOY},{AUDIT}")]);
    assert_eq!(account_of(&chain), Some("333333333333"));
    let fed = helper(&w, &["--get-federation-token"]);
    assert_eq!(account_of(&fed), Some(ALICE_ACCOUNT));
    // An Identity Center role: the account asked for.
    let t = w.fake.issue_sso_token(3600, false);
    let out = w
        .cmd(&[
            "dumpcreds",
            "--credential-helper",
            "--sso-access-token",
            &t.access_token,
            "--sso-acct-id",
            ALICE_ACCOUNT,
            "--sso-role-name",
            "Admin",
        ])
        .run();
    out.ok();
    assert_eq!(account_of(&out.json()), Some(ALICE_ACCOUNT));
    // A credential_process's AccountId (here aws-login's own), as aws-config reads it.
    let out = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "process"])
        .run();
    out.ok();
    assert_eq!(account_of(&out.json()), Some(DEPLOY_ACCOUNT));
    // Container credentials: the AccountId the agent sends, as aws-config reads it.
    let out = w
        .cmd(&["dumpcreds", "--credential-helper"])
        .env(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &w.fake.container_uri(),
        )
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-auth-token")
        .run();
    out.ok();
    assert_eq!(account_of(&out.json()), Some(ALICE_ACCOUNT));
}

#[test]
fn a_bad_account_the_user_gives_is_one_clear_line() {
    let w = World::new();
    let out = w
        .alice(&["dumpcreds"])
        .env("AWS_ACCOUNT_ID", "1234'$(id)")
        .run();
    out.fails(
        2,
        "aws-login: AWS_ACCOUNT_ID '1234'$(id)' is not an account id",
    );
    w.write(
        ".aws/config",
        &format!(
            "[profile p]\naws_access_key_id = {ALICE_KEY}\naws_secret_access_key = {ALICE_SECRET}\naws_account_id = 12\n\n\
             [profile hop]\nrole_arn = {DEPLOY}\nsource_profile = p\n"
        ),
    );
    for profile in ["p", "hop"] {
        let out = w.cmd(&["dumpcreds", "--profile", profile]).run();
        out.fails(2, "profile 'p' has aws_account_id = 12: use the 12 digits");
    }
    assert!(w.fake.log().is_empty(), "no call was made");
}

#[test]
fn a_cached_answer_carries_the_account() {
    let w = World::new().with_user_profiles();
    let args = ["--profile", "alice", "--assume-roles", DEPLOY];
    let first = w
        .cmd(&[&["dumpcreds", "--credential-helper"][..], &args].concat())
        .run();
    first.ok();
    let second = w
        .cmd(&[&["dumpcreds", "--credential-helper"][..], &args].concat())
        .run();
    second.ok();
    assert_eq!(
        w.calls("AssumeRole").len(),
        1,
        "the second run is the cache's"
    );
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(account_of(&second.json()), Some(DEPLOY_ACCOUNT));
}

#[test]
fn the_account_beside_environment_keys_is_part_of_the_cached_request() {
    let w = World::new();
    let run = |account: &str| {
        let out = w
            .alice(&["dumpcreds", "--credential-helper", "--get-session-token"])
            .env("AWS_ACCOUNT_ID", account)
            .run();
        out.ok();
        account_of(&out.json()).map(str::to_string)
    };
    assert_eq!(run(ALICE_ACCOUNT).as_deref(), Some(ALICE_ACCOUNT));
    assert_eq!(run(ALICE_ACCOUNT).as_deref(), Some(ALICE_ACCOUNT));
    assert_eq!(
        w.calls("GetSessionToken").len(),
        1,
        "the second run is the cache's"
    );
    // Another account given: another request, never the first one's answer.
    assert_eq!(run("444444444444").as_deref(), Some("444444444444"));
}

/// An account id that would run code if a shell or page took it as code.
const HOSTILE: &str = "12345'$(touch PWNED)`touch PWNED2`;\"<b>\n";

#[test]
fn a_hostile_account_from_aws_never_reaches_output() {
    let w = World::new().with_user_profiles();
    w.fake.set_account_override(Some(HOSTILE));
    let role = ["--profile", "alice", "--assume-roles", DEPLOY];
    let mut outputs = Vec::new();
    // AssumeRole: the session's ARN is not believed; the role asked for names the account.
    let doc = w
        .cmd(&[&["dumpcreds", "--credential-helper"][..], &role].concat())
        .run();
    doc.ok();
    assert_eq!(account_of(&doc.json()), Some(DEPLOY_ACCOUNT));
    outputs.push(doc.stdout.clone());
    for form in ["linux", "fish", "powershell", "windows"] {
        let out = w
            .cmd(&[&["dumpcreds", "--outform", form][..], &role].concat())
            .run();
        out.ok();
        assert!(out.stdout.contains(DEPLOY_ACCOUNT), "{form}");
        outputs.push(out.stdout.clone());
    }
    // Nor on stderr, at the most verbose.
    let verbose = w
        .cmd(&[&["dumpcreds", "-vv", "--fresh"][..], &role].concat())
        .run();
    verbose.ok();
    assert!(
        verbose.stderr.contains("ignoring an account id"),
        "{}",
        verbose.stderr
    );
    outputs.push(verbose.stderr.clone());
    // GetFederationToken and container credentials: no account at all.
    let fed = helper(&w, &["--get-federation-token"]);
    assert_eq!(account_of(&fed), None);
    let out = w
        .cmd(&["dumpcreds"])
        .env(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &w.fake.container_uri(),
        )
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-auth-token")
        .run();
    out.ok();
    assert!(
        out.stdout.contains("unset AWS_ACCOUNT_ID\n"),
        "{}",
        out.stdout
    );
    outputs.push(out.stdout.clone());
    // The endpoint's answer, fetched raw by the child.
    if have("python3") {
        let fetch = "import os, urllib.request as u; \
            token = open(os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']).read(); \
            r = u.Request(os.environ['AWS_CONTAINER_CREDENTIALS_FULL_URI'], \
            headers={'Authorization': token}); \
            print(u.urlopen(r).read().decode())";
        let out = w
            .cmd(
                &[
                    &["runas", "--serve"][..],
                    &role,
                    &["--", "python3", "-c", fetch],
                ]
                .concat(),
            )
            .run();
        out.ok();
        assert!(
            out.stdout
                .contains(&format!("\"AccountId\":\"{DEPLOY_ACCOUNT}\"")),
            "{}",
            out.stdout
        );
        outputs.push(out.stdout.clone());
    }
    let mut stored = String::new();
    for entry in walk(w.home()) {
        stored.push_str(&std::fs::read_to_string(entry).unwrap_or_default());
    }
    outputs.push(stored);
    for text in &outputs {
        assert!(!text.contains("12345'"), "{text}");
        assert!(!text.contains("PWNED"), "{text}");
    }
    assert!(!w.home().join("PWNED").exists() && !w.home().join("PWNED2").exists());
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
