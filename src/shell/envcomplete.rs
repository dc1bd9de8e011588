//! Completion answers for the shells clap_complete has no adapter for. Each script asks the
//! binary with `COMPLETE=<shell>`, the words after `--` and `_CLAP_COMPLETE_INDEX`, as
//! clap_complete's own registrations do, and reads back a format it parses without
//! evaluating anything.

use std::ffi::OsString;
use std::io::Write;

use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};

/// Every shell a completion request may name: clap_complete's and ours.
pub const SHELLS: Shells<'static> =
    Shells(&[&Bash, &Elvish, &Fish, &Powershell, &Zsh, &NUSHELL, &XONSH]);

/// A shell whose script carries its own completer and reads the candidates as a JSON list
/// of `{value, description}` records: nushell's custom completer returns it as it is, and
/// xonsh's (Python) turns it into RichCompletions.
pub struct JsonShell {
    name: &'static str,
    alias: Option<&'static str>,
}

pub const NUSHELL: JsonShell = JsonShell {
    name: "nushell",
    alias: Some("nu"),
};

pub const XONSH: JsonShell = JsonShell {
    name: "xonsh",
    alias: None,
};

impl EnvCompleter for JsonShell {
    fn name(&self) -> &'static str {
        self.name
    }

    fn is(&self, name: &str) -> bool {
        name == self.name || Some(name) == self.alias
    }

    /// The script registers its completer itself (see shell/aws-login.nu and .xsh).
    fn write_registration(
        &self,
        _var: &str,
        _name: &str,
        _bin: &str,
        _completer: &str,
        _buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        Ok(())
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        json_candidates(cmd, args, current_dir, buf)
    }
}

/// The candidates as a JSON list of `{value, description}` records.
fn json_candidates(
    cmd: &mut clap::Command,
    args: Vec<OsString>,
    current_dir: Option<&std::path::Path>,
    buf: &mut dyn Write,
) -> std::io::Result<()> {
    {
        let index = complete_index();
        let found = clap_complete::engine::complete(cmd, args, index, current_dir)?;
        let records: Vec<serde_json::Value> = found
            .iter()
            .map(|c| {
                let mut r = serde_json::json!({ "value": c.get_value().to_string_lossy() });
                if let Some(help) = c.get_help() {
                    r["description"] = help.to_string().into();
                }
                r
            })
            .collect();
        writeln!(buf, "{}", serde_json::Value::from(records))
    }
}

/// The index of the word being completed among the words after `--`.
fn complete_index() -> usize {
    std::env::var("_CLAP_COMPLETE_INDEX")
        .ok()
        .and_then(|i| i.parse().ok())
        .unwrap_or_default()
}
