//! Naming the session in the profile after `aws-login login`: `login_session` (and the
//! region, when the profile has none) set in `[profile NAME]` of the config file, every
//! other byte kept, the file replaced atomically under its lock.

use anyhow::Result;

use crate::env::Env;
use crate::fsutil;
use crate::lock::Locks;

/// Set `pairs` in profile `profile` of the config file.
pub fn set(env: &Env, profile: &str, pairs: &[(&str, &str)]) -> Result<()> {
    let path = crate::paths::config_file(env)
        .ok_or_else(|| anyhow::anyhow!("cannot find ~/.aws/config: set HOME or AWS_CONFIG_FILE"))?;
    // A config kept elsewhere through a symlink stays linked: its target is replaced.
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let lock = Locks::new(env)?.lock(&path)?;
    let text =
        fsutil::read_bounded(&path, fsutil::LARGE_FILE, "the config file")?.unwrap_or_default();
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(&path).map_or(0o600, |m| m.permissions().mode() & 0o7777)
    };
    fsutil::write_atomic(&path, &edit(&text, profile, pairs), mode, &lock)
}

/// Whether `line` opens the section of `profile` (`[default]` too for the default one).
fn opens(line: &str, profile: &str) -> bool {
    let Some(inner) = line
        .trim()
        .strip_prefix('[')
        .and_then(|l| l.strip_suffix(']'))
    else {
        return false;
    };
    let words: Vec<&str> = inner.split_whitespace().collect();
    match words.as_slice() {
        ["profile", name] => *name == profile,
        ["default"] => profile == "default",
        _ => false,
    }
}

fn key_of(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if t.starts_with(['#', ';', '[']) || line.starts_with([' ', '\t']) {
        return None;
    }
    t.split_once('=').map(|(k, _)| k.trim())
}

/// `text` with `pairs` set in the profile's section (appended when there is none).
fn edit(text: &str, profile: &str, pairs: &[(&str, &str)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let Some(start) = lines.iter().position(|l| opens(l, profile)) else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let header = if profile == "default" {
            "[default]".to_string()
        } else {
            format!("[profile {profile}]")
        };
        out.push_str(&header);
        out.push('\n');
        for (k, v) in pairs {
            out.push_str(&format!("{k} = {v}\n"));
        }
        return out;
    };
    for (k, v) in pairs {
        let end = lines[start + 1..]
            .iter()
            .position(|l| l.trim_start().starts_with('['))
            .map_or(lines.len(), |i| start + 1 + i);
        let line = format!("{k} = {v}");
        match (start + 1..end).find(|&i| key_of(&lines[i]) == Some(k)) {
            Some(i) => lines[i] = line,
            None => {
                let last = (start..end)
                    .rev()
                    .find(|&i| !lines[i].trim().is_empty())
                    .unwrap_or(start);
                lines.insert(last + 1, line);
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_replaced_or_added_in_its_section_only() {
        let text = "# mine\n[profile a]\nregion = eu-west-1\n\n[profile b]\nlogin_session = old\n";
        let out = edit(text, "b", &[("login_session", "new")]);
        assert_eq!(
            out,
            "# mine\n[profile a]\nregion = eu-west-1\n\n[profile b]\nlogin_session = new\n"
        );
        let out = edit(text, "a", &[("login_session", "s")]);
        assert_eq!(
            out,
            "# mine\n[profile a]\nregion = eu-west-1\nlogin_session = s\n\n[profile b]\nlogin_session = old\n"
        );
        let out = edit(
            text,
            "default",
            &[("login_session", "s"), ("region", "us-east-1")],
        );
        assert!(out.ends_with(
            "login_session = old\n\n[default]\nlogin_session = s\nregion = us-east-1\n"
        ));
        assert_eq!(edit("", "c", &[("k", "v")]), "[profile c]\nk = v\n");
        assert!(
            edit("[default]\nregion = x\n", "default", &[("k", "v")])
                .starts_with("[default]\nregion = x\nk = v\n")
        );
    }
}
