//! scripts/demo (the README's first command) shows the shell integration
//! in a real bash against the emulator, and exits 0. The test runs the script as a user
//! would, with the debug aws-login and emulator, and checks what each step printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::harness::*;

/// The emulator binary beside this test binary (target/debug/deps/it-… → target/debug).
/// `cargo test --workspace` builds it; building it here would wait on cargo's lock.
fn emulator() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let fake = exe
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .join("fake-aws");
    assert!(
        fake.is_file(),
        "{} is missing: build it with `cargo build -p fake-aws` (`cargo test --workspace` does)",
        fake.display()
    );
    fake
}

/// The demo's output as (command, output lines) per `$ command` header, without the notes
/// (dim `# …` lines) and section titles.
fn steps(stdout: &str) -> Vec<(String, Vec<String>)> {
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    for line in stdout.lines() {
        if let Some(cmd) = line.strip_prefix("\x1b[1m$ ") {
            steps.push((cmd.trim_end_matches("\x1b[0m").to_string(), Vec::new()));
        } else if line.starts_with("\x1b[2m#") || line.starts_with("\x1b[1m#") {
            continue;
        } else if let Some((_, out)) = steps.last_mut()
            && !line.is_empty()
        {
            out.push(line.to_string());
        }
    }
    steps
}

/// The output lines of the `n`th step whose command starts with `cmd`.
fn output<'s>(steps: &'s [(String, Vec<String>)], cmd: &str, n: usize) -> &'s [String] {
    steps
        .iter()
        .filter(|(c, _)| c.starts_with(cmd))
        .nth(n)
        .map(|(_, out)| out.as_slice())
        .unwrap_or_else(|| panic!("the demo runs `{cmd}` ({n}): {steps:#?}"))
}

/// `NAME 1h00m` / `NAME 59m`: the prompt segment of an identity valid for about an hour.
fn is_segment(line: &str, name: &str) -> bool {
    line.strip_prefix(name)
        .and_then(|r| r.strip_prefix(' '))
        .is_some_and(|t| t == "1h00m" || (t.ends_with('m') && t.len() <= 3))
}

#[test]
fn the_demo_shows_assume_prompt_whoami_completion_unassume_dumpconfig_and_console_in_a_real_bash() {
    if !have("bash") || !have("python3") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if have("shellcheck") {
        let lint = Command::new(which("shellcheck").unwrap())
            .args([
                "scripts/demo",
                "scripts/bench",
                "scripts/completions",
                ".ci/run",
            ])
            .current_dir(root)
            .output()
            .unwrap();
        assert!(
            lint.status.success(),
            "shellcheck: {}",
            String::from_utf8_lossy(&lint.stdout)
        );
    }
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(root.join("scripts/demo"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("LANG", "C.UTF-8")
        .env("AWS_LOGIN", BIN)
        .env("FAKE_AWS", emulator())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let all = format!("{stdout}{stderr}");
    assert!(out.status.success(), "the demo exits 0\n{stdout}\n{stderr}");
    let s = steps(&stdout);

    // A profile (role_arn + source_profile): identity, the profile kept, its region.
    assert_eq!(output(&s, "awsl assume deploy", 0), [] as [String; 0]);
    assert_eq!(
        output(&s, "echo \"identity=$AWS_LOGIN_IDENTITY", 0),
        ["identity=deploy profile=deploy region=eu-central-1"]
    );
    let seg = output(&s, "awsl_prompt_info", 0);
    assert!(seg.len() == 1 && is_segment(&seg[0], "deploy"), "{seg:?}");
    let who = output(&s, "awsl whoami", 0);
    assert!(
        who.len() == 1 && who[0].starts_with("deploy  eu-central-1  ") && who[0].ends_with(" left"),
        "{who:?}"
    );

    // An Identity Center role, signed in through the stand-in browser.
    assert_eq!(
        output(
            &s,
            "awsl assume --start-url https://example.awsapps.com/start",
            0
        ),
        [] as [String; 0]
    );
    assert!(
        stderr.contains("signing in to https://example.awsapps.com/start in the browser"),
        "{stderr}"
    );
    let seg = output(&s, "awsl_prompt_info", 1);
    assert!(
        seg.len() == 1 && is_segment(&seg[0], "333333333333-ReadOnly"),
        "{seg:?}"
    );
    let who = output(&s, "awsl whoami", 1);
    assert!(
        who.len() == 1 && who[0].starts_with("333333333333-ReadOnly  eu-west-1  "),
        "{who:?}"
    );
    let check = output(&s, "awsl whoami --check", 0).join("\n");
    let check: serde_json::Value = serde_json::from_str(&check).unwrap();
    assert!(
        check["Arn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:sts::333333333333:assumed-role/AWSReservedSSO_ReadOnly_"),
        "{check}"
    );

    // Completion through the env protocol: the profiles of the config and credentials.
    assert_eq!(
        output(&s, "COMPLETE=bash", 0),
        ["alice".to_string(), "deploy".to_string()]
    );

    // dumpconfig to stdout, from the cached token: the session and every account's roles.
    let ini = output(&s, "aws-login dumpconfig", 0);
    for section in [
        "[sso-session demo]",
        "[profile dev-Admin]",
        "[profile dev-ReadOnly]",
        "[profile prod-ReadOnly]",
    ] {
        assert!(ini.iter().any(|l| l == section), "{section}: {ini:#?}");
    }

    // The console URL: the emulator's federation endpoint, its query (the token) hidden.
    let url = output(&s, "aws-login console --no-browser", 0);
    assert!(
        url.len() == 1
            && url[0].starts_with("http://127.0.0.1:")
            && url[0].ends_with("/federation?…"),
        "{url:?}"
    );
    assert!(!all.contains("SigninToken"), "the sign-in URL stays hidden");

    // unassume clears the identity, the keys and the prompt segment.
    assert_eq!(output(&s, "awsl unassume", 0), [] as [String; 0]);
    assert_eq!(
        output(&s, "echo \"identity=${AWS_LOGIN_IDENTITY-(unset)}", 0)[0],
        "identity=(unset) key=(unset) prompt=[]"
    );
    assert!(stdout.trim_end().ends_with(
        "demo: done (the emulator verified the SigV4 signature of every STS call above)"
    ));

    // Secrets stay masked: alice's key and every printed secret or session token.
    assert!(!all.contains("alice-demo-secret-0000000000000000000000"));
    for line in stdout.lines().filter(|l| {
        [
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "SecretAccessKey",
            "SessionToken",
        ]
        .iter()
        .any(|k| l.contains(k))
            && !l.contains("set -e ")
    }) {
        assert!(line.contains('…'), "masked: {line}");
    }
}
