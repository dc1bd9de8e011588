//! Which files a run opens, as strace sees them: for checks that a file is read once, or
//! not at all.

use super::*;

/// The `open`/`openat` lines of `run`, its children included, and whether it succeeded.
/// `None` (the test skips, saying so) when strace is missing.
pub fn opens(w: &World, run: Run<'_>) -> Option<(Vec<String>, bool)> {
    if !require_tool(
        which("strace").is_some(),
        "strace",
        "strace is not installed",
    ) {
        return None;
    }
    let trace = w.home().join("strace.out");
    let c = run.command();
    let mut s = std::process::Command::new("strace");
    s.args(["-f", "-qq", "-e", "trace=open,openat", "-o"])
        .arg(&trace)
        .arg(c.get_program())
        .args(c.get_args());
    s.env_clear();
    for (k, v) in c.get_envs() {
        if let Some(v) = v {
            s.env(k, v);
        }
    }
    s.current_dir(w.home());
    let ok = s.output().expect("running strace").status.success();
    let opened = std::fs::read_to_string(&trace).unwrap();
    assert!(opened.contains("openat"), "strace saw no open: {opened}");
    Some((opened.lines().map(str::to_string).collect(), ok))
}
