//! Option values that may be given inline or as `file://PATH`.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

use crate::error::Usage;

/// The text of an option value: the value itself, or the contents of `file://PATH`.
///
/// `file:///abs/path` and `file://localhost/abs/path` are absolute; `file://rel/path` is
/// relative to the working directory (the host part is not dropped, unlike the seed);
/// percent-escapes are decoded. Only a regular file of at most 1 MiB is read (see
/// `fsutil::read_bounded`). Errors name the option and the fix.
pub fn read_value(option: &str, raw: &str) -> Result<String, Usage> {
    let Some(rest) = raw.strip_prefix("file://") else {
        if raw.trim().is_empty() {
            return Err(Usage(format!(
                "{option} is empty: give a value or file://PATH"
            )));
        }
        return Ok(raw.to_string());
    };
    let path =
        file_path(rest).map_err(|e| Usage(format!("{option} {}: {e}", crate::inert::echo(raw))))?;
    let text = crate::fsutil::read_bounded(&path, crate::fsutil::SMALL_FILE, option)?.ok_or_else(
        || {
            Usage(format!(
                "{option}: cannot read {}: no such file (check the path after file://)",
                crate::inert::echo(&path.to_string_lossy())
            ))
        },
    )?;
    if text.trim().is_empty() {
        return Err(Usage(format!(
            "{option}: {} is empty",
            crate::inert::echo(&path.to_string_lossy())
        )));
    }
    Ok(text)
}

/// The path of a `file://` value (after the prefix), percent-decoded.
pub fn file_path(rest: &str) -> Result<PathBuf, Usage> {
    let decoded = percent_decode_str(rest)
        .decode_utf8()
        .map_err(|_| Usage("the path is not valid UTF-8 after percent-decoding".to_string()))?;
    let decoded = decoded
        .strip_prefix("localhost/")
        .map(|p| format!("/{p}"))
        .unwrap_or(decoded.into_owned());
    if decoded.is_empty() {
        return Err(Usage("no path after file://".to_string()));
    }
    Ok(Path::new(&decoded).to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_map_to_paths() {
        assert_eq!(
            file_path("/tmp/x.json").unwrap(),
            PathBuf::from("/tmp/x.json")
        );
        assert_eq!(
            file_path("rel/x.json").unwrap(),
            PathBuf::from("rel/x.json")
        );
        assert_eq!(
            file_path("localhost/etc/x").unwrap(),
            PathBuf::from("/etc/x")
        );
        assert_eq!(
            file_path("/tmp/a%20b.json").unwrap(),
            PathBuf::from("/tmp/a b.json")
        );
        assert!(file_path("").is_err());
    }

    #[test]
    fn inline_values_pass_through_and_empty_ones_fail() {
        assert_eq!(read_value("--x", "[1]").unwrap(), "[1]");
        assert!(read_value("--x", "  ").is_err());
        assert!(read_value("--x", "file:///nonexistent/aws-login-test").is_err());
    }
}
