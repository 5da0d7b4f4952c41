//! Checking the whole task corpus (`cmbench tasks check`).
//!
//! Every task file must load; then, per task: its world exists and builds with the task's
//! fixture overrides, every check and allowed write names a collection the world's spec
//! has, the reference solution passes every check on a fresh episode (state, answer and
//! no collateral damage), the same checks FAIL on the untouched world (no vacuous task),
//! the oracle can plan it for every pipeline, and no other task of the same world and
//! fixtures has the same checks. One mock server and one sandbox serve each world.

use super::check::{passed, patterns_overlap};
use super::{Task, evaluate, load::load_dir_all};
use crate::mock::{MockServer, ServerOptions, World, canonical_json, world_files};
use crate::model::oracle;
use crate::pipeline;
use crate::sandbox::{Limits, Sandbox, SandboxConfig};
use crate::spec::Spec;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// What `check_corpus` checks and with what.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The task directory (`tasks/<world>/<id>.toml`).
    pub tasks_dir: PathBuf,
    /// The worlds directory (`specs/<world>/openapi.json`).
    pub specs_dir: PathBuf,
    /// Check only tasks whose id contains this.
    pub filter: Option<String>,
    /// Seed of the mock worlds.
    pub seed: u64,
    /// The `cmbench` binary sandbox workers run as.
    pub worker_bin: PathBuf,
    /// Limits of each reference-solution run.
    pub limits: Limits,
    /// Turn cap of tasks that set no `max_turns` (the episode loop's default).
    pub default_max_turns: u32,
}

impl CheckOptions {
    /// Options for the given directories, seed 0, default limits, the running binary as worker.
    pub fn new(tasks_dir: impl Into<PathBuf>, specs_dir: impl Into<PathBuf>) -> Self {
        Self {
            tasks_dir: tasks_dir.into(),
            specs_dir: specs_dir.into(),
            filter: None,
            seed: 0,
            worker_bin: std::env::current_exe().unwrap_or_else(|_| PathBuf::from("cmbench")),
            limits: Limits::default(),
            default_max_turns: crate::episode::EpisodeConfig::default().max_turns,
        }
    }
}

/// Whose fault a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The task file or its world cannot be used as written.
    Input,
    /// The task loads but does not hold up (solution, vacuity, duplicates, plans).
    Task,
}

/// One thing wrong with a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Whose fault it is.
    pub kind: ProblemKind,
    /// What is wrong.
    pub message: String,
}

/// The verdict on one task file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskReport {
    /// Task id (`world/stem`).
    pub id: String,
    /// The task file.
    pub file: PathBuf,
    /// Everything wrong with it (empty: ok).
    pub problems: Vec<Problem>,
    /// API requests the reference solution made.
    pub requests: usize,
    /// Time spent checking it, in milliseconds.
    pub millis: u64,
}

impl TaskReport {
    fn new(id: &str, file: &Path) -> Self {
        Self {
            id: id.to_string(),
            file: file.to_path_buf(),
            problems: Vec::new(),
            requests: 0,
            millis: 0,
        }
    }

    fn input(&mut self, message: impl Into<String>) {
        self.problems.push(Problem {
            kind: ProblemKind::Input,
            message: message.into(),
        });
    }

    fn fail(&mut self, message: impl Into<String>) {
        self.problems.push(Problem {
            kind: ProblemKind::Task,
            message: message.into(),
        });
    }

    /// Whether the task passed every check.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for TaskReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ok() {
            return write!(f, "ok    {}  ({} requests, {} ms)", self.id, self.requests, self.millis);
        }
        let reasons: Vec<&str> = self.problems.iter().map(|p| p.message.as_str()).collect();
        write!(f, "FAIL  {}  {}: {}", self.id, self.file.display(), reasons.join("; "))
    }
}

/// The verdict on the corpus: one report per task file checked, in the order checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// Per-task verdicts.
    pub tasks: Vec<TaskReport>,
    /// Task files in the corpus (before `--filter`).
    pub corpus: usize,
}

impl CheckReport {
    /// Whether every task passed.
    pub fn passed(&self) -> bool {
        self.tasks.iter().all(TaskReport::ok)
    }

    /// Process exit code: 0 all ok, 2 when some input cannot be used, else 1.
    pub fn exit_code(&self) -> u8 {
        let kinds = || self.tasks.iter().flat_map(|t| t.problems.iter().map(|p| p.kind));
        if kinds().any(|k| k == ProblemKind::Input) {
            2
        } else if kinds().next().is_some() {
            1
        } else {
            0
        }
    }

