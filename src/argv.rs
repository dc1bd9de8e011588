//! Command-line words before clap sees them.

use std::collections::HashSet;
use std::ffi::OsString;

use clap::Command;

/// The seed's command line accepted the command word in any case and anywhere among the
/// options (`aws-login --profile p CONSOLE`). Keep that: move the first word that names a
/// command, in any case, to the front, lower-cased. Option values are skipped by asking the
/// clap definition which options take one.
pub fn normalize_args(cli: &Command, args: Vec<OsString>) -> Vec<OsString> {
    let command_name = |word: &str| {
        cli.get_subcommands()
            .map(Command::get_name)
            .find(|n| n.eq_ignore_ascii_case(word))
    };
    // Which options take a value: asked only when a word follows an option, because the
    // commands' arguments are deferred (see `cli::Command`) and building them all costs.
    let mut takes_value: Option<HashSet<String>> = None;
    for i in 1..args.len() {
        let Some(word) = args[i].to_str() else {
            return args;
        };
        if word == "--" {
            return args;
        }
        if word.starts_with('-') {
            continue;
        }
        let previous = args[i - 1].to_str().filter(|p| i > 1 && p.starts_with('-'));
        if let Some(option) = previous
            && takes_value
                .get_or_insert_with(|| options_with_values(cli))
                .contains(option)
        {
            continue;
        }
        return match command_name(word) {
            Some(name) if i == 1 && name == word => args,
            Some(name) => {
                let mut out = args.clone();
                out.remove(i);
                out.insert(1, name.into());
                out
            }
            None => args,
        };
    }
    args
}

/// `--name` of every command's options that take a value.
fn options_with_values(cli: &Command) -> HashSet<String> {
    let mut cli = cli.clone();
    cli.build();
    cli.get_subcommands()
        .flat_map(|c| c.get_arguments())
        .filter(|a| a.get_action().takes_values() && !a.is_positional())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    fn norm(v: &[&str]) -> Vec<String> {
        normalize_args(&Cli::command(), v.iter().map(Into::into).collect())
            .into_iter()
            .map(|s| s.into_string().unwrap())
            .collect()
    }

    #[test]
    fn the_command_word_may_come_after_options_and_in_any_case() {
        assert_eq!(
            norm(&["aws-login", "--profile", "p", "CONSOLE"]),
            ["aws-login", "console", "--profile", "p"]
        );
        assert_eq!(
            norm(&["aws-login", "GetCallerId"]),
            ["aws-login", "getcallerid"]
        );
        assert_eq!(
            norm(&["aws-login", "--profile", "console"]),
            ["aws-login", "--profile", "console"]
        );
        assert_eq!(
            norm(&["aws-login", "runas", "--", "Dumpcreds"]),
            ["aws-login", "runas", "--", "Dumpcreds"]
        );
        assert_eq!(
            norm(&["aws-login", "--use-cache", "dumpcreds"]),
            ["aws-login", "dumpcreds", "--use-cache"]
        );
        assert_eq!(
            norm(&[
                "aws-login",
                "--assume-roles",
                "a,b",
                "Console",
                "--profile",
                "getcallerid"
            ]),
            [
                "aws-login",
                "console",
                "--assume-roles",
                "a,b",
                "--profile",
                "getcallerid"
            ]
        );
        assert_eq!(
            norm(&["aws-login", "--version"]),
            ["aws-login", "--version"]
        );
        assert_eq!(
            norm(&["aws-login", "-v", "whoami"]),
            ["aws-login", "whoami", "-v"]
        );
        assert_eq!(
            norm(&["aws-login", "nosuch", "console"]),
            ["aws-login", "nosuch", "console"]
        );
    }

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
