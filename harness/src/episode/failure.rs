//! Attributing a failed episode to its first cause.
//!
//! An episode that ended for a reason other than an answer is classed by that ending
//! (context overflow, token cap, malformed reply, infrastructure, cassette miss), except a
//! turn cap, which is blamed on the first call error if there was one. An answered episode
//! that failed is collateral damage when it wrote outside what the task allows, else the
//! first call error's class, else a malformed tool call when the answer is a tool call
//! written as text, else a wrong answer. A call error is a failed tool call, or a
//! request to an endpoint the API does not have (even one that code caught and handled).

use crate::record::{Checks, FailureClass, Termination, Turn};

/// The failure class of a call error kind (`model:unknown_tool`, `sandbox:timeout`, `api:404`, ...).
/// Rate limits and server errors (`api:429`, `api:5xx`) are not the model's mistake: `None`.
pub fn class_of(error: &str) -> Option<FailureClass> {
    let (source, kind) = error.split_once(':').unwrap_or((error, ""));
    Some(match (source, kind) {
        ("sandbox", "typescript") => FailureClass::TsInJs,
        ("sandbox", "timeout" | "loop_limit" | "cpu") => FailureClass::Timeout,
        ("sandbox", "output_truncated") => FailureClass::TruncatedOutput,
        ("sandbox", "unknown_function") => FailureClass::InventedFunction,
        ("sandbox", _) => FailureClass::RuntimeException,
        ("model", "unknown_tool" | "undiscovered_tool") => FailureClass::InventedFunction,
        ("model", "malformed_arguments") => FailureClass::MalformedToolCall,
        ("model", _) => FailureClass::BadArguments,
        ("api", "404" | "405") => FailureClass::WrongEndpoint,
        ("api", "400" | "409" | "422") => FailureClass::BadArguments,
        ("api", k) if k == "429" || k.starts_with('5') => return None,
        ("api", _) => FailureClass::ApiError,
        _ => return None,
    })
}

/// The class of the first failing tool call, if any call failed in a way that is the model's;
/// a turn whose calls all succeeded but sent requests no operation of the API matches (code
/// that caught the 404 itself) counts as a wrong endpoint at that turn.
fn first_call_error(turns: &[Turn]) -> Option<FailureClass> {
    turns.iter().find_map(|t| {
        t.tool_calls
            .iter()
            .filter_map(|c| c.error.as_deref())
            .find_map(class_of)
            .or((t.api.unrouted > 0).then_some(FailureClass::WrongEndpoint))
    })
}

/// Whether a final answer is really a tool call written as text: the whole answer (fenced or
/// not) is a JSON object with a string `name` and `arguments` or `parameters`, as small models
/// write when the server does not parse their call.
pub fn looks_like_tool_call(answer: &str) -> bool {
    let mut text = answer.trim();
    if let Some(rest) = text.strip_prefix("```") {
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
        text = rest.strip_suffix("```").unwrap_or(rest).trim();
    }
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| {
        v.get("name").is_some_and(serde_json::Value::is_string)
            && (v.get("arguments").is_some() || v.get("parameters").is_some())
    })
}

/// The class of a failed episode (see the module documentation for the order).
pub fn classify(termination: Termination, turns: &[Turn], checks: &Checks, answer: &str) -> FailureClass {
    match termination {
        Termination::InfrastructureError => FailureClass::InfrastructureError,
        Termination::CassetteMiss => FailureClass::CassetteMiss,
        Termination::ContextOverflow => FailureClass::ContextOverflow,
        Termination::TokenCap => FailureClass::TokenCap,
        Termination::ModelError => FailureClass::MalformedReply,
        Termination::SandboxError => first_call_error(turns).unwrap_or(FailureClass::RuntimeException),
        Termination::MaxTurns => first_call_error(turns).unwrap_or(FailureClass::TurnCap),
        Termination::Answered if !checks.collateral.is_empty() => FailureClass::CollateralDamage,
        Termination::Answered => first_call_error(turns).unwrap_or(if looks_like_tool_call(answer) {
            FailureClass::MalformedToolCall
        } else {
            FailureClass::WrongAnswer
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map_to_classes() {
        assert_eq!(class_of("sandbox:typescript"), Some(FailureClass::TsInJs));
        assert_eq!(
            class_of("model:undiscovered_tool"),
            Some(FailureClass::InventedFunction)
        );
        assert_eq!(class_of("api:404"), Some(FailureClass::WrongEndpoint));
        assert_eq!(class_of("api:422"), Some(FailureClass::BadArguments));
        assert_eq!(class_of("sandbox:loop_limit"), Some(FailureClass::Timeout));
        // Rate limits and server errors are not the model's mistake.
        assert_eq!(class_of("api:429"), None);
        assert_eq!(class_of("api:503"), None);
        assert_eq!(class_of("api:403"), Some(FailureClass::ApiError));
        assert_eq!(
            class_of("model:malformed_arguments"),
            Some(FailureClass::MalformedToolCall)
        );
    }

    fn classify_(t: Termination, turns: &[Turn], checks: &Checks) -> FailureClass {
        classify(t, turns, checks, "")
    }

    #[test]
    fn a_tool_call_written_as_the_answer_is_a_malformed_tool_call() {
        for text in [
            r#"{"name": "execute", "arguments": {"code": "async () => 1"}}"#,
            "```json\n{\"name\": \"pin_note\", \"arguments\": {\"title\": \"x\"}}\n```",
            r#" {"name": "f", "parameters": {}} "#,
        ] {
            assert!(looks_like_tool_call(text), "{text}");
            assert_eq!(
                classify(Termination::Answered, &[], &Checks::default(), text),
                FailureClass::MalformedToolCall
            );
        }
        for text in ["3", r#"{"name": "Lena"}"#, "The name is x and the arguments are y.", ""] {
            assert!(!looks_like_tool_call(text), "{text}");
        }
    }

    #[test]
    fn endings_come_before_call_errors() {
        let checks = Checks::default();
        assert_eq!(
            classify_(Termination::ContextOverflow, &[], &checks),
            FailureClass::ContextOverflow
        );
        assert_eq!(classify_(Termination::TokenCap, &[], &checks), FailureClass::TokenCap);
        assert_eq!(
            classify_(Termination::ModelError, &[], &checks),
            FailureClass::MalformedReply
        );
        assert_eq!(
            classify_(Termination::CassetteMiss, &[], &checks),
            FailureClass::CassetteMiss
        );
        assert_eq!(classify_(Termination::MaxTurns, &[], &checks), FailureClass::TurnCap);
        assert_eq!(
            classify_(Termination::Answered, &[], &checks),
            FailureClass::WrongAnswer
        );
        let damaged = Checks {
            collateral: vec!["wrote /x".into()],
            ..Checks::default()
        };
        assert_eq!(
            classify_(Termination::Answered, &[], &damaged),
            FailureClass::CollateralDamage
        );
    }

    #[test]
    fn an_invented_endpoint_caught_by_code_is_still_a_wrong_endpoint() {
        let mut turn = Turn::new(0, crate::tokens::InputBreakdown::default());
        turn.api.calls = 1;
        assert_eq!(
            classify_(Termination::Answered, std::slice::from_ref(&turn), &Checks::default()),
            FailureClass::WrongAnswer
        );
        turn.api.unrouted = 1;
        assert_eq!(
            classify_(Termination::Answered, &[turn], &Checks::default()),
            FailureClass::WrongEndpoint
        );
    }
}
