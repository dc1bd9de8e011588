//! The shells beyond bash, zsh and fish, one module each, in the real shell: `shell init`
//! and its loading line, `awsl assume|unassume|refresh` with hostile names, `dumpcreds
//! --outform` with hostile values, the prompt segment without a process per prompt, and
//! completion.

mod elvish;
mod nushell;
mod parity;
mod repl;
mod starship;
mod xonsh;

use std::path::PathBuf;

use crate::harness::*;

pub const EVIL_ACCOUNT: &str = "777777777777";
pub const EVIL_NAME: &str = "evil $(touch PWNED) `touch PWNED2` 'q' \"d\" 100% é \\n\nnext";

/// The variables an assume sets, in the order the dumps print them.
pub const VARS: [&str; 10] = [
    "AWS_LOGIN_IDENTITY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_LOGIN_EXPIRES_EPOCH",
    "AWSL_PROMPT",
    "AWS_PROFILE",
];

/// dumpcreds input that breaks naive quoting.
pub const KEY: &str = "AKIA'quote\"dq";
pub const SECRET: &str =
    "s3cr3t $HOME `id` $(id) ($env.HOME) {x} 'x' \"y\" \\n back\\slash\nnew line;|&<>*?! ‘smart’ é";
pub const TOKEN: &str = "tok en\t$USER`uname`'\"\n\nend\u{1}";

/// alice's profiles and an Identity Center account whose name is hostile, in the index.
pub fn hostile_world() -> World {
    let name = serde_json::to_string(EVIL_NAME).unwrap();
    let json = scenario_json().replace(
        r#""assignments": ["#,
        &format!(r#""assignments": [{{"account_id": "{EVIL_ACCOUNT}", "account_name": {name}, "roles": ["Admin"]}}, "#),
    );
    let w = World::with_scenario(&json).with_user_profiles();
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

/// `dumpcreds --outform FORM` of the hostile values.
pub fn dump(w: &World, outform: &str) -> String {
    let out = w
        .cmd(&["dumpcreds", "--outform", outform, "--region", "eu-west-3"])
        .env("AWS_ACCESS_KEY_ID", KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_SESSION_TOKEN", TOKEN)
        .run();
    out.ok();
    out.stdout.clone()
}

/// A stand-in for aws-login that counts its calls, substituted into a rendered script.
pub fn counting_init(w: &World, shell: &str) -> (PathBuf, PathBuf) {
    let count = w.home().join("calls");
    let shim = w.executable(
        "aws-login-shim",
        &format!(
            "#!/bin/sh\necho call >> '{}'\nexec '{BIN}' \"$@\"\n",
            count.display()
        ),
    );
    let rendered =
        std::fs::read_to_string(render(w, shell, &["--prompt"], &format!("count-{shell}")))
            .unwrap();
    assert!(rendered.contains(BIN));
    let file = w.write(&format!("count-{shell}"), &rendered.replace(BIN, &shim));
    (file, count)
}

pub fn calls(count: &PathBuf) -> usize {
    std::fs::read_to_string(count)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

/// The round trip's three dumps in the home, `{prefix}1` to `{prefix}3`: after an SSO
/// assume with two hops, after one whose portal names are hostile, after unassume. Each
/// holds what it must, and no hostile name ran. `context` is shown when the first fails.
pub fn check_round_trip(w: &World, prefix: &str, context: &str) {
    let read = |n: usize| read_nul(w.home().join(format!("{prefix}{n}")));
    let issued = w.fake.issued_secrets();
    let d = read(1);
    assert_eq!(d[0], "333333333333-ConsoleViewer", "{context}");
    assert!(d[1].starts_with("ASIA"));
    assert!(issued.contains(&d[2]) && issued.contains(&d[3]));
    assert_eq!((d[4].as_str(), d[5].as_str()), ("<unset>", "<unset>"));
    let exp = chrono::DateTime::parse_from_rfc3339(&d[6]).unwrap();
    assert_eq!(exp.timestamp().to_string(), d[7]);
    assert!(d[8].starts_with("333333333333-ConsoleViewer "), "{}", d[8]);
    assert_eq!(d[9], "<unset>", "no AWS_PROFILE after hops");
    let d = read(2);
    let shown = EVIL_NAME.replace('\n', "\\u{a}");
    assert_eq!(d[0], format!("{shown}-Admin"));
    // The prompt segment shows the name as text.
    assert!(d[8].starts_with(&format!("{shown}-Admin ")), "{}", d[8]);
    let d = read(3);
    assert!(d.iter().all(|v| v == "<unset>" || v.is_empty()), "{d:?}");
    assert!(!w.home().join("PWNED").exists() && !w.home().join("PWNED2").exists());
}

/// A file of NUL-separated values, split.
pub fn read_nul(path: PathBuf) -> Vec<String> {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.split('\0').map(String::from).collect()
}

/// The name `--cmd` gives the function in an option set (`awsl` without it).
fn cmd_name<'a>(opts: &[&'a str]) -> &'a str {
    opts.iter()
        .position(|o| *o == "--cmd")
        .map_or("awsl", |i| opts[i + 1])
}

#[test]
fn every_init_of_nushell_elvish_and_xonsh_loads_silently_twice_and_defines_its_function() {
    let w = World::new();
    for opts in OPTION_SETS {
        let name = cmd_name(opts);
        if have("nu") {
            let f = render(&w, "nushell", opts, "init.nu");
            let f = f.display();
            let out = w
                .cmd(&[
                    "--no-config-file",
                    "--commands",
                    &format!("source '{f}'; source '{f}'; {name} --version | ignore"),
                ])
                .program(which("nu").unwrap())
                .run();
            assert_eq!(
                (out.code, out.stdout.as_str(), out.stderr.as_str()),
                (0, "", ""),
                "nushell {opts:?}"
            );
        }
        if have("xonsh") {
            let f = render(&w, "xonsh", opts, "init.xsh");
            let script = w.write(
                "load.xsh",
                &format!(
                    "execx($(cat '{f}'))\nexecx($(cat '{f}'))\n_ = !({name} --version)\n",
                    f = f.display()
                ),
            );
            let out = w
                .cmd(&["--no-rc", &script.display().to_string()])
                .program(which("xonsh").unwrap())
                .run();
            assert_eq!(
                (out.code, out.stdout.as_str(), out.stderr.as_str()),
                (0, "", ""),
                "xonsh {opts:?}"
            );
        }
        if have("elvish") && have("script") {
            let f = render(&w, "elvish", opts, "init.elv");
            // Evaluated at an interactive prompt: `edit:` exists only there.
            let done = w.home().join("elvish-loaded");
            let _ = std::fs::remove_file(&done);
            let out = w
                .cmd(&["-qec", "elvish -norc", "/dev/null"])
                .program(which("script").unwrap())
                .env("TERM", "xterm")
                .run_with_stdin(Some(&format!(
                    "eval (slurp < '{f}')\neval (slurp < '{f}')\n{name} --version > /dev/null\necho ok > '{d}'\nexit\n",
                    f = f.display(),
                    d = done.display()
                )));
            assert!(
                !out.stdout.contains("Exception") && !out.stdout.contains("rror"),
                "elvish {opts:?}: {}",
                out.stdout
            );
            assert!(done.exists(), "elvish {opts:?}: {}", out.stdout);
        }
    }
}
