//! A minimal named-check runner for guest programs (no panics needed: checks return
//! `Result<(), String>`).

use std::fmt::Debug;

use wasicrypt::Error;

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

    /// Registers a check whose call may trap the whole instance instead of returning an errno
    /// (e.g. wiggle traps when it cannot write a result out-pointer). It runs only when selected
    /// by name (a filter argument); otherwise it is reported as `skip NAME: ...`. A runner can
    /// then execute it alone and accept either its `ok` line or a trap.
    pub fn check_may_trap(
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

    /// Runs the checks whose name contains one of `filters` (all of them if `filters` is empty),
    /// printing `ok NAME` / `FAIL NAME: why`, and returns `(passed, failed)`.
    pub fn run_matching(self, filters: &[String]) -> (usize, usize) {
        let (mut passed, mut failed) = (0, 0);
        for (name, check, may_trap) in self.checks {
            let selected = filters.iter().any(|f| name.contains(f.as_str()));
            if !filters.is_empty() && !selected {
                continue;
            }
            if may_trap && !selected {
                println!(
                    "skip {name}: may trap the instance; pass its name as an argument to run it alone"
                );
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
    match Error::from_errno(errno) {
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
pub fn ensure_err<T>(what: &str, result: wasicrypt::Result<T>, want: Error) -> CheckResult {
    match result {
        Err(error) if error == want => Ok(()),
        Err(error) => Err(format!("{what}: got error {error}, want {want}")),
        Ok(_) => Err(format!("{what}: succeeded, want error {want}")),
    }
}

/// Adds context to a `wasicrypt` error so it can be propagated with `?` in a check.
pub trait Context<T> {
    /// Maps the error to `"{what}: {error}"`.
    fn ctx(self, what: &str) -> Result<T, String>;
}

impl<T> Context<T> for wasicrypt::Result<T> {
    fn ctx(self, what: &str) -> Result<T, String> {
        self.map_err(|error| format!("{what}: {error}"))
    }
}
