//! `awsl assume PROFILE` in real bash, zsh and fish: an SSO profile that signs in through
//! headless Chromium (PKCE), and an MFA profile whose code comes from `mfa_process`.

use super::sso_config;
use crate::harness::*;
use crate::sso::admin_arn;

/// Run `script` (after sourcing `awsl`) in `shell` under its strictest mode.
fn in_shell(w: &World, shell: &str, script: &str, browser: &str) -> Out {
    let init = render(w, shell, &[], &format!("init-{shell}"));
    let source = match shell {
        "fish" => format!("source '{}'; {script}", init.display()),
        _ => format!(". '{}'; {script}", init.display()),
    };
    let args: Vec<&str> = match shell {
        "bash" => vec!["--norc", "--noprofile", "-euo", "pipefail", "-c", &source],
        "zsh" => vec!["-f", "-euo", "pipefail", "-c", &source],
        _ => vec!["--no-config", "-c", &source],
    };
    w.cmd(&args)
        .program(which(shell).unwrap())
        .env("BROWSER", browser)
        .run()
}

#[test]
fn awsl_assume_of_an_sso_profile_signs_in_and_of_an_mfa_profile_runs_mfa_process() {
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let w = World::new().with_user_profiles();
        let Some((browser, dom)) = chromium(&w) else {
            return;
        };
        let process = w.executable(
            "code",
            "#!/bin/sh\necho 'mfa: using the stand-in' >&2\necho 123456\n",
        );
        w.write(
            ".aws/config",
            &sso_config(&format!(
                "[profile secure]\nrole_arn = {SECURE}\nsource_profile = alice\nmfa_serial = {MFA_SERIAL}\nmfa_process = {process}\n"
            )),
        );
        let script = format!(
            "awsl assume dev; echo \"id=$AWS_LOGIN_IDENTITY\"; '{BIN}' getcallerid; \
             awsl assume secure; echo \"id=$AWS_LOGIN_IDENTITY\"; '{BIN}' getcallerid"
        );
        let out = in_shell(&w, shell, &script, &browser);
        out.ok();
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert!(lines.contains(&"id=dev"), "{shell}: {}", out.stdout);
        assert!(lines.contains(&"id=secure"), "{shell}: {}", out.stdout);
        assert!(
            out.stdout.contains(&admin_arn(&w)),
            "{shell}: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("assumed-role/Secure/aws-login"),
            "{shell}: {}",
            out.stdout
        );
        assert!(
            out.stderr.contains("mfa: using the stand-in"),
            "{shell}: {}",
            out.stderr
        );
        assert!(
            wait_for_text(&dom, "Signed in.").contains("Signed in."),
            "{shell}: Chromium did not land on the sign-in page"
        );
    }
}
