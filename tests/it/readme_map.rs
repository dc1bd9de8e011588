//! The README's map of `src/` matches the tree: every module directly under `src/` is
//! named in it, and everything it names exists.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn the_readme_map_names_every_module_of_src_and_nothing_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let map = readme
        .split("### A map of `src/`")
        .nth(1)
        .expect("the README has a map of src/");
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
    assert_eq!(named, actual, "README map (left) vs src/ (right)");
}
