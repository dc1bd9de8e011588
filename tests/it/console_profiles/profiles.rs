//! `--browser-profile`: one browser profile per identity.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use super::*;

/// Who the emulator's console page shows for the session the profile's cookie holds: the
/// profile is still signed in, as that identity, after its browser closed.
fn signed_in_as(w: &World, exe: &std::path::Path, profile: &std::path::Path) -> String {
    let out = Command::new(exe)
        .args(HEADLESS.split(' ').filter(|a| !a.is_empty()))
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("{}/console", w.fake.url()))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn two_identities_stay_signed_in_side_by_side_in_their_own_chromium_profiles() {
    let w = World::new();
    let Some(browser) = headless_chromium(&w) else {
        return;
    };
    // Both at once, each in a profile of its own.
    let a = as_identity(&w, true, &["--browser-profile", "--browser", &browser]).spawn();
    let b = as_identity(&w, false, &["--browser-profile", "--browser", &browser]).spawn();
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(out.stdout.is_empty());
        assert!(stderr.contains("opened the AWS console as"), "{stderr}");
    }
    let page = doms_with(&w, &[A_ARN, B_ARN]);
    assert!(
        page.contains(A_ARN) && page.contains(B_ARN),
        "each lands as itself: {page}"
    );
    assert!(!page.contains("log out"), "{page}");
    let dirs = user_data_dirs(&w);
    assert_eq!(dirs.len(), 2, "{dirs:?}");
    assert_ne!(dirs[0], dirs[1]);
    // Both stay signed in, each as its own identity.
    let exe = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(which)
        .unwrap();
    let seen: Vec<String> = dirs.iter().map(|d| signed_in_as(&w, &exe, d)).collect();
    let who = |s: &str| {
        [A_ARN, B_ARN]
            .into_iter()
            .filter(|arn| s.contains(arn))
            .collect::<Vec<_>>()
    };
    let mut found: Vec<&str> = seen.iter().flat_map(|s| who(s)).collect();
    found.sort();
    let mut want = [A_ARN, B_ARN];
    want.sort();
    assert_eq!(found, want, "one profile each: {seen:?}");
}

/// A stand-in browser named `name` that records its arguments and reads the page it is
/// given (so aws-login sees it read and goes on).
fn recording_browser(w: &World, name: &str) -> String {
    let log = w.home().join("argv.log");
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" --- >> '{}'\nfor a; do last=$a; done\ncat \"${{last#file://}}\" > /dev/null\n",
        log.display()
    );
    w.executable(name, &script)
}

fn argv(w: &World) -> String {
    std::fs::read_to_string(w.home().join("argv.log")).unwrap_or_default()
}

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn each_identity_gets_a_private_chromium_profile_reused_on_the_next_run() {
    let w = World::new();
    let browser = recording_browser(&w, "chromium");
    as_identity(&w, true, &["--browser-profile", "--browser", &browser])
        .run()
        .ok();
    // The variable turns it on too; the same identity finds its profile again.
    as_identity(&w, true, &["--browser", &browser])
        .env("AWS_LOGIN_BROWSER_PROFILE", "1")
        .run()
        .ok();
    as_identity(&w, false, &["--browser-profile", "--browser", &browser])
        .run()
        .ok();
    let dirs = user_data_dirs(&w);
    assert_eq!(dirs.len(), 3, "{}", argv(&w));
    assert_eq!(dirs[0], dirs[1], "reused for the same identity");
    assert_ne!(dirs[0], dirs[2], "another identity, another profile");
    let root = w.home().join(".local/state/aws-login/browser-profiles");
    for d in [&dirs[0], &dirs[2]] {
        assert_eq!(d.parent().unwrap(), root);
        let name = d.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("chromium-") && name.len() == 9 + 32,
            "{name}"
        );
        assert_eq!(mode(d), 0o700);
        assert!(d.join("First Run").is_file(), "no first-run dialogs");
    }
    assert_eq!(mode(&root), 0o700);
    let log = argv(&w);
    for start in log.split("---\n").filter(|s| !s.is_empty()) {
        let args: Vec<&str> = start.lines().collect();
        assert_eq!(args.len(), 4, "{args:?}");
        assert!(args.contains(&"--no-first-run"), "{args:?}");
        assert!(args.contains(&"--no-default-browser-check"), "{args:?}");
        assert!(args[3].starts_with("file:///"), "{args:?}");
    }
    assert!(
        !log.contains("SigninToken") && !log.contains("federation"),
        "{log}"
    );
    // Without the option the chosen browser opens plainly, in the user's own profile.
    std::fs::remove_file(w.home().join("argv.log")).unwrap();
    as_identity(&w, true, &["--browser", &browser]).run().ok();
    let log = argv(&w);
    assert_eq!(log.lines().count(), 2, "{log}");
    assert!(log.starts_with("file:///"), "{log}");
}

#[test]
fn firefox_gets_a_profile_of_the_identitys_own() {
    let w = World::new();
    let browser = recording_browser(&w, "firefox");
    for _ in 0..2 {
        as_identity(&w, false, &["--browser-profile", "--browser", &browser])
            .run()
            .ok();
    }
    let log = argv(&w);
    let starts: Vec<Vec<&str>> = log
        .split("---\n")
        .filter(|s| !s.is_empty())
        .map(|s| s.lines().collect())
        .collect();
    assert_eq!(starts.len(), 2, "{log}");
    assert_eq!(starts[0][0], "--profile", "{log}");
    assert_eq!(starts[0][1], starts[1][1], "reused: {log}");
    let dir = std::path::Path::new(starts[0][1]);
    assert!(
        dir.starts_with(w.home().join(".local/state/aws-login/browser-profiles"))
            && dir
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("firefox-"),
        "{log}"
    );
    assert_eq!(mode(dir), 0o700);
    assert!(dir.join("user.js").is_file());
    assert!(starts[0][2].starts_with("file:///"), "{log}");
}

#[test]
fn the_browser_is_found_on_path_and_bad_choices_fail_before_any_call() {
    let w = World::new();
    // Detection: the first known browser on PATH.
    let browser = recording_browser(&w, "brave-browser");
    let bin = std::path::Path::new(&browser)
        .parent()
        .unwrap()
        .display()
        .to_string();
    as_identity(&w, true, &["--browser-profile"])
        .env("PATH", &bin)
        .run()
        .ok();
    assert!(
        argv(&w).contains("/browser-profiles/brave-"),
        "{}",
        argv(&w)
    );

    let lynx = w.executable("lynx", "#!/bin/sh\nexit 0\n");
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        (
            &["--browser-profile", "--browser", &lynx],
            &[],
            "cannot tell how to give",
        ),
        (&["--browser", "no-such-browser"], &[], "is not on PATH"),
        (&["--browser", "/no/such/browser"], &[], "is not a program"),
        (
            &["--browser-profile"],
            &[("PATH", "/nonexistent")],
            "found no browser",
        ),
        (
            &[],
            &[("AWS_LOGIN_BROWSER_PROFILE", "yes")],
            "is not 1 or 0",
        ),
        (
            &["--browser-profile", "--no-browser"],
            &[],
            "cannot be used with",
        ),
        (&["--clip", "--browser-profile"], &[], "cannot be used with"),
    ];
    for (extra, env, needle) in cases {
        w.fake.clear_log();
        let mut run = as_identity(&w, true, extra);
        for (k, v) in *env {
            run = run.env(k, v);
        }
        let out = run.run();
        out.fails(2, needle);
        assert!(w.sts_actions().is_empty(), "{extra:?}: no call");
    }
}
