//! Generated worlds: a compact resource description (`specs/<world>/resources.toml`) becomes
//! an OpenAPI 3.1 document ([`openapi`]) and seeded fixtures ([`fixtures`], with realistic
//! per-world data such as [`edge`]'s, [`tracker`]'s, [`commerce`]'s and [`codehost`]'s); [`pad`] adds
//! distractor operations to any spec.
//!
//! Output is deterministic: the same description and seed give byte-identical files, so the
//! committed `openapi.json` and `fixtures.json` are checked against regeneration by tests.

pub mod codehost;
pub mod commerce;
pub mod desc;
pub mod edge;
pub mod fixtures;
pub mod openapi;
pub mod pad;
pub mod rules;
pub mod tracker;

pub use desc::{DescError, Description};
pub use pad::{PadError, pad};

use serde_json::Value;
use std::path::Path;

/// The generated files of one world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `openapi.json` text.
    pub spec: String,
    /// `fixtures.json` text.
    pub fixtures: String,
}

/// Pretty JSON text with a final newline (the committed form of generated specs).
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Generates the files of the world described by `<specs_dir>/<name>/resources.toml`.
pub fn generate_world(specs_dir: &Path, name: &str) -> Result<Generated, DescError> {
    if name.is_empty() || name.contains(['/', '\\', '.']) {
        return Err(DescError(format!(
            "world name {name:?}: expected a plain directory name"
        )));
    }
    let desc = Description::load(&specs_dir.join(name).join("resources.toml"))?;
    Ok(generate_from(name, &desc))
}

/// Generates a world's files from its parsed description.
pub fn generate_from(name: &str, desc: &Description) -> Generated {
    let spec = openapi::build(desc);
    let fixtures = match name {
        "edge" => edge::fixtures(desc, desc.seed),
        "tracker" => tracker::fixtures(desc, desc.seed),
        "codehost" => codehost::fixtures(desc, desc.seed),
        "commerce" => commerce::fixtures(desc, desc.seed),
        _ => fixtures::generate(desc, desc.seed, &|_, _| None),
    };
    Generated {
        spec: pretty(&spec),
        fixtures: fixtures::to_text(&fixtures),
    }
}
