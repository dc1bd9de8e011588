//! Shell integration: `shell init` in the real shells, `awsl assume|unassume|refresh`,
//! hostile values, the fork-free prompt hook.

use crate::harness::*;

/// A world with alice's profile, and an Identity Center account whose name is hostile.
const EVIL_ACCOUNT: &str = "777777777777";
const EVIL_NAME: &str = "evil $(touch PWNED) `touch PWNED2` 'q' \"d\" 100% \\n\nnext";

fn hostile_world() -> World {
    let name = serde_json::to_string(EVIL_NAME).unwrap();
    let json = scenario_json().replace(
        r#""assignments": ["#,
        &format!(r#""assignments": [{{"account_id": "{EVIL_ACCOUNT}", "account_name": {name}, "roles": ["Admin"]}}, "#),
    );
    let w = World::with_scenario(&json).with_user_profiles();
    // dumpconfig fills the discovery index, where the display name comes from.
    let t = w.fake.issue_sso_token(3600, false);
    w.cmd(&[
        "dumpconfig",
        "--sso-access-token",
        &t.access_token,
        "--start-url",
        START_URL,
    ])
    .run()
    .ok();
    w
}

/// Print the identity variables NUL-separated, in each shell's syntax.
fn dump_vars(shell: &str) -> &'static str {
    match shell {
        "fish" => {
            "for v in AWS_LOGIN_IDENTITY AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION AWS_CREDENTIAL_EXPIRATION AWS_LOGIN_EXPIRES_EPOCH AWSL_PROMPT; if set -q $v; printf '%s\\0' \"$$v\"; else; printf '<unset>\\0'; end; end; if set -q AWS_PROFILE; printf '%s\\0' $AWS_PROFILE; else; printf '<unset>\\0'; end"
        }
        _ => {
            "for v in AWS_LOGIN_IDENTITY AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION AWS_CREDENTIAL_EXPIRATION AWS_LOGIN_EXPIRES_EPOCH AWSL_PROMPT AWS_PROFILE; do eval \"[ -n \\\"\\${$v+x}\\\" ] && printf '%s\\0' \\\"\\$$v\\\" || printf '<unset>\\0'\"; done"
        }
    }
}

#[test]
fn assume_and_unassume_round_trip_in_bash_zsh_and_fish() {
    let w = hostile_world();
    let t = w.fake.issue_sso_token(3600, false);
    let chain = format!("{FROM_SSO},{VIEWER}");
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let init = render(&w, shell, &["--prompt"], &format!("rt-{shell}"));
        let i = init.display();
        let source = if shell == "fish" {
            format!("source '{i}'")
        } else {
            format!(". '{i}'")
        };
        // SSO with two hops, then the hostile identity, then unassume; each state dumped to a file.
        let dump = |n: usize| {
            let f = w.home().join(format!("{shell}-dump{n}"));
            match shell {
                "fish" => format!("begin; {}; end > '{}'", dump_vars(shell), f.display()),
                _ => format!("{{ {}; }} > '{}'", dump_vars(shell), f.display()),
            }
        };
        let script = format!(
            "{source}; awsl assume --sso-access-token {tok} --sso-acct-id 111111111111 --sso-role-name Admin --assume-roles {chain}; {d1}; \
             awsl getcallerid; \
             awsl assume --sso-access-token {tok} --sso-acct-id {EVIL_ACCOUNT} --sso-role-name Admin; {d2}; \
             awsl unassume; {d3}",
            tok = t.access_token,
            d1 = dump(1),
            d2 = dump(2),
            d3 = dump(3),
        );
        let out = strict(&w, shell, &script);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        // Each assume said what it set, on one line, the hostile name inert there too.
        let said: Vec<&str> = out
            .stderr
            .lines()
            .filter(|l| l.starts_with("aws-login: assumed "))
            .collect();
        assert_eq!(said.len(), 2, "{shell}: {}", out.stderr);
        let shown = EVIL_NAME.replace('\n', "\\u{a}");
        assert!(
            said[1].starts_with(&format!("aws-login: assumed {shown}-Admin in ")),
            "{shell}: {}",
            said[1]
        );
        let read = |n: usize| -> Vec<String> {
            let text = std::fs::read_to_string(w.home().join(format!("{shell}-dump{n}"))).unwrap();
            text.split('\0').map(String::from).collect()
        };
        let issued = w.fake.issued_secrets();
        // 1: the chain's credentials, byte for byte what STS issued.
        let d = read(1);
        assert_eq!(d[0], "333333333333-ConsoleViewer", "{shell}");
        assert!(d[1].starts_with("ASIA"));
        assert!(
            issued.contains(&d[2]) && issued.contains(&d[3]),
            "{shell}: secret and token as issued"
        );
        // Nothing names a region: the STS fallback is not exported, so a
        // later identity does not inherit it as if the user had chosen it.
        assert_eq!((d[4].as_str(), d[5].as_str()), ("<unset>", "<unset>"));
        let exp = chrono::DateTime::parse_from_rfc3339(&d[6]).unwrap();
        assert_eq!(exp.timestamp().to_string(), d[7]);
        assert!(
            d[8].starts_with("333333333333-ConsoleViewer "),
            "{shell} prompt: {}",
            d[8]
        );
        assert_eq!(d[9], "<unset>", "no AWS_PROFILE after hops");
        // The credentials work: awsl passes other words through to aws-login.
        assert!(
            out.stdout
                .contains("arn:aws:sts::333333333333:assumed-role/ConsoleViewer/aws-login"),
            "{shell}: {}",
            out.stdout
        );
        // 2: the hostile name arrives as text, its line break shown as an escape; nothing ran.
        let d = read(2);
        let shown = EVIL_NAME.replace('\n', "\\u{a}");
        assert_eq!(d[0], format!("{shown}-Admin"), "{shell}");
        // 3: unassume clears everything.
        let d = read(3);
        assert!(
            d[..10].iter().all(|v| v == "<unset>" || v.is_empty()),
            "{shell}: {d:?}"
        );
        assert!(
            !w.home().join("PWNED").exists() && !w.home().join("PWNED2").exists(),
            "{shell}: a hostile name ran"
        );
    }
}

