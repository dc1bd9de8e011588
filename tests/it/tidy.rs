//! The tree stays tidy: module imports point down a fixed layer order with no circles,
//! comments give their reasons instead of citing documents a reader may not have, and
//! one HTTP server stack serves every listener.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn module_imports_have_no_circles_and_point_down() {
    let out = Command::new(root().join("scripts/imports"))
        .arg(root().join("src"))
        .output()
        .expect("scripts/imports runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "scripts/imports:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("0 circles, 0 upward arrows"), "{report}");
}

#[test]
fn the_import_check_finds_a_circle_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("sso")).unwrap();
    std::fs::write(src.join("main.rs"), "mod fsutil;\nmod sso;\n").unwrap();
    std::fs::write(src.join("fsutil.rs"), "use crate::sso::Cache;\n").unwrap();
    std::fs::write(src.join("sso/mod.rs"), "use crate::fsutil::hex;\n").unwrap();
    let out = Command::new(root().join("scripts/imports"))
        .arg(&src)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{report}");
    assert!(report.contains("circle: fsutil <-> sso"), "{report}");
    assert!(report.contains("upward: fsutil -> sso"), "{report}");
}

/// Every file under `dir`, recursively, leaving out build output.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            if !path.ends_with("target") {
                files(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

#[test]
fn comments_cite_no_seed_sections_or_issue_numbers() {
    // Built at run time, so that this file does not match itself.
    let seed = format!("seed {}", '\u{a7}');
    let issue = |i: &str| format!("{i}ssue ");
    let mut all = Vec::new();
    for dir in ["src", "shell", "tests", "scripts", ".ci"] {
        files(&root().join(dir), &mut all);
    }
    let mut found = Vec::new();
    for path in all {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            let cites_issue = ["i", "I"].iter().any(|i| {
                line.match_indices(&issue(i))
                    .any(|(at, m)| line[at + m.len()..].starts_with(|c: char| c.is_ascii_digit()))
            });
            if line.contains(&seed) || cites_issue {
                found.push(format!("{}:{}: {line}", path.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "say the reason instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn one_http_server_stack() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|d| d.split("\n[").next())
        .unwrap();
    assert!(deps.contains("\nhyper ="), "{deps}");
    for other in ["tiny_http", "axum", "actix-web", "warp", "rouille"] {
        assert!(
            !deps.contains(&format!("\n{other} =")),
            "{other} beside hyper"
        );
    }
}
