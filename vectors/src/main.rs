//! `wasicrypt-vectors`: runs Wycheproof test vectors against the WASI-Crypto host.
//!
//! ```text
//! cargo run -p wasicrypt-vectors --release -- [--mode host|wasm|both] [--file PATH.json ...]
//! ```
//!
//! Without `--file`, every applicable file embedded by the `wycheproof` crate runs. Prints one row
//! per file, the `acceptable` cases by flag, every failure with its inputs, and last the line
//! `N passed, M failed, K skipped`. Exits 1 if anything failed, 2 on a usage or setup error.

#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use clap::{Parser, ValueEnum};
use wasicrypt_vectors::{Mode, load, wasm::Guest};

/// Runs Wycheproof test vectors against the WASI-Crypto host, directly and from a wasm guest.
#[derive(Debug, Parser)]
#[command(name = "wasicrypt-vectors", version)]
struct Args {
    /// Where the cases run: `host` (CryptoCtx directly), `wasm` (a wasm32-wasip1 guest over
    /// hostcalls) or `both` (compared case by case).
    #[arg(long, value_enum, default_value_t = ModeArg::Both)]
    mode: ModeArg,
    /// A Wycheproof JSON file to run instead of the embedded set (repeatable).
    #[arg(long = "file", value_name = "PATH.json")]
    files: Vec<PathBuf>,
    /// Detail every failure (default: the first 20 per file).
    #[arg(long)]
    all_failures: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ModeArg {
    Host,
    Wasm,
    Both,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("wasicrypt-vectors: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<bool> {
    let start = Instant::now();
    let mode = match args.mode {
        ModeArg::Host => Mode::Host,
        ModeArg::Wasm => Mode::Wasm,
        ModeArg::Both => Mode::Both,
    };
    let files = if args.files.is_empty() {
        load::load_defaults()?
    } else {
        args.files
            .iter()
            .map(|path| load::load_path(path))
            .collect::<Result<Vec<_>>>()?
    };
    let guest = if mode.wasm() {
        Some(Guest::load_default()?)
    } else {
        None
    };
    let summary = wasicrypt_vectors::run(&files, mode, guest.as_ref())?;
    eprintln!(
        "mode {mode:?}, {} files, {:.1} s",
        files.len(),
        start.elapsed().as_secs_f64()
    );
    let max_failures = if args.all_failures { usize::MAX } else { 20 };
    print!("{}", summary.render(max_failures));
    Ok(summary.is_success())
}
