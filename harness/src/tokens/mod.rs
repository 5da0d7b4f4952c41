//! Exact token accounting with tiktoken (`o200k_base` by default, `cl100k_base`).
//!
//! Counts use the same BPE ranks as Python's tiktoken (`encode_ordinary`). A chat
//! request is counted as OpenAI's published recipe does: every message costs
//! [`TOKENS_PER_MESSAGE`] framing tokens plus its role and content, a `name` adds
//! [`TOKENS_PER_NAME`], each tool call adds its name, its arguments and
//! [`TOKENS_PER_TOOL_CALL`], and the reply is primed with [`REPLY_PRIMING`] tokens.
//! Tool definitions are counted as the compact JSON sent in `tools`; providers render
//! them into their own prompt format, so their count differs a little (the run engine
//! records the provider's figure beside ours).
//!
//! Counting is incremental: [`PrefixCache`] counts the static prefix (system prompt +
//! tools) once per key, and [`Conversation`] counts each appended message once.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use tiktoken_rs::CoreBPE;

/// Framing tokens around every chat message (`<|start|>role<|message|>...<|end|>`).
pub const TOKENS_PER_MESSAGE: usize = 3;
/// Extra tokens when a message carries a `name`.
pub const TOKENS_PER_NAME: usize = 1;
/// Extra tokens per tool call in an assistant message, beyond its name and arguments.
pub const TOKENS_PER_TOOL_CALL: usize = 1;
/// Tokens that prime the assistant's reply, once per request.
pub const REPLY_PRIMING: usize = 3;

/// A tiktoken encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Encoding {
    /// GPT-4o / o-series / GPT-4.1 / GPT-5 encoding.
    #[default]
    #[serde(rename = "o200k_base")]
    O200kBase,
    /// GPT-4 / GPT-3.5-turbo encoding.
    #[serde(rename = "cl100k_base")]
    Cl100kBase,
}

impl Encoding {
    /// Every supported encoding.
    pub const ALL: [Encoding; 2] = [Encoding::O200kBase, Encoding::Cl100kBase];

    /// The encoding's tiktoken name.
    pub fn name(self) -> &'static str {
        match self {
            Self::O200kBase => "o200k_base",
            Self::Cl100kBase => "cl100k_base",
        }
    }

    /// The shared BPE tables (built once per process, ~200 ms).
    pub fn bpe(self) -> &'static CoreBPE {
        match self {
            Self::O200kBase => tiktoken_rs::o200k_base_singleton(),
            Self::Cl100kBase => tiktoken_rs::cl100k_base_singleton(),
        }
    }

    /// Number of tokens in `text`, special-token text counted as ordinary text.
    pub fn count(self, text: &str) -> usize {
        self.bpe().count_ordinary(text)
    }

    /// The token ids of `text` (for tests and debugging).
    pub fn encode(self, text: &str) -> Vec<u32> {
        self.bpe().encode_ordinary(text)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "o200k_base" | "o200k" => Ok(Self::O200kBase),
            "cl100k_base" | "cl100k" => Ok(Self::Cl100kBase),
            other => Err(format!(
                "unknown encoding {other:?} (expected o200k_base or cl100k_base)"
            )),
        }
    }
}

/// What a message is, for splitting input tokens into system / history / tool results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// The system (or developer) prompt.
    System,
    /// A user message.
    User,
    /// An assistant message (text and/or tool calls).
    Assistant,
    /// A tool result fed back to the model.
    ToolResult,
}

impl MessageKind {
    /// The chat role the message is sent with.
    pub fn role(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::User => "user",
            Self::Assistant => "assistant",
            Self::ToolResult => "tool",
        }
    }
}

/// A tool call as it appears in an assistant message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolCallText<'a> {
    /// Function name.
    pub name: &'a str,
    /// Arguments, as the JSON text the model produced.
    pub arguments: &'a str,
}

/// Tokens of one chat message including its framing.
pub fn count_message(
    encoding: Encoding,
    kind: MessageKind,
    content: &str,
    name: Option<&str>,
    tool_calls: &[ToolCallText<'_>],
) -> usize {
    let mut n = TOKENS_PER_MESSAGE + encoding.count(kind.role()) + encoding.count(content);
    if let Some(name) = name {
        n += encoding.count(name) + TOKENS_PER_NAME;
    }
    for call in tool_calls {
        n += encoding.count(call.name) + encoding.count(call.arguments) + TOKENS_PER_TOOL_CALL;
    }
    n
}

/// Token cost of the static prefix of every request in an episode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefixCost {
    /// The system prompt message, framing included.
    pub system: usize,
    /// The tool definitions (compact JSON of `tools`).
    pub tools: usize,
}

impl PrefixCost {
    /// System + tools.
    pub fn total(&self) -> usize {
        self.system + self.tools
    }
}

/// Counts each distinct static prefix once, keyed by the caller (e.g. `spec-hash/surface/variant/prompt-hash`).
#[derive(Debug, Default)]
pub struct PrefixCache {
    map: Mutex<HashMap<(Encoding, String), PrefixCost>>,
    hits: std::sync::atomic::AtomicU64,
}

