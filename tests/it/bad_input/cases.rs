//! The table of bad command lines: each with the exit code and a phrase its one line of
//! error must contain.

use crate::harness::*;

/// `getcallerid` for an SSO role, with `extra` token options.
fn role<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        "getcallerid",
        "--sso-acct-id",
        "111111111111",
        "--sso-role-name",
        "Admin",
    ];
    v.extend(extra);
    v
}

/// (arguments, exit code, a phrase the message must contain)
pub(super) fn cases() -> Vec<(Vec<String>, i32, &'static str)> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        // the SSO option rules: what each option needs or excludes
        (
            s(&["getcallerid", "--sso-acct-id", "111111111111"]),
            2,
            "--sso-role-name",
        ),
        (
            s(&["getcallerid", "--sso-role-name", "Admin"]),
            2,
            "--sso-acct-id",
        ),
        (
            s(&[
                "getcallerid",
                "--sso-acct-id",
                "111111111111",
                "--sso-role-name",
                "Admin",
            ]),
            2,
            "--start-url",
        ),
        (
            s(&["getcallerid", "--target-arn-profiles", "[]"]),
            2,
            "--target-arn-profiles",
        ),
        (s(&["getcallerid", "--refresh", "force"]), 2, "--use-cache"),
        (
            s(&["getcallerid", "--refresh", "sometimes"]),
            2,
            "possible values",
        ),
        (
            s(&[
                "getcallerid",
                "--sso-access-token",
                "t",
                "--accesstoken-cache",
                "{}",
            ]),
            2,
            "cannot be used with",
        ),
        (
            s(&["getcallerid", "--sso-access-token", "t", "--use-cache"]),
            2,
            "cannot be used with",
        ),
        (
            s(&["getcallerid", "--use-cache", "--accesstoken-cache", "{}"]),
            2,
            "cannot be used with",
        ),
        // A token travels in an HTTP header: one line of visible ASCII, else an input error.
        (
            s(&role(&["--sso-access-token", "tok\nen"])),
            2,
            "--sso-access-token is empty or holds whitespace",
        ),
        (
            s(&role(&["--sso-access-token", "tok en"])),
            2,
            "--sso-access-token is empty or holds whitespace",
        ),
        (
            s(&role(&[
                "--accesstoken-cache",
                r#"{"accessToken": "tok\nen", "expiresAt": "2099-01-01T00:00:00Z"}"#,
            ])),
            2,
            "the accessToken in --accesstoken-cache is empty or holds",
        ),
        (
            s(&["getcallerid", "--start-url", "https://x.awsapps.com/start"]),
            2,
            "--sso-acct-id",
        ),
        (
            s(&[
                "getcallerid",
                "--start-url",
                "http://insecure",
                "--sso-acct-id",
                "111111111111",
                "--sso-role-name",
                "A",
            ]),
            2,
            "https",
        ),
        (
            s(&[
                "getcallerid",
                "--use-cache",
                "--sso-acct-id",
                "12345",
                "--sso-role-name",
                "A",
            ]),
            2,
            "12 digits",
        ),
        (s(&["runas"]), 2, "-c"),
        (s(&["importcache"]), 2, "--accesstoken-cache"),
        // malformed ARNs and lists
        (
            s(&["getcallerid", "--assume-roles", "Admin"]),
            2,
            "invalid role ARN",
        ),
        (
            s(&["getcallerid", "--assume-roles", "arn:aws:iam::12345:role/A"]),
            2,
            "12 digits",
        ),
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                "arn:aws:iam::123456789012:user/bob",
            ]),
            2,
            "not a role",
        ),
        (
            s(&["getcallerid", "--assume-roles", &format!("{DEPLOY},")]),
            2,
            "empty entry",
        ),
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                &format!("{DEPLOY},,{AUDIT}"),
            ]),
            2,
            "empty entry",
        ),
        (s(&["getcallerid", "--assume-roles", ""]), 2, "empty"),
        (s(&["getcallerid", "--assume-roles", "[]"]), 2, "no roles"),
        (
            s(&["getcallerid", "--assume-roles", &format!("[\"{DEPLOY}\",]")]),
            2,
            "not valid JSON",
        ),
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                &format!("[{{\"Arn\": \"{DEPLOY}\"}}]"),
            ]),
            2,
            "RoleArn",
        ),
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                "file:///nonexistent/roles.json",
            ]),
            2,
            "cannot read",
        ),
        (
            s(&["getcallerid", "--assume-roles", "file://empty.json"]),
            2,
            "is empty",
        ),
        // session names, durations, ids
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                DEPLOY,
                "--role-session-name",
                "a",
            ]),
            2,
            "2-64",
        ),
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                DEPLOY,
                "--role-session-name",
                "has space",
            ]),
            2,
            "2-64",
        ),
        (
            s(&[
                "getcallerid",
                "--get-federation-token",
                "--role-session-name",
                &"n".repeat(33),
            ]),
            2,
            "2-32",
        ),
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                DEPLOY,
                "--duration-seconds",
                "899",
            ]),
            2,
            "900-43200",
        ),
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                DEPLOY,
                "--duration-seconds",
                "43201",
            ]),
            2,
            "900-43200",
        ),
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                &format!("{DEPLOY},{AUDIT}"),
                "--duration-seconds",
                "7200",
            ]),
            2,
            "hop 2",
        ),
        (
            s(&[
                "getcallerid",
                "--get-session-token",
                "--duration-seconds",
                "129601",
            ]),
            2,
            "900-129600",
        ),
        (
            s(&["getcallerid", "--duration-seconds", "3600"]),
            2,
            "--assume-roles",
        ),
        (
            s(&["getcallerid", "--duration-seconds", "soon"]),
            2,
            "invalid value",
        ),
        (
            s(&[
                "getcallerid",
                "--assume-roles",
                DEPLOY,
                "--external-id",
                "x",
            ]),
            2,
            "2-1224",
        ),
        (
            s(&["getcallerid", "--external-id", "abcdef"]),
            2,
            "--assume-roles",
        ),
        (
            s(&["getcallerid", "--mfa-code", "123456"]),
            2,
            "--mfa-serial",
        ),
        (
            s(&[
                "getcallerid",
                "--get-session-token",
                "--mfa-serial",
                MFA_SERIAL,
                "--mfa-code",
                "12ab",
            ]),
            2,
            "6 digits",
        ),
        (
            s(&[
                "getcallerid",
                "--get-session-token",
                "--mfa-serial",
                MFA_SERIAL,
            ]),
            2,
            "--mfa-code",
        ),
        // transitions STS would refuse
        (
            s(&[
                "getcallerid",
                "--get-session-token",
                "--get-federation-token",
            ]),
            2,
            "cannot be used with",
        ),
        (
            s(&[
                "getcallerid",
                "--get-federation-token",
                "--assume-roles",
                DEPLOY,
            ]),
            2,
            "cannot be used with",
        ),
        // unknown things
        (
            s(&["getcallerid", "--profile", "nope"]),
            2,
            "profile 'nope'",
        ),
        (
            s(&["dumpcreds", "--outform", "tcsh"]),
            2,
            "bash, zsh, sh, fish, powershell, cmd",
        ),
        (
            s(&["dumpcreds", "--outform", "fish", "--credential-helper"]),
            2,
            "cannot be used with",
        ),
        (s(&["getcallerid", "--outform", "linux"]), 2, "--outform"),
        (s(&["getcallerid", "--region", "mars"]), 2, "region"),
        (s(&["getcallerid", "--no-browser"]), 2, "--start-url"),
        (
            s(&["runas", "-c", "true", "--", "true"]),
            2,
            "cannot be used with",
        ),
        (s(&["frobnicate"]), 2, "frobnicate"),
        (s(&["getcallerid", "--use-cache=1"]), 2, "--use-cache"),
    ]
}
