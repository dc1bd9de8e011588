//! Each check against a sound home and against the breakage it is there for.

use super::*;

#[test]
fn a_sound_home_passes_every_check_and_exits_0() {
    let w = sound_world();
    let out = w.cmd(&["doctor", "--json"]).run();
    out.ok();
    for (check, status, detail, _) in report(&out) {
        assert_ne!(status, "fail", "{check}: {detail}");
    }
    assert_eq!(status_of(&out, "config").0, "ok");
    assert_eq!(status_of(&out, "clock").0, "ok");
    assert_eq!(status_of(&out, "file modes").0, "ok");
    assert_eq!(status_of(&out, "proxy").0, "ok");
    assert_eq!(status_of(&out, "CA certificates").0, "ok");
    // The text form: one line per check, nothing on stderr.
    let text = w.cmd(&["doctor"]).run();
    text.ok();
    assert_eq!(text.stderr, "");
    assert!(
        text.stdout.lines().any(|l| l.starts_with("ok    clock:")),
        "{}",
        text.stdout
    );
}

#[test]
fn each_broken_profile_is_named_with_its_fault() {
    let w = sound_world();
    w.write(
        ".aws/config",
        &format!(
            "[profile orphan]\nrole_arn = {DEPLOY}\nsource_profile = nowhere\n\n\
             [profile ping]\nrole_arn = {DEPLOY}\nsource_profile = pong\n\n\
             [profile pong]\nrole_arn = {AUDIT}\nsource_profile = ping\n\n\
             [profile ghost]\nsso_session = nosuch\nsso_account_id = 111111111111\nsso_role_name = Admin\n\n\
             [profile fine]\nrole_arn = {DEPLOY}\nsource_profile = alice\n"
        ),
    );
    let out = w
        .cmd(&["doctor", "--json"])
        .env("AWS_PROFILE", "retired")
        .run();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.starts_with("aws-login: "), "{}", out.stderr);
    let (s, d, _) = status_of(&out, "AWS_PROFILE");
    assert_eq!(s, "fail");
    assert!(d.contains("'retired'"), "{d}");
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    let (s, d, f) = status_of(&out, "profile orphan");
    assert_eq!(s, "fail");
    assert!(d.contains("source_profile = nowhere"), "{d}");
    assert!(f.contains("[profile orphan]"), "{f}");
    let (s, d, _) = status_of(&out, "profile ping");
    assert_eq!(s, "fail");
    assert!(d.contains("loop"), "{d}");
    assert_eq!(status_of(&out, "profile pong").0, "fail");
    let (s, d, _) = status_of(&out, "profile ghost");
    assert_eq!(s, "fail");
    assert!(d.contains("[sso-session nosuch]"), "{d}");
    assert!(
        !report(&out).iter().any(|(c, ..)| c == "profile fine"),
        "a sound profile gets no line of its own"
    );
}

#[test]
fn a_config_file_that_does_not_parse_fails_the_config_check() {
    let w = sound_world();
    w.write(".aws/config", "[profile broken\nregion = us-east-1\n");
    let out = w.cmd(&["doctor", "--json"]).run();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let (s, d, _) = status_of(&out, "config");
    assert_eq!(s, "fail", "{d}");
    // The parser's message spans lines; the report keeps it to one.
    assert!(d.contains("line 1") && !d.contains("\\u{a}"), "{d}");
}

#[test]
fn the_clock_fails_ten_minutes_off_and_warns_two_minutes_off() {
    let w = sound_world();
    w.fake.set_date_offset(600);
    let out = w.cmd(&["doctor", "--json"]).run();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let (s, d, f) = status_of(&out, "clock");
    assert_eq!(s, "fail", "{d}");
    assert!(
        d.contains("behind"),
        "the server is ahead, so this clock is behind: {d}"
    );
    assert!(d.contains("10m"), "{d}");
    assert!(f.contains("NTP"), "{f}");

    w.fake.set_date_offset(-600);
    let out = w.cmd(&["doctor", "--json"]).run();
    let (s, d, _) = status_of(&out, "clock");
    assert_eq!(s, "fail", "{d}");
    assert!(d.contains("ahead"), "{d}");

    // Warnings do not fail the run.
    w.fake.set_date_offset(150);
    let out = w.cmd(&["doctor", "--json"]).run();
    out.ok();
    assert_eq!(status_of(&out, "clock").0, "warn");
    // The check asks STS itself, with no credentials.
    let asked = w.calls("GetCallerIdentity");
    assert!(!asked.is_empty(), "doctor asked STS");
    assert!(asked.iter().all(|c| c.access_key_id.is_none()), "unsigned");
}

