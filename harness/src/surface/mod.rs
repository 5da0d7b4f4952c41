//! Tool surfaces: how a spec is presented to a model, rendered to the exact `tools` JSON
//! the OpenAI chat API receives. One trait, one file per surface.

pub mod code_mode;
pub mod code_mode_typed;
pub mod json_tools;
pub mod names;
pub mod tool_search;
pub mod typescript;

use crate::spec::Spec;
use crate::tokens::Encoding;
use serde::Serialize;
use serde_json::Value;

pub use code_mode::CodeMode;
pub use code_mode_typed::CodeModeTyped;
pub use json_tools::JsonTools;
pub use tool_search::ToolSearch;

/// A way of presenting a spec's operations to a model as tools.
pub trait Surface: Send + Sync {
    /// Surface name (`json-tools`, `code-mode`, ...).
    fn name(&self) -> &'static str;
    /// Variant name (`full`, `required-only`, `default`).
    fn variant(&self) -> &'static str;
    /// The tool objects, as sent in the chat request's `tools` array.
    fn tools(&self, spec: &Spec) -> Vec<Value>;
}

/// Every surface variant `cmbench surface` reports, in report order.
pub fn all() -> Vec<Box<dyn Surface>> {
    vec![
        Box::new(JsonTools {
            variant: json_tools::Variant::Full,
        }),
        Box::new(JsonTools {
            variant: json_tools::Variant::RequiredOnly,
        }),
        Box::new(CodeMode),
        Box::new(CodeModeTyped),
    ]
}

/// Every surface variant a pipeline can show: those of [`all`] plus `tool-search`, whose
/// tools grow during an episode (its static size is only the `search_tools` tool).
pub fn available() -> Vec<Box<dyn Surface>> {
    let mut v = all();
    v.push(Box::new(ToolSearch));
    v
}

/// Finds a surface by name and variant (`None` variant picks the first of that name).
pub fn by_name(name: &str, variant: Option<&str>) -> Option<Box<dyn Surface>> {
    available()
        .into_iter()
        .find(|s| s.name() == name && variant.is_none_or(|v| v == s.variant()))
}

/// A surface rendered for one spec: its tools and their compact JSON.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Surface name.
    pub name: &'static str,
    /// Variant name.
    pub variant: &'static str,
    /// The tool objects.
    pub tools: Vec<Value>,
    /// Compact JSON of the `tools` array, byte for byte what is sent.
    pub json: String,
}

impl Rendered {
    /// Renders `surface` for `spec`.
    pub fn new(surface: &dyn Surface, spec: &Spec) -> Self {
        let tools = surface.tools(spec);
        let json = serde_json::to_string(&tools).expect("tool JSON serialises");
        Self {
            name: surface.name(),
            variant: surface.variant(),
            tools,
            json,
        }
    }

    /// Token count of the `tools` JSON in `encoding`.
    pub fn tokens(&self, encoding: Encoding) -> usize {
        encoding.count(&self.json)
    }
}

/// Size of one surface variant for a spec, as `cmbench surface` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurfaceSize {
    /// Surface name.
    pub name: String,
    /// Variant name.
    pub variant: String,
    /// Number of tools.
    pub tools: usize,
    /// Tokens of the `tools` JSON.
    pub tokens: usize,
    /// Bytes of the `tools` JSON.
    pub bytes: usize,
}

/// Renders and counts every surface of `spec` (in parallel).
pub fn measure_all(spec: &Spec, encoding: Encoding) -> Vec<SurfaceSize> {
    use rayon::prelude::*;
    all()
        .par_iter()
        .map(|s| {
            let r = Rendered::new(s.as_ref(), spec);
            SurfaceSize {
                name: r.name.to_string(),
                variant: r.variant.to_string(),
                tools: r.tools.len(),
                tokens: r.tokens(encoding),
                bytes: r.json.len(),
            }
        })
        .collect()
}

/// Fills `{{name}}` placeholders of a description template.
pub fn render_template(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.trim_end().to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    out
}
