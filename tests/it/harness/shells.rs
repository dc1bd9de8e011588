//! The `shell init` scripts in real shells: the option sets every test renders, rendering
//! one to a file, and running a script under each shell's strictest mode.

use std::path::{Path, PathBuf};

use super::{Out, World, which};

pub const OPTION_SETS: [&[&str]; 5] = [
    &[],
    &["--prompt"],
    &["--no-completion"],
    &["--cmd", "aws2"],
    &["--prompt", "--no-completion", "--cmd", "my_awsl"],
];

pub fn render(w: &World, shell: &str, opts: &[&str], file: &str) -> PathBuf {
    let mut args = vec!["shell", "init", shell];
    args.extend_from_slice(opts);
    let out = w.cmd(&args).run();
    out.ok();
    assert_eq!(out.stderr, "");
    w.write(file, &out.stdout)
}

/// Run `script` in `shell` under its strictest mode; returns the output.
pub fn strict(w: &World, shell: &str, script: &str) -> Out {
    let args: Vec<&str> = match shell {
        "bash" => vec!["--norc", "--noprofile", "-euo", "pipefail", "-c", script],
        "zsh" => vec!["-f", "-euo", "pipefail", "-c", script],
        "fish" => vec!["--no-config", "-c", script],
        _ => unreachable!(),
    };
    w.cmd(&args).program(which(shell).unwrap()).run()
}

/// The line that loads a rendered init script in `shell`.
pub fn source_line(shell: &str, init: &Path) -> String {
    match shell {
        "fish" => format!("source '{}'", init.display()),
        _ => format!(". '{}'", init.display()),
    }
}

/// Runs `steps` in `shell` under its strictest mode, with `awsl` loaded and `dumper` (shell
/// code defining a function `d`) run after each step; the lines printed.
pub fn awsl_steps(w: &World, shell: &str, dumper: &str, steps: &[&str]) -> Vec<String> {
    let init = render(w, shell, &[], &format!("steps-{shell}"));
    let mut script = format!("{}; {dumper}", source_line(shell, &init));
    for step in steps {
        script.push_str(&format!("; {step}; d"));
    }
    let out = strict(w, shell, &script);
    assert_eq!(out.code, 0, "{shell}: {}{}", out.stdout, out.stderr);
    out.stdout.lines().map(String::from).collect()
}
