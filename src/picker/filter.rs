//! Fuzzy filtering (nucleo, the matcher of the helix editor): every space-separated term
//! must match somewhere in the line shown, in order of its letters; the best matches come
//! first, and equal scores keep the candidates' own order (recent first).

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

pub struct Filter {
    matcher: Matcher,
    buf: Vec<char>,
}

impl Filter {
    pub fn new() -> Filter {
        Filter {
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }

    /// Indices of the lines that match `query`, best first; all of them for a blank query.
    pub fn apply<'a>(&mut self, query: &str, lines: impl Iterator<Item = &'a str>) -> Vec<usize> {
        if query.trim().is_empty() {
            return lines.enumerate().map(|(i, _)| i).collect();
        }
        // Fuzzy atoms only: `^`, `'` and `!` are letters here, not fzf operators.
        let pattern = Pattern::new(
            query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let mut scored: Vec<(u32, usize)> = lines
            .enumerate()
            .filter_map(|(i, line)| {
                let hay = Utf32Str::new(line, &mut self.buf);
                pattern.score(hay, &mut self.matcher).map(|s| (s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, lines: &[&str]) -> Vec<usize> {
        Filter::new().apply(query, lines.iter().copied())
    }

    #[test]
    fn every_term_must_match_in_any_order_of_terms() {
        let lines = [
            "sso      acme-prod / AdministratorAccess  111111111111",
            "sso      acme-prod / ReadOnly  111111111111",
            "sso      acme-dev / AdministratorAccess  222222222222",
            "profile  prod",
        ];
        assert_eq!(matches("prod adm", &lines), [0]);
        assert_eq!(matches("adm prod", &lines), [0]);
        assert_eq!(matches("PROD", &lines).len(), 3);
        assert_eq!(matches("xyz", &lines), Vec::<usize>::new());
        assert_eq!(matches("  ", &lines), [0, 1, 2, 3]);
    }

    #[test]
    fn equal_scores_keep_the_given_order() {
        let lines = ["recent   dev", "profile  dev"];
        assert_eq!(matches("dev", &lines), [0, 1]);
    }
}
