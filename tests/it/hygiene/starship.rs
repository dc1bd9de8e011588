//! starship shows aws-login's identity with the snippet docs/shell.md gives. starship's aws
//! module names only `AWS_PROFILE`, which a role chain unsets, so the docs give an `env_var`
//! module on `AWS_LOGIN_IDENTITY`. The test takes that snippet from docs/shell.md itself, so
//! the two cannot drift apart, and runs the real starship in a shell
//! where `awsl assume` set a role chain.

use std::path::{Path, PathBuf};

use crate::harness::*;

/// starship from PATH, else cargo's default bin dir, where `.ci/run` installs it (CI's PATH
/// may not include it). Under AWS_LOGIN_REQUIRE_TOOLS=1 its absence fails the test.
pub fn starship() -> Option<PathBuf> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    let found = which("starship").or_else(|| {
        cargo_home
            .map(|c| c.join("bin/starship"))
            .filter(|p| p.is_file())
    });
    require_tool(
        found.is_some(),
        "starship",
        "not installed (cargo install --locked starship)",
    );
    found
}

/// The starship snippet of docs/shell.md: its one ```toml block, without the indentation
/// of the list item it sits in.
pub fn readme_snippet() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/shell.md"))
            .expect("docs/shell.md");
    let fence = readme
        .find("```toml\n")
        .expect("docs/shell.md gives a starship snippet in a ```toml block");
    let indent = &readme[readme[..fence].rfind('\n').map_or(0, |i| i + 1)..fence];
    let body = &readme[fence + "```toml\n".len()..];
    let snippet: String = body
        .lines()
        .take_while(|l| l.trim() != "```")
        .map(|l| format!("{}\n", l.strip_prefix(indent).unwrap_or(l)))
        .collect();
    assert!(
        snippet.contains("[env_var.AWS_LOGIN_IDENTITY]"),
        "the snippet is an env_var module on AWS_LOGIN_IDENTITY: {snippet}"
    );
    assert_eq!(readme.matches("```toml").count(), 1, "one toml block");
    snippet
}

/// The text of a prompt without its colours.
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters final-byte
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn starship_with_the_readme_snippet_shows_the_identity_beside_the_region_and_time_left_of_a_role_chain()
 {
    let Some(starship) = starship() else { return };
    let w = World::new();
    let config = w.write("starship.toml", &readme_snippet());
    let script = format!(
        "eval \"$('{BIN}' shell init bash)\"\n\
         awsl assume --assume-roles {DEPLOY},{AUDIT} --region eu-west-1\n\
         test -z \"${{AWS_PROFILE+x}}\"\n\
         '{}' prompt 2>starship.err\n",
        starship.display()
    );
    let out = w
        .alice(&["--norc", "--noprofile", "-euo", "pipefail", "-c", &script])
        .program(which("bash").unwrap())
        .env("STARSHIP_CONFIG", &config.display().to_string())
        .env("TERM", "xterm-256color")
        .run();
    out.ok();
    let err = std::fs::read_to_string(w.home().join("starship.err")).unwrap();
    assert!(
        !err.contains("starship::config"),
        "starship accepts the snippet: {err}"
    );
    let prompt = strip_ansi(&out.stdout);
    // The aws module: region and time left (e.g. `(eu-west-1) [1h0m0s]`); then the
    // identity, next to it in starship's default order.
    let at = prompt
        .find("(eu-west-1) [")
        .unwrap_or_else(|| panic!("the aws module shows the region: {prompt:?}"));
    let rest = &prompt[at + "(eu-west-1) [".len()..];
    let close = rest
        .find(']')
        .unwrap_or_else(|| panic!("and the time left: {prompt:?}"));
    assert!(
        rest[..close].ends_with('s') && rest[..close].contains('m'),
        "time left: {prompt:?}"
    );
    assert!(
        rest[close + 1..]
            .trim_start()
            .starts_with("333333333333-Audit "),
        "the identity beside the aws module: {prompt:?}"
    );
}
