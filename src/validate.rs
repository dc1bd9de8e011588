//! Checks on single option values. Each returns an input error that names the fix.

use crate::arn::is_name_char;
use crate::error::Usage;
use crate::inert::echo;

/// A RoleSessionName (max 64) or a GetFederationToken Name (max 32): 2..=max of `[\w+=,.@-]`.
pub fn session_name(option: &str, value: &str, max: usize) -> Result<(), Usage> {
    if (2..=max).contains(&value.chars().count()) && value.chars().all(is_name_char) {
        Ok(())
    } else {
        Err(Usage(format!(
            "{option} '{}' is not valid here: use 2-{max} characters of letters, digits and +=,.@_-",
            echo(value)
        )))
    }
}

/// `AWS_ACCOUNT_ID` beside environment keys: it is exported with them.
pub fn env_account_id(value: &str) -> Result<(), Usage> {
    if crate::arn::is_account_id(value) {
        Ok(())
    } else {
        Err(Usage(format!(
            "AWS_ACCOUNT_ID '{}' is not an account id: set it to the 12 digits or unset it",
            echo(value)
        )))
    }
}

pub fn external_id(value: &str) -> Result<(), Usage> {
    let ok_char = |c: char| is_name_char(c) || c == ':' || c == '/';
    if (2..=1224).contains(&value.len()) && value.chars().all(ok_char) {
        Ok(())
    } else {
        Err(Usage(format!(
            "external id '{}' is not valid: use 2-1224 characters of letters, digits and +=,.@:/_-",
            echo(value)
        )))
    }
}

pub fn mfa_serial(value: &str) -> Result<(), Usage> {
    let ok_char = |c: char| is_name_char(c) || c == ':' || c == '/';
    if (9..=256).contains(&value.len()) && value.chars().all(ok_char) {
        Ok(())
    } else {
        Err(Usage(format!(
            "--mfa-serial '{}' is not valid: give the device ARN (arn:aws:iam::123456789012:mfa/NAME) or a hardware serial",
            echo(value)
        )))
    }
}

pub fn mfa_code(value: &str) -> Result<(), Usage> {
    if value.len() == 6 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Usage(
            "the MFA code must be the 6 digits your device shows".to_string(),
        ))
    }
}

/// A region name such as `us-east-1`, `us-gov-west-1` or `cn-north-1`.
pub fn region(option: &str, value: &str) -> Result<(), Usage> {
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
        Err(Usage(format!(
            "{option} '{}' is not a region name (e.g. us-east-1, eu-west-2)",
            echo(value)
        )))
    }
}

/// An IAM Identity Center start URL: https, with a host, no user name or password, and no
/// control character or whitespace (the `url` crate silently drops a tab or newline, and
/// either would end the `sso_start_url` line of a config file). A value that may hold a
/// password is never echoed.
pub fn start_url(what: &str, value: &str) -> Result<(), Usage> {
    const EXAMPLE: &str = "e.g. https://my-org.awsapps.com/start";
    if value.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(Usage(format!(
            "{what} holds a control character or whitespace: give a start URL ({EXAMPLE})"
        )));
    }
    let secret_free = !value.contains('@');
    let url = url::Url::parse(value).map_err(|e| {
        Usage(match secret_free {
            true => format!(
                "{what} '{}' is not a URL ({e}): give a start URL ({EXAMPLE})",
                echo(value)
            ),
            false => format!("{what} is not a URL ({e}): give a start URL ({EXAMPLE})"),
        })
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Usage(format!(
            "{what}: the URL holds a user name or password: remove it ({EXAMPLE})"
        )));
    }
    if url.scheme() != "https" || url.host_str().is_none_or(str::is_empty) {
        let quoted = match secret_free {
            true => format!(" '{}'", echo(value)),
            false => String::new(),
        };
        return Err(Usage(format!(
            "{what}{quoted} is not an https URL with a host ({EXAMPLE})"
        )));
    }
    Ok(())
}

/// An endpoint override such as `AWS_ENDPOINT_URL_STS`: an http(s) URL with a host, on one
/// line. The SDK finds out only when it applies it to a request, and says so with that
/// request rendered in its message.
pub fn endpoint_url(what: &str, value: &str) -> Result<(), Usage> {
    let ok = !value.chars().any(|c| c.is_control() || c.is_whitespace())
        && url::Url::parse(value).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        })
        && value.parse::<http::Uri>().is_ok();
    if ok {
        Ok(())
    } else {
        Err(Usage(format!(
            "{what} is not an endpoint URL: give http(s)://HOST[:PORT], or unset it"
        )))
    }
}

