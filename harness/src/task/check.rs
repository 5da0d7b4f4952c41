//! End-state and answer checks, evaluated on mock state snapshots.
//!
//! A state is `{"collections": {path: {key: item}}, "singletons": {path: value}}`.
//! Collection patterns match concrete paths segment by segment, `*` matching any one
//! segment (`/zones/*/dns_records`). A singleton counts as a collection of one item whose
//! key is its path.

use crate::record::Checks;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What a state check asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    /// Matching items exist at the end (`count` exactly, else `at_least`, default 1).
    Exists,
    /// No matching item exists at the end.
    Absent,
    /// The item existed at the start, still exists, differs, and matches `where` at the end.
    Changed,
    /// Matching items existed at the start and none exists at the end.
    Deleted,
    /// Matching items (or the whole collection) are identical at start and end.
    Unchanged,
}

impl CheckKind {
    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Exists => "exists",
            Self::Absent => "absent",
            Self::Changed => "changed",
            Self::Deleted => "deleted",
            Self::Unchanged => "unchanged",
        }
    }
}

/// One end-state check (`[[check]]` in a task file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// What is asserted.
    pub kind: CheckKind,
    /// Collection path pattern.
    pub collection: String,
    /// Item key, to check one item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Field conditions: dotted field path -> value, or an operator table
    /// (`{ in = [...] }`, `{ gt = n }`, `gte`, `lt`, `lte`, `ne`, `contains`, `exists`).
    #[serde(default, rename = "where", skip_serializing_if = "BTreeMap::is_empty")]
    pub filter: BTreeMap<String, Value>,
    /// `exists`: exactly this many matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// `exists`: at least this many matches (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<usize>,
    /// What the check means, for failure messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

const OPERATORS: [&str; 8] = ["in", "gt", "gte", "lt", "lte", "ne", "contains", "exists"];

impl Check {
    /// Checks the fields make sense together.
    pub fn validate(&self) -> Result<(), String> {
        if !self.collection.starts_with('/') {
            return Err(format!(
                "collection must be a path starting with '/', got {:?}",
                self.collection
            ));
        }
        if (self.count.is_some() || self.at_least.is_some()) && self.kind != CheckKind::Exists {
            return Err(format!(
                "count / at_least only apply to kind = \"exists\", not {:?}",
                self.kind.name()
            ));
        }
        if self.count.is_some() && self.at_least.is_some() {
            return Err("give count or at_least, not both".into());
        }
        if self.kind == CheckKind::Changed && self.id.is_none() {
            return Err("kind = \"changed\" needs the item's id".into());
        }
        if self.kind == CheckKind::Changed && self.filter.is_empty() {
            return Err("kind = \"changed\" needs `where` saying what the item must look like afterwards".into());
        }
        for (field, expected) in &self.filter {
            if field.is_empty() {
                return Err("where: empty field name".into());
            }
            if let Some(ops) = operator_table(expected) {
                for (op, v) in ops {
                    let ok = match op.as_str() {
                        "in" => v.is_array(),
                        "gt" | "gte" | "lt" | "lte" => v.is_number(),
                        "exists" => v.is_boolean(),
                        _ => true,
                    };
                    if !ok {
                        return Err(format!("where.{field}.{op} has the wrong type ({v})"));
                    }
                }
            }
        }
        Ok(())
    }

    fn describe(&self) -> String {
        if let Some(n) = &self.note {
            return n.clone();
        }
        let mut s = format!("{} {}", self.kind.name(), self.collection);
        if let Some(id) = &self.id {
            s.push_str(&format!("[{id}]"));
        }
        if !self.filter.is_empty() {
            s.push_str(&format!(
                " where {}",
                serde_json::to_string(&self.filter).unwrap_or_default()
            ));
        }
        s
    }
}

/// The optional `[answer]` check on the model's final text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerCheck {
    /// Strings that must all appear (case-insensitive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contains: Vec<String>,
    /// Strings that must not appear (case-insensitive): decoys a sloppy answer would include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<String>,
    /// A number the answer must state (any number in the text within `tolerance`; commas ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<f64>,
    /// Allowed absolute difference for `number`.
    #[serde(default)]
    pub tolerance: f64,
}

