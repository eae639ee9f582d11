//! Criterion benchmarks of every case in the four columns (see the crate docs), plus the cost of
//! one call: an empty host function, the cheapest hostcall, and the same call on [`CryptoCtx`].
//!
//! Ids: `calls/{bare,hostcall,host}` and `{case}-{size}/{column}`. `cargo xtask bench` runs this
//! and prints the medians as one table; `cargo test` (so `cargo xtask test`, and CI) runs each
//! benchmark once, untimed (the target has `test = true`).

use std::time::{Duration, Instant};

use criterion::{BenchmarkGroup, Criterion, Throughput, measurement::WallTime};
use wasicrypt_benches::guest::{GuestModule, guest_path};
use wasicrypt_benches::{Column, CryptoCtx, Op, Runner, direct};

fn timed(iters: u64, run: impl FnOnce(u64) -> anyhow::Result<()>) -> Duration {
    let start = Instant::now();
    if let Err(e) = run(iters) {
        panic!("benchmark failed: {e:#}");
    }
    start.elapsed()
}

fn calls(c: &mut Criterion, module: &GuestModule) -> anyhow::Result<()> {
    let mut group = c.benchmark_group("calls");
    let mut guest = module.instantiate()?;
    group.bench_function("bare", |b| {
        b.iter_custom(|iters| timed(iters, |n| guest.bare(n)))
    });
    group.bench_function("hostcall", |b| {
        b.iter_custom(|iters| timed(iters, |n| guest.noop(n)))
    });
    let mut ctx = CryptoCtx::new();
    let state = ctx.symmetric_state_open("SHA-256", None, None)?;
    group.bench_function("host", |b| {
        b.iter_custom(|iters| {
            timed(iters, |n| {
                direct::noop(&mut ctx, state, n).map_err(anyhow::Error::from)
            })
        })
    });
    group.finish();
    Ok(())
}

fn case(group: &mut BenchmarkGroup<'_, WallTime>, module: &GuestModule, op: Op, len: usize) {
    for column in Column::ALL {
        // Prepared only when the benchmark is selected (criterion calls the closure then).
        group.bench_function(column.name(), |b| {
            let mut runner = Runner::new(column, op, len, module)
                .unwrap_or_else(|e| panic!("cannot prepare {}: {e:#}", op.name()));
            b.iter_custom(|iters| timed(iters, |n| runner.run(n)))
        });
    }
}

fn main() -> anyhow::Result<()> {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
        .configure_from_args();
    let module = GuestModule::load(&guest_path())?;
    calls(&mut c, &module)?;
    for op in Op::ALL {
        for &len in op.sizes() {
            let mut group = c.benchmark_group(wasicrypt_benches::bench_id(op, len));
            if op.sizes().len() > 1 {
                group.throughput(Throughput::Bytes(len as u64));
            }
            case(&mut group, &module, op, len);
            group.finish();
        }
    }
    c.final_summary();
    Ok(())
}
