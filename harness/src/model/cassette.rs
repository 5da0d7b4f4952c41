//! Recording model calls and replaying them: `--record` writes a cassette, `replay:<file>` reads it.
//!
//! A cassette is a JSON-lines file, one entry per call: the canonical request (tools
//! replaced by their SHA-256, so files stay small), the provider's raw response and the
//! call's latency. Entries are keyed by the SHA-256 of the canonical request plus the trial
//! index. A replayed request that is not in the cassette is an error naming the first field
//! that differs from the closest recorded request.

use super::openai::parse_completion;
use super::{Model, ModelError, ModelFuture, ModelReply, ModelRequest};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// One recorded call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// SHA-256 of the canonical request and trial.
    pub key: String,
    /// Trial index.
    pub trial: u32,
    /// The model name records carry (`openai:...`).
    pub model: String,
    /// The canonical request.
    pub request: Value,
    /// The provider's raw response (`null` when the call failed).
    pub response: Value,
    /// The call's failure, when it produced no response (context overflow, a provider
    /// error after retries): replaying the request fails the same way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<RecordedError>,
    /// Wall time of the call, retries included, in milliseconds.
    pub latency_ms: f64,
    /// Infrastructure retries the call needed.
    #[serde(default)]
    pub retries: u32,
}

/// A recorded model-call failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedError {
    /// `context_overflow`, `malformed` or `infrastructure`.
    pub kind: String,
    /// The error's message.
    pub message: String,
    /// Attempts made (infrastructure errors).
    #[serde(default)]
    pub attempts: u32,
}

impl RecordedError {
    /// The recordable form of a provider failure; `None` for errors a replay must not
    /// reproduce (configuration, cassette misses).
    pub fn from_error(e: &ModelError) -> Option<Self> {
        let (kind, message, attempts) = match e {
            ModelError::ContextOverflow(m) => ("context_overflow", m.clone(), 1),
            ModelError::Malformed(m) => ("malformed", m.clone(), 1),
            ModelError::Infrastructure { message, attempts } => ("infrastructure", message.clone(), *attempts),
            ModelError::CassetteMiss(_) | ModelError::Config(_) => return None,
        };
        Some(Self {
            kind: kind.into(),
            message,
            attempts,
        })
    }

    /// The error a replay returns.
    pub fn to_error(&self) -> ModelError {
        match self.kind.as_str() {
            "context_overflow" => ModelError::ContextOverflow(self.message.clone()),
            "malformed" => ModelError::Malformed(self.message.clone()),
            _ => ModelError::Infrastructure {
                message: self.message.clone(),
                attempts: self.attempts.max(1),
            },
        }
    }
}

