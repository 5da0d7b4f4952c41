//! The corpus at a glance (`cmbench tasks list`): one row per task and counts per world x
//! pattern and per world x difficulty, as a text table, JSON or CSV.

use super::{Difficulty, Pattern, Task};
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// One task as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Task id (`world/stem`).
    pub id: String,
    /// World.
    pub world: String,
    /// Pattern.
    pub pattern: Pattern,
    /// Difficulty.
    pub difficulty: Difficulty,
    /// `read-only` or `writes`.
    pub access: &'static str,
    /// Title.
    pub title: String,
}

/// The listed corpus.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    /// Rows, in task id order.
    pub rows: Vec<Row>,
}

const DIFFICULTIES: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

impl Listing {
    /// The listing of `tasks`.
    pub fn new(tasks: &[Task]) -> Self {
        let mut rows: Vec<Row> = tasks
            .iter()
            .map(|t| Row {
                id: t.id.clone(),
                world: t.world.clone(),
                pattern: t.pattern,
                difficulty: t.difficulty,
                access: if t.read_only() { "read-only" } else { "writes" },
                title: t.title.clone(),
            })
            .collect();
        rows.sort_by(|a, b| a.id.cmp(&b.id));
        Self { rows }
    }

    /// The worlds, sorted.
    pub fn worlds(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self.rows.iter().map(|r| r.world.as_str()).collect();
        set.into_iter().collect()
    }

    /// Tasks of `world` (every world when `None`) with `pattern`.
    pub fn count_pattern(&self, world: Option<&str>, pattern: Pattern) -> usize {
        self.rows
            .iter()
            .filter(|r| world.is_none_or(|w| r.world == w) && r.pattern == pattern)
            .count()
    }

    /// Tasks of `world` (every world when `None`) with `difficulty`.
    pub fn count_difficulty(&self, world: Option<&str>, difficulty: Difficulty) -> usize {
        self.rows
            .iter()
            .filter(|r| world.is_none_or(|w| r.world == w) && r.difficulty == difficulty)
            .count()
    }

    /// Rows, then a pattern x world and a difficulty x world count table (with totals).
    pub fn table(&self) -> String {
        let mut lines = vec![vec![
            "id".to_string(),
            "pattern".into(),
            "difficulty".into(),
            "access".into(),
            "title".into(),
        ]];
        for r in &self.rows {
            lines.push(vec![
                r.id.clone(),
                r.pattern.name().into(),
                r.difficulty.name().into(),
                r.access.into(),
                r.title.clone(),
            ]);
        }
        let mut out = align(&lines);
        let worlds = self.worlds();
        let header = |first: &str| {
            let mut h = vec![first.to_string()];
            h.extend(worlds.iter().map(|w| w.to_string()));
            h.push("total".into());
            h
        };
        let mut patterns = vec![header("pattern")];
        for p in Pattern::ALL {
            let mut row = vec![p.name().to_string()];
            row.extend(worlds.iter().map(|w| self.count_pattern(Some(w), p).to_string()));
            row.push(self.count_pattern(None, p).to_string());
            patterns.push(row);
        }
        let mut difficulties = vec![header("difficulty")];
        for d in DIFFICULTIES {
            let mut row = vec![d.name().to_string()];
            row.extend(worlds.iter().map(|w| self.count_difficulty(Some(w), d).to_string()));
            row.push(self.count_difficulty(None, d).to_string());
            difficulties.push(row);
        }
        out.push('\n');
        out.push_str(&align(&patterns));
        out.push('\n');
        out.push_str(&align(&difficulties));
        out.push_str(&format!("\n{} task(s) in {} world(s)\n", self.rows.len(), worlds.len()));
        out
    }

    /// `{"tasks": [rows], "counts": {"pattern": {world: {pattern: n}}, "difficulty": {world: {difficulty: n}}}, "total": n}`.
    pub fn json(&self) -> Value {
        let mut by_pattern = Map::new();
        let mut by_difficulty = Map::new();
        for w in self.worlds() {
            let p: Map<String, Value> = Pattern::ALL
                .iter()
                .map(|p| (p.name().to_string(), json!(self.count_pattern(Some(w), *p))))
                .collect();
            let d: Map<String, Value> = DIFFICULTIES
                .iter()
                .map(|d| (d.name().to_string(), json!(self.count_difficulty(Some(w), *d))))
                .collect();
            by_pattern.insert(w.to_string(), Value::Object(p));
            by_difficulty.insert(w.to_string(), Value::Object(d));
        }
        json!({
            "tasks": self.rows,
            "counts": {"pattern": by_pattern, "difficulty": by_difficulty},
            "total": self.rows.len(),
        })
    }

    /// One CSV line per task under a header (`id,world,pattern,difficulty,access,title`).
    pub fn csv(&self) -> String {
        let mut out = String::from("id,world,pattern,difficulty,access,title\n");
        for r in &self.rows {
            let fields = [
                r.id.as_str(),
                &r.world,
                r.pattern.name(),
                r.difficulty.name(),
                r.access,
                &r.title,
            ];
            let cells: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }
}

/// A CSV cell, quoted when it holds a comma, quote or line break.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Left-aligned columns two spaces apart (the last column unpadded).
fn align(lines: &[Vec<String>]) -> String {
    let columns = lines.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            lines
                .iter()
                .filter_map(|l| l.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for l in lines {
        let mut line = String::new();
        for (c, cell) in l.iter().enumerate() {
            if c + 1 == l.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}  ", w = widths[c]));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn columns_align_to_the_widest_cell() {
        let t = align(&[vec!["a".into(), "bb".into()], vec!["ccc".into(), "d".into()]]);
        assert_eq!(t, "a    bb\nccc  d\n");
    }
}
