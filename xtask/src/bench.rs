//! `cargo xtask bench [FILTER]`: builds the bench guest for wasm32-wasip1, runs the
//! criterion benchmarks of `wasicrypt-benches` and the peak-RSS pass, then prints one table of
//! medians and ratios (also written to `target/wasicrypt-bench/table.md`).
//!
//! The smoke check is not here: the bench targets have `test = true`, so `cargo xtask test` runs
//! every benchmark once, in the test profile, and asserts nothing about time.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

use crate::workspace;
use crate::{process, setup};

/// The columns, in table order.
const COLUMNS: [&str; 4] = ["native", "host", "hostcall", "wasm"];

/// Builds the bench guest (release, wasm32-wasip1, through the set-up `path`) and returns its path.
pub fn build_guest(root: &Path, path: &setup::WasmPath) -> Result<PathBuf> {
    process::run(&mut path.cargo(
        root,
        &[
            "build",
            "--release",
            "--package",
            "wasicrypt-bench-guest",
            "--lib",
        ],
    ))?;
    let wasm = workspace::target_dir(root).join("wasm32-wasip1/release/wasicrypt_bench_guest.wasm");
    if !wasm.is_file() {
        bail!("{} was not built", wasm.display());
    }
    Ok(wasm)
}

/// Runs `cargo xtask bench` (see the module docs).
pub fn bench(root: &Path, args: &[&str]) -> Result<ExitCode> {
    let guest = build_guest(root, &setup::setup(root)?)?;
    let out = workspace::target_dir(root).join("wasicrypt-bench");
    let cargo = |args: &[&str]| {
        let mut cmd = Command::new(workspace::cargo());
        cmd.args(args)
            .env("WASICRYPT_BENCH_GUEST", &guest)
            .env("WASICRYPT_BENCH_OUT", &out)
            .current_dir(root);
        cmd
    };
    let mut columns = vec![
        "bench",
        "-p",
        "wasicrypt-benches",
        "--bench",
        "columns",
        "--",
    ];
    columns.extend(args);
    process::run(&mut cargo(&columns))?;
    if args.is_empty() {
        process::run(&mut cargo(&[
            "bench",
            "-p",
            "wasicrypt-benches",
            "--bench",
            "peak_rss",
        ]))?;
    }
    let mut table = table(&workspace::target_dir(root).join("criterion"))?;
    if let Ok(rss) = std::fs::read_to_string(out.join("peak-rss.md")) {
        table.push_str(
            "\nPeak RSS growth while a case is prepared and handles 17 messages of 1 MiB:\n\n",
        );
        table.push_str(&rss);
    }
    print!("\n{table}");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("table.md"), &table)?;
    Ok(ExitCode::SUCCESS)
}

/// The median of one benchmark, in nanoseconds, from criterion's `estimates.json`.
fn median(dir: &Path) -> Option<f64> {
    let text = std::fs::read_to_string(dir.join("new/estimates.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

/// A duration in nanoseconds, with a unit that keeps 3–4 significant digits.
fn time(ns: f64) -> String {
    match ns {
        n if n >= 1e6 => format!("{:.2} ms", n / 1e6),
        n if n >= 1e3 => format!("{:.2} µs", n / 1e3),
        n => format!("{n:.1} ns"),
    }
}

/// The markdown table of every benchmark under `criterion` (criterion's output directory).
fn table(criterion: &Path) -> Result<String> {
    let mut groups: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    let entries = std::fs::read_dir(criterion)
        .with_context(|| format!("no benchmark results in {}", criterion.display()))?;
    for group in entries.flatten() {
        let name = group.file_name().to_string_lossy().into_owned();
        for column in std::fs::read_dir(group.path())?.flatten() {
            if let Some(ns) = median(&column.path()) {
                let col = column.file_name().to_string_lossy().into_owned();
                groups.entry(name.clone()).or_default().insert(col, ns);
            }
        }
    }
    let mut out = String::new();
    if let Some(calls) = groups.remove("calls") {
        let get = |k: &str| calls.get(k).copied();
        writeln!(out, "| one call | median | × bare `func_wrap` |")?;
        writeln!(out, "|---|---|---|")?;
        for (key, label) in [
            ("bare", "empty host function (`func_wrap`)"),
            ("hostcall", "cheapest hostcall (absorb 0 B)"),
            ("host", "same call on `CryptoCtx`"),
        ] {
            if let (Some(ns), Some(bare)) = (get(key), get("bare")) {
                writeln!(out, "| {label} | {} | {:.1} |", time(ns), ns / bare)?;
            }
        }
        out.push('\n');
    }
    writeln!(
        out,
        "| case | native | host | hostcall | wasm | host ÷ native | hostcall ÷ native | wasm ÷ hostcall |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|")?;
    for (name, cols) in &groups {
        let get = |k: &str| cols.get(k).copied();
        write!(out, "| {name} |")?;
        for c in COLUMNS {
            write!(out, " {} |", get(c).map_or("—".into(), time))?;
        }
        let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
            _ => "—".into(),
        };
        writeln!(
            out,
            " {} | {} | {} |",
            ratio(get("host"), get("native")),
            ratio(get("hostcall"), get("native")),
            ratio(get("wasm"), get("hostcall")),
        )?;
    }
    Ok(out)
}
