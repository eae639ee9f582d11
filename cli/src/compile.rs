//! `wasicrypt compile`: ahead-of-time compilation to a precompiled module (`.cwasm`).

use std::path::{Path, PathBuf};

use crate::args::CompileArgs;
use crate::engine;
use crate::error::{RunError, chain, strip_os_error};

/// Compiles `args.module` with the engine its options describe and writes the precompiled
/// module to `-o` (default: the input's name with the extension `.cwasm`). Returns the path
/// written.
pub fn compile(args: &mut CompileArgs) -> Result<PathBuf, RunError> {
    let output = match (&args.output, args.module.as_path()) {
        (Some(output), _) => output.clone(),
        (None, input) if input == Path::new("-") => {
            return Err(RunError::Load(
                "give -o FILE when the module comes from standard input".to_owned(),
            ));
        }
        (None, input) => input.with_extension("cwasm"),
    };
    let engine = engine::build(&mut args.common, None, None)?;
    let bytes = engine::read(&args.module)?;
    let wasm = engine::wasm_binary(&bytes, &args.module)?;
    let compiled = engine.precompile_module(&wasm).map_err(|e| {
        RunError::Load(format!(
            "invalid module {}: {}",
            args.module.display(),
            chain(&e)
        ))
    })?;
    std::fs::write(&output, compiled).map_err(|e| {
        RunError::Load(format!(
            "cannot write {}: {}",
            output.display(),
            strip_os_error(&e.to_string())
        ))
    })?;
    Ok(output)
}
