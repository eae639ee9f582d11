//! Loads a module, links WASI preview 1 and WASI-Crypto, and runs its `_start`.

use std::path::Path;

use wasicrypt_host::{CryptoCtx, Limits};
use wasmtime::{
    Config, Engine, Linker, Module, Store, StoreLimits, StoreLimitsBuilder, Trap, WasmBacktrace,
};
use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtxBuilder};

use crate::args::RunArgs;
use crate::error::{RunError, chain, strip_os_error};

/// Everything the host functions need, stored in the wasmtime `Store`.
pub struct State {
    /// WASI preview 1 context (args, env, preopens, stdio).
    pub wasi: WasiP1Ctx,
    /// WASI-Crypto context (handle tables, options).
    pub crypto: CryptoCtx,
    /// Resource limits (`--max-memory`).
    pub limits: StoreLimits,
}

/// Runs the command module described by `run` and returns the guest's exit status.
pub fn run(run: &RunArgs) -> Result<u8, RunError> {
    let path = run.module();
    let name = path.display();
    let read = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    let bytes = read.map_err(|e| {
        RunError::Load(format!(
            "cannot read {name}: {}",
            strip_os_error(&e.to_string())
        ))
    })?;
    // A text module (`.wat`) becomes its binary; a binary module passes through unchanged.
    let bytes = wat::parse_bytes(&bytes)
        .map_err(|e| RunError::Load(format!("invalid module {name}: {e}")))?;

    let mut config = Config::new();
    config.consume_fuel(run.fuel.is_some());
    config.epoch_interruption(run.timeout.is_some());
    let engine = Engine::new(&config)
        .map_err(|e| RunError::Load(format!("cannot configure the engine: {}", chain(&e))))?;
    let module = Module::new(&engine, &bytes)
        .map_err(|e| RunError::Load(format!("invalid module {name}: {}", chain(&e))))?;

    let mut linker: Linker<State> = Linker::new(&engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |s: &mut State| &mut s.wasi)
        .map_err(|e| RunError::Load(format!("cannot link WASI: {}", chain(&e))))?;
    wasicrypt_host::add_to_linker(&mut linker, |s: &mut State| &mut s.crypto)
        .map_err(|e| RunError::Load(format!("cannot link WASI-Crypto: {}", chain(&e))))?;

    let mut crypto = CryptoCtx::with_limits(crypto_limits(run));
    crypto.register_module(&module);
    let state = State {
        wasi: wasi_ctx(run, path)?,
        crypto,
        limits: limits(run),
    };
    let mut store = Store::new(&engine, state);
    store.limiter(|s| &mut s.limits);
    if let Some(fuel) = run.fuel {
        store
            .set_fuel(fuel)
            .map_err(|e| RunError::Load(format!("cannot set fuel: {}", chain(&e))))?;
    }

    if let Some(timeout) = run.timeout {
        // One epoch tick ends the guest: a timer thread advances the epoch once, at the deadline.
        store.set_epoch_deadline(1);
        let engine = engine.clone();
        std::thread::spawn(move || {
            std::thread::sleep(timeout);
            engine.increment_epoch();
        });
    }

    // Instantiation also runs the module's `start` function, if any, which may trap or exit.
    let instance = match linker.instantiate(&mut store, &module) {
        Ok(instance) => instance,
        Err(e) if is_runtime_error(&e) => return outcome(e),
        Err(e) => {
            return Err(RunError::Load(format!(
                "cannot instantiate {name}: {}",
                chain(&e)
            )));
        }
    };
    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .map_err(|e| {
            RunError::Load(format!(
                "{name} is not a WASI command module (no `_start` function of type () -> ()): {}",
                chain(&e)
            ))
        })?;
    match start.call(&mut store, ()) {
        Ok(()) => Ok(0),
        Err(e) => outcome(e),
    }
}

/// Builds the guest's WASI context: argv, environment, preopens, inherited stdio.
fn wasi_ctx(run: &RunArgs, path: &Path) -> Result<WasiP1Ctx, RunError> {
    let mut b = WasiCtxBuilder::new();
    b.inherit_stdio();
    b.arg(path.to_string_lossy());
    b.args(run.guest_args());
    for env in &run.envs {
        b.env(&env.key, &env.value);
    }
    for dir in &run.dirs {
        b.preopened_dir(&dir.host, &dir.guest, FsPerms::ReadWrite)
            .map_err(|e| {
                RunError::Load(format!(
                    "cannot open directory {} (--dir): {}",
                    dir.host.display(),
                    chain(&e)
                ))
            })?;
    }
    Ok(b.build_p1())
}

/// The guest's WASI-Crypto limits: the defaults, with the options given.
fn crypto_limits(run: &RunArgs) -> Limits {
    let mut limits = Limits::default();
    if let Some(bytes) = run.crypto_max_memory {
        limits.max_memory_bytes = bytes;
    }
    let ceilings = &mut limits.password_hashing;
    for (given, ceiling) in [
        (run.argon2_max_memory, &mut ceilings.max_argon2_memory_bytes),
        (run.argon2_max_passes, &mut ceilings.max_argon2_passes),
        (run.argon2_max_lanes, &mut ceilings.max_argon2_lanes),
        (
            run.pbkdf2_max_iterations,
            &mut ceilings.max_pbkdf2_iterations,
        ),
    ] {
        if let Some(value) = given {
            *ceiling = value;
        }
    }
    limits
}

fn limits(run: &RunArgs) -> StoreLimits {
    let mut limits = StoreLimitsBuilder::new();
    if let Some(bytes) = run.max_memory {
        limits = limits.memory_size(bytes);
    }
    limits.build()
}

/// Did this error come from running guest code (rather than from linking)?
fn is_runtime_error(e: &wasmtime::Error) -> bool {
    e.downcast_ref::<I32Exit>().is_some()
        || e.downcast_ref::<Trap>().is_some()
        || e.downcast_ref::<WasmBacktrace>().is_some()
}

/// Maps an error returned by guest code to an exit status or a trap report.
fn outcome(e: wasmtime::Error) -> Result<u8, RunError> {
    if let Some(exit) = e.downcast_ref::<I32Exit>() {
        // `proc_exit` only accepts 0..126; anything else is already a trap.
        return Ok(u8::try_from(exit.0).unwrap_or(crate::exit::TRAP));
    }
    let place = e
        .downcast_ref::<WasmBacktrace>()
        .and_then(|bt| bt.frames().first())
        .map(|frame| match frame.func_name() {
            Some(name) => format!(" in function `{name}`"),
            None => format!(" in wasm function {}", frame.func_index()),
        })
        .unwrap_or_default();
    let what = match e.downcast_ref::<Trap>() {
        Some(trap) => trap.to_string(),
        None => chain(&e),
    };
    Err(RunError::Trap(format!("{what}{place}")))
}
