//! Peak resident memory of the 1 MiB cases, per column: how far the process's peak RSS (`VmHWM`,
//! reset through `/proc/self/clear_refs`) rises above its RSS before the case is prepared, while
//! the case is prepared and handles 17 messages. It counts the message buffers (in guest memory
//! for the wasm columns, with the instance) and every host copy made per call. Linux only.
//! Prints a markdown table and writes it to `peak-rss.md` in `$WASICRYPT_BENCH_OUT` (set by
//! `cargo xtask bench`), else `target/wasicrypt-bench/`.

use std::fmt::Write as _;

use anyhow::{Context, Result};
use wasicrypt_benches::guest::{GuestModule, guest_path};
use wasicrypt_benches::{Column, Op, Runner};

fn status_kib(field: &str) -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .with_context(|| format!("no {field} in /proc/self/status"))?;
    let kib = line
        .split_whitespace()
        .nth(1)
        .context("malformed /proc/self/status")?;
    Ok(kib.parse()?)
}

/// Peak RSS growth in KiB while `prepare` makes a runner and it handles 17 messages.
fn peak_growth(prepare: impl FnOnce() -> Result<Runner>) -> Result<u64> {
    std::fs::write("/proc/self/clear_refs", "5").context("cannot reset the peak RSS")?;
    let before = status_kib("VmRSS:")?;
    let mut runner = prepare()?;
    runner.run(17)?;
    let peak = status_kib("VmHWM:")?;
    drop(runner);
    Ok(peak.saturating_sub(before))
}

fn main() -> Result<()> {
    let module = GuestModule::load(&guest_path())?;
    let len = 1 << 20;
    let mut table = String::from("| case (1 MiB) | native | host | hostcall | wasm |\n");
    table.push_str("|---|---|---|---|---|\n");
    for op in Op::ALL.into_iter().filter(|op| op.sizes().contains(&len)) {
        write!(table, "| {} |", op.name())?;
        for column in Column::ALL {
            let kib = peak_growth(|| Runner::new(column, op, len, &module))?;
            write!(table, " {:.1} MiB |", kib as f64 / 1024.0)?;
        }
        table.push('\n');
    }
    print!("{table}");
    // `cargo xtask bench` says where its table goes (the workspace's target directory, which
    // `CARGO_TARGET_DIR` may move); run alone, the workspace's `target/`.
    let dir = match std::env::var_os("WASICRYPT_BENCH_OUT") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/wasicrypt-bench"),
    };
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("peak-rss.md"), &table)?;
    Ok(())
}
