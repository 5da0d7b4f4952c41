//! Loading OpenAPI 3.0 / 3.1 and Swagger 2.0 descriptions (JSON or YAML) into an operation index.
//!
//! `Spec::load` reads and parses the file, checks that every local `$ref` resolves
//! (counting recursive ones), and indexes the operations. Schemas in the index are kept
//! as written; [`Spec::inline`] returns a self-contained copy with refs inlined.

mod error;
mod operation;
mod parse;
mod resolve;

pub use error::{
    Location, SpecError, escape_token as escape_pointer_token, json_pointer_line,
    unescape_token as unescape_pointer_token,
};
pub use operation::{
    METHODS, Operation, ParamLocation, Parameter, RequestBody, Response, synthesize_id, template_names,
};
pub use parse::Syntax;
pub use resolve::{InlineCounts, InlineStats, MAX_INLINE_DEPTH, MAX_INLINE_NODES, RefReport, lookup};

use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// Which OpenAPI dialect a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum SpecFormat {
    /// Swagger 2.0.
    #[serde(rename = "swagger-2.0")]
    Swagger20,
    /// OpenAPI 3.0.x.
    #[serde(rename = "openapi-3.0")]
    OpenApi30,
    /// OpenAPI 3.1.x.
    #[serde(rename = "openapi-3.1")]
    OpenApi31,
}

impl fmt::Display for SpecFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Swagger20 => "swagger-2.0",
            Self::OpenApi30 => "openapi-3.0",
            Self::OpenApi31 => "openapi-3.1",
        })
    }
}

/// A loaded API description: the parsed document plus its operation index.
#[derive(Debug)]
pub struct Spec {
    /// The file it was loaded from (or a label for in-memory text).
    pub path: PathBuf,
    /// Dialect.
    pub format: SpecFormat,
    /// Whether the text was JSON or YAML.
    pub syntax: Syntax,
    /// `info.title`, or the file stem when missing.
    pub title: String,
    /// `info.version`, when given.
    pub version: Option<String>,
    /// The base path requests are made under (`servers[0].url`'s path, or Swagger's `basePath`), without a trailing `/`.
    pub base_path: String,
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
    /// Number of path templates holding at least one operation.
    pub paths: usize,
    /// What the load-time reference check found.
    pub refs: RefReport,
    /// Cuts made by inlining so far.
    pub inline_stats: InlineStats,
    /// The parsed document.
    pub doc: Value,
}

impl Spec {
    /// Reads, parses and indexes a spec file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, SpecError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| SpecError::file(path, format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            SpecError::file(
                path,
                format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        Self::from_text(&text, path)
    }

    /// Parses and indexes spec text; `path` labels errors.
    pub fn from_text(text: &str, path: &Path) -> Result<Self, SpecError> {
        let (doc, syntax) = parse::parse_text(text, path)?;
        Self::from_value(doc, syntax, path).map_err(|mut e| {
            if syntax == Syntax::Json
                && let Location::Pointer { pointer, line } = &mut e.location
            {
                *line = json_pointer_line(text, pointer);
            }
            e
        })
    }

    /// Indexes an already parsed document.
    pub fn from_value(doc: Value, syntax: Syntax, path: &Path) -> Result<Self, SpecError> {
        if !doc.is_object() {
            return Err(SpecError::at(path, "", "the document must be a JSON/YAML object"));
        }
        let format = detect_format(&doc, path)?;
        let refs = resolve::check_refs(&doc, path)?;
        let operations = operation::index(&doc, format, path)?;
        let paths = operations
            .iter()
            .map(|o| o.path.as_str())
            .collect::<BTreeSet<_>>()
            .len();
        let info = doc.get("info");
        let title = info
            .and_then(|i| i.get("title"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
        let version = info.and_then(|i| i.get("version")).and_then(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.as_f64().map(|f| f.to_string()))
        });
        let base_path = base_path(&doc, format);
        Ok(Self {
            path: path.to_path_buf(),
            format,
            syntax,
            title,
            version,
            base_path,
            operations,
            paths,
            refs,
            inline_stats: InlineStats::default(),
            doc,
        })
    }

    /// A self-contained copy of `value` with every local `$ref` inlined (cycles and
    /// over-deep nesting cut and counted in `inline_stats`). Vendor `x-*` keys are dropped.
    pub fn inline(&self, value: &Value) -> Value {
        resolve::inline(&self.doc, value, &self.inline_stats, true)
    }

    /// Like [`Spec::inline`] but keeps vendor `x-*` keys.
    pub fn inline_keep_extensions(&self, value: &Value) -> Value {
        resolve::inline(&self.doc, value, &self.inline_stats, false)
    }

    /// Looks up an operation by its (possibly synthesised) id.
    pub fn operation(&self, operation_id: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.operation_id == operation_id)
    }
}

/// Decodes `%XX` escapes in a path or reference, leaving malformed ones as they are.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex_digit(bytes[i + 1]), hex_digit(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn detect_format(doc: &Value, path: &Path) -> Result<SpecFormat, SpecError> {
    let version_of = |key: &str| -> Option<String> {
        doc.get(key).map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    if let Some(v) = version_of("openapi") {
        return if v.starts_with("3.0") {
            Ok(SpecFormat::OpenApi30)
        } else if v.starts_with("3.1") {
            Ok(SpecFormat::OpenApi31)
        } else {
            Err(SpecError::at(
                path,
                "/openapi",
                format!("unsupported OpenAPI version {v:?} (supported: 3.0.x, 3.1.x, Swagger 2.0)"),
            ))
        };
    }
    if let Some(v) = version_of("swagger") {
        return if v == "2.0" || v == "2" {
            Ok(SpecFormat::Swagger20)
        } else {
            Err(SpecError::at(
                path,
                "/swagger",
                format!("unsupported Swagger version {v:?} (supported: 2.0)"),
            ))
        };
    }
    Err(SpecError::at(
        path,
        "",
        "neither an 'openapi' nor a 'swagger' version field: not an OpenAPI description",
    ))
}

fn base_path(doc: &Value, format: SpecFormat) -> String {
    let raw = match format {
        SpecFormat::Swagger20 => doc.get("basePath").and_then(Value::as_str).unwrap_or("").to_string(),
        _ => {
            let url = doc
                .get("servers")
                .and_then(Value::as_array)
                .and_then(|s| s.first())
                .and_then(|s| s.get("url"))
                .and_then(Value::as_str)
                .unwrap_or("");
            // Keep only the path part of an absolute URL.
            match url.find("://") {
                Some(i) => url[i + 3..]
                    .find('/')
                    .map(|j| url[i + 3 + j..].to_string())
                    .unwrap_or_default(),
                None => url.to_string(),
            }
        }
    };
    raw.trim_end_matches('/').to_string()
}
