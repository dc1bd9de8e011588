//! The process environment, read in one place.
//!
//! Commands take an `&Env` instead of calling `std::env::var` so that every decision that
//! depends on the environment is visible at the call site.

use std::collections::HashMap;
use std::sync::Arc;

/// Shared, not copied: a run hands its environment to every step, and copying a shell's
/// hundred-odd variables each time cost more than the rest of the bookkeeping.
#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: Arc<HashMap<String, String>>,
}

impl Env {
    pub fn real() -> Env {
        Env {
            vars: Arc::new(
                std::env::vars_os()
                    .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                    .collect(),
            ),
        }
    }

    /// A set, non-empty variable. AWS tools treat an empty value as unset.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.vars
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A variable as set, empty included: for one a library reads itself without taking
    /// an empty value for unset.
    pub fn raw(&self, key: &str) -> Option<&str> {
        self.vars.get(key).map(String::as_str)
    }

    /// The same environment without `names`: for a decision that must not read them.
    pub fn without(&self, names: &[&str]) -> Env {
        if !names.iter().any(|name| self.vars.contains_key(*name)) {
            return self.clone();
        }
        let mut vars = (*self.vars).clone();
        for name in names {
            vars.remove(*name);
        }
        Env {
            vars: Arc::new(vars),
        }
    }
}

#[cfg(test)]
impl Env {
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Env {
        Env {
            vars: Arc::new(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
        }
    }
}