#[test]
fn hostile_names_are_never_expanded_by_the_prompt() {
    let w = hostile_world();
    let t = w.fake.issue_sso_token(3600, false);
    let assume = format!(
        "awsl assume --sso-access-token {} --sso-acct-id {EVIL_ACCOUNT} --sso-role-name Admin",
        t.access_token
    );
    if have("bash") {
        let init = render(&w, "bash", &["--prompt"], "p.bash");
        let input = format!(". '{}'\n{assume}\n:\n:\nexit\n", init.display());
        let out = w
            .cmd(&["--norc", "--noprofile", "--noediting", "-i"])
            .program(which("bash").unwrap())
            .env("PS1", "P>")
            .run_with_stdin(Some(&input));
        assert!(
            out.stderr.contains(
                "[evil $(touch PWNED) `touch PWNED2` 'q' \"d\" 100% \\n\\u{a}next-Admin "
            ),
            "bash prompt: {}",
            out.stderr
        );
        assert!(out.stderr.contains("m] P>"), "bash prompt: {}", out.stderr);
    }
    if have("zsh") {
        for setup in [
            "setopt PROMPT_SUBST; PROMPT='${AWSL_PROMPT}>'",
            "PROMPT='Z>'",
        ] {
            let init = render(&w, "zsh", &["--prompt"], "p.zsh");
            let input = format!("{setup}\n. '{}'\n{assume}\n:\n:\nexit\n", init.display());
            let out = w
                .cmd(&["-f", "-i"])
                .program(which("zsh").unwrap())
                .run_with_stdin(Some(&input));
            assert!(
                out.stderr
                    .contains("evil $(touch PWNED) `touch PWNED2` 'q' \"d\" 100% \\n"),
                "zsh prompt ({setup}): {}",
                out.stderr
            );
        }
    }
    assert!(
        !w.home().join("PWNED").exists() && !w.home().join("PWNED2").exists(),
        "a hostile name ran"
    );
}

#[test]
fn assume_help_and_errors_print_and_change_nothing() {
    if !have("bash") {
        return;
    }
    let w = World::new().with_user_profiles();
    let init = render(&w, "bash", &[], "h.bash");
    let script = format!(
        ". '{}'; export AWS_ACCESS_KEY_ID=before; awsl assume --help | head -1; awsl assume no-such-profile || echo \"rc=$?\"; echo \"key=$AWS_ACCESS_KEY_ID\"; awsl whoami || true",
        init.display()
    );
    let out = w
        .cmd(&["--norc", "-c", &script])
        .program(which("bash").unwrap())
        .run();
    assert!(
        out.stdout
            .starts_with("Set the identity in the current shell"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("rc=2") && out.stdout.contains("key=before"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("profile 'no-such-profile'"),
        "{}",
        out.stderr
    );
}

#[test]
fn refresh_never_opens_a_browser_and_says_when_sign_in_is_needed() {
    if !have("bash") {
        return;
    }
    let w = World::new();
    let init = render(&w, "bash", &[], "r.bash");
    let browser = w.fetching_browser();
    let script = format!(
        ". '{}'; awsl assume --start-url {START_URL} --sso-acct-id 111111111111 --sso-role-name Admin; rm -f '{log}'; \
         rm -rf \"$HOME/.aws/sso/cache\"; awsl refresh || echo \"rc=$?\"; [ -e '{log}' ] && echo browser-opened; echo done",
        init.display(),
        log = w.home().join("browser.log").display()
    );
    let out = w
        .cmd(&["--norc", "-c", &script])
        .program(which("bash").unwrap())
        .env("BROWSER", &browser)
        .run();
    assert!(
        out.stdout.contains("rc=1") && out.stdout.contains("done"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    assert!(!out.stdout.contains("browser-opened"));
    assert!(
        out.stderr.contains("--no-sign-in forbids it"),
        "{}",
        out.stderr
    );
}

#[test]
fn whoami_reads_the_environment_and_check_asks_sts() {
    let w = World::new();
    let epoch = chrono::Utc::now().timestamp() + 3000;
    let out = w
        .alice(&["whoami"])
        .env("AWS_LOGIN_IDENTITY", "prod-Admin")
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_LOGIN_EXPIRES_EPOCH", &epoch.to_string())
        .run();
    out.ok();
    assert!(
        out.stdout.starts_with("prod-Admin  eu-west-1  49m left")
            || out.stdout.starts_with("prod-Admin  eu-west-1  50m left"),
        "{}",
        out.stdout
    );
    assert!(w.fake.log().is_empty(), "no network");
    let check = w.alice(&["whoami", "--check"]).run();
    check.ok();
    assert_eq!(check.arn(), "arn:aws:iam::111111111111:user/alice");
    w.cmd(&["whoami"]).run().fails(1, "awsl assume");
}