impl AnswerCheck {
    /// Checks the answer check asks for something.
    pub fn validate(&self) -> Result<(), String> {
        if self.contains.is_empty() && self.number.is_none() {
            return Err("give `contains` or `number`".into());
        }
        if self.tolerance < 0.0 || !self.tolerance.is_finite() {
            return Err("tolerance must be a non-negative number".into());
        }
        if self.contains.iter().chain(&self.excludes).any(|s| s.trim().is_empty()) {
            return Err("contains / excludes entries must not be empty".into());
        }
        Ok(())
    }

    /// Whether `answer` passes, and why not.
    pub fn judge(&self, answer: &str) -> Result<(), String> {
        let lower = answer.to_lowercase();
        let missing: Vec<&String> = self
            .contains
            .iter()
            .filter(|s| !lower.contains(&s.to_lowercase()))
            .collect();
        if !missing.is_empty() {
            return Err(format!("answer lacks {missing:?}"));
        }
        let present: Vec<&String> = self
            .excludes
            .iter()
            .filter(|s| lower.contains(&s.to_lowercase()))
            .collect();
        if !present.is_empty() {
            return Err(format!("answer includes {present:?}, which it must not"));
        }
        if let Some(n) = self.number
            && !numbers(answer).iter().any(|x| (x - n).abs() <= self.tolerance)
        {
            return Err(format!("answer states no number within {} of {n}", self.tolerance));
        }
        Ok(())
    }
}

/// Numbers written in a text (`1,234.5`, `-3`, `42%`).
pub fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let start_digit = chars[i].is_ascii_digit();
        let neg = chars[i] == '-' && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        if !(start_digit || neg) || (i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '.')) {
            i += 1;
            continue;
        }
        let mut s = String::new();
        if neg {
            s.push('-');
            i += 1;
        }
        while i < chars.len() {
            let c = chars[i];
            let next_digit = chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            if c.is_ascii_digit() {
                s.push(c);
            } else if c == ',' && next_digit {
            } else if c == '.' && next_digit && !s.contains('.') {
                s.push('.');
            } else {
                break;
            }
            i += 1;
        }
        if let Ok(x) = s.parse() {
            out.push(x);
        }
    }
    out
}

/// Whether a concrete path matches a pattern (`*` = any one segment).
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let p: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    let c: Vec<&str> = path.trim_matches('/').split('/').collect();
    p.len() == c.len() && p.iter().zip(&c).all(|(a, b)| *a == "*" || a == b)
}

/// Whether two patterns can match a common path.
pub fn patterns_overlap(a: &str, b: &str) -> bool {
    let x: Vec<&str> = a.trim_matches('/').split('/').collect();
    let y: Vec<&str> = b.trim_matches('/').split('/').collect();
    x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| *p == "*" || *q == "*" || p == q)
}

fn operator_table(v: &Value) -> Option<&Map<String, Value>> {
    let m = v.as_object()?;
    (!m.is_empty() && m.keys().all(|k| OPERATORS.contains(&k.as_str()))).then_some(m)
}

