//! `wasicrypt`: run a WASI (preview 1) module with the WASI-Crypto host functions linked in.
//!
//! ```text
//! wasicrypt [run] [OPTIONS] app.wasm [args...]     run `_start` (or --invoke NAME)
//! wasicrypt compile [OPTIONS] app.wasm [-o app.cwasm]
//! wasicrypt algorithms [--json]
//! wasicrypt secrets --vault PATH [--namespace NAME] [--master-key-file F] init|generate|import|list|rotate|revoke|export-public
//! ```
//!
//! As with `wasmtime`, `wasicrypt app.wasm` means `wasicrypt run app.wasm`, and `run` takes
//! wasmtime's `-O`/`-C`/`-D`/`-W`/`-S` options (parsed by `wasmtime-cli-flags`) besides ours.
//!
//! Exit status (see [`exit`]), as `wasmtime run`: the guest's own status when it returns from
//! `_start` (0) or calls `proc_exit(n)` (WASI restricts `n` to `0..126`); [`exit::TRAP`] (134)
//! when the guest traps or a host call fails fatally; [`exit::LOAD`] (1) when the module cannot
//! be read, compiled, linked or instantiated; 2 for a command-line usage error. An error is one
//! line on stderr prefixed with `wasicrypt: `; a trap adds the guest's backtrace below it.

#![deny(unsafe_code)]
#![warn(missing_docs)]

mod algorithms;
mod args;
mod compile;
mod engine;
mod error;
mod exit;
mod invoke;
mod runner;
mod secrets;

use std::process::ExitCode;

use crate::args::{Cli, Command};
use crate::error::RunError;

fn main() -> ExitCode {
    let cli = Cli::parse_with_implicit_run(std::env::args_os());
    let result = match cli.command {
        Command::Run(mut run) => runner::run(&mut run),
        Command::Compile(mut compile) => compile::compile(&mut compile).map(|_| 0),
        Command::Secrets(args) => secrets::run(&args),
        Command::Algorithms(args) => {
            let all = wasicrypt_host::algorithms();
            if args.json {
                println!("{:#}", algorithms::json(&all));
            } else {
                print!("{}", algorithms::table(&all));
            }
            Ok(0)
        }
    };
    match result {
        Ok(status) => ExitCode::from(status),
        Err(err) => report(&err),
    }
}

/// Prints `err` on stderr and returns its exit status.
fn report(err: &RunError) -> ExitCode {
    eprintln!("{}", err.report());
    ExitCode::from(err.exit_code())
}
