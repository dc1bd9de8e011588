//! The `shell init` scripts in real shells: the option sets every test renders, rendering
//! one to a file, and running a script under each shell's strictest mode.

use std::path::PathBuf;

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
