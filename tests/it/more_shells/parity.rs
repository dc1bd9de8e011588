//! What bash, zsh and fish gained after nushell, elvish and xonsh were written, in each of
//! the three: the prompt's mark of a sign-in about to end, the marker `doctor` reads, and
//! `awsl` alone printing its own usage.

use super::elvish::{have_elvish, session};
use super::nushell::nu;
use super::xonsh::xonsh;
use super::*;
use crate::doctor::{sound_world, status_of};
use crate::sso::cache_json;

/// A sound world whose Identity Center sign-in (session corp) has 10 minutes left and no
/// refresh token: `awsl assume prod-admin` exports when it ends.
fn ending_signin() -> (World, i64) {
    let w = sound_world();
    let t = w.fake.issue_sso_token(600, false);
    w.write(".aws/sso/cache/.keep", "");
    std::fs::write(w.sso_cache_file("corp"), cache_json(&t, "us-east-1")).unwrap();
    (w, t.expires_at.timestamp())
}

/// What follows `label=` on its line, for each line that has it.
fn values<'a>(text: &'a str, label: &str) -> Vec<&'a str> {
    let key = format!("{label}=");
    text.lines()
        .filter_map(|l| l.split_once(key.as_str()).map(|(_, v)| v))
        .collect()
}

/// The prompt lines, the sign-in's end as exported, the segment once the end has passed,
/// with an epoch of 13 digits, and after `awsl unassume`: checked the same in each shell.
fn check_signin_mark(shell: &str, text: &str, epoch: i64, count: &PathBuf) {
    let prompts = values(text, "prompt");
    assert_eq!(prompts.len(), 20, "{shell}: {text}");
    for p in &prompts {
        assert!(
            p.starts_with("[prod-admin ")
                && (p.contains(" (sign-in 9m)] ") || p.contains(" (sign-in 10m)] ")),
            "{shell}: {p}"
        );
    }
    assert_eq!(
        values(text, "epoch"),
        [epoch.to_string()],
        "{shell}: {text}"
    );
    let ended = values(text, "ended");
    assert!(
        ended.len() == 1 && ended[0].ends_with(" (sign-in ended)"),
        "{shell}: {text}"
    );
    // More than 12 digits is no time: no mark, and no error.
    let huge = values(text, "huge");
    assert!(
        huge.len() == 1 && huge[0].starts_with("prod-admin ") && !huge[0].contains("sign-in"),
        "{shell}: {text}"
    );
    assert_eq!(values(text, "after"), ["."], "{shell}: {text}");
    assert_eq!(calls(count), 1, "{shell}: only unassume called aws-login");
}

