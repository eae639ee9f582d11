//! Results per file and in total, and their text form: one row per file, the `acceptable` cases
//! by flag, the errors of rejected cases, the failures with their inputs, and last the total line
//! `N passed, M failed, K skipped`.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use crate::case::errno_name;

/// How many `acceptable` cases carrying one flag were accepted and rejected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlagTally {
    /// Succeeded (with the expected output).
    pub accepted: usize,
    /// Failed with an error.
    pub rejected: usize,
}

/// One failed case, with what is needed to reproduce it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Wycheproof `tcId`.
    pub tc_id: u64,
    /// Wycheproof `result` and flags, e.g. `valid [Pseudorandom]`.
    pub label: String,
    /// The inputs ([`crate::case::Op::describe`]).
    pub inputs: String,
    /// What went wrong, per mode.
    pub why: String,
}

/// The results of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileReport {
    /// File name, e.g. `aes_gcm`.
    pub name: String,
    /// Cases in the file (passed + failed + skipped).
    pub cases: usize,
    /// Cases that passed (in every mode run, and with both modes agreeing).
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Skipped cases by reason.
    pub skipped: BTreeMap<String, usize>,
    /// `acceptable` cases by flag.
    pub acceptable: BTreeMap<String, FlagTally>,
    /// Errors returned by the cases that failed with one, by `crypto_errno`.
    pub rejections: BTreeMap<u16, usize>,
    /// The failed cases.
    pub failures: Vec<Failure>,
    /// Problems of a run as a whole (guest trap, leaked handles, …); any makes the run fail.
    pub errors: Vec<String>,
}

impl FileReport {
    /// Number of skipped cases.
    pub fn skipped_count(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// The results of a whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// One report per file, in run order.
    pub files: Vec<FileReport>,
}

impl Summary {
    /// Total passed cases.
    pub fn passed(&self) -> usize {
        self.files.iter().map(|f| f.passed).sum()
    }

    /// Total failed cases.
    pub fn failed(&self) -> usize {
        self.files.iter().map(|f| f.failed).sum()
    }

    /// Total skipped cases.
    pub fn skipped(&self) -> usize {
        self.files.iter().map(FileReport::skipped_count).sum()
    }

    /// Whether nothing failed: no failed case and no run error.
    pub fn is_success(&self) -> bool {
        self.failed() == 0 && self.files.iter().all(|f| f.errors.is_empty())
    }

    /// The total line: exactly `N passed, M failed, K skipped`.
    pub fn total_line(&self) -> String {
        total_line(self.passed(), self.failed(), self.skipped())
    }

    /// The full report; at most `max_failures` failures are detailed per file.
    pub fn render(&self, max_failures: usize) -> String {
        let mut out = String::new();
        self.write_table(&mut out).expect("writing to a String");
        self.write_acceptable(&mut out)
            .expect("writing to a String");
        self.write_rejections(&mut out)
            .expect("writing to a String");
        self.write_failures(&mut out, max_failures)
            .expect("writing to a String");
        out.push_str(&self.total_line());
        out.push('\n');
        out
    }

    fn write_table(&self, out: &mut String) -> fmt::Result {
        let width = self
            .files
            .iter()
            .map(|f| f.name.len())
            .max()
            .unwrap_or(4)
            .max(4);
        writeln!(
            out,
            "{:<width$}  {:>6}  {:>6}  {:>6}  {:>7}  skip reasons",
            "file", "cases", "passed", "failed", "skipped"
        )?;
        for f in &self.files {
            let reasons: Vec<String> = f
                .skipped
                .iter()
                .map(|(reason, n)| format!("{n} {reason}"))
                .collect();
            writeln!(
                out,
                "{:<width$}  {:>6}  {:>6}  {:>6}  {:>7}  {}",
                f.name,
                f.cases,
                f.passed,
                f.failed,
                f.skipped_count(),
                reasons.join("; ")
            )?;
        }
        Ok(())
    }

    fn write_acceptable(&self, out: &mut String) -> fmt::Result {
        let with_acceptable: Vec<&FileReport> = self
            .files
            .iter()
            .filter(|f| !f.acceptable.is_empty())
            .collect();
        if with_acceptable.is_empty() {
            return Ok(());
        }
        writeln!(
            out,
            "\nacceptable cases by flag (a case counts under each of its flags):"
        )?;
        for f in with_acceptable {
            let tallies: Vec<String> = f
                .acceptable
                .iter()
                .map(|(flag, t)| format!("{flag} {} accepted/{} rejected", t.accepted, t.rejected))
                .collect();
            writeln!(out, "  {}: {}", f.name, tallies.join(", "))?;
        }
        Ok(())
    }

    fn write_rejections(&self, out: &mut String) -> fmt::Result {
        if self.files.iter().all(|f| f.rejections.is_empty()) {
            return Ok(());
        }
        writeln!(out, "\nerrors returned by rejected cases:")?;
        for f in self.files.iter().filter(|f| !f.rejections.is_empty()) {
            let errors: Vec<String> = f
                .rejections
                .iter()
                .map(|(errno, n)| format!("{n} {}", errno_name(*errno)))
                .collect();
            writeln!(out, "  {}: {}", f.name, errors.join(", "))?;
        }
        Ok(())
    }

    fn write_failures(&self, out: &mut String, max_failures: usize) -> fmt::Result {
        for f in &self.files {
            for error in &f.errors {
                writeln!(out, "\nERROR {}: {error}", f.name)?;
            }
            if f.failures.is_empty() {
                continue;
            }
            writeln!(out, "\nFAILED {} ({} cases):", f.name, f.failures.len())?;
            for failure in f.failures.iter().take(max_failures) {
                writeln!(
                    out,
                    "  tcId {} {}: {}",
                    failure.tc_id, failure.label, failure.why
                )?;
                writeln!(out, "    inputs: {}", failure.inputs)?;
            }
            if f.failures.len() > max_failures {
                writeln!(
                    out,
                    "  ... and {} more (--all-failures shows every one)",
                    f.failures.len() - max_failures
                )?;
            }
        }
        writeln!(out)
    }
}

/// `N passed, M failed, K skipped`.
pub fn total_line(passed: usize, failed: usize, skipped: usize) -> String {
    format!("{passed} passed, {failed} failed, {skipped} skipped")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_line_has_the_exact_format() {
        assert_eq!(total_line(3, 0, 12), "3 passed, 0 failed, 12 skipped");
        let summary = Summary {
            files: vec![
                FileReport {
                    name: "a".into(),
                    cases: 5,
                    passed: 2,
                    failed: 1,
                    skipped: BTreeMap::from([("x".into(), 2)]),
                    ..FileReport::default()
                },
                FileReport {
                    name: "b".into(),
                    cases: 1,
                    passed: 1,
                    ..FileReport::default()
                },
            ],
        };
        assert_eq!(summary.total_line(), "3 passed, 1 failed, 2 skipped");
        assert!(!summary.is_success());
        let text = summary.render(10);
        assert_eq!(text.lines().last(), Some("3 passed, 1 failed, 2 skipped"));
        assert!(
            text.lines()
                .any(|l| l.starts_with("a ") && l.ends_with("2 x")),
            "{text}"
        );
    }
}
