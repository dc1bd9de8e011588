//! Command-line words before clap sees them.

use clap::Command;

/// The seed's command line accepted the command word in any case and anywhere among the
/// options (`aws-login --profile p CONSOLE`). Keep that: move the first word that names a
/// command, in any case, to the front, lower-cased. Option values are skipped by asking the
/// clap definition which options take one.
pub fn normalize_args(cli: &Command, args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    // The usual cases, the command word first as typed or no command word at all
    // (`--version`): nothing to move.
    let is_name = |a: &std::ffi::OsString, exact: bool| {
        a.to_str().is_some_and(|w| {
            names.iter().any(|n| {
                if exact {
                    n == w
                } else {
                    n.eq_ignore_ascii_case(w)
                }
            })
        })
    };
    if args.get(1).is_some_and(|a| is_name(a, true))
        || !args.iter().skip(1).any(|a| is_name(a, false))
    {
        return args;
    }
    // The commands' arguments are deferred (see `cli::Command`): build them for this rare case.
    let mut cli = cli.clone();
    cli.build();
    let takes_value: std::collections::HashSet<String> = cli
        .get_subcommands()
        .flat_map(|c| c.get_arguments())
        .filter(|a| a.get_action().takes_values() && !a.is_positional())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let mut i = 1;
    while i < args.len() {
        let Some(word) = args[i].to_str() else {
            return args;
        };
        if word == "--" {
            return args;
        }
        if word.starts_with('-') {
            i += if takes_value.contains(word) { 2 } else { 1 };
            continue;
        }
        let Some(name) = names.iter().find(|n| n.eq_ignore_ascii_case(word)) else {
            return args;
        };
        let mut out = args.clone();
        out.remove(i);
        out.insert(1, name.into());
        return out;
    }
    args
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
    }

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
