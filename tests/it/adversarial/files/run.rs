//! The runner for the file tests: aws-login under a memory limit and a deadline, its
//! peak memory checked, and the shape of a refusal.

use std::io::Read;
use std::time::{Duration, Instant};

use crate::harness::*;

const DEADLINE: Duration = Duration::from_secs(20);
/// Far above what any run needs (tens of MiB), far below reading `/dev/zero` to the limit.
const MAX_RSS_KIB: i64 = 256 * 1024;

/// aws-login with `args`, started through `sh` to cap its address space at 1 GiB.
pub fn limited<'w>(w: &'w World, args: &[&str]) -> Run<'w> {
    let mut all = vec!["-c", "ulimit -v 1048576; exec \"$0\" \"$@\"", BIN];
    all.extend_from_slice(args);
    w.cmd(&all).program("/bin/sh")
}

/// Run to completion, or kill it and fail once DEADLINE has passed; fail too if its
/// memory grew past MAX_RSS_KIB.
#[track_caller]
#[allow(
    clippy::zombie_processes,
    reason = "reaped by wait4 below, not by Child::wait"
)]
pub fn within(run: Run<'_>) -> Out {
    let mut child = run.spawn();
    let mut pipes = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut o = String::new();
        pipes.0.read_to_string(&mut o).ok();
        o
    });
    let err = std::thread::spawn(move || {
        let mut e = Vec::new();
        pipes.1.read_to_end(&mut e).ok();
        String::from_utf8_lossy(&e).into_owned()
    });
    let start = Instant::now();
    let pid = child.id() as libc::pid_t;
    // wait4 rather than try_wait: it reports this child's own peak memory.
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    loop {
        // SAFETY: pid is our unreaped child; status and usage are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(r >= 0, "wait4: {}", std::io::Error::last_os_error());
        if r == pid {
            break;
        }
        if start.elapsed() > DEADLINE {
            child.kill().ok();
            child.wait().ok();
            panic!("aws-login did not finish within {DEADLINE:?}: it waited on a file");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = Out {
        code: if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            128 + libc::WTERMSIG(status)
        },
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    assert!(
        usage.ru_maxrss < MAX_RSS_KIB,
        "aws-login grew to {} MiB: it read a file without bound\n{out:?}",
        usage.ru_maxrss / 1024
    );
    out
}

/// A refusal: non-zero, nothing on stdout, one `aws-login:` line holding every needle.
#[track_caller]
pub fn refused(out: &Out, case: &str, needles: &[&str]) {
    assert!(
        out.code == 1 || out.code == 2,
        "{case}: exit {}\nstdout: {}\nstderr: {}",
        out.code,
        out.stdout,
        out.stderr
    );
    assert_eq!(out.stdout, "", "{case}: stdout must stay empty");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with("aws-login: "),
        "{case}: one aws-login line expected: {}",
        out.stderr
    );
    for n in needles {
        assert!(
            out.stderr.contains(n),
            "{case}: stderr should mention {n:?}: {}",
            out.stderr
        );
    }
}

/// A completion request through bash's environment protocol (as `completion::bash_request`
/// sends it), with the deadline and the memory limit.
pub fn complete(w: &World, words: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let mut args = vec!["--"];
    args.extend(words);
    let mut run = limited(w, &args)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", &(words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n");
    for (k, v) in env {
        run = run.env(k, v);
    }
    let out = within(run);
    assert_eq!(out.code, 0, "{words:?}: {}", out.stderr);
    assert_eq!(out.stderr, "", "{words:?}");
    out.stdout.lines().map(str::to_string).collect()
}