    /// One line: how many tasks were checked, passed and failed.
    pub fn summary(&self) -> String {
        let failed = self.tasks.iter().filter(|t| !t.ok()).count();
        let unusable = self
            .tasks
            .iter()
            .filter(|t| t.problems.iter().any(|p| p.kind == ProblemKind::Input))
            .count();
        let mut s = format!(
            "{} task(s) checked: {} ok, {} failed",
            self.tasks.len(),
            self.tasks.len() - failed,
            failed
        );
        if unusable > 0 {
            s.push_str(&format!(" ({unusable} with unusable input)"));
        }
        if self.tasks.len() != self.corpus {
            s.push_str(&format!("; {} task file(s) in the corpus", self.corpus));
        }
        s
    }
}

/// Why the corpus could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CorpusError {
    /// True for unusable input (exit 2), false for a harness failure (exit 1).
    pub bad_input: bool,
    /// What went wrong.
    pub message: String,
}

fn bad_input(message: String) -> CorpusError {
    CorpusError {
        bad_input: true,
        message,
    }
}

/// The id a task file would have (`world/stem`), for files that failed to load.
fn id_of(file: &Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
    match file.parent().and_then(Path::file_name) {
        Some(world) => format!("{}/{stem}", world.to_string_lossy()),
        None => file.display().to_string(),
    }
}

/// Loads and checks the corpus; `progress` sees each task's verdict as soon as it is known.
pub async fn check_corpus(
    options: &CheckOptions,
    progress: &mut dyn FnMut(&TaskReport),
) -> Result<CheckReport, CorpusError> {
    let dir = &options.tasks_dir;
    if !dir.is_dir() {
        return Err(bad_input(format!(
            "{}: no such task directory (tasks live in <dir>/<world>/<id>.toml)",
            dir.display()
        )));
    }
    let (tasks, errors) = load_dir_all(dir);
    let corpus = tasks.len() + errors.iter().filter(|e| e.file != *dir).count();
    if let Some(e) = errors.iter().find(|e| e.file == *dir) {
        return Err(bad_input(e.to_string()));
    }
    if corpus == 0 {
        return Err(bad_input(format!(
            "{}: no task files (expected <world>/<id>.toml with <id>.js; see tasks/README.md)",
            dir.display()
        )));
    }
    let wanted = |id: &str| options.filter.as_deref().is_none_or(|f| id.contains(f));
    let mut report = CheckReport {
        tasks: Vec::new(),
        corpus,
    };
    for e in &errors {
        let id = id_of(&e.file);
        if wanted(&id) {
            let mut r = TaskReport::new(&id, &e.file);
            r.input(e.message.clone());
            progress(&r);
            report.tasks.push(r);
        }
    }
    let selected: Vec<&Task> = tasks.iter().filter(|t| wanted(&t.id)).collect();
    if selected.is_empty() && report.tasks.is_empty() {
        return Err(bad_input(format!(
            "--filter {:?} matches no task ({corpus} task file(s) in {})",
            options.filter.as_deref().unwrap_or_default(),
            dir.display()
        )));
    }
    let twins = duplicates(&tasks);
    let mut by_world: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
    for t in selected {
        by_world.entry(t.world.as_str()).or_default().push(t);
    }
    for (world, tasks) in by_world {
        let mut reports = check_world(options, world, &tasks).await?;
        for r in &mut reports {
            if let Some(others) = twins.get(&r.id) {
                r.fail(format!(
                    "same world, fixtures, checks and answer check as {}: the tasks judge the same thing",
                    others.join(", ")
                ));
            }
            progress(r);
        }
        report.tasks.extend(reports);
    }
    Ok(report)
}

/// What judges a task, independent of notes and check order: two tasks with the same key
/// in the same world and fixtures measure the same thing.
fn judging_key(t: &Task) -> String {
    let mut checks: Vec<String> = t
        .checks
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.note = None;
            canonical_json(&serde_json::to_value(c).unwrap_or(Value::Null))
        })
        .collect();
    checks.sort();
    checks.dedup();
    let answer = t.answer.as_ref().and_then(|a| serde_json::to_value(a).ok());
    canonical_json(&json!({
        "world": t.world,
        "fixtures": t.fixtures,
        "checks": checks,
        "answer": answer,
    }))
}

