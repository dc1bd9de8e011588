//! Help that explains itself: the top help defines the final identity and groups the
//! commands; no help text points into the source tree; the option names say what they do.

use crate::harness::*;

#[test]
fn the_top_help_defines_the_final_identity_once_and_groups_the_commands() {
    let w = World::new();
    let out = w.cmd(&["--help"]).run();
    out.ok();
    let help = &out.stdout;
    assert_eq!(help.matches("The final identity is").count(), 1, "{help}");
    let mut at = 0;
    for (heading, command) in [
        ("Act as the final identity:", "  getcallerid "),
        ("In your shell (through the awsl function):", "  assume "),
        (
            "Sign-in (IAM Identity Center, console sessions):",
            "  login ",
        ),
        ("Config and diagnosis:", "  dumpconfig "),
        ("Cache:", "  cache "),
    ] {
        let h = help[at..].find(heading).expect(heading) + at;
        let c = help[h..].find(command).expect(command) + h;
        at = c;
    }
    assert!(!help.contains("Commands:"), "one flat list no more: {help}");
}

/// Help is read by people who installed a binary: it never names a directory of the
/// repository.
#[test]
fn no_help_text_mentions_the_repository() {
    let w = World::new();
    let mut pages = vec![vec!["--help"]];
    for cmd in [
        "console",
        "dumpcreds",
        "getcallerid",
        "runas",
        "serve",
        "dumpconfig",
        "importcache",
        "assume",
        "unassume",
        "refresh",
        "whoami",
        "logout",
    ] {
        pages.push(vec![cmd, "--help"]);
    }
    for args in [
        ["shell", "--help"],
        ["shell", "init"],
        ["shell", "completions"],
        ["cache", "list"],
        ["cache", "clear"],
    ] {
        let mut v = args.to_vec();
        if v.len() == 2 && v[1] != "--help" {
            v.push("--help");
        }
        pages.push(v);
    }
    for args in pages {
        let out = w.cmd(&args).run();
        out.ok();
        for dir in ["completions/", "shell/", "scripts/", "src/", "tests/"] {
            assert!(
                !out.stdout.contains(dir),
                "{args:?} mentions {dir}: {}",
                out.stdout
            );
        }
    }
}

#[test]
fn no_refresh_token_is_the_long_name_and_nrt_its_alias() {
    let w = World::new();
    let out = w.cmd(&["getcallerid", "--help"]).run();
    out.ok();
    assert!(out.stdout.contains("--no-refresh-token"), "{}", out.stdout);
    assert!(!out.stdout.contains("--nrt "), "{}", out.stdout);
    // Both parse: each then fails for want of a start URL, not as an unknown option.
    for flag in ["--no-refresh-token", "--nrt"] {
        w.cmd(&["dumpconfig", "--use-cache", flag])
            .run()
            .fails(2, "--start-url");
    }
}
