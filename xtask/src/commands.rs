//! `build-guests`, `demo`, `test` and `fuzz`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, ExitStatus};

use anyhow::{Context, Result, bail};

use crate::workspace::{self, guest_dir};
use crate::{codegen, process, setup};

/// The package holding the guest programs.
const GUEST_PACKAGE: &str = "wasicrypt-test-programs";

/// Sets up the target, builds every guest binary (release) and prints their directory.
pub fn build_guests(root: &Path) -> Result<PathBuf> {
    build_test_guests(root, &setup::setup(root)?)
}

/// [`build_guests`] through an already set-up `path`; also builds the guest crate's examples
/// (into `examples/` of the same directory), which the host's tests run.
fn build_test_guests(root: &Path, path: &setup::WasmPath) -> Result<PathBuf> {
    process::run(&mut path.cargo(
        root,
        &["build", "--release", "--package", GUEST_PACKAGE, "--bins"],
    ))?;
    process::run(&mut path.cargo(
        root,
        &["build", "--release", "--package", "wasicrypt", "--examples"],
    ))?;
    let dir = guest_dir(root);
    println!("{}", dir.display());
    Ok(dir)
}

/// Builds everything and runs the demo guest on `file` (default `README.md`).
pub fn demo(root: &Path, file: Option<&str>) -> Result<ExitCode> {
    let guest_file = guest_path(root, file.unwrap_or("README.md"))?;
    let guests = build_guests(root)?;
    process::run(
        Command::new(workspace::cargo())
            .args(["build", "--package", "wasicrypt-cli"])
            .current_dir(root),
    )?;
    let cli = workspace::target_dir(root)
        .join("debug")
        .join(format!("wasicrypt{}", std::env::consts::EXE_SUFFIX));
    let demo = guests.join("demo.wasm");
    if !demo.is_file() {
        bail!("{} was not built", demo.display());
    }
    let status = process::status(
        Command::new(cli)
            .arg("run")
            .arg("--dir")
            .arg(format!("{}::/repo", root.display()))
            .arg(relative_to(&demo, root))
            .arg(guest_file)
            .current_dir(root),
    )?;
    Ok(exit_code(status))
}

/// Setup, build the guests and the bench guest, check generated code, then
/// `cargo test --workspace --all-features --no-fail-fast` (plus `extra` arguments) with
/// `WASICRYPT_GUEST_DIR` pointing at the guests and `WASICRYPT_BENCH_GUEST` at the bench guest
/// (the bench targets run under `cargo test`, each benchmark once) and `WASICRYPT_POSTGRES_URL`
/// at a PostgreSQL server ([`crate::postgres`]).
pub fn test(root: &Path, extra: &[&str]) -> Result<ExitCode> {
    let path = setup::setup(root)?;
    let guests = build_test_guests(root, &path)?;
    let bench_guest = crate::bench::build_guest(root, &path)?;
    eprintln!("xtask: checking generated code (codegen --check)");
    codegen::run(root, true).context("codegen --check failed")?;
    let (postgres_url, _server) = crate::postgres::for_tests(root)?;
    let status = process::status(
        Command::new(workspace::cargo())
            .args(["test", "--workspace", "--all-features", "--no-fail-fast"])
            .args(extra)
            .env("WASICRYPT_POSTGRES_URL", &postgres_url)
            .env("WASICRYPT_GUEST_DIR", &guests)
            .env("WASICRYPT_BENCH_GUEST", &bench_guest)
            .current_dir(root),
    )?;
    Ok(exit_code(status))
}

/// The guest-side path (under `/repo`) of `file`, given relative to the current directory
/// or to the workspace root; it must lie inside the workspace, the only preopened directory.
fn guest_path(root: &Path, file: &str) -> Result<String> {
    let given = Path::new(file);
    let candidates = [std::env::current_dir()?.join(given), root.join(given)];
    let found = candidates
        .iter()
        .find(|p| p.exists())
        .with_context(|| format!("{file}: no such file (relative to here or to the workspace)"))?;
    let abs = found.canonicalize()?;
    let root_abs = root.canonicalize()?;
    let Ok(rel) = abs.strip_prefix(&root_abs) else {
        bail!("{file} is outside the workspace {}", root.display());
    };
    let rel: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Ok(format!("/repo/{}", rel.join("/")))
}

/// `path` relative to `base` when it lies below it (for shorter, stable `argv[0]`s).
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base).unwrap_or(path).to_path_buf()
}

/// The exit code to report for a child's status (1 if it was killed by a signal).
fn exit_code(status: ExitStatus) -> ExitCode {
    match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1).max(1)),
        None => ExitCode::FAILURE,
    }
}

/// The cargo-fuzz targets of `fuzz/` (bodies in `fuzz/src/targets.rs`).
pub const FUZZ_TARGETS: [&str; 4] = ["ctx_ops", "abi", "imports", "differential"];

/// `cargo xtask fuzz [--seconds N] [--dev] [TARGET...]`: runs each target (all by default) for
/// `N` seconds (default 60) with libFuzzer (release build, or `--dev` for an unoptimized build
/// with debug assertions; no sanitizer) on its committed corpus (`fuzz/corpus/TARGET`, which
/// grows) and the dictionary `fuzz/dict/wasicrypt.dict`. Installs a nightly toolchain (minimal
/// profile) and `cargo-fuzz` from crates.io when they are missing.
pub fn fuzz(root: &Path, args: &[&str]) -> Result<ExitCode> {
    let mut seconds = 60u64;
    let mut dev = false;
    let mut targets = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--seconds" => {
                let n = rest.next().context("--seconds needs a number")?;
                seconds = n.parse().with_context(|| format!("--seconds {n}"))?;
            }
            "--dev" => dev = true,
            t if FUZZ_TARGETS.contains(&t) => targets.push(t),
            other => bail!("unknown fuzz target {other:?} (targets: {FUZZ_TARGETS:?})"),
        }
    }
    if targets.is_empty() {
        targets.extend(FUZZ_TARGETS);
    }
    let fuzz_dir = root.join("fuzz");
    let nightly = Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !nightly {
        process::run(Command::new("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
        ]))?;
    }
    let has_cargo_fuzz = Command::new("cargo")
        .args(["+nightly", "fuzz", "--version"])
        .current_dir(&fuzz_dir)
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_cargo_fuzz {
        process::run(Command::new("cargo").args(["install", "--locked", "cargo-fuzz"]))?;
    }
    for target in targets {
        process::run(
            Command::new("cargo")
                // Release build without a sanitizer: the host is safe Rust (`forbid(unsafe_code)`),
                // and AddressSanitizer would triple the build of wasmtime for little gain here.
                // `--dev` (the CI smoke run) builds without optimizations, with debug assertions
                // and overflow checks, in about half the build time of the release build.
                .args([
                    "+nightly",
                    "fuzz",
                    "run",
                    if dev { "--dev" } else { "-O" },
                    "--sanitizer",
                    "none",
                    target,
                ])
                .arg(format!("corpus/{target}"))
                .arg("--")
                .arg(format!("-max_total_time={seconds}"))
                .arg("-dict=dict/wasicrypt.dict")
                .current_dir(&fuzz_dir),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
