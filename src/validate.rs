//! Checks on single option values. Each returns a message that names the fix.

use crate::arn::is_name_char;
use crate::inert::echo;

/// A RoleSessionName (max 64) or a GetFederationToken Name (max 32): 2..=max of `[\w+=,.@-]`.
pub fn session_name(option: &str, value: &str, max: usize) -> Result<(), String> {
    if (2..=max).contains(&value.chars().count()) && value.chars().all(is_name_char) {
        Ok(())
    } else {
        Err(format!(
            "{option} '{}' is not valid here: use 2-{max} characters of letters, digits and +=,.@_-",
            echo(value)
        ))
    }
}

pub fn external_id(value: &str) -> Result<(), String> {
    let ok_char = |c: char| is_name_char(c) || c == ':' || c == '/';
    if (2..=1224).contains(&value.len()) && value.chars().all(ok_char) {
        Ok(())
    } else {
        Err(format!(
            "external id '{}' is not valid: use 2-1224 characters of letters, digits and +=,.@:/_-",
            echo(value)
        ))
    }
}

pub fn mfa_serial(value: &str) -> Result<(), String> {
    let ok_char = |c: char| is_name_char(c) || c == ':' || c == '/';
    if (9..=256).contains(&value.len()) && value.chars().all(ok_char) {
        Ok(())
    } else {
        Err(format!(
            "--mfa-serial '{}' is not valid: give the device ARN (arn:aws:iam::123456789012:mfa/NAME) or a hardware serial",
            echo(value)
        ))
    }
}

pub fn mfa_code(value: &str) -> Result<(), String> {
    if value.len() == 6 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err("the MFA code must be the 6 digits your device shows".to_string())
    }
}

/// A region name such as `us-east-1`, `us-gov-west-1` or `cn-north-1`.
pub fn region(option: &str, value: &str) -> Result<(), String> {
    let mut parts = value.split('-');
    let ok = value.len() <= 32
        && parts
            .next()
            .is_some_and(|p| p.len() >= 2 && p.bytes().all(|b| b.is_ascii_lowercase()))
        && {
            let rest: Vec<&str> = parts.collect();
            rest.len() >= 2
                && rest
                    .last()
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                && rest[..rest.len() - 1].iter().all(|w| {
                    !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                })
        };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{option} '{}' is not a region name (e.g. us-east-1, eu-west-2)",
            echo(value)
        ))
    }
}

/// A duration for one STS call.
pub fn duration(what: &str, value: i32, min: i32, max: i32) -> Result<(), String> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "duration {value} s is out of range for {what}: use {min}-{max} (--duration-seconds, or DurationSeconds per hop)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_names_follow_the_sts_rules() {
        assert!(session_name("--role-session-name", "aws-login", 64).is_ok());
        assert!(session_name("--role-session-name", "a", 64).is_err());
        assert!(session_name("--role-session-name", "has space", 64).is_err());
        assert!(session_name("--role-session-name", &"x".repeat(40), 32).is_err());
        assert!(session_name("--role-session-name", &"x".repeat(40), 64).is_ok());
    }

    #[test]
    fn regions_are_checked_for_shape() {
        for ok in [
            "us-east-1",
            "us-gov-west-1",
            "cn-north-1",
            "ap-southeast-5",
            "us-isob-east-1",
        ] {
            assert!(region("--region", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "us-east",
            "US-EAST-1",
            "useast1",
            "us east 1",
            "us-east-1a",
        ] {
            assert!(region("--region", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mfa_values_are_checked() {
        assert!(mfa_code("123456").is_ok());
        assert!(mfa_code("12345").is_err());
        assert!(mfa_serial("arn:aws:iam::123456789012:mfa/alice").is_ok());
        assert!(mfa_serial("bad serial!").is_err());
    }
}
