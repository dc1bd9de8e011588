//! The top-level help: the commands by what they are for, and what "the final identity"
//! (which most command lines mention) means. clap lists subcommands in one flat block and
//! has no headings for them, so the block is written here from the command definition:
//! the names and about lines come from it, only the grouping is this table's (and a test
//! checks that every command sits in exactly one group).

use std::fmt::Write as _;

/// Each group's heading and its commands, in the order shown.
pub const GROUPS: [(&str, &[&str]); 5] = [
    (
        "Act as the final identity",
        &["getcallerid", "dumpcreds", "runas", "serve", "console"],
    ),
    (
        "In your shell (through the awsl function)",
        &["shell", "assume", "unassume", "refresh", "whoami"],
    ),
    (
        "Sign-in (IAM Identity Center, console sessions)",
        &["login", "logout", "importcache", "sso"],
    ),
    ("Config and diagnosis", &["dumpconfig", "doctor"]),
    ("Cache", &["cache"]),
];

/// What the commands act as, said once (wrapped by hand: clap does not wrap a template).
const FINAL_IDENTITY: &str = "\
The final identity is the one a command acts as: the source (environment keys, --profile,
IAM Identity Center, container or instance metadata) after every STS transition on the way
(--get-session-token, --assume-roles, a profile's role_arn chain).";

/// `cmd` with a help template that lists its subcommands under the group headings.
pub fn grouped(cmd: clap::Command) -> clap::Command {
    let template = template(&cmd);
    cmd.help_template(template)
}

/// Whether a command line may show the top-level help: `help`, `--help`, or a cluster of
/// short options with `-h` among them. A yes for a value that only looks like one (a
/// session named `help`) costs the run only the listing.
pub fn may_ask_for_help(args: &[std::ffi::OsString]) -> bool {
    args.iter().skip(1).filter_map(|a| a.to_str()).any(|a| {
        a == "help"
            || a == "--help"
            || (a.starts_with('-') && !a.starts_with("--") && a.contains('h'))
    })
}

fn template(cmd: &clap::Command) -> String {
    let about = |name: &str| {
        cmd.find_subcommand(name)
            .and_then(|c| c.get_about())
            .map(|a| a.to_string())
            .unwrap_or_default()
    };
    let width = GROUPS
        .iter()
        .flat_map(|(_, names)| names.iter())
        .map(|n| n.len())
        .max()
        .unwrap_or(0);
    let mut text = String::from("{before-help}{about-with-newline}\n{usage-heading} {usage}\n\n");
    text.push_str(FINAL_IDENTITY);
    text.push('\n');
    for (heading, names) in GROUPS {
        let _ = write!(text, "\n{heading}:\n");
        for name in names {
            let _ = writeln!(text, "  {name:width$}  {}", about(name));
        }
    }
    text.push_str("\nOptions:\n{options}{after-help}");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn help_is_recognised_in_each_spelling() {
        let args =
            |line: &str| -> Vec<std::ffi::OsString> { line.split(' ').map(Into::into).collect() };
        for line in [
            "aws-login help",
            "aws-login --help",
            "aws-login -h",
            "aws-login -vh",
        ] {
            assert!(may_ask_for_help(&args(line)), "{line}");
        }
        for line in [
            "aws-login",
            "aws-login getcallerid --fresh",
            "aws-login -v whoami",
        ] {
            assert!(!may_ask_for_help(&args(line)), "{line}");
        }
    }

    #[test]
    fn every_command_is_in_exactly_one_group() {
        let cli = crate::cli::Cli::command();
        for sub in cli.get_subcommands().filter(|c| c.get_name() != "help") {
            let n = GROUPS
                .iter()
                .filter(|(_, names)| names.contains(&sub.get_name()))
                .count();
            assert_eq!(n, 1, "{} is in {n} groups", sub.get_name());
        }
        for name in GROUPS.iter().flat_map(|(_, names)| names.iter()) {
            assert!(cli.find_subcommand(name).is_some(), "{name} is no command");
        }
    }

    #[test]
    fn the_help_lists_each_command_under_its_group_with_its_about_line() {
        let mut cli = grouped(crate::cli::Cli::command());
        let help = cli.render_help().to_string();
        assert!(help.contains("The final identity is"), "{help}");
        let heading = help.find("In your shell").expect("group heading");
        let assume = help.find("  assume ").expect("assume listed");
        assert!(assume > heading, "{help}");
        assert!(
            help.contains("Set the identity in the current shell"),
            "{help}"
        );
        assert!(help.contains("--verbose"), "{help}");
        assert!(!help.contains("Commands:"), "{help}");
    }
}
