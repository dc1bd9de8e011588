//! elvish: the script evaluated with `eval (… | slurp)` at an interactive prompt (its
//! functions reach the REPL through `edit:add-var`, which exists only there, so a pty from
//! `script` runs each session), `set-env` code, the after-command hook, the arg-completer.

use super::*;

/// Runs `lines` at elvish's interactive prompt; what they write to files is what counts
/// (the terminal output is the line editor's drawing).
pub(super) fn session(w: &World, lines: &str) -> Out {
    w.cmd(&["-qec", "elvish -norc", "/dev/null"])
        .program(which("script").unwrap())
        .env("TERM", "xterm")
        .run_with_stdin(Some(&format!("{lines}exit\n")))
}

pub(super) fn have_elvish() -> bool {
    have("elvish") && have("script")
}

/// elvish code that writes VARS NUL-separated to `file` (the segment from awsl_prompt_info).
fn dump_to(file: &std::path::Path) -> String {
    let names: Vec<&str> = VARS
        .iter()
        .map(|v| if *v == "AWSL_PROMPT" { "-" } else { v })
        .collect();
    format!(
        "for v [{}] {{ if (==s $v -) {{ print (awsl_prompt_info) }} elif (has-env $v) {{ print (get-env $v) }} else {{ print '<unset>' }}; print (str:from-codepoints 0) }} > '{}'\n",
        names.join(" "),
        file.display()
    )
}

pub(super) fn load(init: &std::path::Path) -> String {
    format!("use str\neval (slurp < '{}')\n", init.display())
}

#[test]
fn elvish_assume_and_unassume_round_trip_with_a_hostile_name() {
    if !have_elvish() {
        return;
    }
    let w = hostile_world();
    let t = w.fake.issue_sso_token(3600, false);
    let init = render(&w, "elvish", &["--prompt"], "rt.elv");
    let d = |n: usize| dump_to(&w.home().join(format!("elv-dump{n}")));
    let caller = w.home().join("caller");
    let lines = format!(
        "{load}awsl assume --sso-access-token {tok} --sso-acct-id 111111111111 --sso-role-name Admin --assume-roles {FROM_SSO},{VIEWER}\n{d1}\
         awsl getcallerid > '{caller}'\n\
         awsl assume --sso-access-token {tok} --sso-acct-id {EVIL_ACCOUNT} --sso-role-name Admin\n{d2}\
         awsl unassume\n{d3}",
        load = load(&init),
        tok = t.access_token,
        caller = caller.display(),
        d1 = d(1),
        d2 = d(2),
        d3 = d(3),
    );
    let out = session(&w, &lines);
    check_round_trip(&w, "elv-dump", &out.stdout);
    let arn = std::fs::read_to_string(&caller).unwrap();
    assert!(arn.contains("arn:aws:sts::333333333333:assumed-role/ConsoleViewer/aws-login"));
}

#[test]
fn elvish_prints_help_and_raises_failures_and_changes_nothing() {
    if !have_elvish() {
        return;
    }
    let w = World::new().with_user_profiles();
    let init = render(&w, "elvish", &[], "h.elv");
    let log = w.home().join("log");
    let out = session(
        &w,
        &format!(
            "{}set-env AWS_ACCESS_KEY_ID before\nawsl assume --help > '{l}'\ntry {{ awsl assume no-such-profile 2>> '{l}' }} catch e {{ echo 'raised '$e[reason][exit-status] >> '{l}' }}\necho key=$E:AWS_ACCESS_KEY_ID >> '{l}'\n",
            load(&init),
            l = log.display()
        ),
    );
    let text = std::fs::read_to_string(&log).unwrap_or_else(|_| out.stdout.clone());
    assert!(
        text.starts_with("Set the identity in the current shell"),
        "{text}"
    );
    assert!(
        text.contains("raised 2") && text.contains("key=before"),
        "{text}"
    );
    assert!(text.contains("profile 'no-such-profile'"), "{text}");
}