/// A name the AWS config parsers take in a section header such as `[sso-session NAME]`:
/// the Rust SDK's identifier set, which botocore also reads as one word.
pub fn config_name(what: &str, value: &str) -> Result<(), Usage> {
    if is_config_name(value) {
        Ok(())
    } else {
        Err(Usage(format!(
            "{what} '{}' is not a name the AWS config file can hold: use 1-128 letters, digits and _-/.%@:+",
            echo(value)
        )))
    }
}

pub fn is_config_name(value: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric() || "_-/.%@:+".contains(c);
    (1..=128).contains(&value.len()) && value.chars().all(ok)
}

/// A token or key that travels in an HTTP header (an SSO access token, an access key id, a
/// session token): one line of visible ASCII, as issued. An HTTP client refuses anything
/// else only when the request is built (or, signing, aborts), so it is an input error here.
/// Never echoed: it may be a secret.
pub fn token(what: &str, value: &str) -> Result<(), Usage> {
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(Usage(format!(
            "{what} is empty or holds whitespace, a control character or a non-ASCII character: give it as issued, on one line"
        )))
    }
}

/// A duration for one STS call.
pub fn duration(what: &str, value: i32, min: i32, max: i32) -> Result<(), Usage> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Usage(format!(
            "duration {value} s is out of range for {what}: use {min}-{max} (--duration-seconds, or DurationSeconds per hop)"
        )))
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
    fn start_urls_are_https_one_line_and_hold_no_password() {
        assert!(start_url("--start-url", "https://my-org.awsapps.com/start").is_ok());
        assert!(start_url("--start-url", "https://d-1234.awsapps.com/start/#/").is_ok());
        for (bad, needle) in [
            (
                "https://x.awsapps.com/start\n[profile x]",
                "control character",
            ),
            ("https://x.awsapps.com/st art", "whitespace"),
            ("https://x.awsapps.com/\u{2028}", "whitespace"),
            (
                "https://u:hunter2@x.awsapps.com/start",
                "user name or password",
            ),
            (
                "https:u:hunter2@x.awsapps.com/start",
                "user name or password",
            ),
            ("https://u@x.awsapps.com/start", "user name or password"),
            ("http://x.awsapps.com/start", "https"),
            ("https://", "not a URL"),
            ("https://[::1", "not a URL"),
            ("file:///etc/passwd", "https"),
            ("not a url", "whitespace"),
            ("nope", "not a URL"),
        ] {
            let err = start_url("--start-url", bad).unwrap_err().to_string();
            assert!(err.contains(needle), "{bad}: {err}");
            assert!(!err.contains("hunter2") && !err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn config_names_fit_a_section_header() {
        assert!(config_name("--sso-session-name", "my-org_1.a/b@c:d+e%f").is_ok());
        for bad in ["", "a b", "a]", "[a", "a\nb", "a=b", "a;b", "a#b"] {
            assert!(config_name("--sso-session-name", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tokens_are_one_line_of_visible_ascii_and_never_echoed() {
        assert!(token("--sso-access-token", "aoaAAAAAGZ/x+y=:z.-_").is_ok());
        for bad in ["", "a\nb", "a b", "a\tb", "a\rb", "caf\u{e9}", "a\u{7f}"] {
            let err = token("--sso-access-token", bad).unwrap_err().0;
            assert!(
                err.starts_with("--sso-access-token is empty or holds"),
                "{err}"
            );
            assert!(bad.is_empty() || !err.contains(bad), "{err}");
        }
    }

    #[test]
    fn endpoint_urls_are_http_urls_on_one_line() {
        for ok in [
            "http://127.0.0.1:4566",
            "https://sts.eu-west-1.amazonaws.com/",
        ] {
            assert!(endpoint_url("AWS_ENDPOINT_URL", ok).is_ok(), "{ok}");
        }
        for bad in [
            "not a url",
            "http://h:1\nx",
            "ftp://h",
            "localhost:4566",
            "http://",
        ] {
            assert!(endpoint_url("AWS_ENDPOINT_URL", bad).is_err(), "{bad}");
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