fn field<'a>(item: &'a Value, dotted: &str) -> Option<&'a Value> {
    dotted.split('.').try_fold(item, |v, part| match v {
        Value::Object(m) => m.get(part),
        Value::Array(a) => part.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

fn value_matches(actual: Option<&Value>, expected: &Value) -> bool {
    let Some(ops) = operator_table(expected) else {
        return actual.is_some_and(|a| loose_eq(a, expected));
    };
    ops.iter().all(|(op, want)| match op.as_str() {
        "exists" => actual.is_some_and(|a| !a.is_null()) == want.as_bool().unwrap_or(true),
        "in" => actual.is_some_and(|a| want.as_array().is_some_and(|l| l.iter().any(|w| loose_eq(a, w)))),
        "ne" => !actual.is_some_and(|a| loose_eq(a, want)),
        "contains" => actual.is_some_and(|a| match (a, want) {
            (Value::String(s), Value::String(w)) => s.to_lowercase().contains(&w.to_lowercase()),
            (Value::Array(items), w) => items.iter().any(|i| loose_eq(i, w)),
            _ => false,
        }),
        cmp => match (actual.and_then(num), num(want)) {
            (Some(a), Some(w)) => match cmp {
                "gt" => a > w,
                "gte" => a >= w,
                "lt" => a < w,
                _ => a <= w,
            },
            _ => false,
        },
    })
}

/// Equality that treats `1` and `1.0` alike.
fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// All items of collections (and singletons) matching a pattern: (path, key, item).
fn items<'a>(state: &'a Value, pattern: &str) -> Vec<(&'a str, &'a str, &'a Value)> {
    let mut out = Vec::new();
    if let Some(cols) = state.get("collections").and_then(Value::as_object) {
        for (path, items) in cols {
            if path_matches(pattern, path)
                && let Some(items) = items.as_object()
            {
                out.extend(items.iter().map(|(k, v)| (path.as_str(), k.as_str(), v)));
            }
        }
    }
    if let Some(singles) = state.get("singletons").and_then(Value::as_object) {
        for (path, v) in singles {
            if path_matches(pattern, path) {
                out.push((path.as_str(), path.as_str(), v));
            }
        }
    }
    out
}

fn selected<'a>(state: &'a Value, c: &Check) -> Vec<(&'a str, &'a str, &'a Value)> {
    items(state, &c.collection)
        .into_iter()
        .filter(|(_, k, _)| c.id.as_deref().is_none_or(|id| id == *k))
        .filter(|(_, _, item)| c.filter.iter().all(|(f, want)| value_matches(field(item, f), want)))
        .collect()
}

/// Evaluates one state check; `Err` says why it failed.
pub fn evaluate_check(c: &Check, start: &Value, end: &Value) -> Result<(), String> {
    let at_end = selected(end, c);
    let fail = |why: String| Err(format!("{}: {why}", c.describe()));
    match c.kind {
        CheckKind::Exists => {
            let n = at_end.len();
            match (c.count, c.at_least) {
                (Some(want), _) if n != want => fail(format!("{n} match(es), expected exactly {want}")),
                (None, want) if n < want.unwrap_or(1) => {
                    fail(format!("{n} match(es), expected at least {}", want.unwrap_or(1)))
                }
                _ => Ok(()),
            }
        }
        CheckKind::Absent => match at_end.first() {
            Some((path, key, _)) => fail(format!("{} match(es) remain, e.g. {path} [{key}]", at_end.len())),
            None => Ok(()),
        },
        CheckKind::Deleted => {
            let before = selected(start, c);
            if before.is_empty() {
                return fail("nothing matched at the start, so nothing could be deleted".into());
            }
            let keys_before: Vec<(&str, &str)> = before.iter().map(|(p, k, _)| (*p, *k)).collect();
            let still: Vec<&(&str, &str)> = keys_before
                .iter()
                .filter(|(p, k)| items(end, p).iter().any(|(p2, k2, _)| p2 == p && k2 == k))
                .collect();
            match still.first() {
                Some((p, k)) => fail(format!("{} item(s) still exist, e.g. {p} [{k}]", still.len())),
                None => Ok(()),
            }
        }
        CheckKind::Changed => {
            let id = c.id.as_deref().unwrap_or_default();
            let find = |s: &'_ Value| -> Option<Value> {
                items(s, &c.collection)
                    .into_iter()
                    .find(|(_, k, _)| *k == id)
                    .map(|(_, _, v)| v.clone())
            };
            match (find(start), find(end)) {
                (None, _) => fail("the item did not exist at the start".into()),
                (Some(_), None) => fail("the item no longer exists".into()),
                (Some(a), Some(b)) if a == b => fail("the item is unchanged".into()),
                (Some(_), Some(b)) => {
                    let wrong: Vec<&String> = c
                        .filter
                        .iter()
                        .filter(|(f, want)| !value_matches(field(&b, f), want))
                        .map(|(f, _)| f)
                        .collect();
                    if wrong.is_empty() {
                        Ok(())
                    } else {
                        fail(format!("fields {wrong:?} do not have the expected values"))
                    }
                }
            }
        }
        CheckKind::Unchanged => {
            let before = selected(start, c);
            let by_key = |v: &[(&str, &str, &Value)]| -> BTreeMap<(String, String), Value> {
                v.iter()
                    .map(|(p, k, i)| ((p.to_string(), k.to_string()), (*i).clone()))
                    .collect()
            };
            // An item that stopped matching `where` changed too: compare by key over both selections.
            let mut keys: Vec<(String, String)> = by_key(&before).into_keys().collect();
            keys.extend(by_key(&at_end).into_keys());
            keys.sort();
            keys.dedup();
            let lookup = |s: &Value, p: &str, k: &str| -> Option<Value> {
                items(s, p)
                    .into_iter()
                    .find(|(p2, k2, _)| *p2 == p && *k2 == k)
                    .map(|(_, _, v)| v.clone())
            };
            for (p, k) in keys {
                if lookup(start, &p, &k) != lookup(end, &p, &k) {
                    return fail(format!("{p} [{k}] changed"));
                }
            }
            Ok(())
        }
    }
}