/// Sorts object keys recursively so equal requests serialise identically.
pub fn canonical(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut out = Map::with_capacity(m.len());
            for k in keys {
                out.insert(k.clone(), canonical(&m[k]));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

/// The canonical form of a request: its wire body with `tools` replaced by their hash.
pub fn canonical_request(request: &ModelRequest<'_>, model: &str) -> Value {
    let mut wire = request.to_wire(model);
    if let Some(obj) = wire.as_object_mut()
        && obj.contains_key("tools")
    {
        let digest = hex::encode(Sha256::digest(request.tools_json.as_bytes()));
        obj.insert(
            "tools".into(),
            json!({"sha256": digest, "bytes": request.tools_json.len()}),
        );
    }
    canonical(&wire)
}

/// The cassette key of a canonical request at a trial.
pub fn key(canonical_request: &Value, trial: u32) -> String {
    let mut h = Sha256::new();
    h.update(canonical_request.to_string().as_bytes());
    h.update(format!("\n{trial}").as_bytes());
    hex::encode(h.finalize())
}

/// Appends entries to a cassette file, flushing each so a killed run keeps what it recorded.
#[derive(Debug)]
pub struct Recorder {
    path: PathBuf,
    file: Mutex<std::fs::File>,
}

impl Recorder {
    /// Opens (creating or appending to) a cassette file.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, ModelError> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| ModelError::Config(format!("{}: cannot create directory: {e}", dir.display())))?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| ModelError::Config(format!("{}: cannot open cassette: {e}", path.display())))?;
        Ok(Self {
            path,
            file: Mutex::new(file),
        })
    }

    /// Appends one entry.
    pub fn record(&self, entry: &Entry) -> Result<(), ModelError> {
        let mut line = serde_json::to_string(entry).map_err(|e| ModelError::Config(e.to_string()))?;
        line.push('\n');
        let mut f = self.file.lock().unwrap_or_else(|e| e.into_inner());
        f.write_all(line.as_bytes())
            .and_then(|_| f.flush())
            .map_err(|e| ModelError::Config(format!("{}: cannot write cassette: {e}", self.path.display())))
    }
}

/// Answers from a cassette instead of a provider.
#[derive(Debug)]
pub struct ReplayModel {
    path: PathBuf,
    model: String,
    entries: HashMap<String, Entry>,
}

impl ReplayModel {
    /// Loads a cassette; errors name the file and line.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, ModelError> {
        let path = path.as_ref().to_path_buf();
        let file = std::fs::File::open(&path)
            .map_err(|e| ModelError::Config(format!("{}: cannot read cassette: {e}", path.display())))?;
        let mut entries = HashMap::new();
        let mut model = None::<String>;
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| ModelError::Config(format!("{}:{}: {e}", path.display(), i + 1)))?;
            if line.trim().is_empty() {
                continue;
            }
            let entry: Entry = serde_json::from_str(&line)
                .map_err(|e| ModelError::Config(format!("{}:{}: not a cassette entry: {e}", path.display(), i + 1)))?;
            if let Some(err) = &entry.error
                && !["context_overflow", "malformed", "infrastructure"].contains(&err.kind.as_str())
            {
                return Err(ModelError::Config(format!(
                    "{}:{}: error.kind {:?} is not one of context_overflow, malformed, infrastructure",
                    path.display(),
                    i + 1,
                    err.kind
                )));
            }
            if let Some(m) = &model
                && m != &entry.model
            {
                return Err(ModelError::Config(format!(
                    "{}:{}: entry for model {:?} in a cassette of {:?}",
                    path.display(),
                    i + 1,
                    entry.model,
                    m
                )));
            }
            model.get_or_insert_with(|| entry.model.clone());
            entries.insert(entry.key.clone(), entry);
        }
        let model = model.ok_or_else(|| ModelError::Config(format!("{}: cassette is empty", path.display())))?;
        Ok(Self { path, model, entries })
    }

    /// Number of recorded calls.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the cassette holds no calls.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Checks that the cassette holds `request` without answering it (a run checks the
    /// first request of every episode this way before it starts).
    pub fn check(&self, request: &ModelRequest<'_>) -> Result<(), ModelError> {
        let canonical = canonical_request(request, self.model_id());
        if self.entries.contains_key(&key(&canonical, request.trial)) {
            Ok(())
        } else {
            Err(self.miss(&canonical, request.trial))
        }
    }

    fn model_id(&self) -> &str {
        self.model.split_once(':').map(|(_, m)| m).unwrap_or(&self.model)
    }

    fn miss(&self, canonical: &Value, trial: u32) -> ModelError {
        let same_trial: Vec<&Entry> = self.entries.values().filter(|e| e.trial == trial).collect();
        let pool = if same_trial.is_empty() {
            self.entries.values().collect()
        } else {
            same_trial
        };
        let best = pool
            .into_iter()
            .map(|e| (first_difference(&e.request, canonical, &mut String::new()), e))
            .max_by(|a, b| a.0.0.cmp(&b.0.0).then_with(|| b.1.key.cmp(&a.1.key)));
        match best {
            Some(((_, Some((pointer, recorded, now))), e)) => ModelError::CassetteMiss(format!(
                "{}: no recorded call for this request at trial {trial}; closest recorded (trial {}) differs first at {pointer}: recorded {recorded}, now {now}",
                self.path.display(),
                e.trial
            )),
            _ => ModelError::CassetteMiss(format!(
                "{}: no recorded call for this request at trial {trial} (an identical request was recorded at another trial)",
                self.path.display()
            )),
        }
    }
}

fn short(v: Option<&Value>) -> String {
    match v {
        None => "(absent)".into(),
        Some(v) => {
            let s = v.to_string();
            if s.chars().count() > 80 {
                format!("{}...", s.chars().take(77).collect::<String>())
            } else {
                s
            }
        }
    }
}

