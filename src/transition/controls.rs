//! Session controls on role hops (and the tags of a federation token): the source identity
//! and session tags (and which of them are transitive); the session policy is in `policy`.
//! Every value is checked here with AWS's documented limits, before any call; [`settle`]
//! then works out what each hop of a chain sends, since a source identity and a transitive
//! tag, once set, are inherited and cannot change.

use std::collections::BTreeMap;

use crate::arn::is_name_char;
use crate::error::Usage;
use crate::inert::echo;

/// AWS takes at most 50 session tags (and 50 transitive keys) per call.
const MAX_TAGS: usize = 50;
const MAX_KEY: usize = 128;
const MAX_VALUE: usize = 256;

/// A value and where it came from (an option, a variable, a profile key), for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub from: String,
    pub value: String,
}

impl Given {
    pub fn new(from: &str, value: &str) -> Given {
        Given {
            from: from.to_string(),
            value: value.to_string(),
        }
    }

    /// Whether the value comes from a command-line option (not a variable or a key).
    pub fn is_option(&self) -> bool {
        self.from.starts_with("--")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

/// What one hop asks for; a field left out takes the next source's value (see [`over`]).
///
/// [`over`]: Controls::over
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Controls {
    pub source_identity: Option<String>,
    pub tags: Option<Vec<Tag>>,
    pub transitive: Option<Vec<String>>,
}

/// What one hop sends to STS.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sent {
    pub source_identity: Option<String>,
    pub tags: Vec<Tag>,
    pub transitive: Vec<String>,
}

impl Controls {
    /// Parse and check the values given.
    pub fn parse(
        source_identity: Option<&Given>,
        tags: Option<&Given>,
        transitive: Option<&Given>,
    ) -> Result<Controls, Usage> {
        Ok(Controls {
            source_identity: source_identity.map(check_source_identity).transpose()?,
            tags: tags.map(parse_tags).transpose()?,
            transitive: transitive.map(parse_transitive).transpose()?,
        })
    }

    /// These controls, each field not given taken from `lower`.
    pub fn over(&self, lower: Controls) -> Controls {
        Controls {
            source_identity: self.source_identity.clone().or(lower.source_identity),
            tags: self.tags.clone().or(lower.tags),
            transitive: self.transitive.clone().or(lower.transitive),
        }
    }
}

fn check_source_identity(g: &Given) -> Result<String, Usage> {
    let v = &g.value;
    if (2..=64).contains(&v.chars().count()) && v.chars().all(is_name_char) {
        Ok(v.clone())
    } else {
        Err(Usage(format!(
            "{} '{}' is not a source identity: use 2-64 characters of letters, digits and +=,.@_-",
            g.from,
            echo(v)
        )))
    }
}

/// The characters AWS takes in a tag key or value: letters, digits, spaces and `_.:/=+-@`.
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == ' '
        || (c.is_whitespace() && !c.is_control())
        || "_.:/=+-@".contains(c)
}

fn check_key(from: &str, key: &str) -> Result<(), Usage> {
    let len = key.chars().count();
    if !(1..=MAX_KEY).contains(&len) || !key.chars().all(is_tag_char) {
        return Err(Usage(format!(
            "{from}: tag key '{}' is not valid: use 1-{MAX_KEY} letters, digits, spaces and _.:/=+-@",
            echo(key)
        )));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Err(Usage(format!(
            "{from}: tag key '{}' starts with aws:, which AWS keeps for itself: rename it",
            echo(key)
        )));
    }
    Ok(())
}