#[test]
fn files_others_can_read_fail_with_the_chmod_that_fixes_them() {
    let w = sound_world();
    chmod(&w.credentials_path(), 0o644);
    let cache = w.home().join(".aws/sso/cache");
    std::fs::create_dir_all(&cache).unwrap();
    chmod(&cache, 0o755);
    let sessions = w.home().join(".cache/aws-login/sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    chmod(&w.home().join(".cache/aws-login"), 0o700);
    chmod(&sessions, 0o700);
    let entry = sessions.join("entry.json");
    std::fs::write(&entry, "{}").unwrap();
    chmod(&entry, 0o640);
    let out = w.cmd(&["doctor", "--json"]).run();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let lines: Vec<_> = report(&out)
        .into_iter()
        .filter(|(c, ..)| c == "file modes")
        .collect();
    let says = |path: &std::path::Path, fix: &str| {
        let shown = path.display().to_string();
        lines
            .iter()
            .any(|(_, s, d, f)| s == "fail" && d.contains(&shown) && f == &format!("{fix} {shown}"))
    };
    assert!(says(&w.credentials_path(), "chmod 600"), "{lines:?}");
    assert!(says(&cache, "chmod 700"), "{lines:?}");
    assert!(says(&entry, "chmod 600"), "{lines:?}");
    assert_eq!(lines.len(), 3, "the private ones pass: {lines:?}");
}

#[test]
fn proxy_and_ca_settings_are_shown_without_proxy_credentials() {
    let w = sound_world();
    let out = w
        .cmd(&["doctor", "--json"])
        .env(
            "HTTPS_PROXY",
            "http://carol:pr0xy-s3cret@proxy.example:3128",
        )
        .env("NO_PROXY", "169.254.169.254,.internal")
        .env("AWS_CA_BUNDLE", "/nonexistent/ca.pem")
        .run();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains("pr0xy-s3cret") && !out.stderr.contains("pr0xy-s3cret"));
    assert!(!out.stdout.contains("carol"), "{}", out.stdout);
    let (s, d, _) = status_of(&out, "proxy");
    assert_eq!(s, "ok");
    assert!(
        d.contains("HTTPS_PROXY = http://proxy.example:3128 (with credentials)"),
        "{d}"
    );
    assert!(d.contains("NO_PROXY = 169.254.169.254,.internal"), "{d}");
    let (s, d, f) = status_of(&out, "CA certificates");
    assert_eq!(s, "fail");
    assert!(d.contains("AWS_CA_BUNDLE"), "{d}");
    assert!(f.contains("AWS_CA_BUNDLE"), "{f}");

    let bad = w
        .cmd(&["doctor", "--json"])
        .env("HTTPS_PROXY", "ftp://proxy.example")
        .run();
    assert_eq!(bad.code, 1);
    assert_eq!(status_of(&bad, "proxy").0, "fail");
}

#[test]
fn hostile_values_from_files_reach_the_terminal_inert() {
    let w = sound_world();
    w.write(
        ".aws/config",
        &format!("[profile evil\u{1b}]2;pwned\u{7}]\nrole_arn = {DEPLOY}\nsource_profile = gone\u{202e}x\n"),
    );
    let out = w.cmd(&["doctor"]).run();
    assert_eq!(out.code, 1);
    assert!(
        !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{202e}'),
        "{:?}",
        out.stdout
    );
    let json = w.cmd(&["doctor", "--json"]).run();
    assert!(!json.stdout.contains('\u{202e}'), "{:?}", json.stdout);
    report(&json);
}

