//! The config and credentials files are read once per run, through the bounded read, and
//! the SDK is handed those bytes: a file swapped after the check (for a FIFO, or for one
//! naming other credentials) is never read by the SDK on its own.

use crate::harness::*;

/// How many times `run`, which must succeed, opened the config file and the credentials file.
fn opened(w: &World, run: Run<'_>) -> Option<(usize, usize)> {
    let (lines, ok) = opens(w, run)?;
    assert!(ok, "the run failed: {lines:#?}");
    let count = |path: std::path::PathBuf| {
        let quoted = format!("\"{}\"", path.display());
        lines.iter().filter(|l| l.contains(&quoted)).count()
    };
    Some((count(w.config_path()), count(w.credentials_path())))
}

#[test]
fn each_file_is_opened_once_per_run() {
    let w = World::new();
    w.write(
        ".aws/config",
        &format!(
            "[default]\nregion = us-east-1\n\n[profile dev]\nregion = us-east-1\n\n\
             [profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = dev\nregion = us-east-1\n"
        ),
    );
    w.write(
        ".aws/credentials",
        &format!(
            "[default]\naws_access_key_id = {ALICE_KEY}\naws_secret_access_key = {ALICE_SECRET}\n\n\
             [dev]\naws_access_key_id = {ALICE_KEY}\naws_secret_access_key = {ALICE_SECRET}\n"
        ),
    );
    let cases: Vec<(&str, Run<'_>)> = vec![
        (
            "environment keys and two hops",
            w.alice(&[
                "getcallerid",
                "--fresh",
                "--assume-roles",
                &format!("{DEPLOY},{AUDIT}"),
            ]),
        ),
        (
            "--profile with keys",
            w.cmd(&["getcallerid", "--profile", "dev"]),
        ),
        (
            "--profile with a role chain",
            w.cmd(&["getcallerid", "--fresh", "--profile", "deploy"]),
        ),
        ("the default chain", w.cmd(&["getcallerid"])),
        (
            "dumpcreds",
            w.cmd(&["dumpcreds", "--fresh", "--profile", "deploy"]),
        ),
    ];
    let mut tried = 0;
    for (what, run) in cases {
        let Some(counts) = opened(&w, run) else {
            return;
        };
        assert_eq!(counts, (1, 1), "{what}: opens of (config, credentials)");
        tried += 1;
    }
    assert_eq!(tried, 5);
}
