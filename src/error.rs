//! Error kinds that decide the exit code, wherever the error surfaces:
//!
//! - [`Usage`]: input that is not of its kind or cannot be read: the command line, an
//!   option's `file://` contents, environment variables, the config and credentials
//!   files, token files (given or cached). Exit code 2. Every checker returns it.
//! - [`WithCode`]: a failure with a code of its own (127 when `runas` finds no program).
//! - Everything else is a failure (exit 1): what a service answered (see
//!   `aws::call_error`, the one mapper for SDK errors), the network, a token that expired
//!   or is missing, a file that cannot be written.

use std::fmt;

/// An input error: exit code 2. The message names the input and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// A checker's message built as text (`format!`) is an input error where it is returned.
impl From<String> for Usage {
    fn from(msg: String) -> Usage {
        Usage(msg)
    }
}

/// Build an input error (exit 2) from a message that names the fix.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Usage(msg.into()))
}

/// Return early with an input error.
macro_rules! bail_usage {
    ($($arg:tt)*) => {
        return Err($crate::error::usage(format!($($arg)*)))
    };
}
pub(crate) use bail_usage;

/// A failure with a specific exit code (e.g. 127 when `runas` cannot find the program).
#[derive(Debug)]
pub struct WithCode(pub u8, pub String);

impl fmt::Display for WithCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

impl std::error::Error for WithCode {}

/// The exit code for an error: 2 for an input error anywhere in its chain (context added
/// on the way up does not change its kind), the carried code, else 1.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.chain().any(|e| e.is::<Usage>()) {
        2
    } else if let Some(WithCode(code, _)) = err.chain().find_map(|e| e.downcast_ref::<WithCode>()) {
        *code
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn the_kind_decides_the_code_whatever_context_is_added() {
        let input: anyhow::Result<()> = Err(Usage("bad value".into()).into());
        let wrapped = input.context("while reading the roles").unwrap_err();
        assert_eq!(exit_code(&wrapped), 2);
        assert_eq!(
            exit_code(&anyhow::anyhow!("sts GetCallerIdentity failed")),
            1
        );
        assert_eq!(exit_code(&WithCode(127, "not found".into()).into()), 127);
    }
}
