//! The `awsl` function tells the user what it did: its own usage when called alone, one
//! line when an assume succeeds, the profile it did not find named as typed; and Tab
//! offers profiles first, in zsh whether compinit runs before `shell init`, after it, or
//! not at all.

use crate::adversarial::completion::pty::{Step, play};
use crate::harness::*;

#[test]
fn awsl_alone_prints_its_own_usage_and_succeeds_in_bash_zsh_and_fish() {
    let w = World::new();
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let init = render(&w, shell, &["--cmd", "aws2"], &format!("usage-{shell}"));
        let out = strict(&w, shell, &format!("{}; aws2", source_line(shell, &init)));
        assert_eq!(out.code, 0, "{shell}: {}{}", out.stdout, out.stderr);
        assert_eq!(out.stderr, "", "{shell}");
        assert!(
            out.stdout.starts_with("Usage: aws2 COMMAND"),
            "{shell}: {}",
            out.stdout
        );
        for line in [
            "aws2 assume [PROFILE]",
            "aws2 unassume",
            "aws2 refresh",
            "aws2 whoami",
        ] {
            assert!(out.stdout.contains(line), "{shell}: {line}: {}", out.stdout);
        }
    }
}

/// Every script prints the usage through the same placeholder, PowerShell's included
/// (no pwsh here to run it).
#[test]
fn the_powershell_function_prints_the_usage_when_called_alone() {
    let w = World::new();
    let out = w.cmd(&["shell", "init", "powershell"]).run();
    out.ok();
    let text = &out.stdout;
    let branch = text
        .find("if ($args.Count -eq 0) {")
        .expect("a branch for no arguments");
    let usage = text[branch..]
        .find("'Usage: awsl COMMAND")
        .expect("the usage");
    let ret = text[branch..].find("return").expect("a return");
    assert!(usage < ret, "{text}");
}

#[test]
fn awsl_assume_says_what_it_assumed_on_stderr_unless_quiet() {
    let w = World::new().with_user_profiles();
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let init = render(&w, shell, &[], &format!("said-{shell}"));
        let assume = format!("awsl assume alice --assume-roles {DEPLOY} --region eu-west-1");
        let out = strict(
            &w,
            shell,
            &format!("{}; {assume}", source_line(shell, &init)),
        );
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        let line = out.stderr.trim_end();
        assert!(
            line.starts_with("aws-login: assumed 222222222222-Deploy in eu-west-1, ")
                && (line.ends_with("59m left") || line.ends_with("1h00m left"))
                && !line.contains('\n'),
            "{shell}: {:?}",
            out.stderr
        );
        let out = strict(
            &w,
            shell,
            &format!(
                "{}; {assume} --quiet; awsl whoami",
                source_line(shell, &init)
            ),
        );
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert_eq!(out.stderr, "", "{shell}: --quiet");
        assert!(out.stdout.contains("222222222222-Deploy"), "{}", out.stdout);
    }
}