#[test]
fn the_nushell_elvish_and_xonsh_prompts_mark_a_sign_in_that_ends_within_15_minutes() {
    if have("nu") {
        let (w, epoch) = ending_signin();
        let (init, count) = counting_init(&w, "nushell");
        let out = nu(
            &w,
            &format!(
                "source '{i}'; awsl assume prod-admin; rm -f '{c}'; $env.PROMPT_INDICATOR = ''; \
                 for n in 1..20 {{ __awsl_update; print $'prompt=(do $env.PROMPT_COMMAND)' }}; \
                 print $'epoch=($env.AWS_LOGIN_SIGNIN_EXPIRES_EPOCH)'; \
                 $env.AWS_LOGIN_SIGNIN_EXPIRES_EPOCH = '1'; __awsl_update; print $'ended=($env.AWSL_PROMPT)'; \
                 $env.AWS_LOGIN_SIGNIN_EXPIRES_EPOCH = '9999999999999'; __awsl_update; print $'huge=($env.AWSL_PROMPT)'; \
                 awsl unassume; let after = ($env.AWS_LOGIN_SIGNIN_EXPIRES_EPOCH? | default \"\"); print $'after=($after).'",
                i = init.display(),
                c = count.display()
            ),
        );
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
        check_signin_mark("nushell", &out.stdout, epoch, &count);
    }
    if have("xonsh") {
        let (w, epoch) = ending_signin();
        let (init, count) = counting_init(&w, "xonsh");
        let out = xonsh(
            &w,
            &format!(
                "{l}awsl assume prod-admin\nrm -f '{c}'\n\
                 from xonsh.prompt.base import PromptFormatter\nfmt = PromptFormatter()\n\
                 for i in range(20): print('prompt=' + fmt($PROMPT))\n\
                 print('epoch=' + $AWS_LOGIN_SIGNIN_EXPIRES_EPOCH)\n\
                 $AWS_LOGIN_SIGNIN_EXPIRES_EPOCH = '1'\nprint('ended=' + awsl_prompt_info())\n\
                 $AWS_LOGIN_SIGNIN_EXPIRES_EPOCH = '9999999999999'\nprint('huge=' + awsl_prompt_info())\n\
                 awsl unassume\nprint('after=' + ${{...}}.get('AWS_LOGIN_SIGNIN_EXPIRES_EPOCH', '') + '.')\n",
                l = super::xonsh::load(&init),
                c = count.display()
            ),
        );
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
        check_signin_mark("xonsh", &out.stdout, epoch, &count);
    }
    if have_elvish() {
        let (w, epoch) = ending_signin();
        let (init, count) = counting_init(&w, "elvish");
        let log = w.home().join("log");
        // Each prompt runs the after-command hook; the lines below write what it left.
        let prompt = format!(
            "nop\nvar p = [($edit:prompt)]; echo 'prompt='$p[0]' ' >> '{o}'\n",
            o = log.display()
        );
        let out = session(
            &w,
            &format!(
                "{l}awsl assume prod-admin\nrm -f '{c}'\n{prompts}\
                 echo 'epoch='$E:AWS_LOGIN_SIGNIN_EXPIRES_EPOCH >> '{o}'\n\
                 set-env AWS_LOGIN_SIGNIN_EXPIRES_EPOCH 1\nnop\necho 'ended='(awsl_prompt_info) >> '{o}'\n\
                 set-env AWS_LOGIN_SIGNIN_EXPIRES_EPOCH 9999999999999\nnop\necho 'huge='(awsl_prompt_info) >> '{o}'\n\
                 awsl unassume\necho 'after='$E:AWS_LOGIN_SIGNIN_EXPIRES_EPOCH'.' >> '{o}'\n",
                l = super::elvish::load(&init),
                c = count.display(),
                o = log.display(),
                prompts = prompt.repeat(20),
            ),
        );
        let text = std::fs::read_to_string(&log).unwrap_or_else(|_| out.stdout.clone());
        check_signin_mark("elvish", &text, epoch, &count);
    }
}

/// `doctor --json`'s shell-integration line, from the report `shell` saved in `file`.
fn integration(shell: &str, file: &std::path::Path) -> (String, String) {
    let stdout = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{shell}: {e}"));
    let out = Out {
        code: 0,
        stdout,
        stderr: String::new(),
    };
    let (s, d, _) = status_of(&out, "shell integration");
    (s, d)
}

/// `doctor`, run from the shell that loaded the script (with and without completion), sees
/// the integration loaded in it.
#[test]
fn doctor_sees_the_integration_loaded_in_nushell_elvish_and_xonsh() {
    let w = sound_world();
    let report = w.home().join("doctor.json");
    for (opts, want, says) in [
        (&[][..], "ok", "with completion"),
        (&["--no-completion"][..], "warn", "without completion"),
    ] {
        if have("nu") {
            let init = render(&w, "nushell", opts, "doc.nu");
            let out = nu(
                &w,
                &format!(
                    "source '{}'; (^'{BIN}' doctor --json | complete).stdout | save -f '{}'",
                    init.display(),
                    report.display()
                ),
            );
            assert_eq!(out.code, 0, "{}", out.stderr);
            let (s, d) = integration("nushell", &report);
            assert_eq!(s, want, "nushell {opts:?}: {d}");
            assert_eq!(d, format!("loaded in this nushell, {says}"));
        }
        if have("xonsh") {
            let init = render(&w, "xonsh", opts, "doc.xsh");
            let out = xonsh(
                &w,
                &format!(
                    "{}open('{}', 'w').write($(@('{BIN}') doctor --json))\n",
                    super::xonsh::load(&init),
                    report.display()
                ),
            );
            assert_eq!(out.code, 0, "{}", out.stderr);
            let (s, d) = integration("xonsh", &report);
            assert_eq!(s, want, "xonsh {opts:?}: {d}");
            assert_eq!(d, format!("loaded in this xonsh, {says}"));
        }
        if have_elvish() {
            let init = render(&w, "elvish", opts, "doc.elv");
            let _ = std::fs::remove_file(&report);
            let out = session(
                &w,
                &format!(
                    "{}try {{ (external '{BIN}') doctor --json > '{}' }} catch {{ nop }}\n",
                    super::elvish::load(&init),
                    report.display()
                ),
            );
            assert!(report.exists(), "elvish: {}", out.stdout);
            let (s, d) = integration("elvish", &report);
            assert_eq!(s, want, "elvish {opts:?}: {d}");
            assert_eq!(d, format!("loaded in this elvish, {says}"));
        }
    }
}

