//! The aws CLI calling aws-login as its `credential_process`.

use super::*;

#[test]
fn ten_aws_cli_calls_through_credential_process_make_one_chain() {
    if !have("aws") {
        return;
    }
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile cp]\nregion = us-east-1\ncredential_process = {BIN} {} --profile alice --assume-roles {}\n",
            HELPER[..2].join(" "),
            HELPER[3]
        ),
    );
    for _ in 0..10 {
        let arn = w.aws_cli_arn("cp");
        assert_eq!(
            arn,
            "arn:aws:sts::333333333333:assumed-role/Audit/aws-login"
        );
    }
    assert_eq!(sts_count(&w, "AssumeRole"), 2, "{:?}", w.sts_actions());
    assert_eq!(sts_count(&w, "GetCallerIdentity"), 10);
}