#[test]
fn elvish_refresh_renews_from_the_cache_and_never_opens_a_browser() {
    if !have_elvish() {
        return;
    }
    let w = World::new();
    let init = render(&w, "elvish", &[], "r.elv");
    let browser = w.fetching_browser();
    let blog = w.home().join("browser.log");
    let log = w.home().join("log");
    let lines = format!(
        "{}awsl assume --start-url {START_URL} --sso-acct-id 111111111111 --sso-role-name Admin\nvar old = $E:AWS_ACCESS_KEY_ID\nrm -f '{b}'\nawsl refresh\nif (!=s $old $E:AWS_ACCESS_KEY_ID) {{ echo renewed >> '{l}' }}\n\
         rm -rf $E:HOME/.aws/sso/cache\ntry {{ awsl refresh 2>> '{l}' }} catch e {{ echo 'rc='$e[reason][exit-status] >> '{l}' }}\nif ?(test -e '{b}') {{ echo browser-opened >> '{l}' }}\n",
        load(&init),
        b = blog.display(),
        l = log.display()
    );
    let out = w
        .cmd(&["-qec", "elvish -norc", "/dev/null"])
        .program(which("script").unwrap())
        .env("TERM", "xterm")
        .env("BROWSER", &browser)
        .run_with_stdin(Some(&format!("{lines}exit\n")));
    let text = std::fs::read_to_string(&log).unwrap_or_else(|_| out.stdout.clone());
    assert!(text.contains("renewed") && text.contains("rc=1"), "{text}");
    assert!(!text.contains("browser-opened"));
    assert!(text.contains("--no-sign-in forbids it"), "{text}");
}

#[test]
fn elvish_dumpcreds_code_sets_back_hostile_values_byte_for_byte() {
    if !have("elvish") {
        return;
    }
    let w = World::new();
    let file = w.write("creds.elv", &dump(&w, "elvish"));
    let out = w
        .cmd(&[
            "-norc",
            "-c",
            &format!(
                "use str; eval (slurp < '{}'); for v [AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION AWS_PROFILE] {{ if (has-env $v) {{ print (get-env $v) }} else {{ print '<unset>' }}; print (str:from-codepoints 0) }}",
                file.display()
            ),
        ])
        .program(which("elvish").unwrap())
        .env("AWS_PROFILE", "stale")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got: Vec<&str> = out.stdout.split('\0').take(6).collect();
    assert_eq!(
        got,
        [KEY, SECRET, TOKEN, "eu-west-3", "eu-west-3", "<unset>"]
    );
}

#[test]
fn elvish_prompts_cost_no_call_and_the_hook_registers_once() {
    if !have_elvish() {
        return;
    }
    let w = World::new().with_user_profiles();
    let (init, count) = counting_init(&w, "elvish");
    let log = w.home().join("log");
    let lines = format!(
        "{l}{l2}awsl assume alice --assume-roles {DEPLOY}\nrm -f '{c}'\n{prompts}echo 'prompt='(repr ($edit:prompt))' hooks='(count $edit:after-command)' id='$E:AWS_LOGIN_IDENTITY' seg='(awsl_prompt_info) > '{o}'\n",
        l = load(&init),
        l2 = load(&init),
        c = count.display(),
        o = log.display(),
        prompts = "nop\n".repeat(20)
    );
    let out = session(&w, &lines);
    let text = std::fs::read_to_string(&log).unwrap_or_else(|_| out.stdout.clone());
    // The default after-command hook, and ours once.
    assert!(text.contains("hooks=2"), "{text}");
    // Wrapped once, around the user's prompt.
    assert!(text.contains("prompt='[222222222222-Deploy "), "{text}");
    assert_eq!(text.matches("222222222222-Deploy 1h").count(), 2, "{text}");
    assert!(text.contains("(ui:text-segment '# '"), "{text}");
    assert_eq!(calls(&count), 0, "prompts called aws-login");
}

