//! Parameter validation with AWS's "1 validation error detected" wording.

use super::{Params, StsError};

fn constraint(value: &str, field: &str, rule: &str) -> StsError {
    StsError::validation(format!(
        "1 validation error detected: Value '{value}' at '{field}' failed to satisfy \
         constraint: Member must {rule}"
    ))
}

pub fn required<'a>(params: &'a Params, name: &str, field: &str) -> Result<&'a str, StsError> {
    params.get(name).map(String::as_str).ok_or_else(|| {
        StsError::validation(format!(
            "1 validation error detected: Value null at '{field}' failed to satisfy \
             constraint: Member must not be null"
        ))
    })
}

/// Names in STS (session names, federated user names): `[\w+=,.@-]`, bounded length.
pub fn name(value: &str, field: &str, min: usize, max: usize) -> Result<(), StsError> {
    let len = value.chars().count();
    if len < min {
        return Err(constraint(
            value,
            field,
            &format!("have length greater than or equal to {min}"),
        ));
    }
    if len > max {
        return Err(constraint(
            value,
            field,
            &format!("have length less than or equal to {max}"),
        ));
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c);
    if !value.chars().all(ok) {
        return Err(constraint(
            value,
            field,
            r"satisfy regular expression pattern: [\w+=,.@-]*",
        ));
    }
    Ok(())
}

/// `DurationSeconds`: default when absent, else an integer within `min..=max`.
pub fn duration(params: &Params, default: i64, min: i64, max: i64) -> Result<i64, StsError> {
    let Some(raw) = params.get("DurationSeconds") else {
        return Ok(default);
    };
    let Ok(secs) = raw.parse::<i64>() else {
        return Err(StsError::validation(format!(
            "Value '{raw}' for parameter DurationSeconds is invalid. Must be an integer."
        )));
    };
    if secs < min {
        return Err(constraint(
            raw,
            "durationSeconds",
            &format!("have value greater than or equal to {min}"),
        ));
    }
    if secs > max {
        return Err(constraint(
            raw,
            "durationSeconds",
            &format!("have value less than or equal to {max}"),
        ));
    }
    Ok(secs)
}

/// `ExternalId`: 2..=1224 chars of `[\w+=,.@:\/-]`.
pub fn external_id(value: &str) -> Result<(), StsError> {
    let ok = |c: char| c.is_ascii_alphanumeric() || "_+=,.@:/-".contains(c);
    if !(2..=1224).contains(&value.len()) || !value.chars().all(ok) {
        return Err(constraint(
            value,
            "externalId",
            r"satisfy regular expression pattern: [\w+=,.@:\/-]* with length 2..1224",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_durations() {
        assert!(name("ok-name@x.y", "f", 2, 64).is_ok());
        assert!(name("a", "f", 2, 64).is_err());
        assert!(name("has space", "f", 2, 64).is_err());
        assert!(name(&"a".repeat(65), "f", 2, 64).is_err());
        let mut p = Params::new();
        assert_eq!(duration(&p, 3600, 900, 43200).unwrap(), 3600);
        p.insert("DurationSeconds".into(), "899".into());
        assert_eq!(
            duration(&p, 3600, 900, 43200).unwrap_err().code,
            "ValidationError"
        );
        p.insert("DurationSeconds".into(), "x".into());
        assert!(duration(&p, 3600, 900, 43200).is_err());
    }
}