impl PrefixCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The cached cost for `key`, or counts `system` and `tools_json` and caches it.
    pub fn get_or_count(&self, encoding: Encoding, key: &str, system: &str, tools_json: &str) -> PrefixCost {
        let k = (encoding, key.to_string());
        if let Some(cost) = self.map.lock().unwrap_or_else(|e| e.into_inner()).get(&k) {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return *cost;
        }
        let cost = PrefixCost {
            system: if system.is_empty() {
                0
            } else {
                count_message(encoding, MessageKind::System, system, None, &[])
            },
            tools: if tools_json.is_empty() {
                0
            } else {
                encoding.count(tools_json)
            },
        };
        self.map.lock().unwrap_or_else(|e| e.into_inner()).insert(k, cost);
        cost
    }

    /// How many lookups were answered from the cache.
    pub fn hits(&self) -> u64 {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Input tokens of one request, split by where they come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputBreakdown {
    /// System prompt.
    pub system: usize,
    /// Tool definitions.
    pub tool_definitions: usize,
    /// User and assistant messages, plus reply priming.
    pub history: usize,
    /// Tool results fed back.
    pub tool_results: usize,
}

impl InputBreakdown {
    /// All input tokens of the request.
    pub fn total(&self) -> usize {
        self.system + self.tool_definitions + self.history + self.tool_results
    }
}

/// A growing conversation whose next-request input size is known at every step.
#[derive(Debug, Clone)]
pub struct Conversation {
    encoding: Encoding,
    prefix: PrefixCost,
    history: usize,
    tool_results: usize,
    messages: Vec<(MessageKind, usize)>,
}

impl Conversation {
    /// Starts a conversation whose static prefix has already been counted.
    pub fn new(encoding: Encoding, prefix: PrefixCost) -> Self {
        Self {
            encoding,
            prefix,
            history: 0,
            tool_results: 0,
            messages: Vec::new(),
        }
    }

    /// Appends a message, counting only it; returns its token count.
    pub fn push(
        &mut self,
        kind: MessageKind,
        content: &str,
        name: Option<&str>,
        tool_calls: &[ToolCallText<'_>],
    ) -> usize {
        let n = count_message(self.encoding, kind, content, name, tool_calls);
        match kind {
            MessageKind::ToolResult => self.tool_results += n,
            MessageKind::System => self.prefix.system += n,
            _ => self.history += n,
        }
        self.messages.push((kind, n));
        n
    }

    /// Replaces the tool-definition cost (for surfaces whose tools change during an episode).
    pub fn set_tool_definitions(&mut self, tokens: usize) {
        self.prefix.tools = tokens;
    }

    /// Input tokens the next request will carry, split by source.
    pub fn next_input(&self) -> InputBreakdown {
        InputBreakdown {
            system: self.prefix.system,
            tool_definitions: self.prefix.tools,
            history: self.history + REPLY_PRIMING,
            tool_results: self.tool_results,
        }
    }

    /// Per-message counts in order.
    pub fn messages(&self) -> &[(MessageKind, usize)] {
        &self.messages
    }

    /// The encoding in use.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Token ids below are what Python's tiktoken returns for the same strings
    // (tiktoken.get_encoding(name).encode_ordinary(text)).
    #[test]
    fn matches_tiktoken_ids() {
        assert_eq!(Encoding::Cl100kBase.encode("hello world"), vec![15339, 1917]);
        assert_eq!(Encoding::O200kBase.encode("hello world"), vec![24912, 2375]);
        assert_eq!(
            Encoding::Cl100kBase.encode("tiktoken is great!"),
            vec![83, 1609, 5963, 374, 2294, 0]
        );
        assert_eq!(
            Encoding::O200kBase.encode("tiktoken is great!"),
            vec![83, 8251, 2488, 382, 2212, 0]
        );
    }

    #[test]
    fn special_token_text_is_ordinary() {
        // "<|endoftext|>" typed by a user is text, not the special token.
        assert!(Encoding::Cl100kBase.count("<|endoftext|>") > 1);
    }

    #[test]
    fn message_framing_matches_recipe() {
        // OpenAI cookbook: 3 per message + role + content; name adds 1 + its tokens.
        let e = Encoding::O200kBase;
        let n = count_message(e, MessageKind::User, "hello world", None, &[]);
        assert_eq!(n, 3 + e.count("user") + 2);
        let named = count_message(e, MessageKind::User, "hello world", Some("bob"), &[]);
        assert_eq!(named, n + 1 + e.count("bob"));
        let call = ToolCallText {
            name: "list_zones",
            arguments: "{}",
        };
        let with_call = count_message(e, MessageKind::Assistant, "", None, &[call]);
        assert_eq!(
            with_call,
            3 + e.count("assistant") + e.count("list_zones") + e.count("{}") + 1
        );
    }

    #[test]
    fn conversation_is_incremental_and_split() {
        let e = Encoding::O200kBase;
        let cache = PrefixCache::new();
        let p1 = cache.get_or_count(e, "k", "You are helpful.", "[{\"type\":\"function\"}]");
        let p2 = cache.get_or_count(e, "k", "ignored: cached", "ignored");
        assert_eq!(p1, p2);
        assert_eq!(cache.hits(), 1);
        let mut c = Conversation::new(e, p1);
        let u = c.push(MessageKind::User, "list my zones", None, &[]);
        let t = c.push(MessageKind::ToolResult, "{\"result\":[]}", None, &[]);
        let b = c.next_input();
        assert_eq!(b.system, p1.system);
        assert_eq!(b.tool_definitions, p1.tools);
        assert_eq!(b.history, u + REPLY_PRIMING);
        assert_eq!(b.tool_results, t);
        assert_eq!(b.total(), p1.total() + u + t + REPLY_PRIMING);
    }

    #[test]
    fn parses_encoding_names() {
        assert_eq!("o200k_base".parse::<Encoding>(), Ok(Encoding::O200kBase));
        assert_eq!("cl100k_base".parse::<Encoding>(), Ok(Encoding::Cl100kBase));
        assert!("gpt2".parse::<Encoding>().unwrap_err().contains("o200k_base"));
    }
}