#[test]
fn elvish_completes_profiles_accounts_and_roles_and_offers_no_hostile_name() {
    if !have_elvish() {
        return;
    }
    let w = hostile_world();
    w.write(
        ".aws/config",
        "[profile dev]\nregion = eu-west-1\n[profile p$(touch PWNED)]\nregion = eu-west-1\n[profile dev'q]\n[profile dev@x%y+z]\nregion = eu-west-1\n",
    );
    let init = render(&w, "elvish", &[], "c.elv");
    let log = w.home().join("log");
    let mut lines = load(&init);
    for words in [
        "awsl assume --profile ''",
        "awsl assume --sso-acct-id 7",
        "awsl assume --sso-acct-id 111111111111 --sso-role-name ''",
        "aws-login getcallerid --profile d",
    ] {
        let head = words.split(' ').next().unwrap();
        lines.push_str(&format!(
            "echo (str:join , [($edit:completion:arg-completer[{head}] {words})]) >> '{}'\n",
            log.display()
        ));
    }
    let out = session(&w, &lines);
    let text = std::fs::read_to_string(&log).unwrap_or_else(|_| out.stdout.clone());
    let got: Vec<&str> = text.lines().collect();
    assert_eq!(got.len(), 4, "{text}");
    // elvish quotes what it inserts: a valid name goes as it is; invalid ones never.
    assert_eq!(got[0], "alice,bob,dev,dev@x%y+z", "{}", got[0]);
    assert_eq!(got[1], EVIL_ACCOUNT);
    assert!(got[2].split(',').any(|r| r == "Admin"), "{}", got[2]);
    assert_eq!(got[3], "dev,dev@x%y+z");
    assert!(!w.home().join("PWNED").exists());
}

/// Tab at elvish's prompt inserts the name (quoted by elvish as it needs), and Enter passes
/// exactly that name.
#[test]
fn elvish_tab_inserts_a_name_with_odd_characters_that_reaches_aws_login_exactly() {
    use crate::picker::pty::{Step::*, play};
    if !have("elvish") {
        return;
    }
    let w = World::new();
    w.write(
        ".aws/config",
        "[profile dev@x%y+z]\nregion = eu-west-1\n[profile p$(touch PWNED)]\nregion = eu-west-1\n",
    );
    let init = render(&w, "elvish", &[], "tab.elv");
    let steps = [
        Type(format!(
            "eval (slurp < '{}'); echo load''ed\n",
            init.display()
        )),
        Expect("loaded"),
        Sleep(0.3),
        Send("awsl assume --profile d"),
        Sleep(0.3),
        Send("\t"),
        Sleep(0.5),
        Send("\n"),
        Expect("aws-login: profile 'dev@x%y+z' holds no credentials"),
        Send("exit\n"),
    ];
    play(&w, &["elvish", "-norc"], &[], &steps);
    assert!(!w.home().join("PWNED").exists());
}

#[test]
fn elvish_auto_refresh_fires_once_near_expiry() {
    if !have_elvish() {
        return;
    }
    let w = World::new().with_user_profiles();
    let (init, count) = counting_init(&w, "elvish");
    let log = w.home().join("log");
    let lines = format!(
        // The hook runs after every command line, the one that sets the expiry included.
        "{l}awsl assume alice --assume-roles {DEPLOY}\nvar old = $E:AWS_ACCESS_KEY_ID\nrm -f '{c}'\n\
         set-env AWS_LOGIN_AUTO_REFRESH 1; set-env AWS_LOGIN_EXPIRES_EPOCH (to-string (+ (num (date +%s)) 120))\n\
         {prompts}if (!=s $old $E:AWS_ACCESS_KEY_ID) {{ echo renewed >> '{o}' }}\n\
         echo left=(- (num $E:AWS_LOGIN_EXPIRES_EPOCH) (num (date +%s))) >> '{o}'\n",
        l = load(&init),
        c = count.display(),
        o = log.display(),
        prompts = "nop\n".repeat(10)
    );
    let out = session(&w, &lines);
    let text = std::fs::read_to_string(&log).unwrap_or_else(|_| out.stdout.clone());
    assert!(text.contains("renewed"), "{text}");
    let left: i64 = text.split("left=").nth(1).unwrap().trim().parse().unwrap();
    assert!(left > 600, "the new identity lasts: {left}");
    assert_eq!(calls(&count), 1, "one refresh");
}
