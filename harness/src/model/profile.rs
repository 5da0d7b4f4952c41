//! Model profiles (TOML): context window, prices and a latency model.
//!
//! Shipped profiles live in `harness/profiles/` and are compiled in, so `--profile gpt-4o`
//! works offline; a path to a `.toml` file loads a user's own. Shipped figures are labelled
//! in each file as editable assumptions.

use crate::tokens::Encoding;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Duration;

/// The profiles compiled into the binary: (name, TOML text).
pub const SHIPPED: [(&str, &str); 4] = [
    ("gpt-4o", include_str!("../../profiles/gpt-4o.toml")),
    ("gpt-4.1-mini", include_str!("../../profiles/gpt-4.1-mini.toml")),
    (
        "local-qwen2.5-coder-0.5b",
        include_str!("../../profiles/local-qwen2.5-coder-0.5b.toml"),
    ),
    (
        "local-qwen2.5-coder-1.5b",
        include_str!("../../profiles/local-qwen2.5-coder-1.5b.toml"),
    ),
];

/// The output cap of a profile that sets none.
pub const DEFAULT_MAX_OUTPUT_TOKENS: u32 = 4096;

fn default_max_output_tokens() -> u32 {
    DEFAULT_MAX_OUTPUT_TOKENS
}

/// Prices in US dollars per one million tokens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prices {
    /// Uncached input tokens.
    pub input: f64,
    /// Input tokens served from the provider's prefix cache.
    pub cached_input: f64,
    /// Output tokens (reasoning tokens included).
    pub output: f64,
}

/// A simple latency model: time to first token, then prefill and decode at fixed rates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LatencyModel {
    /// Fixed overhead before the first token, in milliseconds.
    pub time_to_first_token_ms: f64,
    /// Uncached input tokens processed per second.
    pub prefill_tokens_per_s: f64,
    /// Output tokens generated per second.
    pub decode_tokens_per_s: f64,
}

/// A model profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Profile name.
    pub name: String,
    /// One line saying what it describes.
    pub description: String,
    /// Tokenizer encoding of the model.
    pub encoding: Encoding,
    /// Context window in tokens.
    pub context_window: u64,
    /// Default cap on generated tokens per reply, sent as `max_tokens` when the run gives
    /// none (`--max-tokens` overrides it); a reply cut off by it ends the episode as
    /// `token_cap`. Absent from a profile file: [`DEFAULT_MAX_OUTPUT_TOKENS`].
    #[serde(default = "default_max_output_tokens")]
    pub max_output_tokens: u32,
    /// Prices.
    pub price_per_million: Prices,
    /// Latency model.
    pub latency: LatencyModel,
}

/// A profile that could not be loaded; names the file and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct ProfileError {
    /// The file, or `profile NAME` for a shipped one.
    pub origin: String,
    /// What is wrong (TOML errors carry line and field).
    pub message: String,
}

