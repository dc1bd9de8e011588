//! boto3, the aws CLI and the JavaScript SDK v3 side by side for 75 s through each kind of
//! endpoint, with credentials that last 12 s: every call succeeds, and each client moves
//! on to new keys. Each client uses its own region, so the emulator's log tells them apart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

const SECONDS: u64 = 75;
const BOTO3_REGION: &str = "eu-central-1";
const CLI_REGION: &str = "us-west-2";
const JS_REGION: &str = "ap-south-1";

/// boto3 calling STS every 2 s. `session_per_call`: a new Session each time, as separate
/// program runs have (botocore keeps instance-metadata credentials at least 2 minutes
/// past their fetch, so one Session cannot move to new 12 s keys through instance metadata).
fn boto3_loop(session_per_call: bool) -> String {
    format!(
        r#"
import time, boto3
keys = set(); end = time.time() + {SECONDS}; s = boto3.Session()
while time.time() < end:
    if {per_call}:
        s = boto3.Session()
    s.client('sts', region_name='{BOTO3_REGION}').get_caller_identity()
    keys.add(s.get_credentials().get_frozen_credentials().access_key)
    time.sleep(2)
print(len(keys))
"#,
        per_call = if session_per_call { "True" } else { "False" },
    )
}

/// The child: the three clients at once (boto3's script in `$BOTO3`), each one's output
/// and status in `$OUT/NAME`.
fn child_script(aws: &Path, js: Option<&Path>) -> String {
    let aws = aws.display();
    let mut script = format!(
        r#"run() {{ name=$1; shift; "$@" > "$OUT/$name" 2>"$OUT/$name.err"; echo $? > "$OUT/$name.status"; }}
run boto3 python3 -c "$BOTO3" &
cli_loop() {{
    end=$(( $(date +%s) + {SECONDS} ))
    while [ "$(date +%s)" -lt "$end" ]; do
        '{aws}' sts get-caller-identity --region {CLI_REGION} --output text >/dev/null || return 1
        sleep 1
    done
}}
run cli cli_loop &
"#
    );
    if let Some(js) = js {
        script.push_str(&format!(
            "run js node '{}' {JS_REGION} {SECONDS} &\n",
            js.display()
        ));
    }
    script.push_str("wait\n");
    script
}

fn js_client() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let ready = have("node") && dir.join("node_modules/@aws-sdk/client-sts").is_dir();
    if !require_tool(
        ready,
        "node",
        "missing, or tests/js has no node_modules (npm ci --prefix tests/js)",
    ) {
        return None;
    }
    Some(dir.join("sts_loop.mjs"))
}

fn clients_keep_working(extra: &[&str], session_per_call: bool) {
    if !have("python3") || !have("aws") {
        return;
    }
    let js = js_client();
    let w = short_lived(12);
    let out_dir = w.home().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let aws = which("aws").unwrap();
    let script = child_script(&aws, js.as_deref());
    let mut argv = vec!["runas", "--serve"];
    argv.extend_from_slice(extra);
    argv.extend([
        "--assume-roles",
        DEPLOY,
        "--region",
        "eu-west-1",
        "-c",
        &script,
    ]);
    let out = w
        .alice(&argv)
        .env("OUT", out_dir.to_str().unwrap())
        .env("BOTO3", &boto3_loop(session_per_call))
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut clients = vec![BOTO3_REGION, CLI_REGION];
    for name in ["boto3", "cli", "js"] {
        if name == "js" && js.is_none() {
            continue;
        }
        let read = |suffix: &str| {
            std::fs::read_to_string(out_dir.join(format!("{name}{suffix}"))).unwrap_or_default()
        };
        assert_eq!(read(".status").trim(), "0", "{name}: {}", read(".err"));
    }
    if js.is_some() {
        clients.push(JS_REGION);
    }
    // Per client (region): every call answered, and new keys along the way.
    let mut keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for call in w.calls("GetCallerIdentity") {
        assert_eq!(call.status, 200, "{call:?}");
        let region = call.region.clone().unwrap_or_default();
        keys.entry(region)
            .or_default()
            .insert(call.access_key_id.clone().unwrap_or_default());
    }
    for region in clients {
        let seen = keys.get(region).map(BTreeSet::len).unwrap_or_default();
        assert!(seen >= 3, "{region}: only {seen} different keys ({keys:?})");
    }
}

#[test]
fn boto3_the_aws_cli_and_the_js_sdk_keep_working_through_the_container_endpoint() {
    clients_keep_working(&[], false);
}

#[test]
fn boto3_the_aws_cli_and_the_js_sdk_keep_working_through_instance_metadata() {
    clients_keep_working(&["--imds"], true);
}
