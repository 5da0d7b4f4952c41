//! The rows of the per-task charts (tokens per task, round trips per task): one row per task
//! up to [`MAX_TASK_ROWS`] tasks; past that one row per world x pattern when that gives at
//! most [`MAX_GROUP_ROWS`] rows, else one row per pattern. A grouped row shows, per pipeline,
//! the median of its tasks' means with a p25–p75 whisker.

use super::{RunData, mean};
use crate::record::Record;
use crate::report::stats::quantile;
use std::collections::{BTreeMap, BTreeSet};

/// Up to this many tasks, per-task charts draw one row per task (past ~40 rows the labels and
/// bars of a 900-pixel chart become unreadable).
pub const MAX_TASK_ROWS: usize = 40;
/// Past [`MAX_TASK_ROWS`], tasks are grouped by world x pattern when that gives at most this
/// many rows (each row holds one bar or dot per pipeline), else by pattern.
pub const MAX_GROUP_ROWS: usize = 20;

/// What one row of a per-task chart stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// One task.
    Task,
    /// The tasks of one world and pattern.
    WorldPattern,
    /// The tasks of one pattern.
    Pattern,
}

/// The rows of a per-task chart, top first.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRows {
    /// What a row stands for.
    pub kind: RowKind,
    /// Row labels: the task id, or the group and its task count (`aggregation (15)`).
    pub labels: Vec<String>,
    /// The task ids of each row.
    pub tasks: Vec<Vec<String>>,
}

/// One pipeline in one row: the median of the row's task means and their p25 and p75 (all
/// three equal to the task's mean when the row is one task).
#[derive(Debug, Clone, PartialEq)]
pub struct RowStat {
    /// Row index (0 on top).
    pub row: usize,
    /// Pipeline index in the run's pipeline order.
    pub pipeline: usize,
    /// Median of the task means.
    pub mid: f64,
    /// 25th percentile of the task means.
    pub lo: f64,
    /// 75th percentile of the task means.
    pub hi: f64,
    /// Tasks of the row this pipeline ran.
    pub tasks: usize,
}

impl TaskRows {
    /// The rows of a run, chosen by its number of tasks.
    pub fn of(run: &RunData) -> Self {
        Self::with_limits(run, MAX_TASK_ROWS, MAX_GROUP_ROWS)
    }

    /// The rows of a run with explicit limits (tasks per chart, groups per chart).
    pub fn with_limits(run: &RunData, max_tasks: usize, max_groups: usize) -> Self {
        if run.tasks.len() <= max_tasks {
            return Self {
                kind: RowKind::Task,
                labels: run.tasks.clone(),
                tasks: run.tasks.iter().map(|t| vec![t.clone()]).collect(),
            };
        }
        let group = |kind: RowKind| -> BTreeMap<String, BTreeSet<String>> {
            let mut by: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for r in run.records {
                let key = match kind {
                    RowKind::WorldPattern => format!("{} · {}", r.world, r.pattern),
                    _ => r.pattern.clone(),
                };
                by.entry(key).or_default().insert(r.task.clone());
            }
            by
        };
        let by_world = group(RowKind::WorldPattern);
        let (kind, groups) = if by_world.len() <= max_groups {
            (RowKind::WorldPattern, by_world)
        } else {
            (RowKind::Pattern, group(RowKind::Pattern))
        };
        Self {
            kind,
            labels: groups.iter().map(|(k, ts)| format!("{k} ({})", ts.len())).collect(),
            tasks: groups.into_values().map(|ts| ts.into_iter().collect()).collect(),
        }
    }

    /// Whether rows are groups of tasks.
    pub fn grouped(&self) -> bool {
        self.kind != RowKind::Task
    }

    /// What the rows group by, for titles: `pattern`, `world and pattern`, or `task`.
    pub fn by(&self) -> &'static str {
        match self.kind {
            RowKind::Task => "task",
            RowKind::WorldPattern => "world and pattern",
            RowKind::Pattern => "pattern",
        }
    }

    /// `grouped by pattern (14–19 tasks each)` for grouped rows, `None` for one row per task.
    pub fn title_note(&self) -> Option<String> {
        if !self.grouped() {
            return None;
        }
        let sizes = self.tasks.iter().map(Vec::len);
        let min = sizes.clone().min().unwrap_or(0);
        let max = sizes.max().unwrap_or(0);
        let each = if min == max {
            format!("{min} tasks each")
        } else {
            format!("{min}–{max} tasks each")
        };
        Some(format!("grouped by {} ({each})", self.by()))
    }

    /// Per row and pipeline that ran any of its tasks: the spread of the per-task means of `metric`.
    pub fn stats(&self, run: &RunData, metric: impl Fn(&Record) -> f64) -> Vec<RowStat> {
        let by = run.by_task_pipeline();
        let mut out = Vec::new();
        for (row, tasks) in self.tasks.iter().enumerate() {
            for (j, p) in run.pipelines.iter().enumerate() {
                let means: Vec<f64> = tasks
                    .iter()
                    .filter_map(|t| by.get(&(t.as_str(), p.as_str())))
                    .map(|rs| mean(&rs.iter().map(|r| metric(r)).collect::<Vec<_>>()))
                    .collect();
                if means.is_empty() {
                    continue;
                }
                out.push(RowStat {
                    row,
                    pipeline: j,
                    mid: quantile(&means, 0.5),
                    lo: quantile(&means, 0.25),
                    hi: quantile(&means, 0.75),
                    tasks: means.len(),
                });
            }
        }
        out
    }
}
