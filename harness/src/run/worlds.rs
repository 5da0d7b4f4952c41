//! Finding a world's files and building mock worlds for tasks.

use crate::mock::World;
use crate::spec::Spec;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A world's files in the specs directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorldFiles {
    /// World name.
    pub name: String,
    /// `specs/<name>/openapi.json`.
    pub spec: PathBuf,
    /// `specs/<name>/fixtures.json`, when present.
    pub fixtures: Option<PathBuf>,
}

impl WorldFiles {
    /// Locates world `name` under `specs_dir`; the error lists the worlds that exist.
    pub fn locate(specs_dir: &Path, name: &str) -> Result<Self, String> {
        let dir = specs_dir.join(name);
        let spec = dir.join("openapi.json");
        if name.is_empty() || name.contains(['/', '\\']) || !spec.is_file() {
            let known = crate::mock::available_worlds(specs_dir);
            return Err(format!(
                "world {name:?}: no {} (worlds in {}: {})",
                spec.display(),
                specs_dir.display(),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ));
        }
        let fixtures = dir.join("fixtures.json");
        Ok(Self {
            name: name.to_string(),
            spec,
            fixtures: fixtures.is_file().then_some(fixtures),
        })
    }

    /// The world with its fixtures and, when given, a task's fixture overrides applied.
    pub fn build(&self, spec: Arc<Spec>, seed: u64, overrides: Option<&Value>) -> Result<World, String> {
        let mut world = match &self.fixtures {
            Some(f) => World::with_fixtures_file(spec, seed, f).map_err(|e| format!("{}: {e}", f.display()))?,
            None => World::new(spec, seed),
        };
        if let Some(o) = overrides {
            world
                .apply_fixtures(o)
                .map_err(|e| format!("fixtures overrides: {e}"))?;
        }
        Ok(world)
    }
}
