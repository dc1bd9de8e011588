//! No secret, and no `Debug` rendering, reaches stderr at any verbosity.

use crate::harness::*;

#[test]
fn no_secret_and_no_debug_rendering_reaches_stderr_at_any_verbosity() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = alice\n\n\
             [profile helper]\ncredential_process = {BIN} dumpcreds --credential-helper --profile alice\n"
        ),
    );
    let s = w.fake.mint_role_session(DEPLOY, "verbose", 3600);
    let chain = format!("{DEPLOY},{AUDIT}");
    for v in ["-v", "-vv", "-vvv"] {
        let runs: Vec<Vec<&str>> = vec![
            vec!["getcallerid", v, "--fresh", "--assume-roles", &chain],
            vec![
                "dumpcreds",
                v,
                "--fresh",
                "--get-session-token",
                "--mfa-serial",
                MFA_SERIAL,
                "--mfa-code",
                "123456",
            ],
            vec![
                "dumpcreds",
                v,
                "--fresh",
                "--credential-helper",
                "--profile",
                "deploy",
                "--assume-roles",
                AUDIT,
            ],
            vec!["dumpcreds", v, "--fresh", "--get-federation-token"],
            vec!["getcallerid", v, "--fresh", "--assume-roles", AUDIT],
            // aws-config resolves this profile, and logs its plan.
            vec!["getcallerid", v, "--profile", "helper"],
            vec![
                "runas",
                v,
                "--fresh",
                "--assume-roles",
                DEPLOY,
                "--",
                "true",
            ],
        ];
        // The harness asserts on every run that no known secret is on stderr: the
        // scenario's keys, keys in the environment or on stdout, and every key and token
        // the emulator issued (the intermediate hops' included).
        for args in runs {
            let out = w.alice(&args).run();
            assert!(
                out.stderr.contains("aws_login"),
                "{args:?} logged nothing at {v}: {}",
                out.stderr
            );
            if let Some(found) = debug_rendering(&out.stderr) {
                panic!("{args:?} at {v}: {found:?} in {}", out.stderr);
            }
        }
        let out = w
            .cmd(&["getcallerid", v, "--assume-roles", AUDIT])
            .session(&s)
            .run();
        out.ok();
    }
    assert!(
        w.fake.issued_secrets().len() > 20,
        "the runs above issued credentials to check"
    );
}
