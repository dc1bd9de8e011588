//! Generated IAM Identity Center organisations for scale tests: hundreds of
//! accounts with the awkward names real organisations accumulate, without a
//! huge scenario file.

use super::sso::SsoAssignment;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// `sso.organisation`: `accounts` generated assignments, appended to
/// `sso.assignments`, with `roles_per_account` permission sets each.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SsoOrganisation {
    pub accounts: usize,
    pub roles_per_account: usize,
    /// Same seed, same organisation (ids, names and role sets).
    pub seed: u64,
}

impl Default for SsoOrganisation {
    fn default() -> Self {
        SsoOrganisation {
            accounts: 0,
            roles_per_account: 3,
            seed: 0,
        }
    }
}

/// Bounds that keep a typo from allocating gigabytes.
pub const MAX_ACCOUNTS: usize = 100_000;
pub const MAX_ROLES_PER_ACCOUNT: usize = 100;

/// Permission-set names as real organisations use them; all valid
/// (`[\w+=,.@-]{1,32}`), the last one exactly 32 characters.
const ROLE_POOL: &[&str] = &[
    "AdministratorAccess",
    "ReadOnlyAccess",
    "PowerUserAccess",
    "Billing",
    "Data-Scientist",
    "ViewOnlyAccess",
    "SecurityAudit",
    "DatabaseAdministrator",
    "NetworkAdministrator",
    "SupportUser",
    "Developer",
    "ops.on-call",
    "deploy@ci",
    "Team+Lead",
    "a=b,c",
    "VeryLongPermissionSetName_32char",
];

const WORDS: &[&str] = &[
    "Sandbox",
    "Production",
    "dev",
    "Staging",
    "Shared Services",
    "Log Archive",
    "Audit",
    "Security Tooling",
    "Network",
    "Data Lake",
    "Marketing",
    "ML Platform",
];

/// SplitMix64: a few lines, and unlike `rand`'s generators its output can
/// never change under a dependency upgrade, so seeds stay reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

/// `accounts` assignments with `roles_per_account` roles each, deterministic
/// from `seed`. Names include spaces, duplicates, shell metacharacters,
/// quotes, brackets, `/`, `&`, `%`, non-ASCII and leading/trailing spaces;
/// every fourth account has the same role set.
pub fn generated_assignments(
    accounts: usize,
    roles_per_account: usize,
    seed: u64,
) -> Vec<SsoAssignment> {
    generate(accounts, roles_per_account, seed, &HashSet::new())
}

/// As [`generated_assignments`], with ids that avoid `taken` (the scenario's
/// hand-written assignments); identical output when nothing collides.
pub(crate) fn generate(
    accounts: usize,
    roles_per_account: usize,
    seed: u64,
    taken: &HashSet<String>,
) -> Vec<SsoAssignment> {
    let mut rng = Rng(seed);
    let mut ids = HashSet::new();
    let roles = role_candidates(roles_per_account);
    // Rotating styles puts every one of them in any 42 consecutive accounts.
    let offset = rng.below(STYLES);
    let mut out: Vec<SsoAssignment> = Vec::with_capacity(accounts);
    for i in 0..accounts {
        let account_id = loop {
            // `{:012}` keeps leading zeros, which real account ids have.
            let id = format!("{:012}", rng.next() % 1_000_000_000_000);
            if !taken.contains(&id) && ids.insert(id.clone()) {
                break id;
            }
        };
        let account_name = if i % 6 == 5 {
            // A name already in use by another account, as happens in real organisations.
            out[rng.below(i)].account_name.clone()
        } else {
            name(&mut rng, (i + offset) % STYLES, i)
        };
        let roles = if i % 4 == 0 {
            roles[..roles_per_account].to_vec()
        } else {
            pick(&mut rng, &roles, roles_per_account)
        };
        let email = format!("aws+{account_id}@example.com");
        out.push(SsoAssignment {
            account_id,
            account_name,
            email,
            roles,
        });
    }
    out
}

const STYLES: usize = 14;

