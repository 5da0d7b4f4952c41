//! System prompts: versioned template files in `harness/prompts/`, hashed into every record.

use sha2::{Digest, Sha256};

/// A system prompt template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// File name of the template (`code-mode.v1.txt`).
    pub file: &'static str,
    /// The template text, with `{{title}}` for the API's title.
    pub template: &'static str,
}

impl Prompt {
    /// The template of a pipeline.
    pub fn for_pipeline(pipeline: &str) -> Option<Self> {
        let (file, template) = match pipeline {
            "json-tools" => ("json-tools.v1.txt", include_str!("../../prompts/json-tools.v1.txt")),
            "code-mode" => ("code-mode.v1.txt", include_str!("../../prompts/code-mode.v1.txt")),
            "code-mode-typed" => (
                "code-mode-typed.v1.txt",
                include_str!("../../prompts/code-mode-typed.v1.txt"),
            ),
            "tool-search" => ("tool-search.v1.txt", include_str!("../../prompts/tool-search.v1.txt")),
            _ => return None,
        };
        Some(Self { file, template })
    }

    /// SHA-256 (hex) of the template text, as records carry it.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.template.as_bytes()))
    }

    /// The prompt for an API titled `title`.
    pub fn render(&self, title: &str) -> String {
        self.template.trim_end().replace("{{title}}", title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pipeline_has_a_distinct_prompt() {
        let names = ["json-tools", "code-mode", "code-mode-typed", "tool-search"];
        let hashes: Vec<String> = names.iter().map(|n| Prompt::for_pipeline(n).unwrap().hash()).collect();
        for (i, h) in hashes.iter().enumerate() {
            assert_eq!(h.len(), 64);
            assert!(!hashes[..i].contains(h));
        }
        let p = Prompt::for_pipeline("code-mode").unwrap().render("Edge");
        assert!(p.starts_with("You are an agent operating the Edge API"));
        assert!(!p.contains("{{"));
        assert!(Prompt::for_pipeline("nope").is_none());
    }
}
