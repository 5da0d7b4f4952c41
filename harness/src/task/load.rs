//! Reading and validating task files.

use super::check::{AnswerCheck, Check, CheckKind};
use super::{Difficulty, Pattern, Task};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A task file that cannot be used, with the file and field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", file.display())]
pub struct TaskError {
    /// The file at fault.
    pub file: PathBuf,
    /// What is wrong, naming the field (and line, for syntax errors).
    pub message: String,
}

fn err(file: &Path, message: impl Into<String>) -> TaskError {
    TaskError {
        file: file.to_path_buf(),
        message: message.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    title: String,
    prompt: String,
    #[serde(default)]
    tags: Vec<String>,
    pattern: Pattern,
    difficulty: Difficulty,
    #[serde(default)]
    fixtures: Option<toml::Value>,
    #[serde(default, rename = "check")]
    checks: Vec<Check>,
    #[serde(default)]
    answer: Option<AnswerCheck>,
    #[serde(default)]
    allowed_writes: Vec<String>,
    #[serde(default)]
    max_turns: Option<u32>,
}

/// Loads one task file (`<dir>/<world>/<id>.toml`) and its reference solution.
pub fn load_file(path: &Path) -> Result<Task, TaskError> {
    let text = std::fs::read_to_string(path).map_err(|e| err(path, format!("cannot read: {e}")))?;
    let raw: RawTask = toml::from_str(&text).map_err(|e| err(path, e.to_string().trim_end().to_string()))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| err(path, "file name is not UTF-8"))?;
    if !stem
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(err(
            path,
            "file name must be lowercase letters, digits and '-' (it is the task id)",
        ));
    }
    let world = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .ok_or_else(|| err(path, "task files live in tasks/<world>/<id>.toml"))?
        .to_string();
    for (field, value) in [("title", &raw.title), ("prompt", &raw.prompt)] {
        if value.trim().is_empty() {
            return Err(err(path, format!("field `{field}` is empty")));
        }
    }
    if raw.checks.is_empty() && raw.answer.is_none() {
        return Err(err(
            path,
            "a task needs at least one [[check]] or an [answer]: otherwise nothing judges it",
        ));
    }
    for (i, c) in raw.checks.iter().enumerate() {
        c.validate().map_err(|m| err(path, format!("check[{i}]: {m}")))?;
        // Every kind but `unchanged` can only fail on the untouched world if the task writes there.
        if c.kind != CheckKind::Unchanged
            && !raw
                .allowed_writes
                .iter()
                .any(|p| super::check::patterns_overlap(p, &c.collection))
        {
            return Err(err(
                path,
                format!(
                    "check[{i}] ({}) needs writes to {:?}, but allowed_writes does not cover it",
                    c.kind.name(),
                    c.collection
                ),
            ));
        }
    }
    if let Some(a) = &raw.answer {
        a.validate().map_err(|m| err(path, format!("answer: {m}")))?;
    }
    for (i, p) in raw.allowed_writes.iter().enumerate() {
        if !p.starts_with('/') {
            return Err(err(
                path,
                format!("allowed_writes[{i}] must be a collection path starting with '/', got {p:?}"),
            ));
        }
    }
    if raw.max_turns == Some(0) {
        return Err(err(path, "field `max_turns` must be at least 1"));
    }
    let fixtures = match raw.fixtures {
        None => None,
        Some(t) => {
            let v = serde_json::to_value(t).map_err(|e| err(path, format!("fixtures: {e}")))?;
            if !v.is_object() {
                return Err(err(path, "field `fixtures` must be a table"));
            }
            Some(v)
        }
    };
    let js = path.with_extension("js");
    let solution = std::fs::read_to_string(&js)
        .map_err(|e| err(path, format!("reference solution {}: cannot read: {e}", js.display())))?;
    if solution.trim().is_empty() {
        return Err(err(path, format!("reference solution {} is empty", js.display())));
    }
    Ok(Task {
        id: format!("{world}/{stem}"),
        world,
        title: raw.title,
        prompt: raw.prompt,
        tags: raw.tags,
        pattern: raw.pattern,
        difficulty: raw.difficulty,
        fixtures,
        checks: raw.checks,
        answer: raw.answer,
        allowed_writes: raw.allowed_writes,
        max_turns: raw.max_turns,
        file: path.to_path_buf(),
        solution,
    })
}

/// Loads every task under `dir` (`dir/<world>/*.toml`), sorted by id. All errors are
/// collected, so one run of `cmbench tasks check` reports every broken file.
pub fn load_dir(dir: &Path) -> Result<Vec<Task>, Vec<TaskError>> {
    let (tasks, errors) = load_dir_all(dir);
    if errors.is_empty() { Ok(tasks) } else { Err(errors) }
}

/// Like [`load_dir`], but returns the tasks that loaded alongside every error.
pub fn load_dir_all(dir: &Path) -> (Vec<Task>, Vec<TaskError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let worlds = match std::fs::read_dir(dir) {
        Ok(w) => w,
        Err(e) => return (Vec::new(), vec![err(dir, format!("cannot read task directory: {e}"))]),
    };
    for world in worlds.flatten() {
        if !world.path().is_dir() {
            continue;
        }
        match std::fs::read_dir(world.path()) {
            Ok(entries) => {
                for e in entries.flatten() {
                    let p = e.path();
                    match p.extension().and_then(|x| x.to_str()) {
                        Some("toml") => files.push(p),
                        Some("js") if !p.with_extension("toml").exists() => {
                            errors.push(err(&p, "reference solution without a task file (.toml)"))
                        }
                        _ => {}
                    }
                }
            }
            Err(e) => errors.push(err(&world.path(), format!("cannot read: {e}"))),
        }
    }
    files.sort();
    let mut tasks = Vec::new();
    for f in files {
        match load_file(&f) {
            Ok(t) => tasks.push(t),
            Err(e) => errors.push(e),
        }
    }
    (tasks, errors)
}