#[test]
fn starship_without_the_identity_module_warns_and_with_it_passes() {
    let w = sound_world();
    let bin = w.executable("starship", "#!/bin/sh\nexit 0\n");
    let path = format!(
        "{}:{}",
        std::path::Path::new(&bin).parent().unwrap().display(),
        std::env::var("PATH").unwrap()
    );
    let run = |config: Option<&str>| {
        let mut r = w.cmd(&["doctor", "--json"]).env("PATH", &path);
        if let Some(c) = config {
            r = r.env("STARSHIP_CONFIG", c);
        }
        r.run()
    };
    // Installed, no config at all.
    let out = run(None);
    out.ok();
    let (s, _, f) = status_of(&out, "starship");
    assert_eq!(s, "warn");
    assert!(f.contains("[env_var.AWS_LOGIN_IDENTITY]"), "{f}");
    // A config without the module.
    let plain = w.write("plain.toml", "[aws]\nformat = \"on $symbol\"\n");
    assert_eq!(status_of(&run(plain.to_str()), "starship").0, "warn");
    // The documented snippet, read from docs/shell.md itself.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/shell.md")).unwrap();
    let snippet: String = readme
        .split("[env_var.AWS_LOGIN_IDENTITY]")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap()
        .to_string();
    let good = w.write(
        ".config/starship.toml",
        &format!("[aws]\nformat = \"on $symbol\"\n\n[env_var.AWS_LOGIN_IDENTITY]{snippet}"),
    );
    let out = run(None);
    assert_eq!(status_of(&out, "starship").0, "ok", "{}", out.stdout);
    assert_eq!(status_of(&run(good.to_str()), "starship").0, "ok");
    // Not TOML: starship ignores it, so it fails.
    let broken = w.write("broken.toml", "[env_var.AWS_LOGIN_IDENTITY\n");
    let out = run(broken.to_str());
    assert_eq!(out.code, 1);
    assert_eq!(status_of(&out, "starship").0, "fail");
    // Not installed: no line.
    if which("starship").is_none() {
        let out = w.cmd(&["doctor", "--json"]).run();
        assert!(!report(&out).iter().any(|(c, ..)| c == "starship"));
    }
}

#[test]
fn one_home_with_every_breakage_fails_each_check_on_its_own_line() {
    let w = sound_world();
    w.write(
        ".aws/config",
        &format!(
            "[profile orphan]\nrole_arn = {DEPLOY}\nsource_profile = nowhere\n\n\
             [profile ghost]\nsso_session = nosuch\nsso_account_id = 111111111111\nsso_role_name = Admin\n"
        ),
    );
    chmod(&w.credentials_path(), 0o604);
    w.fake.set_date_offset(-900);
    let out = w
        .cmd(&["doctor", "--json"])
        .env("AWS_CA_BUNDLE", "/nonexistent/ca.pem")
        .run();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    for check in [
        "profile orphan",
        "profile ghost",
        "clock",
        "CA certificates",
        "file modes",
    ] {
        assert_eq!(status_of(&out, check).0, "fail", "{check}: {}", out.stdout);
    }
    let text = w
        .cmd(&["doctor"])
        .env("AWS_CA_BUNDLE", "/nonexistent/ca.pem")
        .run();
    assert_eq!(text.code, 1);
    assert_eq!(
        text.stdout.matches("\nFAIL  ").count() + usize::from(text.stdout.starts_with("FAIL  ")),
        5,
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.matches("      fix: ").count() >= 5,
        "{}",
        text.stdout
    );
}

/// An endpoint URL the SDK would send to, that is none, fails its profile (not only the
/// run that would use it).
#[test]
fn an_endpoint_url_that_is_no_url_fails_its_profile() {
    let w = sound_world();
    w.write(
        ".aws/config",
        "[profile badurl]\nendpoint_url = not a url\n",
    );
    // The emulator's STS endpoint, set for every run, would take the profile's place. The
    // clock check then goes to AWS: through a proxy that is not there, so nothing leaves.
    let out = w
        .cmd(&[
            "-u",
            "AWS_ENDPOINT_URL_STS",
            "HTTPS_PROXY=http://127.0.0.1:9",
            BIN,
            "doctor",
            "--json",
        ])
        .program(which("env").unwrap())
        .run();
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let (s, d, f) = status_of(&out, "profile badurl");
    assert_eq!(s, "fail");
    assert!(d.contains("endpoint_url of profile 'badurl'"), "{d}");
    assert!(f.contains("[profile badurl]"), "{f}");
}
