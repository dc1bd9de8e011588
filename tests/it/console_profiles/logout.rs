//! `--logout-first`: one shared browser profile, another identity.

use super::*;

#[test]
fn logout_first_signs_the_shared_profile_out_and_lands_as_the_new_identity() {
    let w = World::new();
    // The harness's wrapper keeps one profile for every run: the user's one browser.
    let Some((browser, dom)) = chromium(&w) else {
        return;
    };
    as_identity(&w, true, &[])
        .env("BROWSER", &browser)
        .run()
        .ok();
    let page = wait_for_text(&dom, A_ARN);
    assert!(page.contains(A_ARN), "A signed in: {page}");
    std::fs::remove_file(&dom).unwrap();

    // Without a logout, AWS refuses another identity in the same browser.
    as_identity(&w, false, &[])
        .env("BROWSER", &browser)
        .run()
        .ok();
    let page = wait_for_text(&dom, "log out");
    assert!(page.contains("You must first log out"), "{page}");
    std::fs::remove_file(&dom).unwrap();
    assert!(w.fake.log().iter().all(|e| e.action != "logout"));

    let out = as_identity(&w, false, &["--logout-first"])
        .env("BROWSER", &browser)
        .run();
    out.ok();
    assert_eq!(out.stdout, "");
    let page = wait_for_text(&dom, B_ARN);
    assert!(page.contains(B_ARN), "B signed in: {page}");
    let logouts: Vec<_> = w.calls("logout");
    assert_eq!(logouts.len(), 1, "the emulator saw the logout");
    assert_eq!(
        logouts[0].caller_arn.as_deref(),
        Some(A_ARN),
        "of A's session"
    );
    // The logout chain was in the page, not on the command line.
    let opened = std::fs::read_to_string(w.home().join("chromium-args.log")).unwrap();
    assert!(
        !opened.contains("SigninToken") && !opened.contains("logout"),
        "{opened}"
    );
}
