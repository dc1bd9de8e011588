//! The man pages in man/, one per command, rendered from the clap definitions: this test
//! fails while a committed page differs from what the definitions render now, and
//! rewrites them with AWS_LOGIN_WRITE_MAN=1 (`scripts/man`).

use std::path::Path;

use clap::CommandFactory;

/// Every page: `aws-login.1`, then `aws-login-COMMAND.1` for each command and
/// `aws-login-COMMAND-SUB.1` for each subcommand, with its rendered text.
fn pages() -> Vec<(String, Vec<u8>)> {
    let mut cli = super::Cli::command();
    cli.build();
    let mut out = Vec::new();
    render(&cli, "aws-login", "aws-login", &mut out);
    out
}

/// `cmd`'s page as `name` (the file's), invoked as `bin` (`aws-login cache clear`).
fn render(cmd: &clap::Command, name: &str, bin: &str, out: &mut Vec<(String, Vec<u8>)>) {
    let page = cmd
        .clone()
        .display_name(name.to_string())
        .bin_name(bin.to_string());
    let mut text = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut text)
        .expect("rendering to memory");
    out.push((format!("{name}.1"), text));
    for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
        let sub_name = sub.get_name();
        render(
            sub,
            &format!("{name}-{sub_name}"),
            &format!("{bin} {sub_name}"),
            out,
        );
    }
}

#[test]
fn the_man_pages_are_those_the_command_line_renders() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let pages = pages();
    if std::env::var("AWS_LOGIN_WRITE_MAN").as_deref() == Ok("1") {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (file, text) in &pages {
            std::fs::write(dir.join(file), text).unwrap();
        }
    }
    let mut stale: Vec<String> = pages
        .iter()
        .filter(|(file, text)| std::fs::read(dir.join(file)).ok().as_ref() != Some(text))
        .map(|(file, _)| format!("man/{file}"))
        .collect();
    let expected: Vec<&String> = pages.iter().map(|(f, _)| f).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if !expected.contains(&&file) {
            stale.push(format!("man/{file} (no such command)"));
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {}; run scripts/man",
        stale.join(", ")
    );
}
