//! MFA once per session: `mfa_serial` on a profile gets one MFA session (GetSessionToken
//! with the code) and every role is assumed from it; the code from `--mfa-code`, else
//! `mfa_process` (run without a shell), else the terminal.

use super::assumed;
use crate::harness::*;

/// secure: the MFA-protected role from alice's keys; deploy: a plain one beside it.
fn mfa_config(secure_extra: &str) -> String {
    format!(
        "[profile secure]\nrole_arn = {SECURE}\nsource_profile = alice\nmfa_serial = {MFA_SERIAL}\n{secure_extra}\n"
    )
}

#[test]
fn an_mfa_serial_on_a_profile_gets_one_mfa_session_and_assumes_the_role_from_it() {
    let w = World::new().with_user_profiles();
    w.write(".aws/config", &mfa_config(""));
    w.cmd(&["getcallerid", "--profile", "secure", "--mfa-code", "654321"])
        .run()
        .fails(1, "AccessDenied");
    w.fake.clear_log();
    let out = w
        .cmd(&["getcallerid", "--profile", "secure", "--mfa-code", "123456"])
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::222222222222:assumed-role/Secure/aws-login"
    );
    let log = w.fake.log();
    let gst: Vec<_> = log
        .iter()
        .filter(|e| e.action == "GetSessionToken")
        .collect();
    assert_eq!(gst.len(), 1, "{log:?}");
    assert_eq!(gst[0].params["SerialNumber"], MFA_SERIAL);
    assert_eq!(gst[0].params["TokenCode"], "123456");
    assert_eq!(gst[0].params["DurationSeconds"], "43200");
    assert_eq!(gst[0].access_key_id.as_deref(), Some(ALICE_KEY));
    let assume = assumed(&w);
    assert_eq!(assume.len(), 1);
    assert!(!assume[0].params.contains_key("SerialNumber"));
    assert!(!assume[0].params.contains_key("TokenCode"));
    assert_ne!(assume[0].access_key_id.as_deref(), Some(ALICE_KEY));
}

#[test]
fn one_mfa_session_serves_every_hop_of_the_chain() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = alice\nmfa_serial = {MFA_SERIAL}\n\n\
             [profile audit]\nrole_arn = {AUDIT}\nsource_profile = deploy\nmfa_serial = {MFA_SERIAL}\n"
        ),
    );
    let out = w
        .cmd(&[
            "getcallerid",
            "--profile",
            "audit",
            "--mfa-code",
            "123456",
            "--assume-roles",
            FINAL,
        ])
        .run();
    out.ok();
    assert_eq!(
        w.sts_actions(),
        [
            "GetSessionToken",
            "AssumeRole",
            "AssumeRole",
            "AssumeRole",
            "GetCallerIdentity"
        ]
    );
    assert!(
        assumed(&w)
            .iter()
            .all(|e| !e.params.contains_key("TokenCode"))
    );
}

#[test]
fn mfa_process_gives_the_code_and_its_stderr_reaches_the_user() {
    let w = World::new().with_user_profiles();
    let args = w.home().join("mfa-args");
    let process = w.executable(
        "mfa code",
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\necho 'touch your key' >&2\necho 123456\n",
            args.display()
        ),
    );
    w.write(
        ".aws/config",
        &mfa_config(&format!(
            "mfa_process = '{process}' --account \"two words\"\n"
        )),
    );
    let out = w.cmd(&["getcallerid", "--profile", "secure"]).run();
    out.ok();
    assert!(out.stderr.contains("touch your key"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&args).unwrap(),
        "--account\ntwo words\n"
    );
    let gst = w.first_call("GetSessionToken");
    assert_eq!(gst.params["TokenCode"], "123456");
}

#[test]
fn a_failing_or_babbling_mfa_process_is_a_clear_error_and_never_runs_through_a_shell() {
    let w = World::new().with_user_profiles();
    let failing = w.executable("fail", "#!/bin/sh\nexit 3\n");
    let junk = w.executable("junk", "#!/bin/sh\necho 'not-a-code s3cr3t'\n");
    let cases = [
        (format!("mfa_process = {failing}"), "exit status 3"),
        (format!("mfa_process = {junk}"), "not a 6-digit code"),
        // No shell: `;` is an argument to echo, whose output is then no code.
        (
            "mfa_process = /bin/echo 123456; touch PWNED".to_string(),
            "not a 6-digit code",
        ),
        (
            "mfa_process = /no/such/program".to_string(),
            "cannot run mfa_process",
        ),
        ("mfa_process = 'unbalanced".to_string(), "mfa_process"),
    ];
    for (line, needle) in cases {
        w.write(".aws/config", &mfa_config(&line));
        let out = w.cmd(&["getcallerid", "--profile", "secure"]).run();
        out.fails(1, needle);
        assert!(out.stderr.contains("profile 'secure'"), "{}", out.stderr);
        assert!(!out.stderr.contains("s3cr3t"), "{}", out.stderr);
        assert!(!w.home().join("PWNED").exists());
        assert!(!w.sts_actions().contains(&"AssumeRole".to_string()));
    }
}

