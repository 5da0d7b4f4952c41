//! The analysis behind `cmbench report`: an episode table and a turn table (polars
//! DataFrames, one row per episode / per turn), grouped figures per pipeline x model and per
//! task, pattern and world (success with a Wilson interval, pass@k / pass^k, token, latency
//! and cost distributions), failure-class and termination breakdowns, and paired comparisons
//! of each pipeline against a reference pipeline (`compare.rs`).
//!
//! Cost comes from a model profile's prices. "With prefix caching" bills the cached tokens
//! the provider reported; when a turn has no provider usage (the oracle, replays without
//! usage) the cacheable prefix is estimated as the previous turn's whole input (an
//! append-only conversation resends it unchanged) when it reaches [`MIN_CACHED_PREFIX`].
//!
//! The tables live in `tables.rs`, the grouped figures in `figures.rs`.

mod figures;
mod tables;

pub use figures::*;
pub use tables::*;

use super::compare::{self, Comparison};
use crate::model::profile::Prices;
use crate::record::Record;
use std::collections::BTreeSet;

/// Everything a report shows.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// One row per episode.
    pub episodes: Vec<EpisodeRow>,
    /// Per pipeline and model.
    pub overall: Vec<Group>,
    /// Per pipeline, model and task.
    pub by_task: Vec<Group>,
    /// Per pipeline, model and pattern.
    pub by_pattern: Vec<Group>,
    /// Per pipeline, model and world.
    pub by_world: Vec<Group>,
    /// Failed episodes by failure class (`unclassified` when the record names none).
    pub failure_classes: Breakdown,
    /// Episodes by termination reason.
    pub terminations: Breakdown,
    /// Each pipeline against the reference pipeline, per model, paired by task and trial.
    pub comparisons: Vec<Comparison>,
}

/// The pipeline others are compared against: `json-tools` when present, else the first by name.
pub fn reference_pipeline(records: &[Record]) -> Option<String> {
    let names: BTreeSet<&str> = records.iter().map(|r| r.pipeline.as_str()).collect();
    if names.contains("json-tools") {
        Some("json-tools".into())
    } else {
        names.first().map(|s| s.to_string())
    }
}

/// Analyses a run's records with the given prices.
pub fn analyse(records: &[Record], prices: &Prices) -> Analysis {
    let episodes = episode_rows(records, prices);
    let mut comparisons = Vec::new();
    if let Some(reference) = reference_pipeline(records) {
        let models: BTreeSet<&str> = records.iter().map(|r| r.model.as_str()).collect();
        let pipelines: BTreeSet<&str> = records.iter().map(|r| r.pipeline.as_str()).collect();
        for model in &models {
            let of = |p: &str| -> Vec<&Record> {
                records
                    .iter()
                    .filter(|r| r.model == *model && r.pipeline == p)
                    .collect()
            };
            let a = of(&reference);
            if a.is_empty() {
                continue;
            }
            for p in pipelines.iter().filter(|p| **p != reference) {
                let b = of(p);
                if b.is_empty() {
                    continue;
                }
                let label = |p: &str| {
                    if models.len() > 1 {
                        format!("{p} ({model})")
                    } else {
                        p.to_string()
                    }
                };
                comparisons.push(compare::compare(&label(&reference), &a, &label(p), &b));
            }
        }
    }
    Analysis {
        overall: groups(&episodes, "all", |r| &r.pipeline),
        by_task: groups(&episodes, "task", |r| &r.task),
        by_pattern: groups(&episodes, "pattern", |r| &r.pattern),
        by_world: groups(&episodes, "world", |r| &r.world),
        failure_classes: breakdown(&episodes, |r| {
            (!r.success).then(|| r.failure_class.clone().unwrap_or_else(|| "unclassified".into()))
        }),
        terminations: breakdown(&episodes, |r| Some(r.termination.clone())),
        comparisons,
        episodes,
    }
}

impl Analysis {
    /// Every group, overall first, then per pattern, world and task.
    pub fn all_groups(&self) -> Vec<&Group> {
        self.overall
            .iter()
            .chain(&self.by_pattern)
            .chain(&self.by_world)
            .chain(&self.by_task)
            .collect()
    }
}

