//! Attributing a failed episode to its first cause.

use crate::record::{FailureClass, Turn};

/// The failure class of a call error kind (`model:unknown_tool`, `sandbox:timeout`, `api:404`, ...).
pub fn class_of(error: &str) -> Option<FailureClass> {
    let (source, kind) = error.split_once(':').unwrap_or((error, ""));
    Some(match (source, kind) {
        ("sandbox", "typescript") => FailureClass::TsInJs,
        ("sandbox", "timeout" | "loop_limit" | "cpu") => FailureClass::Timeout,
        ("sandbox", "output_truncated") => FailureClass::TruncatedOutput,
        ("sandbox", "unknown_function") => FailureClass::InventedFunction,
        ("sandbox", _) => FailureClass::RuntimeException,
        ("model", "unknown_tool" | "undiscovered_tool") => FailureClass::InventedFunction,
        ("model", _) => FailureClass::BadArguments,
        ("api", "404" | "405") => FailureClass::WrongEndpoint,
        ("api", "400" | "409" | "422") => FailureClass::BadArguments,
        _ => return None,
    })
}

/// The class of a failed episode: the first failing call's class, else a wrong answer.
pub fn classify(turns: &[Turn]) -> FailureClass {
    turns
        .iter()
        .flat_map(|t| &t.tool_calls)
        .filter_map(|c| c.error.as_deref())
        .find_map(class_of)
        .unwrap_or(FailureClass::WrongAnswer)
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
    }
}
