//! xonsh: `execx($(aws-login shell init xonsh))`, `$NAME = "…"` code run by the alias after
//! the marker, the `{awsl}` prompt field, the completer.

use super::*;

/// Runs the xonsh `script` (a file, so that it may span lines) without a run-control file.
pub(super) fn xonsh(w: &World, script: &str) -> Out {
    let file = w.write("script.xsh", script);
    w.cmd(&["--no-rc", &file.display().to_string()])
        .program(which("xonsh").unwrap())
        .run()
}

/// Loads a rendered script. Read by Python, not `$(cat …)`: under a loaded machine a
/// non-interactive xonsh now and then captured nothing from the subprocess, and the test
/// then failed for want of `awsl`. The init test (more_shells/mod.rs) still loads through
/// `execx($(…))`, the way the documented line does.
pub(super) fn load(init: &std::path::Path) -> String {
    format!("execx(open('{}').read())\n", init.display())
}

/// xonsh code that writes VARS NUL-separated to `file` (the segment from awsl_prompt_info).
fn dump_to(file: &std::path::Path) -> String {
    format!(
        "with open('{}', 'w') as f: f.write('\\0'.join(awsl_prompt_info() if v == 'AWSL_PROMPT' else str(${{...}}.get(v, '<unset>')) for v in {VARS:?}))\n",
        file.display(),
    )
}

#[test]
fn xonsh_assume_and_unassume_round_trip_with_a_hostile_name() {
    if !have("xonsh") {
        return;
    }
    let w = hostile_world();
    let t = w.fake.issue_sso_token(3600, false);
    let init = render(&w, "xonsh", &["--prompt"], "rt.xsh");
    let d = |n: usize| dump_to(&w.home().join(format!("xsh-dump{n}")));
    let script = format!(
        "{load}awsl assume --sso-access-token {tok} --sso-acct-id 111111111111 --sso-role-name Admin --assume-roles {FROM_SSO},{VIEWER}\n{d1}\
         awsl getcallerid\n\
         awsl assume --sso-access-token {tok} --sso-acct-id {EVIL_ACCOUNT} --sso-role-name Admin\n{d2}\
         awsl unassume\n{d3}",
        load = load(&init),
        tok = t.access_token,
        d1 = d(1),
        d2 = d(2),
        d3 = d(3),
    );
    let out = xonsh(&w, &script);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    check_round_trip(&w, "xsh-dump", &out.stdout);
    assert!(
        out.stdout
            .contains("arn:aws:sts::333333333333:assumed-role/ConsoleViewer/aws-login"),
        "{}",
        out.stdout
    );
}

