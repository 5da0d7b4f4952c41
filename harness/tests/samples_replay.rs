//! Every committed sample of a real model (`reports/samples/*/`) replays offline from its
//! cassette to exactly its committed records (wall-clock fields aside). A sample holds
//! `replay.args`: the `cmbench run` arguments of the replay, one per line (`#` comments).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn replay_args(file: &Path) -> Vec<String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

#[test]
fn committed_samples_replay_to_their_records() {
    let root = repo_root();
    let mut samples: Vec<PathBuf> = std::fs::read_dir(root.join("reports/samples"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("replay.args").exists())
        .collect();
    samples.sort();
    assert!(!samples.is_empty(), "no sample under reports/samples has a replay.args");
    for sample in samples {
        let name = sample.file_name().unwrap().to_string_lossy().into_owned();
        let out = std::env::temp_dir().join(format!("cmbench-sample-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let args = replay_args(&sample.join("replay.args"));
        let run = Command::new(env!("CARGO_BIN_EXE_cmbench"))
            .current_dir(&root)
            .arg("run")
            .args(&args)
            .args(["--quiet", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{name}: the replay failed ({:?}):\n{}",
            run.status.code(),
            String::from_utf8_lossy(&run.stderr)
        );
        let committed = common::normalised_records(&sample);
        let replayed = common::normalised_records(&out);
        assert_eq!(committed.len(), replayed.len(), "{name}: episode count");
        for (key, want) in &committed {
            let got = replayed
                .get(key)
                .unwrap_or_else(|| panic!("{name}: {key} was not replayed"));
            assert!(
                got == want,
                "{name}: {key} replays differently:\ncommitted {}\nreplayed  {}",
                want,
                got
            );
        }
        let _ = std::fs::remove_dir_all(&out);
    }
}