/// Depth-first comparison: (number of equal leaves before the first difference, the difference).
fn first_difference(a: &Value, b: &Value, at: &mut String) -> (usize, Option<(String, String, String)>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            let mut same = 0;
            for k in keys {
                let len = at.len();
                at.push('/');
                at.push_str(&crate::spec::escape_pointer_token(k));
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => {
                        let (n, d) = first_difference(p, q, at);
                        same += n;
                        if d.is_some() {
                            return (same, d);
                        }
                    }
                    (p, q) => return (same, Some((at.clone(), short(p), short(q)))),
                }
                at.truncate(len);
            }
            (same, None)
        }
        (Value::Array(x), Value::Array(y)) => {
            let mut same = 0;
            for i in 0..x.len().max(y.len()) {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                match (x.get(i), y.get(i)) {
                    (Some(p), Some(q)) => {
                        let (n, d) = first_difference(p, q, at);
                        same += n;
                        if d.is_some() {
                            return (same, d);
                        }
                    }
                    (p, q) => return (same, Some((at.clone(), short(p), short(q)))),
                }
                at.truncate(len);
            }
            (same, None)
        }
        (p, q) if p == q => (1, None),
        (p, q) => (
            0,
            Some((
                if at.is_empty() { "/".into() } else { at.clone() },
                short(Some(p)),
                short(Some(q)),
            )),
        ),
    }
}

impl Model for ReplayModel {
    fn name(&self) -> String {
        self.model.clone()
    }

    fn complete<'a>(&'a self, request: &'a ModelRequest<'a>) -> ModelFuture<'a> {
        Box::pin(async move {
            let canonical = canonical_request(request, self.model_id());
            let k = key(&canonical, request.trial);
            let Some(entry) = self.entries.get(&k) else {
                return Err(self.miss(&canonical, request.trial));
            };
            if let Some(err) = &entry.error {
                return Err(err.to_error());
            }
            let (message, usage, finish_reason) = parse_completion(&entry.response)?;
            Ok(ModelReply {
                message,
                usage,
                finish_reason,
                latency: Duration::from_secs_f64(entry.latency_ms / 1e3),
                retries: entry.retries,
                raw: entry.response.clone(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChatMessage, SamplingParams};

    fn entry_for(messages: &[ChatMessage], trial: u32, answer: &str) -> Entry {
        let params = SamplingParams::default();
        let req = ModelRequest {
            messages,
            tools_json: "[]",
            params: &params,
            trial,
        };
        let c = canonical_request(&req, "m");
        Entry {
            key: key(&c, trial),
            trial,
            model: "openai:m".into(),
            request: c,
            response: json!({"choices": [{"message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}],
                             "usage": {"prompt_tokens": 10, "completion_tokens": 2}}),
            latency_ms: 12.5,
            retries: 1,
            error: None,
        }
    }

    #[tokio::test]
    async fn records_then_replays_and_explains_misses() {
        let dir = std::env::temp_dir().join(format!("cmbench-cassette-{}", std::process::id()));
        let path = dir.join("c.jsonl");
        let _ = std::fs::remove_file(&path);
        let msgs = vec![ChatMessage::system("s"), ChatMessage::user("list my zones")];
        let rec = Recorder::open(&path).unwrap();
        rec.record(&entry_for(&msgs, 0, "zero")).unwrap();
        rec.record(&entry_for(&msgs, 1, "one")).unwrap();
        let replay = ReplayModel::load(&path).unwrap();
        assert_eq!((replay.len(), replay.name()), (2, "openai:m".to_string()));
        let params = SamplingParams::default();
        let req = ModelRequest {
            messages: &msgs,
            tools_json: "[]",
            params: &params,
            trial: 1,
        };
        let reply = replay.complete(&req).await.unwrap();
        assert_eq!(reply.message.content, "one");
        assert_eq!(reply.latency, Duration::from_micros(12_500));
        assert_eq!((reply.retries, reply.usage.unwrap().prompt_tokens), (1, 10));
        let other = vec![ChatMessage::system("s"), ChatMessage::user("list my records")];
        let req = ModelRequest {
            messages: &other,
            ..req
        };
        let err = replay.complete(&req).await.unwrap_err().to_string();
        assert!(
            err.contains("differs first at /messages/1/content: recorded \"list my zones\", now \"list my records\""),
            "{err}"
        );
        std::fs::write(&path, "{not json\n").unwrap();
        let err = ReplayModel::load(&path).unwrap_err().to_string();
        assert!(err.contains("c.jsonl:1: not a cassette entry"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
