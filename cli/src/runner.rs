//! Loads a module, links WASI preview 1 and WASI-Crypto, and runs its `_start` (or the export
//! `--invoke` names).

use std::path::Path;

use wasicrypt_host::{CryptoCtx, Limits};
use wasmtime::{Linker, Store, StoreLimits, StoreLimitsBuilder, WasmBacktrace};
use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtxBuilder};

use crate::args::RunArgs;
use crate::error::{RunError, chain};
use crate::{engine, invoke};

/// Everything the host functions need, stored in the wasmtime `Store`.
pub struct State {
    /// WASI preview 1 context (args, env, preopens, stdio).
    pub wasi: WasiP1Ctx,
    /// WASI-Crypto context (handle tables, options).
    pub crypto: CryptoCtx,
    /// Resource limits (`--max-memory`).
    pub limits: StoreLimits,
}

/// Runs the module described by `run` and returns the guest's exit status.
pub fn run(run: &mut RunArgs) -> Result<u8, RunError> {
    let path = run.module().to_owned();
    let name = path.display();
    let engine = engine::build(&mut run.common, run.fuel, run.timeout)?;
    let bytes = engine::read(&path)?;
    let module = engine::load(&engine, &bytes, &path, run.allow_precompiled)?;
    drop(bytes);

    let mut linker: Linker<State> = Linker::new(&engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |s: &mut State| &mut s.wasi)
        .map_err(|e| RunError::Load(format!("cannot link WASI: {}", chain(&e))))?;
    wasicrypt_host::add_to_linker(&mut linker, |s: &mut State| &mut s.crypto)
        .map_err(|e| RunError::Load(format!("cannot link WASI-Crypto: {}", chain(&e))))?;

    let mut crypto = CryptoCtx::with_limits(crypto_limits(run));
    if let Some(config) = crate::secrets::run_config(&run.vault, run.allow_key_export)? {
        crypto.set_secrets(config);
    }
    crypto.register_module(&module);
    let state = State {
        wasi: wasi_ctx(run, &path)?,
        crypto,
        limits: limits(run),
    };
    let mut store = Store::new(&engine, state);
    store.limiter(|s| &mut s.limits);
    if let Some(fuel) = run.common.wasm.fuel {
        store
            .set_fuel(fuel)
            .map_err(|e| RunError::Load(format!("cannot set fuel: {}", chain(&e))))?;
    }
    let link = |e: wasmtime::Error| RunError::Load(format!("cannot link {name}: {}", chain(&e)));
    if run.common.wasm.unknown_imports_trap == Some(true) {
        linker
            .define_unknown_imports_as_traps(&module)
            .map_err(link)?;
    }
    if run.common.wasm.unknown_imports_default == Some(true) {
        linker
            .define_unknown_imports_as_default_values(&mut store, &module)
            .map_err(link)?;
    }

    if let Some(timeout) = run.common.wasm.timeout {
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
    // This store runs one instance: its calls use its memory without looking the export up.
    if let Some(memory) = instance.get_memory(&mut store, "memory") {
        store.data_mut().crypto.bind_memory(memory);
    }
    match &run.invoke {
        Some(export) => invoke::call(&mut store, &instance, export, run.guest_args(), &path),
        None => {
            let start = instance
                .get_typed_func::<(), ()>(&mut store, "_start")
                .map_err(|e| {
                    RunError::Load(format!(
                        "{name} is not a WASI command module (no `_start` function of type \
                         () -> ()): {}; use --invoke NAME to call another export",
                        chain(&e)
                    ))
                })?;
            match start.call(&mut store, ()) {
                Ok(()) => Ok(0),
                Err(e) => outcome(e),
            }
        }
    }
}

/// Builds the guest's WASI context: argv, environment, preopens, stdio, from `--argv0`,
/// `--env`, `--dir` and the `-S` options that apply to a preview 1 module.
fn wasi_ctx(run: &RunArgs, path: &Path) -> Result<WasiP1Ctx, RunError> {
    let wasi = &run.common.wasi;
    unsupported_wasi_options(wasi)?;
    let mut b = WasiCtxBuilder::new();
    if wasi.inherit_stdin != Some(false) {
        b.inherit_stdin();
    }
    if wasi.inherit_stdout != Some(false) {
        b.inherit_stdout();
    }
    if wasi.inherit_stderr != Some(false) {
        b.inherit_stderr();
    }
    match &run.argv0 {
        Some(argv0) => b.arg(argv0),
        None => b.arg(path.to_string_lossy()),
    };
    b.args(run.guest_args());
    if wasi.inherit_env == Some(true) {
        b.inherit_env();
    }
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

/// Refuses the `-S` options that do not apply to a WASI preview 1 command module run by
/// wasicrypt (networking, wasi-nn, wasi-http, components...) instead of ignoring them.
fn unsupported_wasi_options(wasi: &wasmtime_cli_flags::WasiOptions) -> Result<(), RunError> {
    // (option, set to a value other than the one wasicrypt always has)
    let flags = [
        ("cli", wasi.cli == Some(false)),
        ("common", wasi.common == Some(false)),
        ("preview2", wasi.preview2 == Some(false)),
        ("preview0", wasi.preview0 == Some(true)),
        ("nn", wasi.nn == Some(true)),
        ("threads", wasi.threads == Some(true)),
        ("http", wasi.http == Some(true)),
        ("config", wasi.config == Some(true)),
        ("keyvalue", wasi.keyvalue == Some(true)),
        ("tls", wasi.tls == Some(true)),
        ("p3", wasi.p3 == Some(true)),
        ("inherit-network", wasi.inherit_network == Some(true)),
        (
            "allow-ip-name-lookup",
            wasi.allow_ip_name_lookup == Some(true),
        ),
        ("tcp", wasi.tcp == Some(true)),
        ("udp", wasi.udp == Some(true)),
        ("network-error-code", wasi.network_error_code.is_some()),
        ("cli-exit-with-code", wasi.cli_exit_with_code.is_some()),
        ("tcplisten", !wasi.tcplisten.is_empty()),
        ("nn-graph", !wasi.nn_graph.is_empty()),
        ("config-var", !wasi.config_var.is_empty()),
        (
            "keyvalue-in-memory-data",
            !wasi.keyvalue_in_memory_data.is_empty(),
        ),
        ("cwd", wasi.cwd.is_some()),
        ("max-resources", wasi.max_resources.is_some()),
        ("hostcall-fuel", wasi.hostcall_fuel.is_some()),
        (
            "max-component-handles",
            wasi.max_component_handles.is_some(),
        ),
        ("max-random-size", wasi.max_random_size.is_some()),
        ("max-http-fields-size", wasi.max_http_fields_size.is_some()),
        (
            "http-outgoing-body-buffer-chunks",
            wasi.http_outgoing_body_buffer_chunks.is_some(),
        ),
        (
            "http-outgoing-body-chunk-size",
            wasi.http_outgoing_body_chunk_size.is_some(),
        ),
    ];
    match flags.iter().find(|(_, set)| *set) {
        Some((option, _)) => Err(RunError::Load(format!(
            "-S {option} is not supported by wasicrypt: it runs WASI preview 1 command modules \
             with the filesystem, environment, clocks, random and stdio of preview 1; supported \
             -S options: inherit-env, inherit-stdin, inherit-stdout, inherit-stderr"
        ))),
        None => Ok(()),
    }
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

/// The store's limits from `-W max-memory-size` (or `--max-memory`), `max-table-elements`,
/// `max-instances`, `max-tables`, `max-memories` and `trap-on-grow-failure`.
fn limits(run: &RunArgs) -> StoreLimits {
    let wasm = &run.common.wasm;
    let mut limits = StoreLimitsBuilder::new();
    if let Some(bytes) = run.max_memory.or(wasm.max_memory_size) {
        limits = limits.memory_size(bytes);
    }
    if let Some(n) = wasm.max_table_elements {
        limits = limits.table_elements(n);
    }
    if let Some(n) = wasm.max_instances {
        limits = limits.instances(n);
    }
    if let Some(n) = wasm.max_tables {
        limits = limits.tables(n);
    }
    if let Some(n) = wasm.max_memories {
        limits = limits.memories(n);
    }
    if let Some(trap) = wasm.trap_on_grow_failure {
        limits = limits.trap_on_grow_failure(trap);
    }
    limits.build()
}

/// Did this error come from running guest code (rather than from linking)?
fn is_runtime_error(e: &wasmtime::Error) -> bool {
    e.downcast_ref::<I32Exit>().is_some()
        || e.downcast_ref::<wasmtime::Trap>().is_some()
        || e.downcast_ref::<WasmBacktrace>().is_some()
}

/// Maps an error returned by guest code to an exit status or a trap report: the error and its
/// causes (for a host function, which one failed and why), then the wasm backtrace.
pub fn outcome(e: wasmtime::Error) -> Result<u8, RunError> {
    if let Some(exit) = e.downcast_ref::<I32Exit>() {
        // `proc_exit` only accepts 0..126; anything else is already a trap.
        return Ok(u8::try_from(exit.0).unwrap_or(crate::exit::TRAP));
    }
    let backtrace = e.downcast_ref::<WasmBacktrace>().map(|bt| {
        let text = bt.to_string();
        // wasmtime's first line is "error while executing at wasm backtrace:".
        let frames = text.split_once('\n').map_or("", |(_, frames)| frames);
        format!("wasm backtrace:\n{frames}")
    });
    Err(RunError::Trap {
        message: chain(&e),
        backtrace,
    })
}
