//! What the session cache keeps and trusts: never the environment's own keys, private
//! directories from the XDG base up, no temporaries left behind, no symlink followed, and
//! nothing planted by another user served.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::*;

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn keys_from_the_environment_are_never_stored() {
    let w = World::new();
    let s = w.fake.mint_role_session(DEPLOY, "mine", 3600);
    let expiration = s
        .expiration
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for args in [
        &["whoami", "--check"][..],
        &["console", "--no-browser"],
        &["getcallerid"],
        &["dumpcreds", "--credential-helper"],
    ] {
        w.cmd(args)
            .session(&s)
            .env("AWS_CREDENTIAL_EXPIRATION", &expiration)
            .run()
            .ok();
    }
    assert!(entries(&w).is_empty(), "{:?}", entries(&w));
    let list = w.cmd(&["cache", "list"]).run();
    list.ok();
    assert_eq!(list.stdout, "");
    // What is made from them is stored as before.
    w.cmd(&["getcallerid", "--assume-roles", AUDIT])
        .session(&s)
        .env("AWS_CREDENTIAL_EXPIRATION", &expiration)
        .run()
        .ok();
    assert_eq!(entries(&w).len(), 1);
}

#[test]
fn xdg_base_directories_aws_login_makes_are_private() {
    let w = World::new();
    let base = w.home().join("xdg");
    let (cache, state, runtime) = (base.join("cache"), base.join("state"), base.join("run"));
    w.alice(&HELPER)
        .env("XDG_CACHE_HOME", cache.to_str().unwrap())
        .env("XDG_STATE_HOME", state.to_str().unwrap())
        .run()
        .ok();
    w.alice(&[&HELPER[..], &["--fresh"]].concat())
        .env("XDG_CACHE_HOME", cache.to_str().unwrap())
        .env("XDG_RUNTIME_DIR", runtime.to_str().unwrap())
        .run()
        .ok();
    for dir in [&base, &cache, &state, &runtime] {
        assert_eq!(mode(dir), 0o700, "{}", dir.display());
    }
    assert!(cache.join("aws-login/sessions").is_dir());
    assert!(state.join("aws-login/locks").is_dir());
    assert!(runtime.join("aws-login/locks").is_dir());
}

/// A temporary file as a writer killed mid-write leaves it, last written `age` ago.
fn leftover(dir: &Path, name: &str, age: Duration) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, r#"{"credentials": {"SecretAccessKey": "half-written"#).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    let f = std::fs::File::options().write(true).open(&p).unwrap();
    f.set_modified(SystemTime::now() - age).unwrap();
    p
}

#[test]
fn temporaries_left_by_killed_writers_are_swept_on_write_and_by_cache_clear() {
    let w = World::new();
    w.alice(&HELPER).run().ok();
    let dir = sessions_dir(&w);
    let stale = leftover(&dir, ".aws-login-Xy12ab", Duration::from_secs(300));
    let live = leftover(&dir, ".aws-login-Cd34ef", Duration::ZERO);
    w.alice(&[&HELPER[..], &["--fresh"]].concat()).run().ok();
    assert!(!stale.exists(), "a write sweeps a stale temporary");
    assert!(live.exists(), "one a writer may still be writing stays");
    for clear in [&["cache", "clear", "--all"][..], &["cache", "clear"]] {
        let stale = leftover(&dir, ".aws-login-Gh56ij", Duration::from_secs(300));
        w.alice(clear).run().ok();
        assert!(!stale.exists(), "{clear:?}");
    }
    assert!(live.exists());
}

#[test]
fn cache_clear_all_removes_entries_only_and_never_follows_a_symlinked_directory() {
    for link in ["aws-login/sessions", "aws-login"] {
        let w = World::new();
        w.alice(&HELPER).run().ok();
        let entry = std::fs::read_to_string(only_entry(&w)).unwrap();
        // Somewhere else, files that must survive: an entry-shaped one among them.
        let elsewhere = w.home().join("elsewhere");
        let target = if link == "aws-login" {
            elsewhere.join("sessions")
        } else {
            elsewhere.clone()
        };
        std::fs::create_dir_all(&target).unwrap();
        let kept = [target.join("a.json"), target.join("b.json")];
        std::fs::write(&kept[0], &entry).unwrap();
        std::fs::write(&kept[1], r#"{"precious": true}"#).unwrap();
        let linked = w.home().join(".cache").join(link);
        std::fs::remove_dir_all(&linked).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &linked).unwrap();
        let out = w.cmd(&["cache", "clear", "--all"]).run();
        out.fails(
            1,
            "is a symlink, which is not followed: replace it with a directory",
        );
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(kept.iter().all(|k| k.exists()), "{link}");
        // Nor is an entry read through it.
        let calls = sts_count(&w, "AssumeRole");
        w.alice(&HELPER).run().ok();
        assert_eq!(sts_count(&w, "AssumeRole"), calls + 2, "{link}");
    }
}

fn chown_nobody(p: &Path) {
    std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
}

fn make_mode(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// How an entry is planted, given the world and the entry file.
type Plant = fn(&World, &Path);

/// Planted entries: the request's own entry file rewritten with other keys, the file or
/// its directories then handed to another user (nobody) or opened to writes by others.
#[test]
fn an_entry_not_owned_by_this_user_alone_is_neither_served_nor_tightened() {
    let plants: [(&str, Plant); 4] = [
        ("all of another user's", |w, e| {
            for p in [e, &sessions_dir(w), sessions_dir(w).parent().unwrap()] {
                chown_nobody(p);
            }
        }),
        ("file of another user's", |_, e| chown_nobody(e)),
        ("file others can write", |_, e| make_mode(e, 0o666)),
        ("directory others can write", |w, _| {
            make_mode(&sessions_dir(w), 0o777)
        }),
    ];
    for (what, plant) in plants {
        let w = World::new();
        w.alice(&HELPER).run().ok();
        let entry = only_entry(&w);
        let text = std::fs::read_to_string(&entry).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["credentials"]["AccessKeyId"] = "ASIAPLANTED000000001".into();
        std::fs::write(&entry, v.to_string()).unwrap();
        make_mode(&entry, 0o644);
        plant(&w, &entry);
        let before = mode(&entry);
        let out = w.alice(&HELPER).run();
        out.ok();
        assert!(!out.stdout.contains("PLANTED"), "{what}: served");
        assert_eq!(sts_count(&w, "AssumeRole"), 4, "{what}");
        if what == "all of another user's" {
            assert_eq!(mode(&entry), before, "{what}: its mode was changed");
            assert!(
                out.stderr.contains("belongs to another user"),
                "{what}: {}",
                out.stderr
            );
            assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        }
    }
}
