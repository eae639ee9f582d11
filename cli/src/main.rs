//! `wasicrypt`: run a WASI (preview 1) command module with the WASI-Crypto host functions linked in.
//!
//! ```text
//! wasicrypt [run] [--dir HOST[::GUEST]]... [--env K[=V]]... [--fuel N] [--timeout DURATION] [--max-memory SIZE] app.wasm [args...]
//! ```
//!
//! As with `wasmtime`, `wasicrypt app.wasm` means `wasicrypt run app.wasm`.
//!
//! Exit status (see [`exit`]): the guest's own status when it returns from `_start` (0) or calls
//! `proc_exit(n)` (WASI restricts `n` to `0..126`); [`exit::TRAP`] (134) when the guest traps or
//! fails at run time; [`exit::LOAD`] (126) when the module cannot be read, compiled, linked or
//! instantiated; 2 for a command-line usage error. Every error is reported as one line on stderr,
//! prefixed with `wasicrypt: `.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod args;
mod error;
mod exit;
mod runner;

use std::process::ExitCode;

use crate::args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse_with_implicit_run(std::env::args_os());
    match cli.command {
        Command::Run(run) => match runner::run(&run) {
            Ok(status) => ExitCode::from(status),
            Err(err) => {
                eprintln!("wasicrypt: {}", error::one_line(&err.to_string()));
                ExitCode::from(err.exit_code())
            }
        },
    }
}