/// Writes between `start` and `end` outside the `allowed` patterns, as readable lines.
pub fn collateral(start: &Value, end: &Value, allowed: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let empty = Map::new();
    for section in ["collections", "singletons"] {
        let a = start.get(section).and_then(Value::as_object).unwrap_or(&empty);
        let b = end.get(section).and_then(Value::as_object).unwrap_or(&empty);
        let mut paths: Vec<&String> = a.keys().chain(b.keys()).collect();
        paths.sort();
        paths.dedup();
        for path in paths {
            if allowed.iter().any(|p| path_matches(p, path)) {
                continue;
            }
            let (x, y) = (a.get(path), b.get(path));
            if section == "singletons" {
                if x != y {
                    out.push(format!("changed {path}"));
                }
                continue;
            }
            let xm = x.and_then(Value::as_object).unwrap_or(&empty);
            let ym = y.and_then(Value::as_object).unwrap_or(&empty);
            let mut keys: Vec<&String> = xm.keys().chain(ym.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                match (xm.get(k), ym.get(k)) {
                    (None, Some(_)) => out.push(format!("created {path} [{k}]")),
                    (Some(_), None) => out.push(format!("deleted {path} [{k}]")),
                    (Some(p), Some(q)) if p != q => out.push(format!("changed {path} [{k}]")),
                    _ => {}
                }
            }
        }
    }
    out
}

/// Evaluates a task's checks on the start and end states and the final answer.
pub fn evaluate(task: &super::Task, start: &Value, end: &Value, answer: &str) -> Checks {
    let mut checks = Checks::default();
    for c in &task.checks {
        match evaluate_check(c, start, end) {
            Ok(()) => checks.state_passed += 1,
            Err(why) => checks.state_failed.push(why),
        }
    }
    if let Some(a) = &task.answer {
        let verdict = a.judge(answer);
        checks.answer_passed = Some(verdict.is_ok());
        checks.answer_error = verdict.err();
    }
    checks.collateral = collateral(start, end, &task.allowed_writes);
    checks
}