/// For each task that has twins (same [`judging_key`]), the ids of its twins.
pub fn duplicates(tasks: &[Task]) -> HashMap<String, Vec<String>> {
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for t in tasks {
        groups.entry(judging_key(t)).or_default().push(&t.id);
    }
    let mut out = HashMap::new();
    for ids in groups.values().filter(|ids| ids.len() > 1) {
        for id in ids {
            let others = ids.iter().filter(|o| *o != id).map(|o| o.to_string()).collect();
            out.insert(id.to_string(), others);
        }
    }
    out
}

/// Checks the tasks of one world with one mock server and one sandbox.
async fn check_world(options: &CheckOptions, world: &str, tasks: &[&Task]) -> Result<Vec<TaskReport>, CorpusError> {
    let all_fail = |message: String| {
        tasks
            .iter()
            .map(|t| {
                let mut r = TaskReport::new(&t.id, &t.file);
                r.input(message.clone());
                r
            })
            .collect()
    };
    let files = match world_files(&options.specs_dir, world) {
        Ok(f) => f,
        Err(e) => return Ok(all_fail(format!("world {world:?}: {e}"))),
    };
    let spec = match Spec::load(&files.spec) {
        Ok(s) => Arc::new(s),
        Err(e) => return Ok(all_fail(format!("world {world:?}: {e}"))),
    };
    let base = match World::from_files(spec.clone(), options.seed, files.fixtures.as_deref()) {
        Ok(w) => Arc::new(w),
        Err(e) => return Ok(all_fail(format!("world {world:?}: {e}"))),
    };
    let collections = known_collections(&base);
    let server_options = ServerOptions {
        faults: base.faults.clone(),
        ..ServerOptions::default()
    };
    let server = MockServer::start(base, server_options).await.map_err(|e| CorpusError {
        bad_input: false,
        message: format!("starting the mock server of world {world:?}: {e}"),
    })?;
    let mut config = SandboxConfig::new(Some(files.spec.clone()));
    config.worker_bin = options.worker_bin.clone();
    config.search = false;
    config.workers = 1;
    config.limits = options.limits.clone();
    let sandbox = Sandbox::new(config).await.map_err(|e| CorpusError {
        bad_input: false,
        message: format!("starting the sandbox of world {world:?}: {e}"),
    })?;
    let ctx = WorldCtx {
        spec: &spec,
        fixtures: files.fixtures.as_deref(),
        collections: &collections,
        server: &server,
        sandbox: &sandbox,
        seed: options.seed,
        default_max_turns: options.default_max_turns,
    };
    let mut reports = Vec::new();
    for t in tasks {
        let started = Instant::now();
        let mut r = TaskReport::new(&t.id, &t.file);
        ctx.check_task(t, &mut r).await;
        r.millis = started.elapsed().as_millis() as u64;
        reports.push(r);
    }
    server.shutdown().await;
    Ok(reports)
}

