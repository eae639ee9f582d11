//! The project's commands, run as `cargo xtask <command>`:
//!
//! ```text
//! cargo xtask setup               make sure the wasm32-wasip1 target can be built for
//! cargo xtask build-guests        build the test-programs guests and guest examples for wasm32-wasip1
//! cargo xtask demo [FILE]         build everything and run the demo guest on FILE (default README.md)
//! cargo xtask test [ARGS]         setup, build guests, codegen --check, cargo test --workspace --all-features [ARGS]
//!                                 (benchmarks included, each run once)
//! cargo xtask codegen [--check]   regenerate guest/src/raw.rs and host/src/wasi/imports.rs from witx/ (or check)
//! cargo xtask bench [FILTER]      benchmarks of benches/, one table of medians
//! cargo xtask fuzz [--seconds N] [--dev] [TARGET...]   run the cargo-fuzz targets of fuzz/ (nightly)
//! ```

#![forbid(unsafe_code)]

mod bench;
mod codegen;
mod commands;
mod postgres;
mod process;
mod setup;
mod workspace;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup               make sure the wasm32-wasip1 target is available (rustup target, or a Debian
                      fallback via scripts/setup-wasm32-wasip1.sh); prints which path was used
  build-guests        build all wasicrypt-test-programs binaries and the guest crate's examples
                      for wasm32-wasip1 (release) and print their directory
  demo [FILE]         setup, build-guests, build the CLI, then run demo.wasm on FILE (a path inside
                      the workspace, default README.md); exits with the demo's status
  test [ARGS]         setup, build-guests and the bench guest, codegen --check, then cargo test
                      --workspace --all-features --no-fail-fast [ARGS] with WASICRYPT_GUEST_DIR set
                      to the guests' directory (the benchmarks run too, each once, untimed)
  codegen [--check]   regenerate raw.rs and imports.rs from witx/ (--check: fail if out of date)
  bench [FILTER]      build the bench guest, run the benchmarks of benches/ (native, CryptoCtx,
                      hostcall, pure wasm; criterion FILTER regex) and print one table of medians
                      and ratios
  fuzz [--seconds N] [--dev] [TARGET...]
                      run the fuzz targets of fuzz/ (ctx_ops, abi, imports, differential; all by
                      default) for N seconds each (default 60) on their committed corpus; --dev
                      builds them unoptimized with debug assertions (faster to build: the CI
                      smoke run); installs nightly and cargo-fuzz when missing

environment:
  FORCE_WASM_PATH=B   skip the rustup target (path A) and use the Debian fallback (path B)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace::root();
    let result = match args.as_slice() {
        ["setup"] => setup::setup(&root).map(|_| ExitCode::SUCCESS),
        ["build-guests"] => commands::build_guests(&root).map(|_| ExitCode::SUCCESS),
        ["demo"] => commands::demo(&root, None),
        ["demo", file] => commands::demo(&root, Some(file)),
        ["test", extra @ ..] => commands::test(&root, extra),
        ["codegen"] => codegen::run(&root, false).map(|()| ExitCode::SUCCESS),
        ["codegen", "--check"] => codegen::run(&root, true).map(|()| ExitCode::SUCCESS),
        ["fuzz", rest @ ..] => commands::fuzz(&root, rest),
        ["bench", rest @ ..] => bench::bench(&root, rest),
        [] | ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("xtask: unknown arguments {args:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("xtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
