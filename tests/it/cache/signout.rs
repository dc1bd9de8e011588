//! A sign-out ends what was made from it: credentials from an Identity Center token are
//! served from the session cache only while that token's file is there.

use super::*;

const SESSION: &str = "work";

/// A token for the sso-session `work` in the shared cache.
fn cache_token(w: &World, expires_in: i64) {
    let t = w.fake.issue_sso_token(expires_in, false);
    let path = w.sso_cache_file(SESSION);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, crate::sso::cache_json(&t, "us-east-1")).unwrap();
}

/// What the AWS CLI v2's `aws sso logout` does to the files (the installed v1 only makes
/// the portal call): every file of the token cache that holds a token goes.
fn aws_sso_logout_files(w: &World) {
    let dir = w.home().join(".aws/sso/cache");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        if v["accessToken"].is_string() && v["expiresAt"].is_string() {
            std::fs::remove_file(&path).unwrap();
        }
    }
}

/// The same request made five ways: the sso-session on the command line, the token file
/// given, the token signed in last, a profile of aws-login's own resolving, and one with
/// a role on top.
fn requests(w: &World) -> Vec<Vec<String>> {
    w.write(
        ".aws/config",
        &format!(
            "[sso-session {SESSION}]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n\n\
             [profile dev]\nsso_session = {SESSION}\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = us-east-1\n\n\
             [profile deploy]\nrole_arn = {FROM_SSO}\nsource_profile = dev\nregion = us-east-1\n"
        ),
    );
    let role = ["--sso-acct-id", "111111111111", "--sso-role-name", "Admin"];
    let token_file = format!("file://{}", w.sso_cache_file(SESSION).display());
    let ways: [&[&str]; 5] = [
        &["--sso-session-name", SESSION, "--use-cache", "--no-sign-in"],
        &["--accesstoken-cache", &token_file],
        // No session named: the token signed in last.
        &["--use-cache", "--no-sign-in"],
        &["--profile", "dev", "--no-sign-in"],
        &["--profile", "deploy", "--no-sign-in"],
    ];
    ways.iter()
        .enumerate()
        .map(|(i, way)| {
            let extra: &[&str] = if i < 3 { &role } else { &[] };
            [*way, extra]
                .concat()
                .iter()
                .map(|s| s.to_string())
                .collect()
        })
        .collect()
}

/// `args` then the request's options.
fn with<'a>(args: &[&'a str], request: &'a [String]) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(request.iter().map(String::as_str));
    v
}

#[test]
fn after_a_sign_out_the_cached_credentials_of_its_token_are_not_served() {
    let w = World::new();
    for request in requests(&w) {
        cache_token(&w, 3600);
        let dump = with(&["dumpcreds", "--credential-helper"], &request);
        let first = w.cmd(&dump).run();
        first.ok();
        let key = first.json()["AccessKeyId"].as_str().unwrap().to_string();
        // Served from the cache while the token is there.
        assert_eq!(w.cmd(&dump).run().stdout, first.stdout, "{request:?}");
        aws_sso_logout_files(&w);
        let after = w.cmd(&dump).run();
        assert_ne!(after.code, 0, "{request:?}: {}", after.stdout);
        assert!(!after.stdout.contains(&key), "{request:?}");
        assert!(after.stderr.starts_with("aws-login: "), "{}", after.stderr);
        let calls = w.fake.log().len();
        let who = w.cmd(&with(&["getcallerid"], &request)).run();
        assert_ne!(who.code, 0, "{request:?}: {}", who.stdout);
        assert_eq!(w.fake.log().len(), calls, "{request:?}: a call was signed");
    }
}

#[test]
fn an_expired_token_still_there_keeps_its_credentials_served() {
    let w = World::new();
    let request = &requests(&w)[0];
    cache_token(&w, 3600);
    let dump = with(&["dumpcreds", "--credential-helper"], request);
    let first = w.cmd(&dump).run();
    first.ok();
    // The same token file, now expired: botocore still serves what it made.
    let path = w.sso_cache_file(SESSION);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v["expiresAt"] = "2020-01-01T00:00:00Z".into();
    std::fs::write(&path, v.to_string()).unwrap();
    let calls = w.fake.log().len();
    let again = w.cmd(&dump).run();
    again.ok();
    assert_eq!(again.stdout, first.stdout);
    assert_eq!(w.fake.log().len(), calls);
}

