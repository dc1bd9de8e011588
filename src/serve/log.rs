//! One record per request, for an audit of what was done with the identity: a line on
//! stderr with `-v`, and a JSON line appended to `--log FILE`. A record names the time,
//! the peer, the method and path, the status and, when credentials went out, the identity
//! and the key id served: never the token, a secret, or any other header.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::net::SocketAddr;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Result, anyhow};
use serde_json::json;

use crate::fsutil::io_reason;
use crate::inert::{SERVER_MAX, for_terminal};

pub struct RequestLog {
    /// The identity served: the final role's ARN, or an Identity Center account/role.
    identity: Option<String>,
    file: Option<Mutex<File>>,
}

/// One answered request.
pub struct Record<'a> {
    pub peer: SocketAddr,
    pub method: &'a str,
    pub path: &'a str,
    pub status: u16,
    /// The access key id of the credentials served (a 200 only).
    pub key_id: Option<&'a str>,
}

impl RequestLog {
    /// Records go to stderr (with `-v`) and, with `file`, to that file, opened once for
    /// appending (0600; a file that is not a regular one is refused).
    pub fn new(identity: Option<String>, file: Option<&Path>) -> Result<RequestLog> {
        let file = file.map(open).transpose()?.map(Mutex::new);
        Ok(RequestLog { identity, file })
    }

    pub fn record(&self, r: &Record) {
        let time = crate::time::format(chrono::Utc::now());
        // The path is the client's: kept short, and inert on a terminal.
        let path = for_terminal(r.path, SERVER_MAX);
        let identity = r.key_id.and(self.identity.as_deref());
        tracing::info!(
            "request {time} {} {} {path} {} {} {}",
            r.peer,
            for_terminal(r.method, 16),
            r.status,
            identity.unwrap_or("-"),
            r.key_id.unwrap_or("-"),
        );
        let Some(file) = &self.file else { return };
        let mut line = json!({
            "time": time,
            "peer": r.peer.to_string(),
            "method": for_terminal(r.method, 16),
            "path": path,
            "status": r.status,
            "identity": identity,
            "key_id": r.key_id,
        })
        .to_string();
        line.push('\n');
        // One write per line: with O_APPEND each lands whole at the end.
        if let Err(e) = file.lock().unwrap().write_all(line.as_bytes()) {
            tracing::warn!("cannot append to the request log: {}", io_reason(&e));
        }
    }
}

fn open(path: &Path) -> Result<File> {
    let cannot = |reason: String| {
        anyhow!(
            "cannot open the request log {}: {reason}: choose another --log",
            crate::inert::echo(&path.to_string_lossy())
        )
    };
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| cannot(io_reason(&e)))?;
    let meta = file.metadata().map_err(|e| cannot(io_reason(&e)))?;
    if !meta.is_file() {
        return Err(cannot(format!(
            "it is {}",
            crate::fsutil::kind(meta.file_type())
        )));
    }
    // A log that was open to others is made private: it shows what was done as whom.
    if meta.permissions().mode() & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| cannot(io_reason(&e)))?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_appended_private_and_name_the_request() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        std::fs::write(&path, "earlier\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let log = RequestLog::new(Some("arn:aws:iam::1:role/R".into()), Some(&path)).unwrap();
        let peer = "127.0.0.1:5000".parse().unwrap();
        for (status, key_id) in [(200, Some("ASIAX")), (401, None)] {
            log.record(&Record {
                peer,
                method: "GET",
                path: "/p\u{1b}[2J",
                status,
                key_id,
            });
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "earlier");
        let served: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(served["status"], 200);
        assert_eq!(served["identity"], "arn:aws:iam::1:role/R");
        assert_eq!(served["key_id"], "ASIAX");
        assert_eq!(served["peer"], "127.0.0.1:5000");
        assert!(!served["path"].as_str().unwrap().contains('\u{1b}'));
        let refused: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
        assert_eq!(refused["status"], 401);
        assert!(refused["identity"].is_null() && refused["key_id"].is_null());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_log_that_is_not_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = RequestLog::new(None, Some(dir.path())).err().unwrap();
        assert!(format!("{err:#}").contains("--log"), "{err:#}");
    }
}
