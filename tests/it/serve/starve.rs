//! Starving the endpoint: idle and slow connections (which need no token), a low
//! descriptor limit, and a refresh stuck waiting for another process's lock.

use std::io::{ErrorKind, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;

use super::foreground::{serve_command, split, start};
use super::refresh::until_left;
use super::*;

/// How long the endpoint gives a client to send a request head, and an idle connection.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// A `serve` ended (SIGTERM, then reaped) when the test ends, passed or failed.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        // SAFETY: a signal to the aws-login this test started.
        unsafe { libc::kill(self.0.id() as i32, libc::SIGTERM) };
        let _ = self.0.wait();
    }
}

/// Whether the server has closed `s`, reading whatever it sent first; waits until `by`.
fn closed_by(s: &mut TcpStream, by: Instant) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        let left = by.saturating_duration_since(Instant::now());
        s.set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return true,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            Err(e) => panic!("{e}"),
        }
    }
}

/// With the descriptor limit at 256, hundreds of connections that never finish a request
/// (idle, or stopped half way through the head) neither keep a real request out nor stay
/// open past the head timeout.
#[test]
fn idle_and_half_sent_connections_neither_starve_a_request_nor_stay_open() {
    let w = World::new();
    let mut cmd = serve_command(&w, &[]);
    // SAFETY: setrlimit is async-signal-safe; the child sets its own limit before exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 256,
                rlim_max: 256,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let (child, uri, token) = start(cmd);
    let _serving = Serving(child);
    let (host, path) = split(&uri);
    let addr: std::net::SocketAddr = host.parse().unwrap();
    let mut holders: Vec<TcpStream> = Vec::new();
    for i in 0..600 {
        // A server that stops accepting fills its backlog: connecting then hangs.
        let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))
            .unwrap_or_else(|e| panic!("connection {i}: {e}"));
        if i % 2 == 1 {
            let head = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: ");
            s.write_all(head.as_bytes()).unwrap();
        }
        holders.push(s);
    }
    let (status, body) = get_within(&host, &host, &path, &token, Duration::from_secs(2));
    assert_eq!(status, 200, "{body}");
    // Every one of them is closed, at the latest when its head times out.
    let by = Instant::now() + HEAD_TIMEOUT + Duration::from_secs(5);
    let open = holders
        .iter_mut()
        .map(|s| closed_by(s, by))
        .filter(|c| !c)
        .count();
    assert_eq!(open, 0, "connections still open");
    let (status, _) = get_within(&host, &host, &path, &token, Duration::from_secs(2));
    assert_eq!(status, 200);
}

/// A connection that sends nothing, and one idle after an answer (keep-alive), are closed
/// after the head timeout.
#[test]
fn idle_connections_are_closed_after_the_head_timeout() {
    let w = World::new();
    let s = Served::start(&w, &["--assume-roles", DEPLOY]);
    let (host, path) = s.parts();
    let started = Instant::now();
    let mut silent = TcpStream::connect(&host).unwrap();
    let mut kept = TcpStream::connect(&host).unwrap();
    let keep_alive = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: {}\r\n\r\n",
        s.token
    );
    kept.write_all(keep_alive.as_bytes()).unwrap();
    let mut answer = [0u8; 4096];
    kept.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let n = kept.read(&mut answer).unwrap();
    assert!(
        answer[..n].starts_with(b"HTTP/1.1 200"),
        "{:?}",
        &answer[..n]
    );
    let by = started + HEAD_TIMEOUT + Duration::from_secs(5);
    assert!(
        closed_by(&mut silent, by),
        "a silent connection stayed open"
    );
    assert!(
        closed_by(&mut kept, by),
        "an idle kept-alive connection stayed open"
    );
    assert!(
        started.elapsed() >= HEAD_TIMEOUT - Duration::from_millis(500),
        "closed after {:?}",
        started.elapsed()
    );
    assert_eq!(s.stop(0).0, 0);
}

/// Every lock file aws-login has made in its lock directory (the harness sets no
/// XDG_RUNTIME_DIR or XDG_STATE_HOME), held as another aws-login would hold it.
fn hold_every_lock(w: &World) -> Vec<std::fs::File> {
    let dir = w.home().join(".local/state/aws-login/locks");
    let locks: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "lock"))
        .collect();
    assert!(!locks.is_empty(), "no lock in {}", dir.display());
    locks
        .iter()
        .map(|p| {
            let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
            f.lock().unwrap();
            f
        })
        .collect()
}

/// A refresh waiting for a lock another process holds (here the session cache entry's)
/// does not hold up requests while the current credentials are good: each is answered
/// within a second; the refresh goes on once the lock is free.
#[test]
fn a_refresh_waiting_for_a_lock_does_not_hold_up_requests() {
    // 20 s credentials: refreshed below 10 s left, served during a refresh above 5 s.
    let w = short_lived(20);
    let s = Served::start(&w, &["--assume-roles", DEPLOY]);
    let (host, path) = s.parts();
    let (_, first) = s.get();
    let held = hold_every_lock(&w);
    until_left(&first, 9);
    for _ in 0..3 {
        let (status, body) = get_within(&host, &host, &path, &s.token, Duration::from_secs(1));
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["AccessKeyId"], first["AccessKeyId"]);
        std::thread::sleep(Duration::from_millis(300));
    }
    drop(held);
    let end = Instant::now() + Duration::from_secs(3);
    loop {
        let (status, body) = get_within(&host, &host, &path, &s.token, Duration::from_secs(1));
        assert_eq!(status, 200, "{body}");
        if body["AccessKeyId"] != first["AccessKeyId"] {
            break;
        }
        assert!(
            Instant::now() < end,
            "no new credentials once the lock was free"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let assumes = w
        .sts_actions()
        .iter()
        .filter(|a| *a == "AssumeRole")
        .count();
    assert_eq!(assumes, 2, "one refresh, after the lock");
    assert_eq!(s.stop(0).0, 0);
}