impl Profile {
    /// Parses a profile; `origin` labels errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Self, ProfileError> {
        let p: Profile = toml::from_str(text).map_err(|e| ProfileError {
            origin: origin.to_string(),
            message: e.to_string().trim_end().to_string(),
        })?;
        p.validate().map_err(|message| ProfileError {
            origin: origin.to_string(),
            message,
        })?;
        Ok(p)
    }

    /// Loads a shipped profile by name, or a profile file by path.
    pub fn load(name_or_path: &str) -> Result<Self, ProfileError> {
        if let Some((_, text)) = SHIPPED.iter().find(|(n, _)| *n == name_or_path) {
            return Self::from_toml(text, &format!("profile {name_or_path}"));
        }
        let path = Path::new(name_or_path);
        if path.extension().is_some_and(|e| e == "toml") || path.exists() {
            let text = std::fs::read_to_string(path).map_err(|e| ProfileError {
                origin: path.display().to_string(),
                message: format!("cannot read: {e}"),
            })?;
            return Self::from_toml(&text, &path.display().to_string());
        }
        Err(ProfileError {
            origin: format!("profile {name_or_path}"),
            message: format!(
                "no such shipped profile (shipped: {}) and no such file",
                SHIPPED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ),
        })
    }

    fn validate(&self) -> Result<(), String> {
        let p = &self.price_per_million;
        for (field, v) in [
            ("price_per_million.input", p.input),
            ("price_per_million.cached_input", p.cached_input),
            ("price_per_million.output", p.output),
            ("latency.time_to_first_token_ms", self.latency.time_to_first_token_ms),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(format!("{field} must be a non-negative number, got {v}"));
            }
        }
        for (field, v) in [
            ("latency.prefill_tokens_per_s", self.latency.prefill_tokens_per_s),
            ("latency.decode_tokens_per_s", self.latency.decode_tokens_per_s),
        ] {
            if !v.is_finite() || v <= 0.0 {
                return Err(format!("{field} must be a positive number, got {v}"));
            }
        }
        if self.context_window == 0 {
            return Err("context_window must be positive".into());
        }
        if self.max_output_tokens == 0 || u64::from(self.max_output_tokens) >= self.context_window {
            return Err(format!(
                "max_output_tokens must be positive and below context_window ({}), got {}",
                self.context_window, self.max_output_tokens
            ));
        }
        Ok(())
    }

    /// Cost in US dollars of one request. Without prefix caching, cached tokens are billed as input.
    pub fn cost_usd(&self, input_tokens: u64, cached_tokens: u64, output_tokens: u64, with_caching: bool) -> f64 {
        let p = &self.price_per_million;
        let cached = if with_caching {
            cached_tokens.min(input_tokens)
        } else {
            0
        };
        ((input_tokens - cached) as f64 * p.input + cached as f64 * p.cached_input + output_tokens as f64 * p.output)
            / 1e6
    }

    /// Estimated model time of one request: first-token overhead, prefill of the uncached input, decode.
    pub fn estimated_latency(&self, uncached_input_tokens: u64, output_tokens: u64) -> Duration {
        let l = &self.latency;
        let secs = l.time_to_first_token_ms / 1e3
            + uncached_input_tokens as f64 / l.prefill_tokens_per_s
            + output_tokens as f64 / l.decode_tokens_per_s;
        Duration::from_secs_f64(secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_profiles_parse() {
        for (name, _) in SHIPPED {
            let p = Profile::load(name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(p.name, name);
        }
    }

    #[test]
    fn cost_and_latency() {
        let p = Profile::load("gpt-4o").unwrap();
        // 1M input of which 400k cached, 100k output: 0.6*2.5 + 0.4*1.25 + 0.1*10 = 3.0
        assert!((p.cost_usd(1_000_000, 400_000, 100_000, true) - 3.0).abs() < 1e-9);
        assert!((p.cost_usd(1_000_000, 400_000, 100_000, false) - 3.5).abs() < 1e-9);
        // 0.45 s + 4000/4000 s + 80/80 s
        assert_eq!(p.estimated_latency(4000, 80), Duration::from_millis(2450));
    }

    #[test]
    fn errors_name_the_field() {
        let bad = SHIPPED[0]
            .1
            .replace("decode_tokens_per_s = 80", "decode_tokens_per_s = 0");
        let e = Profile::from_toml(&bad, "p.toml").unwrap_err().to_string();
        assert_eq!(
            e,
            "p.toml: latency.decode_tokens_per_s must be a positive number, got 0"
        );
        let typo = SHIPPED[0].1.replace("cached_input", "cache_input");
        let e = Profile::from_toml(&typo, "p.toml").unwrap_err().to_string();
        assert!(e.starts_with("p.toml: TOML parse error at line"), "{e}");
        assert!(e.contains("cache_input"), "{e}");
        let e = Profile::load("no-such").unwrap_err().to_string();
        assert!(e.contains("shipped: gpt-4o, gpt-4.1-mini"), "{e}");
    }
}