#[test]
fn an_sso_entry_that_names_no_token_file_is_a_miss() {
    let w = World::new();
    let request = &requests(&w)[3];
    cache_token(&w, 3600);
    let dump = with(&["dumpcreds", "--credential-helper"], request);
    let first = w.cmd(&dump).run();
    first.ok();
    let entry = only_entry(&w);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&entry).unwrap()).unwrap();
    assert_eq!(
        v["sso_token"]["file"],
        w.sso_cache_file(SESSION).to_str().unwrap()
    );
    // As an aws-login that did not record the token wrote it.
    v.as_object_mut().unwrap().remove("sso_token");
    std::fs::write(&entry, v.to_string()).unwrap();
    let again = w.cmd(&dump).run();
    again.ok();
    assert_ne!(again.json()["AccessKeyId"], first.json()["AccessKeyId"]);
    assert_eq!(w.calls("GetRoleCredentials").len(), 2);
}

#[test]
fn environment_keys_beside_an_sso_aws_profile_owe_nothing_to_its_token() {
    let w = World::new();
    requests(&w);
    // No token is cached: the keys in the environment come first, the profile's token
    // plays no part, and their entry is reused.
    let first = w.alice(&HELPER).env("AWS_PROFILE", "dev").run();
    first.ok();
    let again = w.alice(&HELPER).env("AWS_PROFILE", "dev").run();
    again.ok();
    assert_eq!(again.stdout, first.stdout);
    assert_eq!(sts_count(&w, "AssumeRole"), 2);
}

/// After a sign-out, `cache list` shows what the token made as signed out (it is no longer
/// served, however long the credentials have left), and `cache clear` removes it, by its
/// request or with everything.
#[test]
fn cache_list_shows_signed_out_entries_and_cache_clear_removes_them() {
    let w = World::new();
    let requests = requests(&w);
    let list = || {
        let out = w.cmd(&["cache", "list"]).run();
        out.ok();
        let json = w.cmd(&["cache", "list", "--json"]).run();
        json.ok();
        let rows: Vec<(String, String)> = out
            .stdout
            .lines()
            .map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                (cols[1].to_string(), cols[3].to_string())
            })
            .collect();
        let states: Vec<(String, String)> = json
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["source"].as_str().unwrap().to_string(),
                    r["state"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (rows, states)
    };
    let left = |rows: &[(String, String)], source: &str| {
        rows.iter()
            .find(|(s, _)| s == source)
            .unwrap_or_else(|| panic!("{source}: {rows:?}"))
            .1
            .clone()
    };
    cache_token(&w, 3600);
    for r in [&requests[0], &requests[3]] {
        w.cmd(&with(&["dumpcreds", "--credential-helper"], r))
            .run()
            .ok();
    }
    w.alice(&HELPER).run().ok();
    let sso = format!("sso {START_URL} 111111111111/Admin");
    let alice = format!("environment key {ALICE_KEY}");
    let (rows, states) = list();
    assert_eq!(rows.len(), 3, "{rows:?}");
    for source in [sso.as_str(), "profile dev", &alice] {
        assert!(left(&rows, source).ends_with('m'), "{rows:?}");
        assert_eq!(left(&states, source), "valid", "{states:?}");
    }
    aws_sso_logout_files(&w);
    let (rows, states) = list();
    for source in [sso.as_str(), "profile dev"] {
        assert_eq!(left(&rows, source), "signed out", "{rows:?}");
        assert_eq!(left(&states, source), "signed_out", "{states:?}");
    }
    assert!(left(&rows, &alice).ends_with('m'), "{rows:?}");
    assert_eq!(left(&states, &alice), "valid", "{states:?}");
    // By its request, with no token to sign in with...
    w.cmd(&with(&["cache", "clear"], &requests[3])).run().ok();
    let (rows, _) = list();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(left(&rows, &sso), "signed out", "{rows:?}");
    // ...or with everything.
    w.cmd(&["cache", "clear", "--all"]).run().ok();
    assert!(entries(&w).is_empty(), "{:?}", entries(&w));
}