/// Whether checks add up to success.
pub fn passed(checks: &Checks) -> bool {
    checks.state_failed.is_empty() && checks.answer_passed != Some(false) && checks.collateral.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn state() -> Value {
        json!({"collections": {
            "/zones/z1/rules": {"r1": {"id": "r1", "mode": "block", "ip": "1.2.3.4", "hits": 5}},
            "/zones/z2/rules": {"r2": {"id": "r2", "mode": "allow", "ip": "5.6.7.8", "hits": 50, "meta": {"by": "ann"}}},
            "/users": {"u1": {"id": "u1", "name": "Ann"}}
        }, "singletons": {"/settings": {"ssl": "full"}}})
    }

    fn check(toml_text: &str) -> Check {
        let c: Check = toml::from_str(toml_text).unwrap();
        c.validate().unwrap();
        c
    }

    #[test]
    fn exists_absent_with_operators() {
        let s = state();
        let c = check(
            "kind = \"exists\"\ncollection = \"/zones/*/rules\"\nwhere = { hits = { gte = 5 }, \"meta.by\" = \"ann\" }",
        );
        assert!(evaluate_check(&c, &s, &s).is_ok());
        let c = check(
            "kind = \"exists\"\ncollection = \"/zones/*/rules\"\ncount = 1\nwhere = { ip = { in = [\"1.2.3.4\", \"9.9.9.9\"] } }",
        );
        assert!(evaluate_check(&c, &s, &s).is_ok());
        let c = check("kind = \"absent\"\ncollection = \"/zones/*/rules\"\nwhere = { mode = \"block\" }");
        let e = evaluate_check(&c, &s, &s).unwrap_err();
        assert!(e.ends_with("1 match(es) remain, e.g. /zones/z1/rules [r1]"), "{e}");
        let c = check("kind = \"exists\"\ncollection = \"/settings\"\nwhere = { ssl = \"strict\" }");
        assert!(
            evaluate_check(&c, &s, &s)
                .unwrap_err()
                .contains("0 match(es), expected at least 1")
        );
    }

    #[test]
    fn changed_deleted_unchanged_and_collateral() {
        let start = state();
        let mut end = state();
        end["collections"]["/zones/z2/rules"]["r2"]["mode"] = json!("block");
        end["collections"]["/zones/z1/rules"]
            .as_object_mut()
            .unwrap()
            .remove("r1");
        end["collections"]["/users"]["u2"] = json!({"id": "u2"});
        let changed =
            check("kind = \"changed\"\ncollection = \"/zones/*/rules\"\nid = \"r2\"\nwhere = { mode = \"block\" }");
        assert!(evaluate_check(&changed, &start, &end).is_ok());
        assert!(
            evaluate_check(&changed, &start, &start)
                .unwrap_err()
                .ends_with("the item is unchanged")
        );
        let deleted = check("kind = \"deleted\"\ncollection = \"/zones/z1/rules\"\nid = \"r1\"");
        assert!(evaluate_check(&deleted, &start, &end).is_ok());
        assert!(
            evaluate_check(&deleted, &start, &start)
                .unwrap_err()
                .contains("still exist")
        );
        let untouched = check("kind = \"unchanged\"\ncollection = \"/users\"");
        assert!(
            evaluate_check(&untouched, &start, &end)
                .unwrap_err()
                .contains("/users [u2] changed")
        );
        assert_eq!(
            collateral(&start, &end, &["/zones/*/rules".to_string()]),
            vec!["created /users [u2]".to_string()]
        );
        assert!(collateral(&start, &start, &[]).is_empty());
    }

    #[test]
    fn validation_names_the_problem() {
        let c: Check = toml::from_str("kind = \"changed\"\ncollection = \"/a\"").unwrap();
        assert_eq!(c.validate().unwrap_err(), "kind = \"changed\" needs the item's id");
        let c: Check = toml::from_str("kind = \"absent\"\ncollection = \"/a\"\ncount = 2").unwrap();
        assert!(c.validate().unwrap_err().contains("only apply to kind = \"exists\""));
        let c: Check =
            toml::from_str("kind = \"exists\"\ncollection = \"/a\"\nwhere = { n = { gt = \"x\" } }").unwrap();
        assert_eq!(c.validate().unwrap_err(), "where.n.gt has the wrong type (\"x\")");
        assert!(toml::from_str::<Check>("kind = \"exist\"\ncollection = \"/a\"").is_err());
    }

    #[test]
    fn answers_and_numbers() {
        assert_eq!(
            numbers("blocked 1,204 IPs (12.5%) and -3 more; v2"),
            vec![1204.0, 12.5, -3.0]
        );
        let a = AnswerCheck {
            contains: vec!["1.2.3.4".into()],
            excludes: vec!["5.6.7.8".into()],
            number: Some(2.0),
            tolerance: 0.0,
        };
        assert!(a.judge("Blocked 2 IPs: 1.2.3.4 and 9.9.9.9").is_ok());
        assert!(
            a.judge("Blocked 2 IPs: 1.2.3.4 and 5.6.7.8")
                .unwrap_err()
                .contains("must not")
        );
        assert!(
            a.judge("Blocked 3 IPs: 1.2.3.4")
                .unwrap_err()
                .contains("no number within 0 of 2")
        );
        assert!(a.judge("none").unwrap_err().contains("lacks"));
    }

    #[test]
    fn patterns() {
        assert!(path_matches("/zones/*/rules", "/zones/z1/rules"));
        assert!(!path_matches("/zones/*/rules", "/zones/z1/rules/r1"));
        assert!(patterns_overlap("/zones/*/rules", "/zones/z9/rules"));
        assert!(!patterns_overlap("/zones/*/rules", "/users"));
    }
}
