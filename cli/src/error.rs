//! Errors reported by the runner: one line each, a trap followed by the guest's backtrace.

use crate::exit;

/// Why `wasicrypt` could not run (or compile) the guest to completion.
#[derive(Debug)]
pub enum RunError {
    /// Reading, compiling, linking or instantiating the module, configuring the engine or WASI,
    /// or writing an output, failed.
    Load(String),
    /// The guest trapped or a host call failed fatally while it ran.
    Trap {
        /// The trap and its causes, e.g. "wasm trap: wasm `unreachable` instruction executed"
        /// or "host function `module::name` failed: <why>".
        message: String,
        /// wasmtime's backtrace of the guest's frames ("wasm backtrace:" and one line per
        /// frame, innermost first, with file:line under a frame when the module has DWARF).
        backtrace: Option<String>,
    },
}

impl RunError {
    /// The process exit status for this error (see [`crate::exit`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            RunError::Load(_) => exit::LOAD,
            RunError::Trap { .. } => exit::TRAP,
        }
    }
}

impl RunError {
    /// The report on stderr: one line prefixed with `wasicrypt: `, then a trap's backtrace.
    pub fn report(&self) -> String {
        match self {
            RunError::Load(msg) => format!("wasicrypt: {}", one_line(msg)),
            RunError::Trap { message, backtrace } => {
                let mut out = format!("wasicrypt: error: {}", one_line(message));
                if let Some(backtrace) = backtrace {
                    out.push('\n');
                    out.push_str(backtrace.trim_end());
                }
                out
            }
        }
    }
}

/// Renders a (possibly multi-line) error message as one line: runs of whitespace collapse to
/// one space, and line breaks become `; ` (or a space inside a bracketed, pretty-printed list).
pub fn one_line(msg: &str) -> String {
    let mut out = String::new();
    for line in msg.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let continues =
                out.ends_with(['[', '(', '{', ',', ':']) || line.starts_with([']', ')', '}']);
            out.push_str(if continues { " " } else { "; " });
        }
        out.push_str(&line);
    }
    out
}

/// Formats an error and its causes as `outer: cause: root cause` on one line, skipping wasm
/// backtraces and causes whose text the outer message already contains.
pub fn chain(err: &wasmtime::Error) -> String {
    let backtrace = err
        .downcast_ref::<wasmtime::WasmBacktrace>()
        .map(|bt| bt.to_string());
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if backtrace.as_ref() == Some(&text) {
            continue;
        }
        let text = one_line(strip_os_error(&text));
        if text.is_empty() || out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// An I/O error's message without std's ` (os error N)` suffix.
pub fn strip_os_error(text: &str) -> &str {
    match text.find(" (os error ") {
        Some(i) if text.ends_with(')') => &text[..i],
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_error_suffix_is_dropped() {
        assert_eq!(
            strip_os_error("No such file or directory (os error 2)"),
            "No such file or directory"
        );
        assert_eq!(strip_os_error("plain"), "plain");
    }

    #[test]
    fn one_line_joins_lines() {
        assert_eq!(one_line("a\n  b   c\n\n d"), "a; b c; d");
        assert_eq!(one_line("single"), "single");
        assert_eq!(one_line("x=[\n  0x0,\n  0x61,\n] y"), "x=[ 0x0, 0x61, ] y");
    }
}