/// `key=value,key=value`: keys are unique regardless of case, as AWS compares them.
fn parse_tags(g: &Given) -> Result<Vec<Tag>, Usage> {
    let mut tags: Vec<Tag> = Vec::new();
    for item in g.value.split(',') {
        let Some((key, value)) = item.split_once('=') else {
            return Err(Usage(format!(
                "{}: '{}' is not key=value: give tags as key=value,key=value",
                g.from,
                echo(item.trim())
            )));
        };
        let (key, value) = (key.trim(), value.trim());
        check_key(&g.from, key)?;
        if value.chars().count() > MAX_VALUE || !value.chars().all(is_tag_char) {
            return Err(Usage(format!(
                "{}: the value of tag '{}' is not valid: use at most {MAX_VALUE} letters, digits, spaces and _.:/=+-@",
                g.from,
                echo(key)
            )));
        }
        if tags.iter().any(|t| t.key.eq_ignore_ascii_case(key)) {
            return Err(Usage(format!(
                "{}: tag '{}' is given twice (AWS ignores case in tag keys): keep one",
                g.from,
                echo(key)
            )));
        }
        tags.push(Tag {
            key: key.to_string(),
            value: value.to_string(),
        });
    }
    if tags.len() > MAX_TAGS {
        return Err(Usage(format!(
            "{} gives {} tags: AWS takes at most {MAX_TAGS}",
            g.from,
            tags.len()
        )));
    }
    Ok(tags)
}

/// `key,key`: keys of the tags that later hops of a chain inherit.
fn parse_transitive(g: &Given) -> Result<Vec<String>, Usage> {
    let mut keys: Vec<String> = Vec::new();
    for key in g.value.split(',').map(str::trim) {
        check_key(&g.from, key)?;
        if !keys.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            keys.push(key.to_string());
        }
    }
    if keys.len() > MAX_TAGS {
        return Err(Usage(format!(
            "{} names {} keys: AWS takes at most {MAX_TAGS}",
            g.from,
            keys.len()
        )));
    }
    Ok(keys)
}

