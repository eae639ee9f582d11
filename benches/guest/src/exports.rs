//! The module's exports (see the crate docs). wasm32-wasip1 is single-threaded: the prepared case
//! lives in a thread-local.

use std::cell::RefCell;

use crate::cases::Op;
use crate::{hostcall, rustcrypto};

enum Prepared {
    Hostcall(hostcall::Fixture),
    Wasm(rustcrypto::Fixture),
}

thread_local! {
    static PREPARED: RefCell<Option<Prepared>> = const { RefCell::new(None) };
}

#[link(wasm_import_module = "wasicrypt_bench")]
unsafe extern "C" {
    /// An empty host function with `symmetric_state_absorb`'s core signature.
    fn bare(a: i32, b: i32, c: i32) -> i32;
}

fn report<E: core::fmt::Debug>(what: &str, result: Result<(), E>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("bench guest: {what} failed: {e:?}");
            1
        }
    }
}

/// Prepares `case` on `len`-byte messages for `column` (0: hostcall, 1: pure wasm).
#[unsafe(no_mangle)]
pub extern "C" fn bench_setup(column: u32, case: u32, len: u32) -> i32 {
    let Some(op) = Op::from_id(case) else {
        return report("setup", Err(format!("unknown case {case}")));
    };
    let prepared = match column {
        0 => hostcall::Fixture::new(op, len as usize)
            .map(Prepared::Hostcall)
            .map_err(|e| format!("errno {e}")),
        1 => rustcrypto::Fixture::new(op, len as usize)
            .map(Prepared::Wasm)
            .map_err(String::from),
        _ => Err(format!("unknown column {column}")),
    };
    report(
        op.name(),
        prepared.map(|p| PREPARED.with(|cell| *cell.borrow_mut() = Some(p))),
    )
}

/// Runs the prepared case `iters` times.
#[unsafe(no_mangle)]
pub extern "C" fn bench_run(iters: u64) -> i32 {
    let result = PREPARED.with(|cell| match cell.borrow_mut().as_mut() {
        Some(Prepared::Hostcall(f)) => f.run(iters).map_err(|e| format!("errno {e}")),
        Some(Prepared::Wasm(f)) => f.run(iters).map_err(String::from),
        None => Err(String::from("nothing prepared")),
    });
    report("run", result)
}

/// The cheapest hostcall, `iters` times.
#[unsafe(no_mangle)]
pub extern "C" fn bench_noop(iters: u64) -> i32 {
    report("noop", hostcall::noop(iters))
}

/// The empty host import, `iters` times.
#[unsafe(no_mangle)]
pub extern "C" fn bench_bare(iters: u64) -> i32 {
    for i in 0..iters {
        // SAFETY: `bare` reads nothing through its arguments.
        let r = unsafe { bare(i as i32, 0, 0) };
        std::hint::black_box(r);
    }
    0
}
