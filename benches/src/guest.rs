//! The wasm columns: the bench guest (`wasicrypt-bench-guest` built for `wasm32-wasip1`, a
//! reactor module) instantiated with WASI preview 1 and WASI-Crypto, as `wasicrypt run` links
//! them, and driven through its exports.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use wasicrypt_host::CryptoCtx;
use wasmtime::{Caller, Engine, Linker, Module, Store, TypedFunc};
use wasmtime_wasi::WasiCtxBuilder;
use wasmtime_wasi::p1::WasiP1Ctx;

use crate::cases::Op;

/// The environment variable naming the bench guest's `.wasm` file (set by `cargo xtask bench`).
pub const GUEST_ENV: &str = "WASICRYPT_BENCH_GUEST";

/// The bench guest's path: [`GUEST_ENV`], or the release build under the workspace's target
/// directory.
pub fn guest_path() -> PathBuf {
    match std::env::var_os(GUEST_ENV) {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../target/wasm32-wasip1/release/wasicrypt_bench_guest.wasm"),
    }
}

/// What the guest's store holds.
pub struct State {
    wasi: WasiP1Ctx,
    crypto: CryptoCtx,
}

/// The compiled bench guest and a linker for it.
pub struct GuestModule {
    engine: Engine,
    module: Module,
    linker: Linker<State>,
}

impl GuestModule {
    /// Compiles the guest at `path` with the default engine configuration.
    ///
    /// # Errors
    /// A missing or invalid module, or a linking failure.
    pub fn load(path: &Path) -> Result<GuestModule> {
        let engine = Engine::default();
        let module = Module::from_file(&engine, path).map_err(|e| {
            anyhow::anyhow!(
                "cannot load the bench guest {} (build it with `cargo xtask bench`): {e:#}",
                path.display()
            )
        })?;
        let mut linker: Linker<State> = Linker::new(&engine);
        wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |s: &mut State| &mut s.wasi)?;
        wasicrypt_host::add_to_linker(&mut linker, |s: &mut State| &mut s.crypto)?;
        // The reference point for the cheapest hostcall: an empty host function of the same
        // core signature as `symmetric_state_absorb`, taking the caller like every import does.
        linker.func_wrap(
            "wasicrypt_bench",
            "bare",
            |_: Caller<'_, State>, a: i32, _: i32, _: i32| -> i32 { a },
        )?;
        Ok(GuestModule {
            engine,
            module,
            linker,
        })
    }

    /// A fresh instance in a fresh store, initialized (`_initialize`).
    ///
    /// # Errors
    /// Instantiation or initialization failures.
    pub fn instantiate(&self) -> Result<Guest> {
        let mut crypto = CryptoCtx::new();
        crypto.register_module(&self.module);
        let state = State {
            wasi: WasiCtxBuilder::new().inherit_stderr().build_p1(),
            crypto,
        };
        let mut store = Store::new(&self.engine, state);
        let instance = self.linker.instantiate(&mut store, &self.module)?;
        // One instance per store, as `wasicrypt run` has: its memory is bound.
        if let Some(memory) = instance.get_memory(&mut store, "memory") {
            store.data_mut().crypto.bind_memory(memory);
        }
        if let Ok(init) = instance.get_typed_func::<(), ()>(&mut store, "_initialize") {
            init.call(&mut store, ())?;
        }
        Ok(Guest {
            setup: instance.get_typed_func(&mut store, "bench_setup")?,
            run: instance.get_typed_func(&mut store, "bench_run")?,
            noop: instance.get_typed_func(&mut store, "bench_noop")?,
            bare: instance.get_typed_func(&mut store, "bench_bare")?,
            store,
        })
    }
}

/// One instance of the bench guest.
pub struct Guest {
    store: Store<State>,
    setup: TypedFunc<(u32, u32, u32), i32>,
    run: TypedFunc<u64, i32>,
    noop: TypedFunc<u64, i32>,
    bare: TypedFunc<u64, i32>,
}

fn check(what: &str, code: i32) -> Result<()> {
    if code != 0 {
        bail!("bench guest: {what} returned {code} (see its stderr)");
    }
    Ok(())
}

impl Guest {
    /// Prepares `op` on `len`-byte messages: pure wasm (`wasm`) or through hostcalls.
    ///
    /// # Errors
    /// A trap, or the guest's failure code.
    pub fn setup(&mut self, wasm: bool, op: Op, len: usize) -> Result<()> {
        let len = u32::try_from(len)?;
        let code = self
            .setup
            .call(&mut self.store, (u32::from(wasm), op as u32, len))?;
        check(op.name(), code)
    }

    /// Runs the prepared case `iters` times.
    ///
    /// # Errors
    /// A trap, or the guest's failure code.
    pub fn run(&mut self, iters: u64) -> Result<()> {
        let code = self.run.call(&mut self.store, iters)?;
        check("bench_run", code)
    }

    /// The cheapest hostcall, `iters` times.
    ///
    /// # Errors
    /// A trap, or the guest's failure code.
    pub fn noop(&mut self, iters: u64) -> Result<()> {
        let code = self.noop.call(&mut self.store, iters)?;
        check("bench_noop", code)
    }

    /// The empty host function, `iters` times.
    ///
    /// # Errors
    /// A trap.
    pub fn bare(&mut self, iters: u64) -> Result<()> {
        let code = self.bare.call(&mut self.store, iters)?;
        check("bench_bare", code)
    }
}
