//! `cargo xtask setup`: make the wasm32-wasip1 target buildable.
//!
//! Path A: the rustup target for the toolchain pinned in `rust-toolchain.toml`
//! (`rustup target add`, bounded by a 300 s timeout). Path B, when A fails or
//! `FORCE_WASM_PATH=B`: `scripts/setup-wasm32-wasip1.sh` (Debian's `rustc-web` with
//! `-Zbuild-std` and a newer wasi-libc), which writes a shell file defining `wasm_cargo`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::process;
use crate::workspace::{self, WASM_TARGET};

/// How `rustup target add` may take before we give up on path A.
const RUSTUP_TIMEOUT: Duration = Duration::from_secs(300);
/// How long the path B script (apt downloads, unpacking) may take.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(1800);

/// How guests are built for wasm32-wasip1 on this machine.
#[derive(Debug, Clone)]
pub enum WasmPath {
    /// The rustup toolchain's own `wasm32-wasip1` target.
    A {
        /// The pinned toolchain, if `rust-toolchain.toml` names one.
        toolchain: Option<String>,
    },
    /// Debian's toolchain with `-Zbuild-std`, driven through `wasm_cargo` from `env_file`.
    B {
        /// Shell file written by the setup script that defines `wasm_cargo`.
        env_file: PathBuf,
    },
}

impl WasmPath {
    /// A command running `cargo <args> --target wasm32-wasip1` (plus path B's flags) in `root`.
    pub fn cargo(&self, root: &Path, args: &[&str]) -> Command {
        match self {
            WasmPath::A { .. } => {
                let mut cmd = Command::new(workspace::cargo());
                cmd.args(args).args(["--target", WASM_TARGET]);
                cmd.current_dir(root);
                cmd
            }
            WasmPath::B { env_file } => {
                let mut cmd = Command::new("bash");
                cmd.arg("-c")
                    .arg(r#". "$0" && wasm_cargo "$@""#)
                    .arg(env_file)
                    .args(args)
                    .current_dir(root);
                cmd
            }
        }
    }
}

/// Ensures the target is available, prints which path is used, and returns it.
pub fn setup(root: &Path) -> Result<WasmPath> {
    let forced = std::env::var("FORCE_WASM_PATH").unwrap_or_default();
    let path = match forced.as_str() {
        "B" => path_b(root)?,
        "A" => path_a(root)?,
        "" => match path_a(root) {
            Ok(path) => path,
            Err(err) => {
                eprintln!("xtask: path A (rustup target) failed: {err:#}; trying path B");
                path_b(root)?
            }
        },
        other => bail!("FORCE_WASM_PATH must be A or B, not {other:?}"),
    };
    match &path {
        WasmPath::A { toolchain } => println!(
            "wasm32-wasip1: path A (rustup target, toolchain {})",
            toolchain.as_deref().unwrap_or("default")
        ),
        WasmPath::B { env_file } => println!(
            "wasm32-wasip1: path B (Debian rustc-web + -Zbuild-std; cargo wrapper in {})",
            env_file.display()
        ),
    }
    Ok(path)
}

fn rustup(toolchain: Option<&str>, args: &[&str]) -> Command {
    let mut cmd = Command::new("rustup");
    cmd.args(args);
    if let Some(tc) = toolchain {
        cmd.args(["--toolchain", tc]);
    }
    cmd
}

fn path_a(root: &Path) -> Result<WasmPath> {
    let toolchain = workspace::pinned_toolchain(root);
    let tc = toolchain.as_deref();
    let installed = process::stdout_of(&mut rustup(tc, &["target", "list", "--installed"]))
        .context("`rustup target list --installed` failed (is rustup installed?)")?;
    if !installed.lines().any(|l| l.trim() == WASM_TARGET) {
        process::run_with_timeout(
            &mut rustup(tc, &["target", "add", WASM_TARGET]),
            RUSTUP_TIMEOUT,
        )?;
    }
    Ok(WasmPath::A { toolchain })
}

fn path_b(root: &Path) -> Result<WasmPath> {
    let dir = workspace::target_dir(root).join("xtask");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let env_file = dir.join("wasm32-wasip1.env");
    let script = root.join("scripts").join("setup-wasm32-wasip1.sh");
    let mut cmd = Command::new("bash");
    cmd.arg(&script)
        .env("FORCE_WASM_PATH", "B")
        .env("WASM_ENV_FILE", &env_file)
        .current_dir(root);
    if let Some(tc) = workspace::pinned_toolchain(root) {
        cmd.env("RUST_TOOLCHAIN", tc);
    }
    process::run_with_timeout(&mut cmd, SCRIPT_TIMEOUT).context("path B setup failed")?;
    Ok(WasmPath::B { env_file })
}
