//! Running child processes: echo, status checks, timeouts.

use std::process::{Command, ExitStatus};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Prints the command (to stderr) and runs it with inherited stdio; returns its exit status.
pub fn status(cmd: &mut Command) -> Result<ExitStatus> {
    eprintln!("xtask: running {}", show(cmd));
    cmd.status()
        .with_context(|| format!("cannot run {}", show(cmd)))
}

/// Like [`status`], but fails unless the command succeeds.
pub fn run(cmd: &mut Command) -> Result<()> {
    let st = status(cmd)?;
    if !st.success() {
        bail!("{} failed ({st})", show(cmd));
    }
    Ok(())
}

/// Runs the command, killing it after `limit`; fails on timeout or an unsuccessful exit.
pub fn run_with_timeout(cmd: &mut Command, limit: Duration) -> Result<()> {
    eprintln!(
        "xtask: running {} (time limit {} s)",
        show(cmd),
        limit.as_secs()
    );
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot run {}", show(cmd)))?;
    let deadline = Instant::now() + limit;
    loop {
        if let Some(st) = child.try_wait()? {
            if !st.success() {
                bail!("{} failed ({st})", show(cmd));
            }
            return Ok(());
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!("{} timed out after {} s", show(cmd), limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Runs the command capturing stdout; `None` if it cannot be run or fails.
pub fn stdout_of(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(std::process::Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A shell-like rendering of a command for messages.
pub fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}