/// Collection (and singleton) path patterns of a world, `{param}` segments as `*`.
fn known_collections(world: &World) -> Vec<String> {
    let mut out: Vec<String> = world
        .plans
        .iter()
        .map(|p| {
            p.collection
                .split('/')
                .map(|s| if s.starts_with('{') && s.ends_with('}') { "*" } else { s })
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    out.extend(world.initial.collections.keys().cloned());
    out.extend(world.initial.singletons.keys().cloned());
    out.sort();
    out.dedup();
    out
}

/// What checking one task of a world needs.
struct WorldCtx<'a> {
    spec: &'a Arc<Spec>,
    fixtures: Option<&'a Path>,
    collections: &'a [String],
    server: &'a MockServer,
    sandbox: &'a Sandbox,
    seed: u64,
    default_max_turns: u32,
}

impl WorldCtx<'_> {
    async fn check_task(&self, t: &Task, r: &mut TaskReport) {
        let unknown = |pattern: &str| !self.collections.iter().any(|c| patterns_overlap(pattern, c));
        for (i, c) in t.checks.iter().enumerate() {
            if unknown(&c.collection) {
                r.input(format!(
                    "check[{i}].collection {:?} names no collection of world {:?}",
                    c.collection, t.world
                ));
            }
        }
        for (i, p) in t.allowed_writes.iter().enumerate() {
            if unknown(p) {
                r.input(format!(
                    "allowed_writes[{i}] {p:?} names no collection of world {:?}",
                    t.world
                ));
            }
        }
        let episode = match &t.fixtures {
            None => self.server.episode(),
            Some(overrides) => {
                let world = World::from_files(self.spec.clone(), self.seed, self.fixtures).and_then(|mut w| {
                    w.apply_fixtures(overrides)?;
                    Ok(w)
                });
                match world
                    .map_err(|e| e.to_string())
                    .and_then(|w| self.server.episode_in(Arc::new(w)))
                {
                    Ok(e) => e,
                    Err(e) => return r.input(format!("fixtures: {e}")),
                }
            }
        };
        let traced = oracle::trace(self.sandbox, episode.base_url(), &t.solution).await;
        episode.close();
        let trace = match traced {
            Ok(trace) => trace,
            Err(e) => return r.fail(e),
        };
        r.requests = trace.requests.len();
        let start = episode.start_snapshot().state;
        let end = episode.snapshot().state;
        let answer = oracle::answer_text(&trace.result);
        let solved = evaluate(t, &start, &end, &answer);
        for why in &solved.state_failed {
            r.fail(format!("after the reference solution, check fails: {why}"));
        }
        if let Some(why) = &solved.answer_error {
            r.fail(format!("the reference answer {answer:?} fails the answer check: {why}"));
        }
        if !solved.collateral.is_empty() {
            r.fail(format!(
                "the reference solution writes outside allowed_writes: {}",
                solved.collateral.join(", ")
            ));
        }
        if passed(&evaluate(t, &start, &start, "")) {
            r.fail("vacuous: every check already passes on the untouched world (with an empty answer)");
        }
        let cap = t.max_turns.unwrap_or(self.default_max_turns);
        for name in pipeline::NAMES {
            match oracle::plan(name, self.spec, &t.solution, &trace, true) {
                Err(e) => r.fail(format!("{name}: the oracle cannot plan the reference solution: {e}")),
                Ok(turns) if turns.len() > cap as usize => r.fail(format!(
                    "{name}: the oracle needs {} turns but the turn cap is {cap} (raise max_turns)",
                    turns.len()
                )),
                Ok(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, checks: &str, fixtures: Option<Value>) -> Task {
        #[derive(serde::Deserialize)]
        struct Checks {
            check: Vec<super::super::Check>,
        }
        let parsed: Checks = toml::from_str(checks).unwrap();
        Task {
            id: id.into(),
            world: "w".into(),
            title: "t".into(),
            prompt: "p".into(),
            tags: vec![],
            pattern: super::super::Pattern::SingleLookup,
            difficulty: super::super::Difficulty::Easy,
            fixtures,
            checks: parsed.check,
            answer: None,
            allowed_writes: vec!["/a".into()],
            max_turns: None,
            file: PathBuf::from(format!("{id}.toml")),
            solution: "async () => 1".into(),
        }
    }

    const ONE: &str = "[[check]]\nkind = \"absent\"\ncollection = \"/a\"\nnote = \"x\"\n[[check]]\nkind = \"unchanged\"\ncollection = \"/b\"\n";
    const SAME: &str = "[[check]]\nkind = \"unchanged\"\ncollection = \"/b\"\n[[check]]\nkind = \"absent\"\ncollection = \"/a\"\nnote = \"y\"\n";
    const OTHER: &str = "[[check]]\nkind = \"absent\"\ncollection = \"/a\"\nwhere = { id = 1 }\n";

    #[test]
    fn duplicates_ignore_notes_and_order_but_not_fixtures() {
        let tasks = [
            task("w/a", ONE, None),
            task("w/b", SAME, None),
            task("w/c", OTHER, None),
            task("w/d", SAME, Some(json!({"faults": "error=0.5"}))),
        ];
        let d = duplicates(&tasks);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d["w/a"], vec!["w/b".to_string()]);
        assert_eq!(d["w/b"], vec!["w/a".to_string()]);
    }

    #[test]
    fn exit_codes_rank_unusable_input_above_failures() {
        let mut r = CheckReport {
            tasks: vec![TaskReport::new("w/a", Path::new("a.toml"))],
            corpus: 1,
        };
        assert_eq!(r.exit_code(), 0);
        r.tasks[0].fail("broken");
        assert_eq!(r.exit_code(), 1);
        r.tasks[0].input("no world");
        assert_eq!(r.exit_code(), 2);
        assert_eq!(id_of(Path::new("tasks/w/x.toml")), "w/x");
    }
}
