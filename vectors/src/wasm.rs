//! Runs [`Case`]s inside the `wasm32-wasip1` guest `wycheproof.wasm`
//! (`test-programs/src/bin/wycheproof.rs`), which calls the host through the `wasicrypt` crate over
//! real hostcalls.
//!
//! Protocol: the cases go to the guest's stdin, one line each ([`crate::case::Op::to_line`]); the
//! guest answers on stdout with one line per case, in order: `ok HEX` (`ok -` for no output) or
//! `err ERRNO`. The guest runs in-process under wasmtime with WASI preview 1 and
//! [`wasicrypt_host::add_to_linker`], one instance (and one [`CryptoCtx`]) per batch.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use wasicrypt_host::CryptoCtx;
use wasmtime::{Engine, Linker, Module, Store};
use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::p2::pipe::{MemoryInputPipe, MemoryOutputPipe};
use wasmtime_wasi::{I32Exit, WasiCtxBuilder};

use crate::case::{Case, Outcome};

/// File name of the guest program.
pub const GUEST_FILE: &str = "wycheproof.wasm";

/// Where the guest is: `$WASICRYPT_GUEST_DIR/wycheproof.wasm`, or else
/// `<workspace>/target/wasm32-wasip1/release/wycheproof.wasm` (honouring `CARGO_TARGET_DIR`).
pub fn guest_path() -> PathBuf {
    if let Some(dir) = std::env::var_os("WASICRYPT_GUEST_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join(GUEST_FILE);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let target = match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    };
    target
        .join("wasm32-wasip1")
        .join("release")
        .join(GUEST_FILE)
}

struct State {
    wasi: WasiP1Ctx,
    crypto: CryptoCtx,
}

/// The guest program, compiled once, ready to run batches.
pub struct Guest {
    engine: Engine,
    module: Module,
    path: PathBuf,
}

/// What one batch run produced.
#[derive(Debug)]
pub struct BatchRun {
    /// One outcome per case, in order (`Broken` for missing or malformed answers).
    pub outcomes: Vec<Outcome>,
    /// Problems of the run as a whole (a trap, a non-zero exit, extra output, leaked handles).
    pub errors: Vec<String>,
}

impl Guest {
    /// Loads and compiles the guest at [`guest_path`].
    ///
    /// # Errors
    /// If the file is missing (with a hint to build it) or is not a valid module.
    pub fn load_default() -> Result<Self> {
        Self::load(&guest_path())
    }

    /// Loads and compiles the guest at `path`.
    ///
    /// # Errors
    /// If the file is missing (with a hint to build it) or is not a valid module.
    pub fn load(path: &Path) -> Result<Self> {
        if !path.is_file() {
            bail!(
                "guest program {} not found: run `cargo xtask build-guests` (or set WASICRYPT_GUEST_DIR \
                 to the directory holding {GUEST_FILE})",
                path.display()
            );
        }
        let engine = Engine::default();
        let module = Module::from_file(&engine, path)
            .map_err(|e| anyhow!("compiling {}: {e:#}", path.display()))?;
        Ok(Guest {
            engine,
            module,
            path: path.to_path_buf(),
        })
    }

    /// Where the guest was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `cases` in one fresh instance.
    ///
    /// # Errors
    /// Only if the instance cannot be set up (linking, instantiation); everything that happens
    /// while the guest runs is reported in the [`BatchRun`].
    pub fn run(&self, cases: &[Case]) -> Result<BatchRun> {
        let mut input = String::new();
        let mut out_capacity = 1 << 20;
        for case in cases {
            input.push_str(&case.op.to_line());
            input.push('\n');
            out_capacity += 2 * case.op.expected_output().len() + 64;
        }
        let mut linker: Linker<State> = Linker::new(&self.engine);
        wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |s: &mut State| &mut s.wasi)?;
        wasicrypt_host::add_to_linker(&mut linker, |s: &mut State| &mut s.crypto)?;
        let stdout = MemoryOutputPipe::new(out_capacity);
        let stderr = MemoryOutputPipe::new(1 << 20);
        let wasi = WasiCtxBuilder::new()
            .arg("wycheproof")
            .stdin(MemoryInputPipe::new(input))
            .stdout(stdout.clone())
            .stderr(stderr.clone())
            .build_p1();
        let mut store = Store::new(
            &self.engine,
            State {
                wasi,
                crypto: crate::host::context(),
            },
        );
        let instance = linker.instantiate(&mut store, &self.module)?;
        let start = instance.get_typed_func::<(), ()>(&mut store, "_start")?;
        let mut errors = Vec::new();
        match start.call(&mut store, ()) {
            Ok(()) => {}
            Err(e) => match e.downcast_ref::<I32Exit>() {
                Some(I32Exit(0)) => {}
                Some(I32Exit(code)) => errors.push(format!("guest exited with status {code}")),
                None => errors.push(format!("guest trapped: {e:#}")),
            },
        }
        let stderr = String::from_utf8_lossy(&stderr.contents())
            .trim()
            .to_owned();
        if !stderr.is_empty() {
            errors.push(format!("guest stderr: {stderr}"));
        }
        let leaked = store.data().crypto.open_handles();
        if leaked != 0 {
            errors.push(format!("guest left {leaked} handles open"));
        }
        let stdout = stdout.contents();
        let stdout = String::from_utf8_lossy(&stdout);
        let mut lines = stdout.lines();
        let outcomes = cases
            .iter()
            .map(|_| match lines.next() {
                Some(line) => Outcome::parse_line(line),
                None => Outcome::Broken("no answer from the guest".to_owned()),
            })
            .collect();
        let extra = lines.count();
        if extra != 0 {
            errors.push(format!("guest printed {extra} lines more than cases"));
        }
        Ok(BatchRun { outcomes, errors })
    }
}
