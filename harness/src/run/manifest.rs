//! The run manifest: everything needed to know what a run measured and to repeat it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// What a run was: harness, inputs (by hash), model, settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Record schema the run writes.
    pub record_schema: u32,
    /// Harness version.
    pub harness_version: String,
    /// Git commit of the working tree the harness ran in (`unknown` outside git).
    pub git_commit: String,
    /// SHA-256 over the task files (TOML and JS), in id order.
    pub task_set_hash: String,
    /// Number of tasks selected.
    pub tasks: usize,
    /// SHA-256 of each world's spec file.
    pub spec_hashes: BTreeMap<String, String>,
    /// SHA-256 of each pipeline's system prompt template.
    pub prompt_hashes: BTreeMap<String, String>,
    /// Pipelines run.
    pub pipelines: Vec<String>,
    /// Model name.
    pub model: String,
    /// Model settings (base URL, sampling options), as given.
    pub model_config: serde_json::Value,
    /// Model profile name, when one is used.
    pub profile: Option<String>,
    /// Trials per task and pipeline.
    pub trials: u32,
    /// World and fault seed.
    pub seed: u64,
    /// Faults applied to every episode (`--faults` syntax), if any.
    pub faults: Option<String>,
    /// Task filter, if any.
    pub filter: Option<String>,
    /// Shard `i/n` this run covers, if sharded.
    pub shard: Option<String>,
    /// Turn cap for tasks that set none (absent in manifests written before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_turns: Option<u32>,
}

/// SHA-256 (hex) of a file's bytes; the error names the file.
pub fn file_hash(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    Ok(hex::encode(Sha256::digest(&bytes)))
}

/// The commit of the git checkout in the current directory, or `unknown`.
pub fn git_commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

impl Manifest {
    /// Whether two manifests describe parts of the same run (for resume and merge):
    /// everything but the shard and filter must agree.
    pub fn compatible(&self, other: &Manifest) -> Result<(), String> {
        // (field, what it comes from, same?): the error names the option to change.
        let fields = [
            (
                "task_set_hash",
                "the task files",
                self.task_set_hash == other.task_set_hash,
            ),
            (
                "spec_hashes",
                "the worlds' spec files",
                self.spec_hashes == other.spec_hashes,
            ),
            ("pipelines", "--pipelines", self.pipelines == other.pipelines),
            (
                "prompt_hashes",
                "the pipelines' system prompts (harness/prompts/)",
                self.prompt_hashes == other.prompt_hashes,
            ),
            ("model", "--model", self.model == other.model),
            (
                "model_config",
                "--temperature, --max-tokens, --no-parallel-tool-calls or the profile's output cap",
                self.model_config == other.model_config,
            ),
            ("profile", "--profile", self.profile == other.profile),
            ("trials", "--trials", self.trials == other.trials),
            ("seed", "--seed", self.seed == other.seed),
            ("faults", "--faults", self.faults == other.faults),
            ("max_turns", "--max-turns", self.max_turns == other.max_turns),
            (
                "record_schema",
                "the harness version",
                self.record_schema == other.record_schema,
            ),
        ];
        match fields.iter().find(|(_, _, same)| !same) {
            Some((field, from, _)) => Err(format!("manifests differ in `{field}` (set by {from})")),
            None => Ok(()),
        }
    }
}