#[test]
fn xonsh_prints_help_and_failures_and_changes_nothing() {
    if !have("xonsh") {
        return;
    }
    let w = World::new().with_user_profiles();
    let init = render(&w, "xonsh", &[], "h.xsh");
    let out = xonsh(
        &w,
        &format!(
            "{}$AWS_ACCESS_KEY_ID = 'before'\nawsl --version | tr a-z A-Z\nawsl assume --help\nr = ![awsl assume no-such-profile]\nprint(f'rc={{r.returncode}}')\nprint('key=' + $AWS_ACCESS_KEY_ID)\n",
            load(&init)
        ),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // A passed-through command's output goes down a pipe like any command's.
    assert!(out.stdout.starts_with("AWS-LOGIN "), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("\nSet the identity in the current shell"),
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
fn xonsh_refresh_renews_from_the_cache_and_never_opens_a_browser() {
    if !have("xonsh") {
        return;
    }
    let w = World::new();
    let init = render(&w, "xonsh", &[], "r.xsh");
    let browser = w.fetching_browser();
    let log = w.home().join("browser.log");
    let file = w.write(
        "script.xsh",
        &format!(
            "{}awsl assume --start-url {START_URL} --sso-acct-id 111111111111 --sso-role-name Admin\nold = $AWS_ACCESS_KEY_ID\nrm -f '{log}'\nawsl refresh\n\
             if old != $AWS_ACCESS_KEY_ID: print('renewed')\n\
             rm -rf $HOME/.aws/sso/cache\nr = ![awsl refresh]\nprint(f'rc={{r.returncode}}')\nimport os\nif os.path.exists('{log}'): print('browser-opened')\n",
            load(&init),
            log = log.display()
        ),
    );
    let out = w
        .cmd(&["--no-rc", &file.display().to_string()])
        .program(which("xonsh").unwrap())
        .env("BROWSER", &browser)
        .run();
    assert!(
        out.stdout.contains("renewed") && out.stdout.contains("rc=1"),
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
fn xonsh_dumpcreds_code_sets_back_hostile_values_byte_for_byte() {
    if !have("xonsh") {
        return;
    }
    let w = World::new();
    let creds = w.write("creds.xsh", &dump(&w, "xonsh"));
    let back = w.home().join("back");
    let script = format!(
        "execx($(cat '{}'))\nwith open('{}', 'w') as f: f.write('\\0'.join(str(${{...}}.get(v, '<unset>')) for v in ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE']))\n",
        creds.display(),
        back.display()
    );
    let file = w.write("script.xsh", &script);
    let out = w
        .cmd(&["--no-rc", &file.display().to_string()])
        .program(which("xonsh").unwrap())
        .env("AWS_PROFILE", "stale")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        read_nul(back)[..6],
        [KEY, SECRET, TOKEN, "eu-west-3", "eu-west-3", "<unset>"]
    );
}

/// xonsh formats $PROMPT with its fields before every prompt; here 20 times, as it does.
#[test]
fn xonsh_prompts_cost_no_call_and_the_field_is_added_once() {
    if !have("xonsh") {
        return;
    }
    let w = World::new().with_user_profiles();
    let (init, count) = counting_init(&w, "xonsh");
    let script = format!(
        "{l}{l}awsl assume alice --assume-roles {DEPLOY}\nrm -f '{c}'\n\
         from xonsh.prompt.base import PromptFormatter\nfmt = PromptFormatter()\n\
         for i in range(20): print('prompt=' + fmt($PROMPT))\n\
         print('fields=' + str($PROMPT.count('{{awsl')))\n",
        l = load(&init),
        c = count.display(),
    );
    let out = xonsh(&w, &script);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.matches("prompt=[222222222222-Deploy ").count(),
        20,
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("fields=1"), "{}", out.stdout);
    assert_eq!(calls(&count), 0, "prompts called aws-login");
}

#[test]
fn xonsh_completes_profiles_accounts_and_roles_and_offers_no_hostile_name() {
    if !have("xonsh") {
        return;
    }
    let w = hostile_world();
    w.write(
        ".aws/config",
        "[profile dev]\nregion = eu-west-1\n[profile p$(touch PWNED)]\nregion = eu-west-1\n[profile dev'q]\n",
    );
    let init = render(&w, "xonsh", &[], "c.xsh");
    let script = format!(
        "{}from xonsh.completer import Completer\nc = Completer()\n\
         for line in ['awsl assume --profile ', 'awsl assume --sso-acct-id 7', 'awsl assume --sso-acct-id 111111111111 --sso-role-name ', 'aws-login getcallerid --profile d']:\n    \
         got, _ = c.complete(line.split(' ')[-1], line, len(line) - len(line.split(' ')[-1]), len(line), multiline_text=line, cursor_index=len(line))\n    \
         print(','.join(sorted(str(g) for g in got)))\n",
        load(&init)
    );
    let out = xonsh(&w, &script);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(got.len(), 4, "{}", out.stdout);
    assert!(got[0].split(',').any(|p| p == "dev"), "{}", got[0]);
    assert!(
        !got[0].contains('$') && !got[0].contains('\''),
        "{}",
        got[0]
    );
    assert_eq!(got[1], EVIL_ACCOUNT);
    assert!(got[2].split(',').any(|r| r == "Admin"), "{}", got[2]);
    assert_eq!(got[3], "dev");
    assert!(!w.home().join("PWNED").exists());
}

#[test]
fn xonsh_auto_refresh_fires_once_near_expiry() {
    if !have("xonsh") {
        return;
    }
    let w = World::new().with_user_profiles();
    let (init, count) = counting_init(&w, "xonsh");
    let script = format!(
        "{l}awsl assume alice --assume-roles {DEPLOY}\nimport time\n$AWS_LOGIN_AUTO_REFRESH = '1'\n\
         $AWS_LOGIN_EXPIRES_EPOCH = str(int(time.time()) + 120)\nold = $AWS_ACCESS_KEY_ID\nrm -f '{c}'\n\
         from xonsh.prompt.base import PromptFormatter\nfmt = PromptFormatter()\n\
         for i in range(10): _ = fmt($PROMPT)\n\
         if old != $AWS_ACCESS_KEY_ID: print('renewed')\n\
         print('left=' + str(int($AWS_LOGIN_EXPIRES_EPOCH) - int(time.time())))\n",
        l = load(&init),
        c = count.display()
    );
    let out = xonsh(&w, &script);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("renewed"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    let left: i64 = out
        .stdout
        .split("left=")
        .nth(1)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(left > 600, "the new identity lasts: {left}");
    assert_eq!(calls(&count), 1, "one refresh");
}
