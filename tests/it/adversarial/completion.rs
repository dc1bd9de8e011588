//! Adversarial: completion. Names in the config, credentials, SSO cache, discovery index
//! and assume history are hostile. Tab (then Enter) in a real bash, zsh and fish never
//! runs or expands anything: names the AWS config parser or IAM would reject are not
//! offered, and valid names the shell cannot hold literally arrive at aws-login intact.

mod init;
mod protocol;
pub mod pty;

use std::path::Path;

use crate::harness::*;
use pty::{Step, play};

pub const PROFILE_CASES: &str = "[default]\nregion = us-east-1\n\
    [profile evil$(touch${IFS}X)]\nregion = us-east-1\n\
    [profile ev`touch X`]\n[profile ev*]\n[profile \"ev il\"]\n[profile ev'q]\n\
    [profile evil~root]\n[profile ev!x]\n[profile ev\tx]\n\
    [profile a%b@c:d+e/f.g_h-i]\nregion = us-east-1\n\
    [sso-session ev$(touch${IFS}X)]\nsso_start_url = http://s.example/start\n\
    [sso-session corp]\nsso_region = us-east-1\n";

/// Valid role ARNs the shell cannot hold literally: a command substitution, a glob, and
/// every quote and operator character IAM allows in a role path.
pub const ARN_SUBST: &str = "arn:aws:iam::111111111111:role/p$(touch${IFS}X)/Admin";
pub const ARN_GLOB: &str = "arn:aws:iam::222222222222:role/g*/Glob";
pub const ARN_QUOTES: &str = r#"arn:aws:iam::333333333333:role/q'"`\;|&<>{a,b}~!#/Name"#;
pub const URL_HOSTILE: &str = "https://evil.example/start?a=$(touch${IFS}X)&b='\"*~!`x`";

/// Role ARNs that do not parse as role ARNs; never offered.
const BAD_ARNS: [&str; 4] = [
    "arn:aws:iam::12:role/Short",
    "arn:aws:s3:::bucket$(touch${IFS}X)",
    "arn:aws:iam::444444444444:role/Bad$(touch X)",
    "arn:aws:iam::444444444444:user/NotARole",
];

/// A home where every file completion reads holds hostile names.
pub fn hostile_home(w: &World) {
    w.write(".aws/config", PROFILE_CASES);
    w.write(".aws/credentials", "[ev;touch X]\n[ev|x]\n");
    w.write(
        ".aws/sso/cache/a.json",
        &cached_token(URL_HOSTILE, "us-east-1"),
    );
    // A valid start URL in a file that is no valid token (its region would reach a config).
    w.write(
        ".aws/sso/cache/region.json",
        &cached_token("https://region.example/start", "us-east-1\n[profile x]"),
    );
    for (i, url) in [
        "http://plain.example/start",
        "https://user:pw@cred.example/start",
        "https://x.example/\n[profile y]",
        "https://x.example/ spaced",
    ]
    .iter()
    .enumerate()
    {
        w.write(
            &format!(".aws/sso/cache/bad{i}.json"),
            &cached_token(url, "us-east-1"),
        );
    }
    let index = serde_json::json!({
        "startUrl": "https://u:p@index.example/start",
        "updatedAt": "2026-01-01T00:00:00Z",
        "accounts": {
            "123456789012": {"name": "prod\u{1b}]0;pwned\u{7}\u{1b}[31m", "roles": ["Admin$(touch X)", "Ad*", "Ad min", "Admin\ntouch X"]},
            "12$(touch X)": {"name": "bad", "roles": []},
            "1234567890123": {"name": "long", "roles": []}
        }
    });
    w.write(
        ".local/state/aws-login/sso-index/a.json",
        &index.to_string(),
    );
    w.write(
        ".local/state/aws-login/assumed-roles",
        &history(&[ARN_SUBST]),
    );
}

/// An SSO token cache file in the AWS CLI's format.
fn cached_token(start_url: &str, region: &str) -> String {
    serde_json::json!({
        "startUrl": start_url,
        "region": region,
        "accessToken": "t",
        "expiresAt": "2030-01-01T00:00:00Z",
    })
    .to_string()
}

pub fn history(valid: &[&str]) -> String {
    let mut lines: Vec<&str> = BAD_ARNS.to_vec();
    lines.extend(valid);
    lines.join("\n") + "\n"
}

/// `aws-login` on PATH is a stand-in that records its arguments; completion still asks
/// the real binary (the path `shell init` wrote).
fn recording_shim(w: &World) -> String {
    let shim = w.executable(
        "shim/aws-login",
        "#!/bin/sh\nfor a in \"$@\"; do printf 'ARG<%s>\\n' \"$a\"; done >> \"$HOME/args.log\"\necho --- >> \"$HOME/args.log\"\n",
    );
    let dir = Path::new(&shim)
        .parent()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    format!("{dir}:{}", std::env::var("PATH").unwrap_or_default())
}

