//! A minimal named-check runner for guest programs (no panics needed: checks return
//! `Result<(), String>`).

use std::fmt::Debug;

use wasicrypt::ErrorKind;

use crate::hex;

/// The outcome of one check: `Ok(())` or a one-line reason.
pub type CheckResult = Result<(), String>;

type Check = Box<dyn FnOnce() -> CheckResult>;

/// Registered checks, run in registration order by [`Harness::run`].
#[derive(Default)]
pub struct Harness {
    checks: Vec<(String, Check, bool)>,
}

impl Harness {
    /// An empty harness.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers the check `name`.
    pub fn check(
        &mut self,
        name: impl Into<String>,
        check: impl FnOnce() -> CheckResult + 'static,
    ) {
        self.checks.push((name.into(), Box::new(check), false));
    }

    /// Registers a check whose call must trap the whole instance (an out-of-bounds result
    /// pointer, an out-of-range enum: values wiggle lowers itself, which trap as in wasmtime's
    /// WASI). A trap ends the instance, so the check runs only when selected alone with the
    /// filter `=NAME`; otherwise it is listed as `trap-check NAME`, for the runner to start one
    /// instance per listed check and assert that it trapped. If the call returns, whatever it
    /// returned, the check fails.
    pub fn check_traps(
        &mut self,
        name: impl Into<String>,
        check: impl FnOnce() -> CheckResult + 'static,
    ) {
        self.checks.push((name.into(), Box::new(check), true));
    }

    /// Runs every check, printing `ok NAME` / `FAIL NAME: why`, and returns `(passed, failed)`.
    pub fn run_all(self) -> (usize, usize) {
        self.run_matching(&[])
    }

    /// Runs the checks selected by `filters` (all of them if `filters` is empty): a filter
    /// `=NAME` selects the check named exactly `NAME`, any other filter the checks whose name
    /// contains it. Prints `ok NAME` / `FAIL NAME: why` (and `trap-check NAME` for a trap check
    /// not selected by `=NAME`), and returns `(passed, failed)`.
    pub fn run_matching(self, filters: &[String]) -> (usize, usize) {
        let (mut passed, mut failed) = (0, 0);
        for (name, check, traps) in self.checks {
            let exact = filters
                .iter()
                .any(|f| f.strip_prefix('=') == Some(name.as_str()));
            let selected = exact
                || filters
                    .iter()
                    .any(|f| !f.starts_with('=') && name.contains(f.as_str()));
            if !filters.is_empty() && !selected {
                continue;
            }
            if traps {
                if exact {
                    let returned = check();
                    failed += 1;
                    println!("FAIL {name}: returned ({returned:?}) instead of trapping");
                } else {
                    println!("trap-check {name}");
                }
                continue;
            }
            match check() {
                Ok(()) => {
                    passed += 1;
                    println!("ok {name}");
                }
                Err(why) => {
                    failed += 1;
                    println!("FAIL {name}: {why}");
                }
            }
        }
        (passed, failed)
    }

    /// Runs the checks (only those whose name contains one of the program's arguments, if any
    /// are given), prints `N passed, M failed` and exits: status 1 if any check failed, 0
    /// otherwise.
    pub fn run(self) -> ! {
        let filters: Vec<String> = std::env::args().skip(1).collect();
        let (passed, failed) = self.run_matching(&filters);
        println!("{passed} passed, {failed} failed");
        std::process::exit(if failed == 0 { 0 } else { 1 });
    }
}

/// `Err(msg)` unless `condition`.
pub fn ensure(condition: bool, msg: impl Into<String>) -> CheckResult {
    if condition { Ok(()) } else { Err(msg.into()) }
}

/// Compares byte strings, reporting both in hex on a mismatch.
pub fn ensure_bytes(what: &str, got: &[u8], want: &[u8]) -> CheckResult {
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "{what}: got {} ({} bytes), want {} ({} bytes)",
            hex(got),
            got.len(),
            hex(want),
            want.len()
        ))
    }
}

/// Compares two values, reporting both with `Debug` on a mismatch.
pub fn ensure_eq<T: PartialEq + Debug>(what: &str, got: T, want: T) -> CheckResult {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// The proposal's name of a `crypto_errno` value (`"success"` for 0).
pub fn errno_name(errno: u16) -> String {
    match ErrorKind::from_errno(errno) {
        None => "success".to_owned(),
        Some(error) => format!("{error} ({errno})"),
    }
}

/// Compares a raw errno with the expected one, reporting both by name.
pub fn ensure_errno(what: &str, got: u16, want: u16) -> CheckResult {
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "{what}: got {}, want {}",
            errno_name(got),
            errno_name(want)
        ))
    }
}

/// Expects `result` to be the error `want`.
pub fn ensure_err<T>(what: &str, result: wasicrypt::Result<T>, want: ErrorKind) -> CheckResult {
    match result {
        Err(error) if error == want => Ok(()),
        Err(error) => Err(format!("{what}: got error {error}, want {want}")),
        Ok(_) => Err(format!("{what}: succeeded, want error {want}")),
    }
}

/// Adds context to an error (a `wasicrypt` or I/O error) so it can be propagated with `?` in a
/// check.
pub trait Context<T> {
    /// Maps the error to `"{what}: {error}"`.
    fn ctx(self, what: &str) -> Result<T, String>;
}

impl<T, E: std::fmt::Display> Context<T> for Result<T, E> {
    fn ctx(self, what: &str) -> Result<T, String> {
        self.map_err(|error| format!("{what}: {error}"))
    }
}
