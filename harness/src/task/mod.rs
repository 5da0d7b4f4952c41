//! Tasks: what a user asks for, in which world, and how the end state and answer are judged.
//!
//! A task is `tasks/<world>/<id>.toml` plus its reference solution `tasks/<world>/<id>.js`
//! (an async function using `api.request`). The TOML format is documented in
//! `tasks/README.md`; loading checks every field and names the file and field of any
//! mistake. Checks are evaluated on the mock's state snapshots (`{"collections": {path:
//! {key: item}}, "singletons": {path: value}}`) by [`check::evaluate`].

pub mod check;
pub mod corpus;
pub mod listing;
mod load;

pub use check::{AnswerCheck, Check, CheckKind, evaluate};
pub use corpus::{CheckOptions, CheckReport, TaskReport, check_corpus};
pub use listing::Listing;
pub use load::{TaskError, load_dir, load_dir_all, load_file};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;
use std::path::PathBuf;

/// The interaction patterns the corpus covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    /// One read answers the question.
    SingleLookup,
    /// Each call needs the previous one's result.
    SequentialChain,
    /// The same write applied to many resources.
    FanOutWrites,
    /// A large list must be filtered to find what matters.
    LargeResultFiltering,
    /// The answer needs every page of a paginated list.
    Pagination,
    /// Numbers computed across many resources.
    Aggregation,
    /// 404 / 409 / 429 along the way: retry or skip is the right move.
    ErrorHandling,
    /// Several resource types read and written together.
    MultiResourceWorkflow,
}

impl Pattern {
    /// Every pattern, in report order.
    pub const ALL: [Pattern; 8] = [
        Pattern::SingleLookup,
        Pattern::SequentialChain,
        Pattern::FanOutWrites,
        Pattern::LargeResultFiltering,
        Pattern::Pagination,
        Pattern::Aggregation,
        Pattern::ErrorHandling,
        Pattern::MultiResourceWorkflow,
    ];

    /// The kebab-case name used in task files and records.
    pub fn name(self) -> &'static str {
        match self {
            Self::SingleLookup => "single-lookup",
            Self::SequentialChain => "sequential-chain",
            Self::FanOutWrites => "fan-out-writes",
            Self::LargeResultFiltering => "large-result-filtering",
            Self::Pagination => "pagination",
            Self::Aggregation => "aggregation",
            Self::ErrorHandling => "error-handling",
            Self::MultiResourceWorkflow => "multi-resource-workflow",
        }
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How hard a task is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    /// One or two obvious steps.
    Easy,
    /// Several steps or some filtering.
    Medium,
    /// Many steps, large data or error recovery.
    Hard,
}

impl Difficulty {
    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Medium => "medium",
            Self::Hard => "hard",
        }
    }
}

/// One task of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// Unique id: `<world>/<file stem>`.
    pub id: String,
    /// World the task runs in (the directory name).
    pub world: String,
    /// Short title.
    pub title: String,
    /// What the user types.
    pub prompt: String,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Interaction pattern.
    pub pattern: Pattern,
    /// Difficulty.
    pub difficulty: Difficulty,
    /// Fixture overrides merged over the world's fixtures (same shape as a fixtures file).
    pub fixtures: Option<Value>,
    /// End-state checks.
    pub checks: Vec<Check>,
    /// Answer check, for tasks that must report something.
    pub answer: Option<AnswerCheck>,
    /// Collection path patterns the task may write to (`*` matches one segment); writes
    /// elsewhere are collateral damage.
    pub allowed_writes: Vec<String>,
    /// Turn cap for this task (the run's default when `None`).
    pub max_turns: Option<u32>,
    /// The TOML file.
    pub file: PathBuf,
    /// The reference solution's source.
    pub solution: String,
}

impl Task {
    /// True when the task may not write anything.
    pub fn read_only(&self) -> bool {
        self.allowed_writes.is_empty()
    }
}

/// Whether a task id matches a filter: comma-separated alternatives, each a substring of
/// the id, or, when it holds `*`, a glob over the whole id (`tracker/*`, `*/pay-*`).
pub fn id_matches(id: &str, filter: &str) -> bool {
    filter
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .any(|f| if f.contains('*') { glob(f, id) } else { id.contains(f) })
}

fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for p in &parts[1..parts.len() - 1] {
        match rest.find(p) {
            Some(i) => rest = &rest[i + p.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod filter_tests {
    use super::id_matches;

    #[test]
    fn filters_take_alternatives_and_globs() {
        assert!(id_matches("tracker/pay-142-estimate", "pay-142"));
        assert!(id_matches("tracker/pay-142-estimate", "edge/x, pay-142"));
        assert!(!id_matches("tracker/pay-142-estimate", "edge/x,commerce/"));
        assert!(id_matches("tracker/pay-142-estimate", "tracker/*"));
        assert!(id_matches("tracker/pay-142-estimate", "*/pay-*-estimate"));
        assert!(!id_matches("tracker/pay-142-estimate", "*/web-*"));
        assert!(!id_matches("tracker/pay", "tracker/pay*pay"));
        assert!(!id_matches("x", ","));
    }
}
