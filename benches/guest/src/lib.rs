//! The benchmark cases of `wasicrypt-benches`, built twice:
//! - natively (`rlib`): [`rustcrypto`] is the "native" column;
//! - for `wasm32-wasip1` (`cdylib`, a reactor module): the exports below run [`rustcrypto`]
//!   compiled to wasm (the "pure wasm" column) or [`hostcall`] (the "hostcall" column), timed
//!   by the host around each export call.
//!
//! Exports (wasm only): `bench_setup(column, case, len) -> i32` prepares a case (column 0:
//! hostcall, 1: pure wasm; `case`: an [`cases::Op`] discriminant; `len`: message bytes);
//! `bench_run(iters: i64) -> i32` runs it; `bench_noop(iters)` makes the cheapest hostcall;
//! `bench_bare(iters)` calls the host's empty `wasicrypt_bench.bare` import. Each returns 0, or
//! a non-zero code after printing what failed to stderr.

pub mod cases;
pub mod hostcall;
pub mod rustcrypto;

#[cfg(target_family = "wasm")]
mod exports;
