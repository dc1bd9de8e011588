//! `--clip`: the sign-in URL onto the clipboard through the terminal (OSC 52).

use base64::Engine;

use super::*;

#[test]
fn clip_writes_a_url_that_signs_in_to_the_terminal_and_nothing_to_stdout() {
    let w = World::new();
    if !have("script") {
        return;
    }
    let line = format!(
        "'{BIN}' console --clip --assume-roles {DEPLOY} --role-session-name web-a > '{0}/out' 2> '{0}/err'",
        w.home().display()
    );
    let out = w
        .alice(&["-qec", &line, "/dev/null"])
        .program(which("script").unwrap())
        .env("TERM", "xterm")
        .run();
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let stdout = std::fs::read_to_string(w.home().join("out")).unwrap();
    let stderr = std::fs::read_to_string(w.home().join("err")).unwrap();
    assert_eq!(stdout, "", "stdout stays empty");
    assert!(stderr.contains("clipboard"), "{stderr}");
    assert!(!stderr.contains("SigninToken"), "{stderr}");
    // The terminal got ESC ] 52 ; c ; BASE64 BEL.
    let tty = out.stdout;
    let start = tty.find("\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start + tty[start..].find('\x07').expect("ended by BEL");
    let url = base64::engine::general_purpose::STANDARD
        .decode(&tty[start..end])
        .unwrap();
    let url = String::from_utf8(url).unwrap();
    assert!(
        url.starts_with(&format!("{}/federation?Action=login&", w.fake.url())),
        "{url}"
    );
    assert!(w.fake.console_signins().iter().all(|s| !s.used));
    // Pasted into a browser, it signs in as the identity.
    let browser = w.fetching_browser();
    let fetched = std::process::Command::new(&browser)
        .arg(&url)
        .status()
        .unwrap();
    assert!(fetched.success());
    let page = w.wait_browser_pages(A_ARN);
    assert!(page.contains(A_ARN), "{page}");
    assert!(w.fake.console_signins().pop().unwrap().used);
}

#[test]
fn clip_without_a_terminal_is_a_usage_error_before_any_call() {
    let w = World::new();
    // No controlling terminal, as under cron or a pipeline without one.
    let out = w
        .alice(&["console", "--clip", "--assume-roles", DEPLOY])
        .detached()
        .run();
    out.fails(2, "--clip needs a terminal");
    assert!(w.sts_actions().is_empty());
}
