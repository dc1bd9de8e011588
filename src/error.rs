//! Error kinds that decide the exit code. Everything else is an `anyhow::Error` (exit 1).

use std::fmt;

/// Bad command-line input, found before any network call: exit code 2.
#[derive(Debug)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// Build a usage error (exit 2) from a message that names the fix.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Usage(msg.into()))
}

/// Return early with a usage error.
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

/// The exit code for an error: 2 for usage, the carried code, else 1.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.downcast_ref::<Usage>().is_some() {
        2
    } else if let Some(WithCode(code, _)) = err.downcast_ref::<WithCode>() {
        *code
    } else {
        1
    }
}
