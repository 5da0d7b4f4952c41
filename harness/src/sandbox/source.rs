//! Preparing model-written code: strip markdown fences, recognise the accepted shapes
//! (an async arrow function, a function body, a bare script) and spot TypeScript.

/// Removes a surrounding markdown code fence (```js ... ```), if any, and trims.
pub fn strip_fences(code: &str) -> &str {
    let t = code.trim();
    let Some(rest) = t.strip_prefix("```") else {
        return t;
    };
    // Drop the info string (`js`, `javascript`, `ts`) on the opening line.
    let body = match rest.find('\n') {
        Some(i) => &rest[i + 1..],
        None => return rest.trim(),
    };
    let body = body.trim_end();
    body.strip_suffix("```").unwrap_or(body).trim()
}

/// The ways a snippet can be turned into a script whose value is the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A function expression: evaluated and called with no arguments.
    Function,
    /// A plain script: its completion value is the result.
    Script,
    /// A function body (may `await` and `return`): wrapped in an async arrow function.
    Body,
}

/// The candidate script texts for `code`, in the order they are tried. Wrappers add no
/// line before the code, so line numbers in errors match the model's code.
pub fn candidates(code: &str) -> [(Shape, String); 3] {
    [
        (Shape::Function, format!("({code}\n)")),
        (Shape::Script, code.to_string()),
        (Shape::Body, format!("(async () => {{{code}\n}})()")),
    ]
}

/// Patterns that only occur in TypeScript.
const TS_MARKERS: [&str; 16] = [
    "interface ",
    ": string",
    ": number",
    ": boolean",
    ": any",
    ": unknown",
    ": Promise<",
    ": Record<",
    ": Array<",
    "[]>",
    "[] =",
    " as const",
    " as any",
    " as string",
    "<T>",
    ": void",
];

/// Whether code that failed to parse looks like TypeScript.
pub fn looks_like_typescript(code: &str) -> bool {
    if TS_MARKERS.iter().any(|m| code.contains(m)) {
        return true;
    }
    code.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("type ") && l.contains('=')
            || l.starts_with("enum ")
            || l.starts_with("import type ")
            || l.starts_with("export ")
    })
}

/// Whether code that failed to parse uses module syntax (`import` / `require`-free ES modules).
pub fn uses_modules(code: &str) -> bool {
    code.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("import ") || l.starts_with("import{") || l.starts_with("export ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_are_stripped() {
        assert_eq!(strip_fences("```js\nasync () => 1\n```"), "async () => 1");
        assert_eq!(strip_fences("```\nreturn 2;\n```\n"), "return 2;");
        assert_eq!(strip_fences("  1 + 1 "), "1 + 1");
        assert_eq!(strip_fences("```javascript\nx"), "x");
    }

    #[test]
    fn typescript_is_recognised() {
        assert!(looks_like_typescript(
            "async (): Promise<any> => { const x: string = 'a'; }"
        ));
        assert!(looks_like_typescript("interface Zone { id: string }"));
        assert!(looks_like_typescript("type Z = { a: 1 };\nreturn 1"));
        assert!(!looks_like_typescript(
            "async () => { const x = { a: 'string' }; return x; }"
        ));
    }

    #[test]
    fn module_syntax_is_recognised() {
        assert!(uses_modules("import fs from 'fs';\nreturn 1"));
        assert!(!uses_modules("const imported = 1"));
    }

    #[test]
    fn candidates_wrap_the_code() {
        let c = candidates("return 1");
        assert_eq!(c[0].0, Shape::Function);
        assert!(c[2].1.contains("async () =>"));
    }
}
