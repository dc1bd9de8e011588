//! The console sign-in token is on no process's command line: the browser gets a private
//! local page that redirects, removed once read.

use std::path::{Path, PathBuf};

use crate::harness::*;

/// A BROWSER that records its argv, every process command line holding a sign-in token
/// while it runs, the page it was given (mode, directory mode, text), and then follows the
/// page's redirect as a browser would, recording the console page it lands on.
fn recording_browser(w: &World) -> (String, PathBuf) {
    let log = w.home().join("recorded.json");
    let script = format!(
        r#"#!/usr/bin/env python3
import html, json, os, re, sys, urllib.parse, urllib.request
out = {{"argv": sys.argv[1:], "hits": []}}
# This test's processes only (its HOME): other runs on the machine are not ours to judge.
mine = b"\0HOME=" + os.environ["HOME"].encode() + b"\0"
for pid in os.listdir("/proc"):
    try:
        with open(f"/proc/{{pid}}/environ", "rb") as f:
            if mine not in b"\0" + f.read():
                continue
        with open(f"/proc/{{pid}}/cmdline", "rb") as f:
            if b"SigninToken" in f.read():
                out["hits"].append(pid)
    except OSError:
        pass
target = sys.argv[-1]
if target.startswith("file://"):
    path = urllib.parse.unquote(urllib.parse.urlsplit(target).path)
    out["path"] = path
    out["mode"] = os.stat(path).st_mode & 0o777
    out["dir_mode"] = os.stat(os.path.dirname(path)).st_mode & 0o777
    with open(path) as f:
        out["page"] = f.read()
    m = re.search(r'http-equiv="refresh" content="0;\s*url=([^"]+)"', out["page"])
    target = html.unescape(m.group(1)) if m else ""
try:
    out["console"] = urllib.request.urlopen(target, timeout=20).read().decode()
except Exception as e:
    out["console"] = "browser error: %s" % e
with open("{log}.tmp", "w") as f:
    json.dump(out, f)
os.rename("{log}.tmp", "{log}")
"#,
        log = log.display()
    );
    (w.executable("recording-browser", &script), log)
}

fn signin_pages(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("signin-"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_console_sign_in_token_is_on_no_command_line_and_its_page_is_private_and_removed() {
    use std::os::unix::fs::PermissionsExt;
    let w = World::new();
    let (browser, log) = recording_browser(&w);
    let runtime = w.home().join("run-user");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    let state_run = w.home().join(".local/state/aws-login/run");
    // A page left by an interrupted run, long ago: removed by the next run.
    w.write(".local/state/aws-login/run/signin-stale.html", "old");
    let stale = state_run.join("signin-stale.html");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let cases: [(&str, Option<&Path>, &[&str]); 3] = [
        ("state dir", None, &[]),
        ("XDG_RUNTIME_DIR", Some(&runtime), &[]),
        ("--print", None, &["--print"]),
    ];
    for (name, xdg, extra) in cases {
        let _ = std::fs::remove_file(&log);
        let mut args = vec![
            "console",
            "--assume-roles",
            DEPLOY,
            "--role-session-name",
            "web",
        ];
        args.extend_from_slice(extra);
        let mut run = w.alice(&args).env("BROWSER", &browser);
        if let Some(x) = xdg {
            run = run.env("XDG_RUNTIME_DIR", &x.display().to_string());
        }
        let out = run.run();
        out.ok();
        assert!(
            !out.stderr.contains("SigninToken"),
            "{name}: {}",
            out.stderr
        );
        if extra.is_empty() {
            assert_eq!(out.stdout, "", "{name}");
        } else {
            assert!(
                out.stdout.contains("SigninToken="),
                "{name}: {}",
                out.stdout
            );
        }
        let rec: serde_json::Value =
            serde_json::from_str(&wait_for_text(&log, "console")).expect("the browser ran");
        let argv = rec["argv"].to_string();
        assert!(!argv.contains("SigninToken"), "{name}: browser argv {argv}");
        assert_eq!(
            rec["hits"],
            serde_json::json!([]),
            "{name}: a command line held the token"
        );
        let path = PathBuf::from(rec["path"].as_str().expect("a file was opened"));
        let expected_dir = match xdg {
            Some(x) => x.join("aws-login"),
            None => state_run.clone(),
        };
        assert_eq!(path.parent().unwrap(), expected_dir, "{name}");
        assert_eq!(rec["mode"], 0o600, "{name}: the page is 0600");
        assert_eq!(rec["dir_mode"], 0o700, "{name}: its directory is 0700");
        assert!(
            rec["page"].as_str().unwrap().contains("SigninToken="),
            "{name}: the page redirects to the sign-in URL"
        );
        assert!(
            rec["console"]
                .as_str()
                .unwrap()
                .contains("arn:aws:sts::222222222222:assumed-role/Deploy/web"),
            "{name}: the redirect lands on the console: {}",
            rec["console"]
        );
        assert!(!path.exists(), "{name}: the page is removed once read");
        assert_eq!(signin_pages(&expected_dir), Vec::<String>::new(), "{name}");
    }
    assert!(!stale.exists(), "a stale page is swept");
    // A browser that never reads the page, and Ctrl-C while aws-login waits: the page goes.
    let started = w.home().join("idle-started");
    let idle = w.executable(
        "idle-marking-browser",
        &format!("#!/bin/sh\ntouch '{}'\n", started.display()),
    );
    let child = w
        .alice(&["console", "--assume-roles", DEPLOY])
        .env("BROWSER", &idle)
        .spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !started.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(signin_pages(&state_run).len(), 1, "the page is written");
    // aws-login is now waiting for the page to be read.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let interrupt = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupt.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("SigninToken"));
    assert_eq!(
        signin_pages(&state_run),
        Vec::<String>::new(),
        "Ctrl-C removes the page"
    );
    // No browser at all: an error without the URL, and no page left behind.
    let out = w
        .alice(&["console", "--assume-roles", DEPLOY])
        .env("PATH", "/nonexistent")
        .run();
    out.fails(1, "--no-browser");
    assert!(!out.stderr.contains("SigninToken"), "{}", out.stderr);
    assert_eq!(signin_pages(&state_run), Vec::<String>::new());
}
