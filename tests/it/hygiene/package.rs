//! What `cargo package` ships: the program, its shell scripts, completions and man pages,
//! the licence and the docs a registry page shows; never the emulator, the tests, the
//! benchmark or CI.

use std::path::Path;
use std::process::Command;

#[test]
fn the_package_holds_what_a_user_installs_and_nothing_else() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = Command::new(cargo)
        .args([
            "package",
            "--list",
            "--allow-dirty",
            "--offline",
            "-p",
            "aws-login",
        ])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<&str> = stdout.lines().collect();
    let shipped = |f: &&str| {
        ["src/", "shell/", "completions/", "man/", "docs/"]
            .iter()
            .any(|dir| f.starts_with(dir))
            || [
                "Cargo.toml",
                "Cargo.toml.orig",
                "Cargo.lock",
                ".cargo_vcs_info.json",
                "README.md",
                "CHANGELOG.md",
                "LICENSE",
            ]
            .contains(f)
    };
    let extra: Vec<&&str> = files.iter().filter(|f| !shipped(f)).collect();
    assert!(extra.is_empty(), "not for users: {extra:?}");
    for needed in [
        "src/main.rs",
        "shell/aws-login.bash",
        "completions/aws-login.fish",
        "man/aws-login.1",
        "docs/security.md",
        "LICENSE",
        "CHANGELOG.md",
    ] {
        assert!(files.contains(&needed), "{needed} is missing: {files:?}");
    }
}

/// The licence file is the one Cargo.toml names.
#[test]
fn the_licence_file_is_the_one_the_manifest_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("license = \"Apache-2.0\""));
    let licence = std::fs::read_to_string(root.join("LICENSE")).unwrap();
    assert!(
        licence.contains("Apache License") && licence.contains("Version 2.0, January 2004"),
        "LICENSE is not the Apache License 2.0"
    );
}
