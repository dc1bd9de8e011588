//! Typing into a real interactive shell: python3's `pty` module runs the shell on a
//! terminal and plays a list of steps (keys to send, text to wait for, files to write).

use std::path::PathBuf;

use crate::harness::*;

const DRIVER: &str = r#"
import fcntl, json, os, pty, select, struct, sys, termios, time
steps = json.load(open(sys.argv[1]))
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 400, 0, 0))
out, cursor = b"", 0
def pump(until):
    global out
    while time.time() < until:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                d = os.read(fd, 65536)
            except OSError:
                return
            if not d:
                return
            out += d
            return
for s in steps:
    if "send" in s:
        os.write(fd, s["send"].encode())
    elif "write" in s:
        with open(s["write"], "w") as f:
            f.write(s["text"])
    elif "expect" in s:
        want, deadline = s["expect"].encode(), time.time() + 30
        while out.find(want, cursor) < 0 and time.time() < deadline:
            pump(deadline)
        i = out.find(want, cursor)
        if i < 0:
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.stderr.write("timed out waiting for %r\n" % s["expect"])
            os.kill(pid, 9)
            sys.exit(3)
        cursor = i + len(want)
end = time.time() + 0.3
while time.time() < end:
    pump(end)
os.kill(pid, 9)
sys.stdout.write(out.decode("utf-8", "replace"))
"#;

pub enum Step {
    /// Keys to type.
    Send(String),
    /// Wait until the terminal shows this (after what the previous waits consumed).
    Expect(String),
    /// Replace a file's contents (between two completions).
    Write(PathBuf, String),
}

/// Run `shell` on a terminal in `w`'s clean environment (plus `env`), play `steps`, and
/// return what the terminal showed, with carriage returns removed.
pub fn play(w: &World, shell: &[&str], env: &[(&str, String)], steps: &[Step]) -> String {
    let json: Vec<serde_json::Value> = steps
        .iter()
        .map(|s| match s {
            Step::Send(k) => serde_json::json!({ "send": k }),
            Step::Expect(t) => serde_json::json!({ "expect": t }),
            Step::Write(p, t) => serde_json::json!({ "write": p, "text": t }),
        })
        .collect();
    let steps_file = w.write("pty-steps.json", &serde_json::to_string(&json).unwrap());
    let driver = w.write("pty-driver.py", DRIVER);
    let mut args = vec![
        driver.to_str().unwrap().to_string(),
        steps_file.to_str().unwrap().to_string(),
    ];
    args.extend(shell.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut run = w
        .cmd(&args)
        .program(which("python3").expect("python3"))
        .env("TERM", "dumb");
    for (k, v) in env {
        run = run.env(k, v);
    }
    let out = run.run();
    assert_eq!(out.code, 0, "pty: {}\n{}", out.stderr, out.stdout);
    out.stdout.replace('\r', "")
}
