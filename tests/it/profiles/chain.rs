//! `role_arn` profiles: `source_profile` at any depth, cycles, `credential_source`, and the
//! command line's transitions on top.

use super::{assumed, seconds_left};
use crate::harness::*;

/// final -> audit -> deploy -> alice (keys in the credentials file).
fn three_deep() -> String {
    format!(
        "[profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = alice\nexternal_id = ext-deploy\n\n\
         [profile audit]\nrole_arn = {AUDIT}\nsource_profile = deploy\nrole_session_name = auditor\nduration_seconds = 1800\n\n\
         [profile final]\nrole_arn = {FINAL}\nsource_profile = audit\nduration_seconds = 900\nregion = eu-west-1\n"
    )
}

#[test]
fn a_source_profile_chain_three_deep_assumes_each_role_with_its_own_settings() {
    let w = World::new().with_user_profiles();
    w.write(".aws/config", &three_deep());
    let out = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "final"])
        .run();
    out.ok();
    let left = seconds_left(&out);
    assert!((800..=900).contains(&left), "duration_seconds: {left}");
    let calls = assumed(&w);
    let roles: Vec<&str> = calls.iter().map(|e| e.params["RoleArn"].as_str()).collect();
    assert_eq!(roles, [DEPLOY, AUDIT, FINAL]);
    assert_eq!(calls[0].access_key_id.as_deref(), Some(ALICE_KEY));
    assert_eq!(calls[0].params["ExternalId"], "ext-deploy");
    assert_eq!(calls[1].params["RoleSessionName"], "auditor");
    assert_eq!(calls[2].params["DurationSeconds"], "900");
    // The profile's region is where STS is called.
    assert!(
        calls
            .iter()
            .all(|e| e.region.as_deref() == Some("eu-west-1"))
    );
}

#[test]
fn command_line_transitions_apply_on_top_of_the_profile_chain() {
    let w = World::new().with_user_profiles();
    w.write(".aws/config", &three_deep());
    let out = w
        .cmd(&["getcallerid", "--profile", "audit", "--assume-roles", FINAL])
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::111111111111:assumed-role/Final/aws-login"
    );
    let roles: Vec<String> = assumed(&w)
        .iter()
        .map(|e| e.params["RoleArn"].clone())
        .collect();
    assert_eq!(roles, [DEPLOY, AUDIT, FINAL]);
    assert_eq!(assumed(&w)[1].params["RoleSessionName"], "auditor");
    assert_eq!(assumed(&w)[1].params["DurationSeconds"], "1800");
}

#[test]
fn a_source_profile_cycle_is_refused_with_the_cycle_named() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile a]\nrole_arn = {DEPLOY}\nsource_profile = b\n\n\
             [profile b]\nrole_arn = {AUDIT}\nsource_profile = c\n\n\
             [profile c]\nrole_arn = {FINAL}\nsource_profile = a\n"
        ),
    );
    w.cmd(&["getcallerid", "--profile", "a"])
        .run()
        .fails(2, "profile a -> b -> c -> a");
    w.cmd(&["getcallerid"])
        .env("AWS_PROFILE", "b")
        .run()
        .fails(2, "profile b -> c -> a -> b");
    assert!(w.sts_actions().is_empty(), "{:?}", w.sts_actions());
}

#[test]
fn a_profile_with_no_way_to_its_source_is_refused_before_any_call() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile both]\nrole_arn = {DEPLOY}\nsource_profile = alice\ncredential_source = Environment\n\n\
             [profile odd]\nrole_arn = {DEPLOY}\ncredential_source = Laptop\n\n\
             [profile bad]\nrole_arn = not-an-arn\nsource_profile = alice\n\n\
             [profile long]\nrole_arn = {DEPLOY}\nsource_profile = alice\nduration_seconds = soon\n"
        ),
    );
    w.cmd(&["getcallerid", "--profile", "both"])
        .run()
        .fails(2, "both source_profile and credential_source");
    w.cmd(&["getcallerid", "--profile", "odd"])
        .run()
        .fails(2, "Environment, Ec2InstanceMetadata or EcsContainer");
    w.cmd(&["getcallerid", "--profile", "bad"])
        .run()
        .fails(2, "profile 'bad': invalid role ARN");
    w.cmd(&["getcallerid", "--profile", "long"])
        .run()
        .fails(2, "duration_seconds");
    assert!(w.sts_actions().is_empty());
}

#[test]
fn credential_source_environment_takes_the_keys_and_honours_the_profile_settings() {
    let w = World::new();
    w.write(
        ".aws/config",
        &format!("[profile env]\nrole_arn = {DEPLOY}\ncredential_source = Environment\nduration_seconds = 900\n"),
    );
    let out = w
        .alice(&["dumpcreds", "--credential-helper", "--profile", "env"])
        .run();
    out.ok();
    assert!((800..=900).contains(&seconds_left(&out)));
    let calls = assumed(&w);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].access_key_id.as_deref(), Some(ALICE_KEY));
    assert_eq!(calls[0].params["DurationSeconds"], "900");
}

#[test]
fn credential_source_ec2_instance_metadata_and_ecs_container_are_sources() {
    let w = World::new();
    w.write(
        ".aws/config",
        "[profile ec2]\nrole_arn = arn:aws:iam::111111111111:role/TaskRole\ncredential_source = Ec2InstanceMetadata\nduration_seconds = 900\n\n\
         [profile ecs]\nrole_arn = arn:aws:iam::111111111111:role/Ec2Role\ncredential_source = EcsContainer\nduration_seconds = 900\n",
    );
    let out = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "ec2"])
        .run();
    out.ok();
    assert!((800..=900).contains(&seconds_left(&out)));
    let log = w.fake.log();
    assert!(
        log.iter().any(|e| e.action.starts_with("PUT ")),
        "IMDSv2 token"
    );
    let assume = assumed(&w).pop().unwrap();
    assert_eq!(
        assume
            .caller_arn
            .as_deref()
            .map(|a| a.contains("assumed-role/Ec2Role/")),
        Some(true),
        "{assume:?}"
    );

    w.fake.clear_log();
    let out = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "ecs"])
        .env(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &w.fake.container_uri(),
        )
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-auth-token")
        .run();
    out.ok();
    assert!((800..=900).contains(&seconds_left(&out)));
    let assume = assumed(&w).pop().unwrap();
    assert_eq!(
        assume
            .caller_arn
            .as_deref()
            .map(|a| a.contains("assumed-role/TaskRole/")),
        Some(true),
        "{assume:?}"
    );
}

#[test]
fn a_credential_process_profile_can_be_the_source_of_a_role_profile() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile helper]\ncredential_process = {BIN} dumpcreds --credential-helper --profile alice --assume-roles {DEPLOY}\n\n\
             [profile audit]\nrole_arn = {AUDIT}\nsource_profile = helper\nduration_seconds = 900\n"
        ),
    );
    let out = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "audit"])
        .run();
    out.ok();
    assert!((800..=900).contains(&seconds_left(&out)));
    let calls = assumed(&w);
    let roles: Vec<&str> = calls.iter().map(|e| e.params["RoleArn"].as_str()).collect();
    assert_eq!(roles, [DEPLOY, AUDIT]);
}