/// Records built by hand for tests of the report module.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::record::{
        ApiTraffic, CallStatus, Checks, FailureClass, LatencySplit, Record, SCHEMA_VERSION, Termination, Turn,
    };
    use crate::tokens::InputBreakdown;

    /// One turn with `input` tokens (split 100 system, rest tool definitions) and 10 output tokens.
    pub fn turn(index: u32, input: usize) -> Turn {
        Turn {
            virtual_ms: 0,
            status: CallStatus::Ok,
            sent: true,
            finish_reason: None,
            error: None,
            index,
            input: InputBreakdown {
                system: 100,
                tool_definitions: input - 100,
                history: 0,
                tool_results: 0,
            },
            output_tokens: 10,
            cached_tokens: 0,
            provider_usage: None,
            prompt_token_delta: None,
            assistant: String::new(),
            tool_calls: Vec::new(),
            latency_ms: LatencySplit {
                model: 100.0,
                sandbox: 0.0,
                api: 0.0,
                harness: 1.0,
            },
            api: ApiTraffic::default(),
            retries: 0,
        }
    }

    /// An episode of `task` through `pipeline` with the given turns' input sizes.
    pub fn record(task: &str, pipeline: &str, trial: u32, success: bool, inputs: &[usize]) -> Record {
        Record {
            virtual_ms: 0,
            schema: SCHEMA_VERSION,
            run_id: "t".into(),
            task: task.into(),
            world: task.split('/').next().unwrap_or("w").into(),
            pattern: "single-lookup".into(),
            difficulty: "easy".into(),
            pipeline: pipeline.into(),
            model: "m".into(),
            trial,
            seed: 1,
            success,
            checks: Checks::default(),
            termination: if success {
                Termination::Answered
            } else {
                Termination::MaxTurns
            },
            failure_class: (!success).then_some(FailureClass::WrongEndpoint),
            answer: String::new(),
            turns: inputs.iter().enumerate().map(|(i, n)| turn(i as u32, *n)).collect(),
            latency_ms: LatencySplit {
                model: 100.0 * inputs.len() as f64,
                sandbox: 0.0,
                api: 0.0,
                harness: inputs.len() as f64,
            },
            api: ApiTraffic {
                calls: inputs.len() as u64,
                ..ApiTraffic::default()
            },
            prompt_hash: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::record;
    use super::*;

    const PRICES: Prices = Prices {
        input: 2.0,
        cached_input: 1.0,
        output: 10.0,
    };

    fn sample() -> Vec<Record> {
        vec![
            // json-tools on w/a: 3 trials, 2 successes; one turn of 2,000 tokens each.
            record("w/a", "json-tools", 0, true, &[2000]),
            record("w/a", "json-tools", 1, false, &[2000]),
            record("w/a", "json-tools", 2, true, &[2000]),
            // code-mode on w/a: 3 trials, all pass; two turns of 500 and 1,500 tokens.
            record("w/a", "code-mode", 0, true, &[500, 1500]),
            record("w/a", "code-mode", 1, true, &[500, 1500]),
            record("w/a", "code-mode", 2, true, &[500, 1500]),
        ]
    }

    #[test]
    fn costs_with_and_without_estimated_prefix_caching() {
        let rows = episode_rows(&[record("w/a", "p", 0, true, &[1200, 1500, 800])], &PRICES);
        let r = &rows[0];
        // Uncached: (1200 + 1500 + 800) * 2 + 3 * 10 * 10 = 7,300 per million.
        assert!((r.cost_usd - 7300.0 / 1e6).abs() < 1e-12, "{}", r.cost_usd);
        // Cached: turn 1 reuses 1,200 (>= 1,024) of its 1,500; turn 2 would reuse 1,500 but
        // sends only 800, so 800 cached. 7,300 - 1,200 - 800 = 5,300.
        assert!(
            (r.cost_usd_cached - 5300.0 / 1e6).abs() < 1e-12,
            "{}",
            r.cost_usd_cached
        );
        assert_eq!((r.input_tokens, r.input_system, r.round_trips), (3500, 300, 3));
    }

    #[test]
    fn reported_cached_tokens_win_over_the_estimate() {
        let mut rec = record("w/a", "p", 0, true, &[2000, 2000]);
        rec.turns[1].cached_tokens = 0;
        rec.turns[1].provider_usage = Some(crate::model::ProviderUsage {
            prompt_tokens: 2000,
            completion_tokens: 10,
            cached_tokens: Some(0),
            reasoning_tokens: None,
        });
        let r = &episode_rows(&[rec], &PRICES)[0];
        assert_eq!(r.cost_usd, r.cost_usd_cached);
    }

    #[test]
    fn grouped_figures_match_hand_computed_values() {
        let a = analyse(&sample(), &PRICES);
        assert_eq!(a.overall.len(), 2);
        let json = a.overall.iter().find(|g| g.pipeline == "json-tools").unwrap();
        assert_eq!((json.episodes, json.successes, json.k), (3, 2, 3));
        // pass@3 with 2 of 3: 1 - C(1,3)/C(3,3) = 1; pass^3 = C(2,3)/C(3,3) = 0.
        assert_eq!((json.pass_at_k, json.pass_hat_k), (1.0, 0.0));
        let (lo, hi) = json.success_ci;
        // Wilson 2/3: [0.2077, 0.9385].
        assert!((lo - 0.2077).abs() < 1e-3 && (hi - 0.9385).abs() < 1e-3, "{lo} {hi}");
        let code = a.overall.iter().find(|g| g.pipeline == "code-mode").unwrap();
        assert_eq!(code.input_tokens.mean, 2000.0);
        assert_eq!(code.round_trips, 2.0);
        assert_eq!(code.input_split, [200.0, 1800.0, 0.0, 0.0]);
        assert_eq!((code.latency_p50, code.api_calls), (202.0, 2.0));
        assert_eq!((code.pass_at_k, code.pass_hat_k), (1.0, 1.0));
        // One failure, classified; terminations of every episode.
        let (_, _, fc) = a.failure_classes.iter().find(|(p, _, _)| p == "json-tools").unwrap();
        assert_eq!(fc.get("wrong_endpoint"), Some(&1));
        let (_, _, t) = a.terminations.iter().find(|(p, _, _)| p == "json-tools").unwrap();
        assert_eq!((t.get("answered"), t.get("max_turns")), (Some(&2), Some(&1)));
        // code-mode compared against json-tools, paired by trial.
        assert_eq!(a.comparisons.len(), 1);
        let c = &a.comparisons[0];
        assert_eq!(
            (c.label_a.as_str(), c.label_b.as_str(), c.pairs),
            ("json-tools", "code-mode", 3)
        );
        assert_eq!((c.only_a, c.only_b), (0, 1));
        assert_eq!(a.by_task.len(), 2);
    }

    #[test]
    fn pass_k_uses_the_fewest_trials_of_any_task() {
        let mut rs = sample();
        rs.push(record("w/b", "json-tools", 0, true, &[100]));
        let a = analyse(&rs, &PRICES);
        let json = a.overall.iter().find(|g| g.pipeline == "json-tools").unwrap();
        // k = 1: pass@1 = pass^1 = the per-task success rate, averaged: (2/3 + 1) / 2.
        assert_eq!(json.k, 1);
        assert!((json.pass_at_k - 5.0 / 6.0).abs() < 1e-12);
        assert!((json.pass_hat_k - 5.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn frames_have_one_row_per_episode_and_turn() {
        let rs = sample();
        let rows = episode_rows(&rs, &PRICES);
        let e = episode_frame(&rows).unwrap();
        assert_eq!(e.height(), 6);
        assert_eq!(e.column("failure_class").unwrap().null_count(), 5);
        let t = turn_frame(&rs, &PRICES).unwrap();
        assert_eq!(t.height(), 9);
        let a = analyse(&rs, &PRICES);
        let g = group_frame(&a.all_groups()).unwrap();
        assert_eq!(g.height(), a.all_groups().len());
    }
}