/// `awsl` alone prints the function's own usage, the same text as in bash, and succeeds.
#[test]
fn awsl_alone_prints_its_usage_and_succeeds_in_nushell_elvish_and_xonsh() {
    let w = World::new();
    let usage = |name: &str| {
        format!(
            "Usage: {name} COMMAND [OPTIONS]\n\n  {name} assume [PROFILE]  set an identity in this shell (alone: pick one)\n"
        )
    };
    let shown = w.home().join("shown");
    if !have("bash") {
        return;
    }
    for (opts, name) in [(&[][..], "awsl"), (&["--cmd", "aws-l"][..], "aws-l")] {
        // bash's text is the reference: the three print the same.
        let init = render(&w, "bash", opts, "u.bash");
        let out = w
            .cmd(&[
                "--norc",
                "--noprofile",
                "-c",
                &format!(". '{}'; {name}", init.display()),
            ])
            .program(which("bash").unwrap())
            .run();
        assert_eq!(out.code, 0, "bash: {}", out.stderr);
        assert!(out.stdout.starts_with(&usage(name)), "bash: {}", out.stdout);
        let bash = out.stdout;
        if have("nu") {
            let init = render(&w, "nushell", opts, "u.nu");
            let out = nu(
                &w,
                &format!(
                    "source '{}'; {name}; print $'rc=($env.LAST_EXIT_CODE)'",
                    init.display()
                ),
            );
            assert_eq!(out.code, 0, "nushell: {}", out.stderr);
            assert_eq!(out.stdout, format!("{bash}rc=0\n"), "nushell {name}");
            assert_eq!(out.stderr, "");
        }
        if have("xonsh") {
            let init = render(&w, "xonsh", opts, "u.xsh");
            let out = xonsh(
                &w,
                &format!(
                    "{}r = !({name})\nr.end()\nprint(r.out, end='')\nprint('rc=%d' % r.returncode)\n",
                    super::xonsh::load(&init)
                ),
            );
            assert_eq!(out.code, 0, "xonsh: {}", out.stderr);
            assert_eq!(out.stdout, format!("{bash}rc=0\n"), "xonsh {name}");
        }
        if have_elvish() {
            let init = render(&w, "elvish", opts, "u.elv");
            let _ = std::fs::remove_file(&shown);
            session(
                &w,
                &format!(
                    "{}try {{ {name} > '{o}'; echo rc=0 >> '{o}' }} catch e {{ echo rc=failed >> '{o}' }}\n",
                    super::elvish::load(&init),
                    o = shown.display()
                ),
            );
            let text = std::fs::read_to_string(&shown).unwrap_or_default();
            assert_eq!(text, format!("{bash}rc=0\n"), "elvish {name}");
        }
    }
}

/// Not loaded, `doctor` gives the loading line of the shell in $SHELL.
#[test]
fn doctor_gives_the_init_line_of_nushell_elvish_and_xonsh() {
    let w = sound_world();
    for (shell, line) in [
        ("/usr/bin/nu", "aws-login shell init nushell"),
        (
            "/usr/local/bin/elvish",
            "eval (aws-login shell init elvish | slurp)",
        ),
        ("/usr/bin/xonsh", "execx($(aws-login shell init xonsh))"),
    ] {
        let out = w.cmd(&["doctor", "--json"]).env("SHELL", shell).run();
        let (s, _, fix) = status_of(&out, "shell integration");
        assert_eq!(s, "warn", "{shell}");
        assert!(fix.contains(line), "{shell}: {fix}");
    }
}