/// `awsl assume clear` (thinking it clears): the name came from the PROFILE argument, not
/// from a `--profile` the user never typed.
#[test]
fn a_missing_assume_profile_is_named_as_the_profile_argument() {
    let w = World::new().with_user_profiles();
    let init = render(&w, "bash", &[], "missing-bash");
    let out = strict(
        &w,
        "bash",
        &format!("{}; awsl assume clear", source_line("bash", &init)),
    );
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("aws-login: profile 'clear' (the PROFILE of awsl assume) not found"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("known profiles: alice, bob"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("--profile"), "{}", out.stderr);
    // `--profile` is still named as itself.
    let out = strict(
        &w,
        "bash",
        &format!(
            "{}; awsl assume --profile clear",
            source_line("bash", &init)
        ),
    );
    assert!(out.stderr.contains("'clear' (--profile)"), "{}", out.stderr);
}

/// How .zshrc loads aws-login relative to compinit.
#[derive(Clone, Copy, Debug)]
enum Compinit {
    Before,
    After,
    None,
}

/// A real interactive zsh reading a .zshrc with `shell init` placed as `order` says, which
/// binds Ctrl-T to print the command line and clear it; `steps` are played after it is ready.
fn zsh_session(w: &World, order: Compinit, steps: Vec<Step>) -> String {
    let init = r#"eval "$("$AWSL_UNDER_TEST" shell init zsh)""#;
    let compinit = "autoload -Uz compinit && compinit -u";
    let rc = match order {
        Compinit::Before => format!("{compinit}\n{init}\n"),
        Compinit::After => format!("{init}\n{compinit}\n"),
        Compinit::None => format!("{init}\n"),
    };
    w.write(
        ".zshrc",
        &format!(
            "{rc}__t() {{ zle -I; print -r -- \"LI\"\"NE<$BUFFER>END\"; BUFFER= }}\nzle -N __t\nbindkey '^T' __t\nPS1='$ '\n"
        ),
    );
    let mut all = vec![
        Step::Send("echo RE''ADY\r".into()),
        Step::Expect("READY".into()),
    ];
    all.extend(steps);
    let env = [
        ("ZDOTDIR", w.home().display().to_string()),
        ("AWSL_UNDER_TEST", BIN.to_string()),
    ];
    // -d: no system-wide rc files, so only this .zshrc decides about compinit.
    play(w, &["zsh", "-d", "-i"], &env, &all)
}

#[test]
fn zsh_completes_awsl_whether_compinit_runs_before_after_or_never() {
    if !have("zsh") || !have("python3") {
        return;
    }
    for order in [Compinit::Before, Compinit::After, Compinit::None] {
        let w = World::new().with_user_profiles();
        let screen = zsh_session(
            &w,
            order,
            vec![
                Step::Send("awsl assume al\t\x14".into()),
                Step::Expect(">END".into()),
                Step::Send("aws-login getcallerid --prof\t\x14".into()),
                Step::Expect(">END".into()),
            ],
        );
        let shown: Vec<&str> = screen
            .split("LINE<")
            .skip(1)
            .filter_map(|s| s.split_once(">END").map(|(l, _)| l.trim_end()))
            .collect();
        assert_eq!(
            shown,
            ["awsl assume alice", "aws-login getcallerid --profile"],
            "{order:?}:\n{screen}"
        );
    }
}

/// `awsl assume <Tab>` lists the profiles, not the options first: zsh would list every
/// described match (each option) before the plain names.
#[test]
fn zsh_lists_profiles_first_for_awsl_assume() {
    if !have("zsh") || !have("python3") {
        return;
    }
    let w = World::new().with_user_profiles();
    let screen = zsh_session(
        &w,
        Compinit::Before,
        vec![
            Step::Send("awsl assume \t".into()),
            Step::Expect("bob".into()),
            Step::Send("\x14".into()),
            Step::Expect(">END".into()),
        ],
    );
    let listed = &screen[screen.rfind("READY").unwrap()..];
    let alice = listed.find("alice").expect("alice listed");
    if let Some(option) = listed.find("--") {
        assert!(alice < option, "options listed first:\n{listed}");
    }
    // Options are one `-` away.
    let screen = zsh_session(
        &w,
        Compinit::Before,
        vec![
            Step::Send("awsl assume --pi\t\x14".into()),
            Step::Expect(">END".into()),
        ],
    );
    assert!(screen.contains("LINE<awsl assume --pick >END"), "{screen}");
}

/// bash and fish keep the order the binary sends (nosort, keep-order): profiles first.
#[test]
fn bash_and_fish_offer_profiles_before_options_for_awsl_assume() {
    let w = World::new().with_user_profiles();
    if have("bash") {
        let init = render(&w, "bash", &[], "order-bash");
        let script = format!(
            "{}; COMP_WORDS=(awsl assume ''); COMP_CWORD=2; COMP_LINE='awsl assume '; COMP_POINT=12; COMP_TYPE=9; COMPREPLY=(); _clap_complete_awsl awsl '' assume; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            source_line("bash", &init)
        );
        let out = strict(&w, "bash", &script);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let words: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(words[..2], ["alice", "bob"], "{words:?}");
        assert!(words[2..].iter().all(|w| w.starts_with('-')), "{words:?}");
    }
    if have("fish") {
        let init = render(&w, "fish", &[], "order-fish");
        let script = format!("{}; complete -C 'awsl assume '", source_line("fish", &init));
        let out = strict(&w, "fish", &script);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let words: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(words[..2], ["alice", "bob"], "{words:?}");
    }
}
