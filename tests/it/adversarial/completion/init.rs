//! `shell init`: the binary's path may hold any character, and the function name cannot
//! shadow a shell builtin or keyword.

use super::pty::{Step, play};
use super::{lines_shown, shell_setup, tab};
use crate::harness::*;

/// A directory name with a space, `$`, single and double quotes, a backtick command and a
/// backslash; the binary is copied there (a symlink would resolve to the real path).
const WEIRD_DIR: &str = "bin dir $HOME 'q' `touch Y` \"d\" \\b";

fn weird_binary(w: &World) -> String {
    let dir = w.home().join(WEIRD_DIR);
    std::fs::create_dir_all(&dir).unwrap();
    let bin = dir.join("aws-login");
    std::fs::copy(BIN, &bin).unwrap();
    bin.to_str().unwrap().to_string()
}

#[test]
fn the_init_scripts_complete_and_run_from_a_binary_path_with_quotes_dollar_and_backtick() {
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) || !have("python3") {
            continue;
        }
        let w = World::new();
        w.write(".aws/config", "[default]\nregion = us-east-1\n");
        let bin = weird_binary(&w);
        let (argv, setup) = shell_setup(shell);
        let mut steps = vec![
            Step::Send(format!("{setup}; echo RE''ADY\r")),
            Step::Expect("READY".into()),
        ];
        tab(&mut steps, "aws-login getcallerid --profile de", false);
        tab(&mut steps, "awsl getcallerid --profile de", false);
        steps.push(Step::Send("awsl --version\r".into()));
        steps.push(Step::Expect("aws-login 0.".into()));
        let env = [("AWSL_UNDER_TEST", bin.clone()), ("PS1", "$ ".to_string())];
        let screen = play(&w, &argv, &env, &steps);
        assert_eq!(
            lines_shown(&screen),
            [
                "aws-login getcallerid --profile default",
                "awsl getcallerid --profile default"
            ],
            "{shell}: completion through the registration failed:\n{screen}"
        );
        assert!(
            !w.home().join("Y").exists(),
            "{shell}: the path ran a command"
        );
        assert!(!screen.contains("No such file"), "{shell}:\n{screen}");
    }
}

/// pwsh is not installed here: the script must name the binary only in its one quoted
/// assignment, and the completion registration must go through that variable.
#[test]
fn the_powershell_registration_calls_the_binary_through_the_quoted_variable() {
    let w = World::new();
    let bin = weird_binary(&w);
    let out = w.cmd(&["shell", "init", "powershell"]).program(&bin).run();
    out.ok();
    let quoted = format!("'{}'", bin.replace('\'', "''"));
    let naming: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains(&bin) || l.contains(&quoted))
        .collect();
    assert_eq!(
        naming,
        [format!("$global:__awsl_bin = {quoted}")],
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.matches("& `$global:__awsl_bin -- $args").count(),
        2,
        "{}",
        out.stdout
    );
}

/// The builtins and keywords the real shell reports.
fn reserved_in(shell: &str) -> Vec<String> {
    let script = match shell {
        "bash" => "compgen -b; compgen -k",
        "zsh" => "print -l ${(k)builtins} ${(k)reswords}",
        _ => "builtin -n",
    };
    let out = std::process::Command::new(shell)
        .args(["-c", script])
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn shell_init_refuses_a_builtin_keyword_or_odd_name_for_the_function() {
    let w = World::new();
    let mut cases = 0;
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let mut names = if shell == "powershell" {
            [
                "if", "function", "foreach", "ForEach", "cd", "Set", "echo", "exit", "where",
                "param", "return", "iex",
            ]
            .map(String::from)
            .to_vec()
        } else if have(shell) {
            reserved_in(shell)
        } else {
            continue;
        };
        assert!(names.len() >= 10, "{shell}: {names:?}");
        names.extend(
            [
                ".", "[", "a;b", "$(x)", "1abc", "-x", "a b", "a`b", "a/b", "",
            ]
            .map(String::from),
        );
        for name in &names {
            let arg = format!("--cmd={name}");
            w.cmd(&["shell", "init", shell, &arg])
                .run()
                .fails(2, "--cmd");
            cases += 1;
        }
        for ok in ["awsl", "aws_l", "my-aws", "AWSL2"] {
            w.cmd(&["shell", "init", shell, "--cmd", ok]).run().ok();
        }
    }
    assert!(cases > 100, "{cases}");
}
