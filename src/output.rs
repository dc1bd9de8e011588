//! stdout is the contract: only the data a command promises goes there.

use std::io::Write;

use anyhow::{Context, Result};
use serde::Serialize;

/// JSON with 4-space indentation (the AWS CLI's and the seed's layout), and a newline.
pub fn json<T: Serialize>(value: &T) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    value
        .serialize(&mut ser)
        .expect("serialising plain data cannot fail");
    buf.push(b'\n');
    String::from_utf8(buf).expect("serde_json writes UTF-8")
}

/// Write all of `text` to stdout at once.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .context("cannot write to stdout")
}
