//! The engine configuration `run` and `compile` share, and reading a module from disk.

use std::borrow::Cow;
use std::path::Path;

use wasmtime::{Engine, Module, Precompiled, WasmBacktraceDetails};
use wasmtime_cli_flags::CommonOptions;

use crate::error::{RunError, chain, strip_os_error};

/// Builds the engine from wasmtime's options (`-O`, `-C`, `-D`, `-W`, `--target`, `--config`).
///
/// `fuel` and `timeout` (our `--fuel` and `--timeout`) override `-W fuel` and `-W timeout`; after
/// this call `common.wasm` holds the effective values. Fuel turns on fuel consumption and a
/// timeout turns on epoch interruption, as in `wasmtime run`; both are part of the configuration
/// a precompiled module must match. Backtraces always carry function names and, for modules
/// with DWARF debug info, file:line.
pub fn build(
    common: &mut CommonOptions,
    fuel: Option<u64>,
    timeout: Option<std::time::Duration>,
) -> Result<Engine, RunError> {
    let mut config = common
        .config(None)
        .map_err(|e| RunError::Load(format!("invalid engine options: {}", chain(&e))))?;
    let wasm = &mut common.wasm;
    wasm.fuel = fuel.or(wasm.fuel);
    wasm.timeout = timeout.or(wasm.timeout);
    if wasm.fuel.is_some() {
        config.consume_fuel(true);
    }
    if wasm.timeout.is_some() {
        config.epoch_interruption(true);
    }
    config.wasm_backtrace_details(WasmBacktraceDetails::Enable);
    Engine::new(&config)
        .map_err(|e| RunError::Load(format!("cannot configure the engine: {}", chain(&e))))
}

/// Reads the module at `path`, or standard input for `-`.
pub fn read(path: &Path) -> Result<Vec<u8>, RunError> {
    let read = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    read.map_err(|e| {
        RunError::Load(format!(
            "cannot read {}: {}",
            path.display(),
            strip_os_error(&e.to_string())
        ))
    })
}

/// The binary module in `bytes`: a text module (`.wat`) becomes its binary, a binary module
/// passes through unchanged, a precompiled module is refused (`compile` cannot take one and
/// [`load`] handles it before calling this).
pub fn wasm_binary<'a>(bytes: &'a [u8], name: &Path) -> Result<Cow<'a, [u8]>, RunError> {
    let name = name.display();
    if Engine::detect_precompiled(bytes).is_some() {
        return Err(RunError::Load(format!(
            "{name} is already a precompiled module"
        )));
    }
    wat::parse_bytes(bytes).map_err(|e| RunError::Load(format!("invalid module {name}: {e}")))
}

/// Loads a module to run: a precompiled module (`wasicrypt compile` output) only when
/// `allow_precompiled`; else compiles [`wasm_binary`]'s module, through wasmtime's
/// compiled-code cache when it is on.
pub fn load(
    engine: &Engine,
    bytes: &[u8],
    name: &Path,
    allow_precompiled: bool,
) -> Result<Module, RunError> {
    let shown = name.display();
    match Engine::detect_precompiled(bytes) {
        None => Module::new(engine, wasm_binary(bytes, name)?)
            .map_err(|e| RunError::Load(format!("invalid module {shown}: {}", chain(&e)))),
        Some(Precompiled::Component) => Err(RunError::Load(format!(
            "{shown} is a precompiled component; wasicrypt runs core modules"
        ))),
        Some(Precompiled::Module) if !allow_precompiled => Err(RunError::Load(format!(
            "{shown} is a precompiled module; pass --allow-precompiled to run it \
             (only for modules you trust: their machine code runs unchecked)"
        ))),
        Some(Precompiled::Module) => deserialize(engine, bytes).map_err(|e| {
            RunError::Load(format!(
                "cannot load precompiled module {shown}: {}; recompile it with `wasicrypt \
                 compile` and the same -O/-C/-D/-W options (and --fuel/--timeout as -W fuel/-W \
                 timeout) as this run",
                chain(&e)
            ))
        }),
    }
}

/// Deserializes a precompiled module.
#[allow(unsafe_code)]
fn deserialize(engine: &Engine, bytes: &[u8]) -> wasmtime::Result<Module> {
    // SAFETY: `Module::deserialize` runs the machine code in `bytes` without verifying it, so
    // the bytes must come from `Engine::precompile_module` (or `Module::serialize`). The user
    // asserts this by passing `--allow-precompiled`, as with `wasmtime run`. wasmtime itself
    // checks the header: the wasmtime version, target and every engine setting that affects
    // code generation, and refuses a mismatch with an error instead of running the code.
    unsafe { Module::deserialize(engine, bytes) }
}
