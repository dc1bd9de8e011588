//! The README and docs/ stay true: the map of `src/` matches the tree, every link between
//! them resolves, and the README's quick start runs as written.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::*;

#[test]
fn the_map_of_src_names_every_module_and_nothing_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/development.md")).unwrap();
    let map = doc
        .split("## A map of `src/`")
        .nth(1)
        .expect("docs/development.md has a map of src/");
    let mut named = BTreeSet::new();
    for line in map.lines().take_while(|l| !l.starts_with("## ")) {
        let Some(first_cell) = line.strip_prefix("| ").and_then(|l| l.split(" |").next()) else {
            continue;
        };
        for part in first_cell.split(", ") {
            let name = part.trim().trim_matches('`');
            if name.ends_with(".rs") || name.ends_with('/') {
                named.insert(name.to_string());
            }
        }
    }
    let actual: BTreeSet<String> = std::fs::read_dir(root.join("src"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().unwrap().is_dir() {
                format!("{name}/")
            } else {
                name
            }
        })
        .collect();
    assert_eq!(named, actual, "the map (left) vs src/ (right)");
}

/// The markdown files whose links are checked: the README and every doc.
fn pages(root: &Path) -> Vec<std::path::PathBuf> {
    let mut pages = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap() {
        pages.push(e.unwrap().path());
    }
    pages
}

#[test]
fn every_relative_link_in_the_readme_and_docs_resolves() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut broken = Vec::new();
    for page in pages(root) {
        let text = std::fs::read_to_string(&page).unwrap();
        for target in text.split("](").skip(1).filter_map(|t| t.split(')').next()) {
            // Links, not markup inside code (starship's `[$env_value]($style)`).
            if target.contains("://") || target.starts_with('#') || target.contains('$') {
                continue;
            }
            let file = target.split('#').next().unwrap();
            if !page.parent().unwrap().join(file).exists() {
                broken.push(format!("{}: {target}", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:?}");
}

#[test]
fn the_readme_starts_with_the_user_and_links_each_doc() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let first_screen: String = readme.lines().take(40).collect::<Vec<_>>().join("\n");
    for needed in [
        "cargo install --locked --path .",
        "cargo test --workspace",
        "# aws-login",
        "## Quick start",
    ] {
        assert!(
            first_screen.contains(needed),
            "the first screen lacks {needed}"
        );
    }
    assert!(readme.contains("## How it compares"));
    for doc in std::fs::read_dir(root.join("docs")).unwrap() {
        let name = doc.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            readme.contains(&format!("(docs/{name})")),
            "the README does not link docs/{name}"
        );
    }
}

/// The shell code of the quick start's fenced blocks, comments and blank lines left out.
fn quick_start_lines(readme: &str) -> Vec<String> {
    let section = readme
        .split("## Quick start")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README has a quick start");
    let mut lines = Vec::new();
    let mut in_block = false;
    for line in section.lines() {
        let line = line.trim();
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            let code = line.split(" #").next().unwrap().trim();
            if !code.is_empty() {
                lines.push(code.to_string());
            }
        }
    }
    lines
}

#[test]
fn the_quick_start_runs_in_a_real_bash_as_written() {
    if !require_tool(
        have("bash") && have("aws"),
        "bash and the aws CLI",
        "not installed",
    ) {
        return;
    }
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile dev]\nrole_arn = {DEPLOY}\nsource_profile = alice\nregion = eu-west-1\n"
        ),
    );
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let lines = quick_start_lines(&readme);
    // Step 2's bash line, then step 3 as written.
    let init = lines
        .iter()
        .find(|l| l.contains("shell init bash"))
        .expect("a bash line");
    let start = lines
        .iter()
        .position(|l| l.starts_with("awsl assume dev"))
        .expect("awsl assume dev");
    let end = lines
        .iter()
        .position(|l| l == "awsl unassume")
        .expect("awsl unassume");
    let script = format!("set -e\n{init}\n{}\n", lines[start..=end].join("\n"));
    let bin_dir = Path::new(BIN).parent().unwrap().display().to_string();
    let path = format!("{bin_dir}:{}", std::env::var("PATH").unwrap());
    let out = w
        .cmd(&["--norc", "--noprofile", "-c", &script])
        .program(which("bash").unwrap())
        .env("PATH", &path)
        .run();
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("aws-login: assumed dev in eu-west-1"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("assumed-role/Deploy/"),
        "the aws CLI acts as dev: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains("dev  eu-west-1  "),
        "whoami: {}",
        out.stdout
    );
}
