//! Errors raised while loading a spec: always name the file and, where known, the line or JSON pointer.

use std::fmt;
use std::path::PathBuf;

/// Where in a spec file a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The problem concerns the whole file (e.g. it cannot be read).
    File,
    /// A 1-based line and column, from the parser.
    Line {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// An RFC 6901 JSON pointer into the document, with its line when it could be found.
    Pointer {
        /// The pointer, e.g. `/paths/~1zones/get/parameters/0`.
        pointer: String,
        /// 1-based line of the pointed-to value in the source text, when known.
        line: Option<usize>,
    },
}

/// A spec that could not be loaded, with the file and position of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The file being loaded (or a label such as `<inline>`).
    pub file: PathBuf,
    /// Where in the file.
    pub location: Location,
    /// What is wrong, phrased for the user.
    pub message: String,
}

impl SpecError {
    /// An error about the whole file.
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            location: Location::File,
            message: message.into(),
        }
    }

    /// An error at a JSON pointer (the line is filled in later, when the source is at hand).
    pub fn at(file: impl Into<PathBuf>, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            location: Location::Pointer {
                pointer: pointer.into(),
                line: None,
            },
            message: message.into(),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match &self.location {
            Location::File => write!(f, "{file}: {}", self.message),
            Location::Line { line, column } => write!(f, "{file}:{line}:{column}: {}", self.message),
            Location::Pointer {
                pointer,
                line: Some(line),
            } => write!(f, "{file}:{line}: at {pointer}: {}", self.message),
            Location::Pointer { pointer, line: None } => {
                write!(
                    f,
                    "{file}: at {}: {}",
                    if pointer.is_empty() { "/" } else { pointer },
                    self.message
                )
            }
        }
    }
}

impl std::error::Error for SpecError {}

/// Escapes one JSON pointer token (RFC 6901: `~` -> `~0`, `/` -> `~1`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one JSON pointer token.
pub fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Finds the 1-based line where the value at `pointer` starts in a JSON text.
///
/// A small scanner that walks the text once, tracking the current path; it is only
/// run when an error is reported, so the common path pays nothing for it.
pub fn json_pointer_line(text: &str, pointer: &str) -> Option<usize> {
    let target: Vec<String> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer.strip_prefix('/')?.split('/').map(unescape_token).collect()
    };
    let bytes = text.as_bytes();
    let mut scanner = PointerScanner { bytes, pos: 0, line: 1 };
    scanner.skip_ws();
    scanner.find(&target, 0)
}

struct PointerScanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl PointerScanner<'_> {
    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    /// At the start of a value; returns the line of the target if it is inside (or is) this value.
    fn find(&mut self, target: &[String], depth: usize) -> Option<usize> {
        if depth == target.len() {
            return Some(self.line);
        }
        match self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    match self.bytes.get(self.pos)? {
                        b'}' => {
                            self.pos += 1;
                            return None;
                        }
                        b',' => {
                            self.pos += 1;
                            continue;
                        }
                        b'"' => {}
                        _ => return None,
                    }
                    let key = self.string()?;
                    self.skip_ws();
                    if self.bytes.get(self.pos)? != &b':' {
                        return None;
                    }
                    self.pos += 1;
                    self.skip_ws();
                    if key == target[depth] {
                        return self.find(target, depth + 1);
                    }
                    self.skip_value()?;
                }
            }
            b'[' => {
                self.pos += 1;
                let wanted: usize = target[depth].parse().ok()?;
                let mut index = 0;
                loop {
                    self.skip_ws();
                    match self.bytes.get(self.pos)? {
                        b']' => return None,
                        b',' => {
                            self.pos += 1;
                            continue;
                        }
                        _ => {}
                    }
                    if index == wanted {
                        return self.find(target, depth + 1);
                    }
                    self.skip_value()?;
                    index += 1;
                }
            }
            _ => None,
        }
    }

    /// Reads a string at `pos` (which is a quote) and returns it unescaped enough to compare keys.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        while let Some(&b) = self.bytes.get(self.pos) {
            self.pos += 1;
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                let raw = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
                return serde_json::from_str::<String>(raw).ok();
            }
        }
        None
    }

    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            let b = *self.bytes.get(self.pos)?;
            match b {
                b'"' => {
                    self.string()?;
                    if depth == 0 {
                        return Some(());
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        return Some(());
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        return Some(());
                    }
                }
                b',' if depth == 0 => return Some(()),
                b'\n' => self.line += 1,
                _ => {}
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lines_of_pointers() {
        let text =
            "{\n  \"a\": 1,\n  \"paths\": {\n    \"/x/y\": {\n      \"get\": [1,\n 2, {\"k\": true}]\n    }\n  }\n}";
        assert_eq!(json_pointer_line(text, ""), Some(1));
        assert_eq!(json_pointer_line(text, "/a"), Some(2));
        assert_eq!(json_pointer_line(text, "/paths/~1x~1y"), Some(4));
        assert_eq!(json_pointer_line(text, "/paths/~1x~1y/get/2/k"), Some(6));
        assert_eq!(json_pointer_line(text, "/paths/missing"), None);
    }

    #[test]
    fn display_names_file_line_and_pointer() {
        let mut e = SpecError::at("api.json", "/paths/~1a/get", "bad");
        assert_eq!(e.to_string(), "api.json: at /paths/~1a/get: bad");
        e.location = Location::Pointer {
            pointer: "/paths/~1a/get".into(),
            line: Some(7),
        };
        assert_eq!(e.to_string(), "api.json:7: at /paths/~1a/get: bad");
    }
}
