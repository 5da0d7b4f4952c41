//! Writing and reading `records.jsonl`.

use super::{Record, SCHEMA_VERSION};
use serde_json::Value;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Appends records to a JSON-lines file, flushing each so a killed run loses nothing.
#[derive(Debug)]
pub struct RecordWriter {
    path: PathBuf,
    file: Mutex<std::fs::File>,
}

impl RecordWriter {
    /// Opens `path` for appending (creating it and its directory).
    pub fn append(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let file = std::fs::OpenOptions::new().create(true).append(true).open(&path)?;
        Ok(Self {
            path,
            file: Mutex::new(file),
        })
    }

    /// Appends one record as one line and flushes it.
    pub fn write(&self, record: &Record) -> std::io::Result<()> {
        let mut line = serde_json::to_string(record).map_err(std::io::Error::other)?;
        line.push('\n');
        let mut f = self.file.lock().unwrap_or_else(|e| e.into_inner());
        f.write_all(line.as_bytes())?;
        f.flush()
    }

    /// The file written to.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The records file of a run directory: `records.jsonl`, or `records.jsonl.gz` when only the
/// compressed one is there (the name of the plain one otherwise, for error messages).
pub fn records_file(dir: &Path) -> std::path::PathBuf {
    let plain = dir.join("records.jsonl");
    let gz = dir.join("records.jsonl.gz");
    if !plain.is_file() && gz.is_file() { gz } else { plain }
}

/// Reads every record of a `records.jsonl`. Errors name the file and line; a record of a
/// newer schema version is refused with a message saying which harness can read it. A
/// truncated last line (a run killed mid-write) is reported, not silently dropped, and so is
/// an episode recorded twice.
/// A `.jsonl.gz` file (a committed baseline, say) is read through gzip.
pub fn read_records(path: impl AsRef<Path>) -> Result<Vec<Record>, String> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let reader: Box<dyn std::io::Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut out = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, line) in std::io::BufReader::new(reader).lines().enumerate() {
        let at = format!("{}:{}", path.display(), i + 1);
        let line = line.map_err(|e| format!("{at}: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(&line).map_err(|e| format!("{at}: not a JSON record: {e}"))?;
        let version = value
            .get("schema")
            .and_then(Value::as_u64)
            .ok_or_else(|| format!("{at}: record has no numeric 'schema' field"))?;
        if version > SCHEMA_VERSION as u64 {
            return Err(format!(
                "{at}: record schema {version} is newer than this harness reads ({SCHEMA_VERSION}); use a newer cmbench"
            ));
        }
        let record: Record = serde_json::from_value(value).map_err(|e| format!("{at}: {e}"))?;
        if let Some(first) = seen.insert(record.episode_key(), i + 1) {
            return Err(format!(
                "{at}: episode {} is recorded twice (first on line {first}): a run holds each (task, pipeline, model, trial) once, so figures over this file would count it twice; remove one of the lines",
                record.episode_key()
            ));
        }
        out.push(record);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ApiTraffic, CallStatus, Checks, LatencySplit, Termination, Turn};
    use crate::tokens::InputBreakdown;
    use std::io::Write;

    pub(crate) fn sample() -> Record {
        Record {
            schema: SCHEMA_VERSION,
            run_id: "r1".into(),
            task: "edge/block-ips".into(),
            world: "edge".into(),
            pattern: "fan-out-writes".into(),
            difficulty: "medium".into(),
            pipeline: "code-mode".into(),
            model: "oracle".into(),
            trial: 0,
            seed: 7,
            success: true,
            checks: Checks {
                state_passed: 2,
                ..Checks::default()
            },
            termination: Termination::Answered,
            failure_class: None,
            answer: "blocked 3 IPs".into(),
            turns: vec![Turn {
                index: 0,
                input: InputBreakdown {
                    system: 50,
                    tool_definitions: 862,
                    history: 30,
                    tool_results: 0,
                },
                output_tokens: 120,
                cached_tokens: 0,
                provider_usage: None,
                prompt_token_delta: None,
                assistant: String::new(),
                tool_calls: Vec::new(),
                latency_ms: LatencySplit {
                    model: 800.0,
                    sandbox: 3.0,
                    api: 2.0,
                    harness: 0.5,
                },
                api: ApiTraffic::default(),
                retries: 0,
                virtual_ms: 812,
                status: CallStatus::Ok,
                sent: true,
                finish_reason: None,
                error: None,
            }],
            latency_ms: LatencySplit::default(),
            api: ApiTraffic::default(),
            prompt_hash: "abc".into(),
            virtual_ms: 812,
        }
    }

    #[test]
    fn round_trip_and_version_guard() {
        let dir = std::env::temp_dir().join(format!("cmbench-records-{}", std::process::id()));
        let path = dir.join("records.jsonl");
        let _ = std::fs::remove_dir_all(&dir);
        let w = RecordWriter::append(&path).unwrap();
        let r = sample();
        w.write(&r).unwrap();
        let mut second = r.clone();
        second.trial = 1;
        w.write(&second).unwrap();
        let back = read_records(&path).unwrap();
        assert_eq!(back, vec![r.clone(), second]);
        // The same episode twice is refused, naming both lines.
        w.write(&r).unwrap();
        let err = read_records(&path).unwrap_err();
        assert!(
            err.contains(
                "records.jsonl:3: episode edge/block-ips|code-mode|oracle|0 is recorded twice (first on line 1)"
            ),
            "{err}"
        );
        assert_eq!(back[0].input_tokens(), 942);
        assert_eq!(back[0].episode_key(), "edge/block-ips|code-mode|oracle|0");
        let mut newer = serde_json::to_value(&r).unwrap();
        newer["schema"] = 2.into();
        std::fs::write(&path, format!("{}\n{{\"schema\": 1, \"task\": ", newer)).unwrap();
        let err = read_records(&path).unwrap_err();
        assert!(
            err.ends_with("records.jsonl:1: record schema 2 is newer than this harness reads (1); use a newer cmbench"),
            "{err}"
        );
        std::fs::write(
            &path,
            format!("{}\n{{\"schema\": 1, \"task\": ", serde_json::to_string(&r).unwrap()),
        )
        .unwrap();
        let err = read_records(&path).unwrap_err();
        assert!(err.contains("records.jsonl:2: not a JSON record"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn gzipped_records_read_the_same_and_name_their_file() {
        let dir = std::env::temp_dir().join(format!("cmbench-records-gz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(
            records_file(&dir),
            dir.join("records.jsonl"),
            "neither file: the plain name"
        );
        let r = sample();
        let mut r2 = r.clone();
        r2.trial = 1;
        let text = format!(
            "{}\n{}\n",
            serde_json::to_string(&r).unwrap(),
            serde_json::to_string(&r2).unwrap()
        );
        let gz = dir.join("records.jsonl.gz");
        let mut enc = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::best());
        enc.write_all(text.as_bytes()).unwrap();
        enc.finish().unwrap();
        assert_eq!(records_file(&dir), gz);
        assert_eq!(read_records(records_file(&dir)).unwrap(), vec![r.clone(), r2]);
        // The plain file wins when both are there.
        std::fs::write(
            dir.join("records.jsonl"),
            format!("{}\n", serde_json::to_string(&r).unwrap()),
        )
        .unwrap();
        assert_eq!(read_records(records_file(&dir)).unwrap().len(), 1);
        // Not gzip at all: an error naming the file, not a panic.
        std::fs::write(&gz, "not gzip").unwrap();
        let err = read_records(&gz).unwrap_err();
        assert!(err.contains("records.jsonl.gz:1:"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
