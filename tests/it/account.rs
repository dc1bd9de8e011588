//! The final identity's account id travels with its credentials: `AccountId` in the
//! credential_process JSON and the endpoint's answers, `AWS_ACCOUNT_ID` in every export,
//! the session cache keeping it, and nothing but 12 digits let through.

use crate::harness::*;

mod clients;
mod exports;
mod sources;

/// Alice's account (111111111111) and Deploy's (222222222222), as the scenario has them.
const ALICE_ACCOUNT: &str = "111111111111";
const DEPLOY_ACCOUNT: &str = "222222222222";

/// `dumpcreds --credential-helper` with alice's keys in the environment, its JSON.
fn helper(w: &World, args: &[&str]) -> serde_json::Value {
    let mut argv = vec!["dumpcreds", "--credential-helper"];
    argv.extend_from_slice(args);
    let out = w.alice(&argv).run();
    out.ok();
    out.json()
}

/// The `AccountId` of a credential_process document, if any.
fn account_of(doc: &serde_json::Value) -> Option<&str> {
    doc.get("AccountId").map(|v| v.as_str().expect("a string"))
}