/// The shell, and the line that loads the init script of the binary `$AWSL_UNDER_TEST` and
/// binds Ctrl-T to print the command line as `LINE<…>END`, Ctrl-B to print and clear it.
/// (No Ctrl-U or Ctrl-C: typed ahead while the terminal is still in cooked mode, the
/// terminal would act on them.)
pub fn shell_setup(shell: &str) -> (Vec<&'static str>, &'static str) {
    match shell {
        "bash" => (
            vec!["bash", "--norc", "--noprofile", "-i"],
            r#"eval "$("$AWSL_UNDER_TEST" shell init bash)"; bind -x '"\C-t": printf "%s<%s>END\n" LINE "$READLINE_LINE"'; bind -x '"\C-b": printf "%s<%s>END\n" LINE "$READLINE_LINE"; READLINE_LINE='"#,
        ),
        "zsh" => (
            vec!["zsh", "-f", "-i"],
            r#"autoload -Uz compinit && compinit -u -D; eval "$("$AWSL_UNDER_TEST" shell init zsh)"; __t() { zle -I; print -r -- "LI""NE<$BUFFER>END" }; __c() { __t; BUFFER= }; zle -N __t; zle -N __c; bindkey '^T' __t; bindkey '^B' __c"#,
        ),
        _ => (
            vec!["fish", "--no-config", "-i"],
            r#"$AWSL_UNDER_TEST shell init fish | source; bind \ct 'echo; echo "LI""NE<"(commandline)">END"; commandline -f repaint'; bind \cb 'echo; echo "LI""NE<"(commandline)">END"; commandline ""; commandline -f repaint'"#,
        ),
    }
}

/// Type `line`, Tab, then show the line; then run it (Enter) or clear it.
pub fn tab(steps: &mut Vec<Step>, line: &str, run: bool) {
    let show = if run { '\x14' } else { '\x02' };
    steps.push(Step::Send(format!("{line}\t{show}")));
    steps.push(Step::Expect(">END".into()));
    if run {
        steps.push(Step::Send("\r".into()));
        steps.push(Step::Send("echo DO''NE\r".into()));
        steps.push(Step::Expect("DONE".into()));
    }
}

pub fn lines_shown(screen: &str) -> Vec<String> {
    screen
        .split("LINE<")
        .skip(1)
        .filter_map(|s| s.split_once(">END").map(|(l, _)| l.trim_end().to_string()))
        .collect()
}

#[test]
fn tab_then_enter_in_real_bash_zsh_and_fish_never_runs_or_expands_a_hostile_name() {
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) || !have("python3") {
            continue;
        }
        let w = World::new();
        hostile_home(&w);
        let state = w.home().join(".local/state/aws-login/assumed-roles");
        // A file the glob in ARN_GLOB would match, were it expanded.
        w.write("arn:aws:iam::222222222222:role/gX/Glob", "");
        let (argv, setup) = shell_setup(shell);
        let mut steps = vec![
            Step::Send(format!("{setup}; echo RE''ADY\r")),
            Step::Expect("READY".into()),
        ];
        tab(&mut steps, "awsl assume ev", false);
        tab(&mut steps, "awsl assume --sso-role-name Ad", false);
        tab(&mut steps, "awsl assume --sso-acct-id 12", false);
        for arn in [ARN_SUBST, ARN_GLOB, ARN_QUOTES] {
            steps.push(Step::Write(state.clone(), history(&[arn])));
            tab(&mut steps, "aws-login getcallerid --assume-roles arn", true);
        }
        tab(&mut steps, "aws-login getcallerid --start-url htt", true);
        let env = [
            ("PATH", recording_shim(&w)),
            ("PS1", "$ ".to_string()),
            ("AWSL_UNDER_TEST", BIN.to_string()),
        ];
        let screen = play(&w, &argv, &env, &steps);

        let shown = lines_shown(&screen);
        assert_eq!(
            shown[..3],
            [
                "awsl assume ev",
                "awsl assume --sso-role-name Ad",
                "awsl assume --sso-acct-id 123456789012"
            ],
            "{shell}: invalid names were offered:\n{screen}"
        );
        let args = std::fs::read_to_string(w.home().join("args.log")).unwrap_or_default();
        let expected: String = [ARN_SUBST, ARN_GLOB, ARN_QUOTES]
            .iter()
            .map(|a| format!("ARG<getcallerid>\nARG<--assume-roles>\nARG<{a}>\n---\n"))
            .chain([format!(
                "ARG<getcallerid>\nARG<--start-url>\nARG<{URL_HOSTILE}>\n---\n"
            )])
            .collect();
        assert_eq!(args, expected, "{shell}: lines {shown:?}\n{screen}");
        assert!(
            !w.home().join("X").exists(),
            "{shell}: a completed name ran a command:\n{screen}"
        );
    }
}
