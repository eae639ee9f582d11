//! The exit statuses `wasicrypt` itself chooses (the guest's own status is passed through unchanged).
//!
//! A WASI preview 1 guest can only exit with `0..126` (`proc_exit` traps on larger values), so
//! [`TRAP`] never collides with a status the guest chose; [`LOAD`] (1) is also a status a guest
//! may choose, as with `wasmtime run`: the message on stderr tells them apart.

/// The module could not be read, compiled, linked (e.g. an unknown import) or instantiated,
/// or the runner could not be configured (e.g. a `--dir` that cannot be opened): the status
/// `wasmtime run` exits with for these errors.
pub const LOAD: u8 = 1;

/// The guest trapped (`unreachable`, out-of-bounds access, fuel exhausted, ...) or a host call
/// failed fatally. Same as wasmtime's CLI on Unix (128 + SIGABRT).
pub const TRAP: u8 = 134;