/// What each hop sends, in chain order (`hops[i]` is hop i+1). A transitive key must be
/// among its hop's tags, or inherited. A source identity and the transitive tags are inherited by the
/// hops after the one that sets them and cannot change there (AWS fails the call): a later
/// hop that asks for the same sends nothing more; one that asks for something else is an
/// error now.
pub fn settle(hops: &[Controls]) -> Result<Vec<Sent>, Usage> {
    let mut identity: Option<(usize, String)> = None;
    // Lowercase key -> (hop that made it transitive, value).
    let mut inherited: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut out = Vec::with_capacity(hops.len());
    for (i, c) in hops.iter().enumerate() {
        let n = i + 1;
        let tags = c.tags.clone().unwrap_or_default();
        let transitive = c.transitive.clone().unwrap_or_default();
        // A key an earlier hop made transitive is this hop's already.
        if let Some(key) = transitive.iter().find(|k| {
            !tags.iter().any(|t| t.key.eq_ignore_ascii_case(k))
                && !inherited.contains_key(&k.to_lowercase())
        }) {
            return Err(Usage(format!(
                "hop {n}: transitive tag key '{}' is not among its session tags: add it to the tags or drop it from the transitive keys",
                echo(key)
            )));
        }
        let mut sent = Sent::default();
        match (&identity, &c.source_identity) {
            (Some((m, set)), Some(asked)) if set != asked => {
                return Err(Usage(format!(
                    "hop {n}: source identity '{}' differs from '{}' set on hop {m}, and a source identity cannot change along a chain: give one value",
                    echo(asked),
                    echo(set)
                )));
            }
            (None, Some(asked)) => {
                identity = Some((n, asked.clone()));
                sent.source_identity = Some(asked.clone());
            }
            _ => {}
        }
        for tag in tags {
            let lower = tag.key.to_lowercase();
            match inherited.get(&lower) {
                Some((_, value)) if *value == tag.value => continue,
                Some((m, value)) => {
                    return Err(Usage(format!(
                        "hop {n}: tag '{}' = '{}' differs from '{}', made transitive on hop {m}, and a transitive tag cannot change along a chain: give one value",
                        echo(&tag.key),
                        echo(&tag.value),
                        echo(value)
                    )));
                }
                None => {}
            }
            if transitive.iter().any(|k| k.eq_ignore_ascii_case(&tag.key)) {
                sent.transitive.push(tag.key.clone());
            }
            sent.tags.push(tag);
        }
        for key in &sent.transitive {
            let value = sent
                .tags
                .iter()
                .find(|t| t.key == *key)
                .map(|t| t.value.clone())
                .unwrap_or_default();
            inherited.insert(key.to_lowercase(), (n, value));
        }
        out.push(sent);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(v: &str) -> Given {
        Given::new("--tags", v)
    }

    fn hop(si: Option<&str>, tags: &str, transitive: &str) -> Controls {
        let g = |v: &str| (!v.is_empty()).then(|| given(v));
        Controls::parse(
            si.map(|s| Given::new("--source-identity", s)).as_ref(),
            g(tags).as_ref(),
            g(transitive).as_ref(),
        )
        .unwrap()
    }

    #[test]
    fn tags_follow_the_aws_limits() {
        let tags = parse_tags(&given("team = blue ,cost-center=a:b/c@d,empty=")).unwrap();
        assert_eq!(tags[0].key, "team");
        assert_eq!(tags[0].value, "blue");
        assert_eq!(tags[2].value, "");
        let fifty: Vec<String> = (0..50).map(|i| format!("k{i}=v")).collect();
        assert!(parse_tags(&given(&fifty.join(","))).is_ok());
        let too_many = format!("{},k50=v", fifty.join(","));
        for bad in [
            "novalue",
            "=v",
            "a=b,",
            "k!=v",
            "k=v;x",
            "aws:team=x",
            "Team=a,team=b",
            &format!("{}=v", "k".repeat(129)),
            &format!("k={}", "v".repeat(257)),
            &too_many,
        ] {
            let err = parse_tags(&given(bad)).unwrap_err().to_string();
            assert!(err.starts_with("--tags"), "{bad}: {err}");
        }
        assert!(parse_tags(&given(&format!("{}={}", "k".repeat(128), "v".repeat(256)))).is_ok());
    }

    #[test]
    fn source_identities_are_two_to_sixty_four_name_characters() {
        let si = |v: &str| check_source_identity(&Given::new("--source-identity", v));
        assert!(si("alice@example.com").is_ok());
        assert!(si(&"a".repeat(64)).is_ok());
        for bad in ["a", "has space", "a:b", &"a".repeat(65)] {
            assert!(si(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn transitive_keys_must_be_tags_and_cannot_change_down_the_chain() {
        let err = settle(&[hop(None, "a=1", "b")]).unwrap_err().to_string();
        assert!(err.contains("hop 1") && err.contains("'b'"), "{err}");
        // The second hop inherits a=1 and may not pass it again; b is its own.
        let sent = settle(&[hop(None, "a=1,b=2", "a"), hop(None, "a=1,b=2", "a")]).unwrap();
        assert_eq!(sent[0].tags.len(), 2);
        assert_eq!(sent[0].transitive, ["a"]);
        assert_eq!(
            sent[1].tags,
            [Tag {
                key: "b".into(),
                value: "2".into()
            }]
        );
        assert!(sent[1].transitive.is_empty());
        // A hop without the tags may still name an inherited key as transitive.
        let sent = settle(&[hop(None, "a=1", "a"), hop(None, "", "a")]).unwrap();
        assert_eq!(sent[1], Sent::default());
        let err = settle(&[hop(None, "a=1", "a"), hop(None, "A=2", "")]).unwrap_err();
        assert!(err.to_string().contains("hop 2"), "{err}");
    }

    #[test]
    fn a_source_identity_is_sent_once_and_cannot_change() {
        let sent = settle(&[
            hop(None, "", ""),
            hop(Some("alice"), "", ""),
            hop(Some("alice"), "", ""),
        ])
        .unwrap();
        let ids: Vec<_> = sent.iter().map(|s| s.source_identity.as_deref()).collect();
        assert_eq!(ids, [None, Some("alice"), None]);
        assert!(settle(&[hop(Some("alice"), "", ""), hop(Some("bob"), "", "")]).is_err());
    }
}
