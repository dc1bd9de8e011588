//! nushell: the script saved to a file and `source`d, the JSON the function reads with
//! `from json`, the pre_prompt hook, the custom completer.

use super::*;

/// Runs `script` in `nu` without a config file; stdout and stderr as printed.
pub(super) fn nu(w: &World, script: &str) -> Out {
    w.cmd(&["--no-config-file", "--commands", script])
        .program(which("nu").unwrap())
        .run()
}

/// nushell code that writes VARS NUL-separated to `file` (`<unset>` for absent or null).
fn dump_to(file: &std::path::Path) -> String {
    let names: Vec<String> = VARS.iter().map(|v| format!("'{v}'")).collect();
    format!(
        "[{}] | each {{|v| $env | get -o $v | default '<unset>' }} | str join (char nul) | save -f '{}'",
        names.join(" "),
        file.display()
    )
}

#[test]
fn nushell_assume_and_unassume_round_trip_with_a_hostile_name() {
    if !have("nu") {
        return;
    }
    let w = hostile_world();
    let t = w.fake.issue_sso_token(3600, false);
    let init = render(&w, "nushell", &["--prompt"], "rt.nu");
    let d = |n: usize| dump_to(&w.home().join(format!("nu-dump{n}")));
    let script = format!(
        "source '{init}'; awsl assume --sso-access-token {tok} --sso-acct-id 111111111111 --sso-role-name Admin --assume-roles {FROM_SSO},{VIEWER}; {d1}; \
         awsl getcallerid; \
         awsl assume --sso-access-token {tok} --sso-acct-id {EVIL_ACCOUNT} --sso-role-name Admin; {d2}; \
         awsl unassume; {d3}",
        init = init.display(),
        tok = t.access_token,
        d1 = d(1),
        d2 = d(2),
        d3 = d(3),
    );
    let out = nu(&w, &script);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    check_round_trip(&w, "nu-dump", &out.stdout);
    assert!(
        out.stdout
            .contains("arn:aws:sts::333333333333:assumed-role/ConsoleViewer/aws-login"),
        "{}",
        out.stdout
    );
}