/// A process that leaves a child in the background holding its stdout (an agent it
/// starts, say): the code is taken once it has exited with the line printed, not when the
/// background child lets go of stdout 30 s later. (The background child's stderr goes
/// elsewhere, or the test would wait for the run's stderr to close.)
#[test]
fn an_mfa_process_whose_background_child_keeps_stdout_open_is_not_waited_for() {
    for (how, script) in [
        ("a line", "sleep 30 2>/dev/null & echo 123456"),
        ("no newline", "sleep 30 2>/dev/null & printf 123456"),
    ] {
        // A world each: the MFA session of the first would serve the second.
        let w = World::new().with_user_profiles();
        w.write(
            ".aws/config",
            &mfa_config(&format!("mfa_process = /bin/sh -c '{script}'\n")),
        );
        let started = std::time::Instant::now();
        let out = w.cmd(&["getcallerid", "--profile", "secure"]).run();
        out.ok();
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{how}: took {:?}",
            started.elapsed()
        );
        assert_eq!(
            w.first_call("GetSessionToken").params["TokenCode"],
            "123456",
            "{how}"
        );
    }
}

#[test]
fn a_temporary_source_sends_the_code_on_the_hop_that_names_the_mfa_serial() {
    // Deploy's session may assume Secure only with MFA proven on that call.
    let json = scenario_json().replace(
        "\"require_mfa\": true",
        &format!("\"require_mfa\": true}},\n    {{\"arn\": \"arn:aws:iam::222222222222:role/Secure2\", \"trust\": [\"{DEPLOY}\"], \"require_mfa\": true"),
    );
    let w = World::with_scenario(&json);
    let deploy = w.fake.mint_role_session(DEPLOY, "minted", 3600);
    w.write(
        ".aws/config",
        &format!(
            "[profile secure2]\nrole_arn = arn:aws:iam::222222222222:role/Secure2\ncredential_source = Environment\nmfa_serial = {MFA_SERIAL}\n"
        ),
    );
    w.cmd(&[
        "getcallerid",
        "--profile",
        "secure2",
        "--mfa-code",
        "654321",
    ])
    .session(&deploy)
    .run()
    .fails(1, "AccessDenied");
    w.fake.clear_log();
    let out = w
        .cmd(&[
            "getcallerid",
            "--profile",
            "secure2",
            "--mfa-code",
            "123456",
        ])
        .session(&deploy)
        .run();
    out.ok();
    assert_eq!(w.sts_actions(), ["AssumeRole", "GetCallerIdentity"]);
    let calls = assumed(&w);
    assert_eq!(calls[0].params["SerialNumber"], MFA_SERIAL);
    assert_eq!(calls[0].params["TokenCode"], "123456");
}

/// aws-vault's model across processes: the MFA session made with one code is kept in the
/// session cache, so other roles, later runs and `--fresh` (which re-runs the chain) assume
/// from it without another code until it nears its end.
#[test]
fn one_mfa_code_serves_every_role_in_every_process_while_the_session_lasts() {
    let w = World::new().with_user_profiles();
    let count = w.home().join("codes-asked");
    let process = w.executable(
        "mfa-code",
        &format!("#!/bin/sh\necho x >> '{}'\necho 123456\n", count.display()),
    );
    w.write(
        ".aws/config",
        &format!(
            "[profile secure]\nrole_arn = {SECURE}\nsource_profile = alice\nmfa_serial = {MFA_SERIAL}\nmfa_process = {process}\n\n\
             [profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = alice\nmfa_serial = {MFA_SERIAL}\nmfa_process = {process}\n"
        ),
    );
    for args in [
        &["getcallerid", "--profile", "secure"][..],
        &["getcallerid", "--profile", "deploy"],
        &[
            "dumpcreds",
            "--credential-helper",
            "--profile",
            "secure",
            "--fresh",
        ],
    ] {
        w.cmd(args).run().ok();
    }
    let asked = std::fs::read_to_string(&count).unwrap();
    assert_eq!(asked.lines().count(), 1, "mfa_process ran once");
    let actions = w.sts_actions();
    let count_of = |a: &str| actions.iter().filter(|x| *x == a).count();
    assert_eq!(count_of("GetSessionToken"), 1, "{actions:?}");
    assert_eq!(count_of("AssumeRole"), 3, "{actions:?}");
    // The session is listed as what it is, without a secret.
    let out = w.cmd(&["cache", "list", "--json"]).run();
    out.ok();
    assert!(out.stdout.contains("mfa-session"), "{}", out.stdout);
    assert!(out.stdout.contains(MFA_SERIAL), "{}", out.stdout);
    assert!(secrets_in(&out.stdout).is_empty(), "{}", out.stdout);
}