fn name(rng: &mut Rng, style: usize, i: usize) -> String {
    let w = rng.word();
    match style {
        0 => w.to_string(),
        1 => format!("{w} {i}"),
        2 => format!("O'Brien's {w} {i}"),
        3 => format!("{w} #{i}"),
        4 => format!("[{w}] legacy {i}"),
        5 => format!("{w}/{}", rng.word()),
        6 => format!("R&D {w} {i}"),
        7 => format!("{w} 100% {i}"),
        8 => format!("Équipe café {w} {i}"),
        9 => format!("$(touch /tmp/fake-aws-pwned) {w} {i}"),
        10 => format!("  {w} {i}  "),
        11 => format!("{w} \"quoted\" `id` {i}"),
        12 => format!("東京 {w} {i} 🚀"),
        _ => format!("{w}; echo {i} | tee *"),
    }
}

/// The pool, then made-up names when more roles per account are wanted.
fn role_candidates(k: usize) -> Vec<String> {
    let extra = k.saturating_sub(ROLE_POOL.len());
    let pool = ROLE_POOL.iter().map(|r| r.to_string());
    pool.chain((0..extra).map(|j| format!("CustomRole-{j:03}")))
        .collect()
}

/// `k` distinct roles in random order (partial Fisher-Yates).
fn pick(rng: &mut Rng, candidates: &[String], k: usize) -> Vec<String> {
    let mut v = candidates.to_vec();
    for j in 0..k {
        let r = j + rng.below(v.len() - j);
        v.swap(j, r);
    }
    v.truncate(k);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arn::is_account_id;
    use crate::scenario::sso::is_permission_set_name;
    use std::collections::HashMap;

    #[test]
    fn deterministic_valid_and_awkward() {
        let start = std::time::Instant::now();
        let org = generated_assignments(500, 3, 7);
        assert!(start.elapsed().as_millis() < 200, "{:?}", start.elapsed());
        assert_eq!(org.len(), 500);
        let again = generated_assignments(500, 3, 7);
        let other = generated_assignments(500, 3, 8);
        let ids = |v: &[SsoAssignment]| v.iter().map(|a| a.account_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&org), ids(&again));
        assert_ne!(ids(&org), ids(&other));
        assert_eq!(ids(&org).into_iter().collect::<HashSet<_>>().len(), 500);

        let mut by_name: HashMap<&str, usize> = HashMap::new();
        let mut by_roles: HashMap<&[String], usize> = HashMap::new();
        for a in &org {
            assert!(is_account_id(&a.account_id), "{}", a.account_id);
            assert_eq!(a.roles.len(), 3);
            assert_eq!(a.roles.iter().collect::<HashSet<_>>().len(), 3);
            assert!(a.roles.iter().all(|r| is_permission_set_name(r)), "{a:?}");
            *by_name.entry(&a.account_name).or_default() += 1;
            *by_roles.entry(&a.roles).or_default() += 1;
        }
        let shared_names = by_name.values().filter(|n| **n > 1).count();
        assert!(shared_names >= 5, "{shared_names}");
        assert!(by_roles.values().any(|n| *n >= 100));
        let names: String = org.iter().map(|a| a.account_name.as_str()).collect();
        for needle in ["'", "#", "[", "]", "/", "&", "%", "é", "$(", " "] {
            assert!(names.contains(needle), "no {needle:?}");
        }
        assert!(org.iter().any(|a| a.account_name.starts_with(' ')));
        assert!(org.iter().any(|a| a.account_name.ends_with(' ')));
    }

    #[test]
    fn avoids_taken_ids_and_grows_role_pool() {
        let first = generated_assignments(1, 0, 3)[0].account_id.clone();
        let taken = HashSet::from([first.clone()]);
        let org = generate(2, ROLE_POOL.len() + 5, 3, &taken);
        assert!(org.iter().all(|a| a.account_id != first));
        assert!(org[0].roles.contains(&"CustomRole-004".to_string()));
        assert!(org.iter().all(|a| a.roles.len() == ROLE_POOL.len() + 5));
    }
}