#[test]
fn nushell_prints_help_and_failures_and_changes_nothing() {
    if !have("nu") {
        return;
    }
    let w = World::new().with_user_profiles();
    let init = render(&w, "nushell", &[], "h.nu");
    let out = nu(
        &w,
        &format!(
            "source '{}'; $env.AWS_ACCESS_KEY_ID = 'before'; awsl assume --help; \
             awsl assume no-such-profile; print $'rc=($env.LAST_EXIT_CODE)'; print $'key=($env.AWS_ACCESS_KEY_ID)'",
            init.display()
        ),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("Set the identity in the current shell"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("rc=2") && out.stdout.contains("key=before"));
    assert!(out.stderr.contains("profile 'no-such-profile'"));
}

#[test]
fn nushell_refresh_renews_from_the_cache_and_never_opens_a_browser() {
    if !have("nu") {
        return;
    }
    let w = World::new();
    let init = render(&w, "nushell", &[], "r.nu");
    let browser = w.fetching_browser();
    let log = w.home().join("browser.log");
    let out = w
        .cmd(&[
            "--no-config-file",
            "--commands",
            &format!(
                "source '{}'; awsl assume --start-url {START_URL} --sso-acct-id 111111111111 --sso-role-name Admin; \
                 let old = $env.AWS_ACCESS_KEY_ID; rm -f '{log}'; awsl refresh; \
                 if $old != $env.AWS_ACCESS_KEY_ID {{ print renewed }}; \
                 rm -rf ($env.HOME | path join .aws/sso/cache); awsl refresh; print $'rc=($env.LAST_EXIT_CODE)'; \
                 if ('{log}' | path exists) {{ print browser-opened }}",
                init.display(),
                log = log.display()
            ),
        ])
        .program(which("nu").unwrap())
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
fn nushell_dumpcreds_record_loads_back_hostile_values_byte_for_byte() {
    if !have("nu") {
        return;
    }
    let w = World::new();
    for form in ["nushell", "nu"] {
        let file = w.write("creds.json", &dump(&w, form));
        let back = w.home().join("back");
        let out = w
            .cmd(&[
                "--no-config-file",
                "--commands",
                &format!(
                    "open --raw '{}' | from json | load-env; ^sh -c 'for v in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION; do printf \"%s\\0\" \"$(printenv $v)\"; done; printf \"%s\\0\" \"${{AWS_PROFILE-<unset>}}\"' | save -f '{}'",
                    file.display(),
                    back.display()
                ),
            ])
            .program(which("nu").unwrap())
            .env("AWS_PROFILE", "stale")
            .run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        let got = read_nul(back);
        // $(…) strips trailing newlines; the token ends in \u{1}, so nothing is lost.
        assert_eq!(
            got[..6],
            [KEY, SECRET, TOKEN, "eu-west-3", "eu-west-3", "<unset>"],
            "{form}"
        );
    }
}

/// The REPL runs each `pre_prompt` hook string and then PROMPT_COMMAND before every
/// prompt; here they run 20 times as it runs them, and the segment shows exactly once per
/// prompt (repl.rs drives the real loop on a terminal).
#[test]
fn nushell_prompts_cost_no_call_and_the_hook_registers_once() {
    if !have("nu") {
        return;
    }
    let w = World::new().with_user_profiles();
    let (init, count) = counting_init(&w, "nushell");
    let script = format!(
        "source '{i}'; source '{i}'; awsl assume alice --assume-roles {DEPLOY}; rm -f '{c}'; \
         $env.PROMPT_INDICATOR = ''; \
         for n in 1..20 {{ for h in $env.config.hooks.pre_prompt {{ __awsl_update }}; print (do $env.PROMPT_COMMAND) }}; \
         print $'seg=($env.AWSL_PROMPT) hooks=($env.config.hooks.pre_prompt | where $it == __awsl_update | length)'",
        i = init.display(),
        c = count.display(),
    );
    let out = nu(&w, &script);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("seg=222222222222-Deploy ") && out.stdout.contains("hooks=1"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    let shown = out.stdout.matches("[222222222222-Deploy ").count();
    assert_eq!(
        shown, 20,
        "the segment shows once per prompt: {}",
        out.stdout
    );
    assert_eq!(calls(&count), 0, "prompts called aws-login");
}

#[test]
fn nushell_completes_profiles_accounts_and_roles_and_offers_no_hostile_name() {
    if !have("nu") {
        return;
    }
    let w = hostile_world();
    w.write(
        ".aws/config",
        "[profile dev]\nregion = eu-west-1\n[profile p$(touch PWNED)]\nregion = eu-west-1\n[profile dev'q]\n",
    );
    let init = render(&w, "nushell", &[], "c.nu");
    let out = nu(
        &w,
        &format!(
            "source '{}'; ['awsl assume --profile ' 'awsl assume --sso-acct-id 7' 'awsl assume --sso-acct-id 111111111111 --sso-role-name '] | each {{|l| __awsl_complete $l | get value | str join ',' }} | str join (char nl) | print",
            init.display()
        ),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert!(lines[0].split(',').any(|p| p == "dev"), "{}", lines[0]);
    assert!(
        !lines[0].contains('$') && !lines[0].contains('\''),
        "{}",
        lines[0]
    );
    assert_eq!(lines[1], EVIL_ACCOUNT);
    assert!(lines[2].split(',').any(|r| r == "Admin"), "{}", lines[2]);
    assert!(!w.home().join("PWNED").exists());
}

#[test]
fn nushell_auto_refresh_fires_once_near_expiry() {
    if !have("nu") {
        return;
    }
    let w = World::new().with_user_profiles();
    let (init, count) = counting_init(&w, "nushell");
    let script = format!(
        "source '{i}'; awsl assume alice --assume-roles {DEPLOY}; $env.AWS_LOGIN_AUTO_REFRESH = '1'; \
         $env.AWS_LOGIN_EXPIRES_EPOCH = ((date now | into int) // 1_000_000_000 + 120 | into string); \
         let old = $env.AWS_ACCESS_KEY_ID; rm -f '{c}'; \
         for n in 1..10 {{ __awsl_update }}; \
         if $old != $env.AWS_ACCESS_KEY_ID {{ print renewed }}; \
         print $'left=(($env.AWS_LOGIN_EXPIRES_EPOCH | into int) - (date now | into int) // 1_000_000_000)'",
        i = init.display(),
        c = count.display()
    );
    let out = nu(&w, &script);
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
