//! Runs the real `wasicrypt` binary on small WAT modules.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// Exit status for a module that cannot be loaded/linked/instantiated (see `src/exit.rs`).
const EXIT_LOAD: i32 = 1;
/// Exit status for a guest trap.
const EXIT_TRAP: i32 = 134;

/// A scratch directory, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "wasicrypt-cli-test-{}-{}-{tag}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Compiles `wat` into `<dir>/app.wasm`.
    fn module(&self, wat: &str) -> &Self {
        let bytes = wat::parse_str(wat).expect("test WAT must parse");
        std::fs::write(self.0.join("app.wasm"), bytes).unwrap();
        self
    }

    /// Runs `wasicrypt <args>` with the scratch directory as the working directory and as the
    /// compiled-code cache's home (`XDG_CACHE_HOME`).
    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("spawn wasicrypt")
    }

    /// The command [`Scratch::run`] runs, to add environment variables to.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wasicrypt"));
        command
            .args(args)
            .current_dir(&self.0)
            .env("XDG_CACHE_HOME", self.0.join("cache"));
        command
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts the run failed with `code` and exactly one stderr line containing every word in `words`.
fn assert_one_line_error(out: &Output, code: i32, words: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(code),
        "status {:?}, stderr: {err}",
        out.status
    );
    assert!(!err.contains("panicked"), "panic: {err}");
    assert_eq!(err.lines().count(), 1, "want one stderr line, got: {err:?}");
    assert!(err.starts_with("wasicrypt: "), "no prefix: {err:?}");
    for w in words {
        assert!(err.contains(w), "stderr lacks {w:?}: {err:?}");
    }
}

/// Asserts the guest trapped: status 134, a first stderr line `wasicrypt: error: ...` holding
/// every word in `words`, then wasmtime's backtrace of the guest's frames.
fn assert_trap(out: &Output, words: &[&str]) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(EXIT_TRAP),
        "status {:?}: {err}",
        out.status
    );
    assert!(!err.contains("panicked"), "panic: {err}");
    let mut lines = err.lines();
    let first = lines.next().unwrap_or_default();
    assert!(first.starts_with("wasicrypt: error: "), "{err}");
    for w in words {
        assert!(first.contains(w), "first line lacks {w:?}: {err}");
    }
    assert_eq!(lines.next(), Some("wasm backtrace:"), "{err}");
    assert!(
        lines
            .next()
            .is_some_and(|l| l.trim_start().starts_with("0:")),
        "{err}"
    );
    err
}

const EXIT_7: &str = r#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const 7))))"#;

/// Exits 1 if `memory.grow` by one page fails (returns -1), 0 if it grew.
const GROW: &str = r#"(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (call $exit (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))))"#;

const RETURNS: &str = r#"(module
  (memory (export "memory") 1)
  (func (export "_start")))"#;

/// Prints the NUL-separated strings of `args_get`/`environ_get` one per line, exits with their count.
fn print_strings(kind: &str) -> String {
    format!(
        r#"(module
  (import "wasi_snapshot_preview1" "{kind}_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "{kind}_get" (func $get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (local $i i32) (local $len i32)
    ;; count at 0, buffer size at 4
    (if (call $sizes (i32.const 0) (i32.const 4)) (then unreachable))
    ;; pointers at 0x100, strings at 0x1000
    (if (call $get (i32.const 0x100) (i32.const 0x1000)) (then unreachable))
    (local.set $len (i32.load (i32.const 4)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (if (i32.eqz (i32.load8_u (i32.add (i32.const 0x1000) (local.get $i))))
        (then (i32.store8 (i32.add (i32.const 0x1000) (local.get $i)) (i32.const 10))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    ;; iovec at 0x10 = {{0x1000, len}}, nwritten at 0x20
    (i32.store (i32.const 0x10) (i32.const 0x1000))
    (i32.store (i32.const 0x14) (local.get $len))
    (if (call $write (i32.const 1) (i32.const 0x10) (i32.const 1) (i32.const 0x20)) (then unreachable))
    (call $exit (i32.load (i32.const 0)))))"#
    )
}

/// Exits with `fd_prestat_get(3)`'s errno; on success first prints the preopen's guest name.
const PRESTAT: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (local $e i32)
    ;; prestat at 0: tag u8, name_len u32 at 4
    (local.set $e (call $prestat (i32.const 3) (i32.const 0)))
    (if (local.get $e) (then (call $exit (local.get $e))))
    (if (call $name (i32.const 3) (i32.const 0x100) (i32.load (i32.const 4))) (then unreachable))
    (i32.store (i32.const 0x10) (i32.const 0x100))
    (i32.store (i32.const 0x14) (i32.load (i32.const 4)))
    (if (call $write (i32.const 1) (i32.const 0x10) (i32.const 1) (i32.const 0x20)) (then unreachable))
    (call $exit (i32.const 0))))"#;

#[test]
fn proc_exit_status_is_propagated() {
    let s = Scratch::new("exit7");
    let out = s.module(EXIT_7).run(&["run", "app.wasm"]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
}

#[test]
fn returning_from_start_exits_zero() {
    let s = Scratch::new("ok");
    let out = s.module(RETURNS).run(&["run", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
}

#[test]
fn guest_sees_args_with_module_name_as_argv0() {
    let s = Scratch::new("args");
    let out = s
        .module(&print_strings("args"))
        .run(&["run", "app.wasm", "first", "--fuel", "-x"]);
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    assert_eq!(stdout(&out), "app.wasm\nfirst\n--fuel\n-x\n");
}

#[test]
fn guest_sees_only_given_env() {
    let s = Scratch::new("env");
    let out = s.module(&print_strings("environ")).run(&[
        "run", "--env", "K=V", "--env", "EMPTY=", "--env", "EQ=a=b", "app.wasm",
    ]);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert_eq!(stdout(&out), "K=V\nEMPTY=\nEQ=a=b\n");

    let out = s.run(&["run", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stdout(&out), "");
}

#[test]
fn dir_is_preopened_as_fd_3() {
    let s = Scratch::new("dir");
    s.module(PRESTAT);
    let host = s.path().to_str().unwrap().to_owned();

    let out = s.run(&["run", "--dir", &format!("{host}::/repo"), "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stdout(&out), "/repo");

    let out = s.run(&["run", "--dir", ".", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stdout(&out), ".");

    // No preopen: fd 3 is EBADF (8).
    let out = s.run(&["run", "app.wasm"]);
    assert_eq!(out.status.code(), Some(8), "{out:?}");
}

#[test]
fn missing_dir_is_one_line_error() {
    let s = Scratch::new("nodir");
    let out = s
        .module(RETURNS)
        .run(&["run", "--dir", "no-such-dir", "app.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["cannot open directory", "no-such-dir"]);
}

#[test]
fn missing_file_is_one_line_error() {
    let s = Scratch::new("missing");
    let out = s.run(&["run", "nope.wasm"]);
    assert_one_line_error(
        &out,
        EXIT_LOAD,
        &["cannot read nope.wasm", "No such file or directory"],
    );
}

#[test]
fn invalid_module_is_one_line_error() {
    let s = Scratch::new("invalid");
    std::fs::write(s.path().join("bad.wasm"), b"this is not wasm").unwrap();
    let out = s.run(&["run", "bad.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["invalid module", "bad.wasm"]);
}

#[test]
fn unknown_import_is_one_line_error() {
    let s = Scratch::new("import");
    let out = s
        .module(
            r#"(module
              (import "env" "foo" (func))
              (memory (export "memory") 1)
              (func (export "_start")))"#,
        )
        .run(&["run", "app.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["unknown import", "env::foo"]);
}

#[test]
fn missing_start_is_one_line_error() {
    let s = Scratch::new("nostart");
    let out = s
        .module(r#"(module (memory (export "memory") 1))"#)
        .run(&["run", "app.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["_start"]);
}

#[test]
fn trap_shows_the_error_and_a_backtrace() {
    let s = Scratch::new("trap");
    let out = s
        .module(
            r#"(module $app
              (memory (export "memory") 1)
              (func $boom unreachable)
              (func (export "_start") (call $boom)))"#,
        )
        .run(&["run", "app.wasm"]);
    let err = assert_trap(&out, &["wasm trap:", "unreachable"]);
    // Innermost frame first, named from the module's name section.
    let frame = err.lines().nth(2).unwrap();
    assert!(frame.ends_with("app!boom"), "{err}");
}

/// Builds a Rust program that panics in `trap::check` (line 4) with line tables, as a user's
/// debug build would be.
fn rust_program_with_debug_info(s: &Scratch) -> PathBuf {
    let source = s.path().join("trap.rs");
    std::fs::write(
        &source,
        "#[inline(never)]\nfn check(n: usize) {\n    if n > 2 {\n        panic!(\"too large\");\n    }\n}\n\
         fn main() {\n    check(std::env::args().count() + 5);\n}\n",
    )
    .unwrap();
    let wasm = s.path().join("trap.wasm");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let status = Command::new(rustc)
        .args([
            "--target",
            "wasm32-wasip1",
            "-C",
            "debuginfo=line-tables-only",
        ])
        .args(["--crate-name", "trap", "-o"])
        .arg(&wasm)
        .arg(&source)
        // The project's pinned toolchain, which carries the wasm32-wasip1 target.
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run rustc");
    assert!(status.success(), "rustc --target wasm32-wasip1 failed");
    wasm
}

#[test]
fn backtrace_is_demangled_with_file_and_line() {
    let s = Scratch::new("backtrace");
    let wasm = rust_program_with_debug_info(&s);
    // The guest's own panic message goes to its stderr: leave it out (-S inherit-stderr=n).
    let out = s.run(&["run", "-S", "inherit-stderr=n", wasm.to_str().unwrap()]);
    let err = assert_trap(&out, &["unreachable"]);
    let lines: Vec<&str> = err.lines().collect();
    let check = lines
        .iter()
        .position(|l| l.contains("trap[") && l.ends_with("]::check"))
        .unwrap_or_else(|| panic!("no demangled trap::check frame: {err}"));
    assert!(
        lines[check + 1].trim_start().starts_with("at ")
            && lines[check + 1].ends_with("trap.rs:4:9"),
        "{err}"
    );
    assert!(!err.contains("_ZN"), "mangled name left: {err}");
}

#[test]
fn fuel_limits_execution() {
    let s = Scratch::new("fuel");
    s.module(
        r#"(module
          (memory (export "memory") 1)
          (func (export "_start") (loop $l (br $l))))"#,
    );
    let out = s.run(&["run", "--fuel", "10000", "app.wasm"]);
    assert_trap(&out, &["fuel"]);
    let out = s.run(&["run", "-W", "fuel=10000", "app.wasm"]);
    assert_trap(&out, &["fuel"]);

    let s = Scratch::new("fuel-ok");
    let out = s
        .module(RETURNS)
        .run(&["run", "--fuel", "10000", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn fuel_covers_host_work() {
    // Three RSA-4096 key generations: seconds of host work for a handful of wasm instructions.
    let s = Scratch::new("fuel-host");
    s.module(
        r#"(module
          (import "wasi_ephemeral_crypto_asymmetric_common" "keypair_generate"
            (func $kg (param i32 i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "RSA_PSS_4096_SHA512")
          (data (i32.const 64) "\01\00\00\00\00\00\00\00")
          (func $gen (drop (call $kg (i32.const 0) (i32.const 16) (i32.const 19) (i32.const 64) (i32.const 128))))
          (func (export "_start") (call $gen) (call $gen) (call $gen)))"#,
    );
    let out = s.run(&["run", "--fuel", "300000", "app.wasm"]);
    // The report names the import that ran out.
    assert_trap(
        &out,
        &[
            "host function `wasi_ephemeral_crypto_asymmetric_common::keypair_generate` failed",
            "fuel",
        ],
    );
}

#[test]
fn crypto_max_memory_bounds_what_the_host_holds() {
    // Three options objects with a 64 KiB value each: exit with the first errno (0: all held).
    let s = Scratch::new("crypto-memory");
    s.module(
        r#"(module
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (import "wasi_ephemeral_crypto_common" "options_open"
            (func $open (param i32 i32) (result i32)))
          (import "wasi_ephemeral_crypto_common" "options_set"
            (func $set (param i32 i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 2)
          (data (i32.const 0) "context")
          (func $one (result i32)
            (local $errno i32)
            (local.set $errno (call $open (i32.const 1) (i32.const 128)))
            (if (local.get $errno) (then (return (local.get $errno))))
            (call $set (i32.load (i32.const 128)) (i32.const 0) (i32.const 7) (i32.const 1024) (i32.const 65536)))
          (func (export "_start")
            (local $errno i32)
            (local.set $errno (call $one))
            (if (i32.eqz (local.get $errno)) (then (local.set $errno (call $one))))
            (if (i32.eqz (local.get $errno)) (then (local.set $errno (call $one))))
            (call $exit (local.get $errno))))"#,
    );
    let out = s.run(&["run", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Two values fit in 150,000 bytes, the third does not: `overflow`, errno 16.
    let out = s.run(&["run", "--crypto-max-memory", "150000", "app.wasm"]);
    assert_eq!(out.status.code(), Some(16), "{out:?}");
}

#[test]
fn password_hashing_ceilings_are_options() {
    // Opens PBKDF2-HMAC/SHA-256 with salt "salt" and 2000 iterations: exits with the errno.
    let s = Scratch::new("pbkdf2-ceiling");
    s.module(
        r#"(module
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (import "wasi_ephemeral_crypto_common" "options_open"
            (func $open (param i32 i32) (result i32)))
          (import "wasi_ephemeral_crypto_common" "options_set"
            (func $set (param i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_ephemeral_crypto_common" "options_set_u64"
            (func $set_u64 (param i32 i32 i32 i64) (result i32)))
          (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_open"
            (func $state_open (param i32 i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "salt")
          (data (i32.const 16) "ops_limit")
          (data (i32.const 32) "PBKDF2-HMAC/SHA-256")
          ;; opt_symmetric_key = none (tag 1); opt_options = some (tag 0) at 72
          (data (i32.const 64) "\01\00\00\00\00\00\00\00")
          (func $run (result i32)
            (local $errno i32)
            (local.set $errno (call $open (i32.const 1) (i32.const 76)))
            (if (local.get $errno) (then (return (local.get $errno))))
            (local.set $errno
              (call $set (i32.load (i32.const 76)) (i32.const 0) (i32.const 4) (i32.const 0) (i32.const 4)))
            (if (local.get $errno) (then (return (local.get $errno))))
            (local.set $errno
              (call $set_u64 (i32.load (i32.const 76)) (i32.const 16) (i32.const 9) (i64.const 2000)))
            (if (local.get $errno) (then (return (local.get $errno))))
            (call $state_open (i32.const 32) (i32.const 19) (i32.const 64) (i32.const 72) (i32.const 96)))
          (func (export "_start") (call $exit (call $run))))"#,
    );
    let out = s.run(&["run", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // `prohibited_operation` is errno 4.
    let out = s.run(&["run", "--pbkdf2-max-iterations", "1999", "app.wasm"]);
    assert_eq!(out.status.code(), Some(4), "{out:?}");
}

#[test]
fn max_memory_limits_growth_and_instantiation() {
    // memory.grow beyond the cap returns -1: exit 1 if it failed, 0 if it grew.
    let s = Scratch::new("grow");
    s.module(GROW);
    let out = s.run(&["run", "--max-memory", "65536", "app.wasm"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let out = s.run(&["run", "--max-memory", "131072", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    // A module whose initial memory exceeds the cap cannot be instantiated.
    let s = Scratch::new("big");
    let out = s
        .module(r#"(module (memory (export "memory") 4) (func (export "_start")))"#)
        .run(&["run", "--max-memory", "65536", "app.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["cannot instantiate"]);
}

#[test]
fn sizes_take_units() {
    // 64KiB is one page: the guest cannot grow; 128KiB it can.
    let s = Scratch::new("units");
    s.module(GROW);
    let out = s.run(&["run", "--max-memory", "64KiB", "app.wasm"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let out = s.run(&[
        "run",
        "--max-memory",
        "128KiB",
        "--crypto-max-memory",
        "1MiB",
        "app.wasm",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = s.run(&["run", "--max-memory", "64 parsecs", "app.wasm"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown unit"),
        "{out:?}"
    );
}

#[test]
fn run_is_implicit() {
    let s = Scratch::new("implicit");
    let out = s.module(EXIT_7).run(&["app.wasm"]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    let out = s.run(&["--help"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout(&out).contains("run"), "{out:?}");
}

#[test]
fn timeout_stops_a_guest_in_a_loop() {
    let s = Scratch::new("timeout");
    s.module(r#"(module (func (export "_start") (loop $l (br $l))))"#);
    let started = std::time::Instant::now();
    let out = s.run(&["run", "--timeout", "300ms", "app.wasm"]);
    assert_trap(&out, &["interrupt"]);
    let out = s.run(&["run", "-W", "timeout=300ms", "app.wasm"]);
    assert_trap(&out, &["interrupt"]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "{out:?}"
    );
    // A guest that finishes in time is not affected.
    let out = s
        .module(EXIT_7)
        .run(&["run", "--timeout", "10s", "app.wasm"]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    let out = s.run(&["run", "--timeout", "3 days", "app.wasm"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn text_modules_run() {
    let s = Scratch::new("wat");
    std::fs::write(s.path().join("app.wat"), EXIT_7).unwrap();
    let out = s.run(&["run", "app.wat"]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    std::fs::write(
        s.path().join("bad.wat"),
        "(module (func (export \"_start\") (call 99)))",
    )
    .unwrap();
    let out = s.run(&["run", "bad.wat"]);
    assert_one_line_error(&out, EXIT_LOAD, &["invalid module", "bad.wat"]);
}

#[test]
fn dash_reads_the_module_from_stdin() {
    use std::io::Write;
    use std::process::Stdio;
    for module in [EXIT_7.as_bytes().to_vec(), wat::parse_str(EXIT_7).unwrap()] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wasicrypt"))
            .args(["run", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn wasicrypt");
        child.stdin.take().unwrap().write_all(&module).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{out:?}");
    }
}

#[test]
fn usage_error_exits_2() {
    let s = Scratch::new("usage");
    let out = s.run(&["run"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let out = s.run(&["run", "--fuel", "lots", "app.wasm"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

/// Passes once the host registers the WASI-Crypto functions.
#[test]
fn crypto_import_instantiates() {
    let s = Scratch::new("crypto");
    let out = s
        .module(
            r#"(module
              (import "wasi_ephemeral_crypto_common" "options_open"
                (func (param i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "_start")))"#,
        )
        .run(&["run", "app.wasm"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn out_of_range_exit_status_is_a_trap() {
    let s = Scratch::new("exit200");
    let out = s
        .module(&EXIT_7.replace("i32.const 7", "i32.const 200"))
        .run(&["run", "app.wasm"]);
    assert_trap(&out, &["exit status"]);
}

#[test]
fn wasm_option_max_memory_size_takes_units() {
    let s = Scratch::new("w-memory");
    s.module(GROW);
    let out = s.run(&["run", "-W", "max-memory-size=64KiB", "app.wasm"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let out = s.run(&["run", "-W", "max-memory-size=131072", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Ours wins over -W when both are given.
    let out = s.run(&[
        "run",
        "-W",
        "max-memory-size=64KiB",
        "--max-memory",
        "1MiB",
        "app.wasm",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = s.run(&["run", "-W", "max-memory-size=64TiB", "app.wasm"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown unit"),
        "{out:?}"
    );
}

#[test]
fn wasm_option_trap_on_grow_failure() {
    let s = Scratch::new("w-grow-trap");
    let out = s.module(GROW).run(&[
        "run",
        "-W",
        "max-memory-size=64KiB,trap-on-grow-failure=y",
        "app.wasm",
    ]);
    assert_trap(&out, &["memory"]);
}

#[test]
fn wasm_option_unknown_imports_trap() {
    let s = Scratch::new("w-unknown");
    s.module(
        r#"(module
          (import "env" "foo" (func $foo))
          (memory (export "memory") 1)
          (func (export "_start") (call $foo)))"#,
    );
    let out = s.run(&["run", "-W", "unknown-imports-trap", "app.wasm"]);
    assert_trap(&out, &["env::foo"]);
    let out = s.run(&["run", "-W", "unknown-imports-default", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn wasi_option_inherit_env() {
    let s = Scratch::new("s-env");
    s.module(&print_strings("environ"));
    let out = s
        .command(&["run", "-S", "inherit-env", "--env", "K=V", "app.wasm"])
        .env("WASICRYPT_TEST_INHERITED", "yes")
        .output()
        .unwrap();
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l == "WASICRYPT_TEST_INHERITED=yes"),
        "{out:?}"
    );
    assert!(stdout(&out).lines().any(|l| l == "K=V"), "{out:?}");
    let out = s
        .command(&["run", "app.wasm"])
        .env("WASICRYPT_TEST_INHERITED", "yes")
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "", "{out:?}");
}

#[test]
fn wasi_option_inherit_stdout() {
    let s = Scratch::new("s-stdout");
    s.module(&print_strings("args"));
    let out = s.run(&["run", "-S", "inherit-stdout=n", "app.wasm", "x"]);
    assert_eq!(
        (out.status.code(), stdout(&out).as_str()),
        (Some(2), ""),
        "{out:?}"
    );
}

#[test]
fn unsupported_wasi_option_is_refused() {
    let s = Scratch::new("s-tcp");
    let out = s.module(RETURNS).run(&["run", "-S", "tcp", "app.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["-S tcp", "not supported by wasicrypt"]);
    let out = s.run(&["run", "-S", "http", "app.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["-S http", "not supported"]);
    let out = s.run(&["run", "-S", "no-such-option", "app.wasm"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn argv0_replaces_the_module_name() {
    let s = Scratch::new("argv0");
    let out = s
        .module(&print_strings("args"))
        .run(&["run", "--argv0", "tool", "app.wasm", "a"]);
    assert_eq!(stdout(&out), "tool\na\n", "{out:?}");
}

/// `_initialize` stores 40 in a global; `add` returns global + a + b; `pi` returns 3.5.
const REACTOR: &str = r#"(module
  (memory (export "memory") 1)
  (global $base (mut i64) (i64.const 0))
  (func (export "_initialize") (global.set $base (i64.const 40)))
  (func (export "add") (param i32 i64) (result i64)
    (i64.add (global.get $base) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1))))
  (func (export "pair") (result i32 f64) (i32.const -1) (f64.const 3.5))
  (func (export "boom") unreachable))"#;

#[test]
fn invoke_prints_results() {
    let s = Scratch::new("invoke");
    s.module(REACTOR);
    let out = s.run(&["run", "--invoke", "add", "app.wasm", "-2", "0x10"]);
    assert_eq!(
        (out.status.code(), stdout(&out).as_str()),
        (Some(0), "54\n"),
        "{out:?}"
    );
    let out = s.run(&["run", "--invoke", "pair", "app.wasm"]);
    assert_eq!(stdout(&out), "-1\n3.5\n", "{out:?}");
    let out = s.run(&["run", "--invoke", "boom", "app.wasm"]);
    assert_trap(&out, &["unreachable"]);
}

#[test]
fn invoke_errors() {
    let s = Scratch::new("invoke-errors");
    s.module(REACTOR);
    let out = s.run(&["run", "--invoke", "nope", "app.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["exports no function `nope`"]);
    let out = s.run(&["run", "--invoke", "add", "app.wasm", "1"]);
    assert_one_line_error(&out, EXIT_LOAD, &["`add` takes 2", "(i32, i64)", "got 1"]);
    let out = s.run(&["run", "--invoke", "add", "app.wasm", "1", "two"]);
    assert_one_line_error(
        &out,
        EXIT_LOAD,
        &["argument 2 of `add` must be an i64", "two"],
    );
    // Without --invoke a reactor is not a command.
    let out = s.run(&["run", "app.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["_start", "--invoke"]);
}

#[test]
fn precompiled_round_trip() {
    let s = Scratch::new("compile");
    s.module(EXIT_7);
    let out = s.run(&["compile", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = s.run(&["run", "--allow-precompiled", "app.cwasm"]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    // -o names the output; text modules compile too.
    std::fs::write(s.path().join("app.wat"), EXIT_7).unwrap();
    let out = s.run(&["compile", "app.wat", "-o", "other.cwasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = s.run(&["--allow-precompiled", "other.cwasm"]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    // Compiled with fuel, it runs with --fuel.
    let out = s.run(&["compile", "-W", "fuel=0", "app.wasm", "-o", "fuel.cwasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = s.run(&["run", "--allow-precompiled", "--fuel", "100", "fuel.cwasm"]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
}

#[test]
fn precompiled_needs_allow_precompiled() {
    let s = Scratch::new("compile-refused");
    s.module(EXIT_7);
    assert_eq!(s.run(&["compile", "app.wasm"]).status.code(), Some(0));
    let out = s.run(&["run", "app.cwasm"]);
    assert_one_line_error(
        &out,
        EXIT_LOAD,
        &["precompiled module", "--allow-precompiled"],
    );
    let out = s.run(&["compile", "app.cwasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["already a precompiled module"]);
}

#[test]
fn precompiled_for_another_configuration_is_refused() {
    let s = Scratch::new("compile-mismatch");
    s.module(EXIT_7);
    assert_eq!(s.run(&["compile", "app.wasm"]).status.code(), Some(0));
    let out = s.run(&["run", "--allow-precompiled", "--fuel", "100", "app.cwasm"]);
    assert_one_line_error(
        &out,
        EXIT_LOAD,
        &[
            "cannot load precompiled module app.cwasm",
            "fuel",
            "recompile",
        ],
    );
    let out = s.run(&[
        "run",
        "--allow-precompiled",
        "--timeout",
        "10s",
        "app.cwasm",
    ]);
    assert_one_line_error(
        &out,
        EXIT_LOAD,
        &["cannot load precompiled module", "recompile"],
    );
}

#[test]
fn compile_errors() {
    let s = Scratch::new("compile-errors");
    std::fs::write(s.path().join("bad.wasm"), b"not wasm").unwrap();
    let out = s.run(&["compile", "bad.wasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["invalid module bad.wasm"]);
    let out = s.run(&["compile", "-"]);
    assert_one_line_error(&out, EXIT_LOAD, &["-o FILE"]);
    s.module(RETURNS);
    let out = s.run(&["compile", "app.wasm", "-o", "no-such-dir/app.cwasm"]);
    assert_one_line_error(&out, EXIT_LOAD, &["cannot write no-such-dir/app.cwasm"]);
}

#[test]
fn compiled_code_cache_is_on_by_default() {
    let s = Scratch::new("cache");
    s.module(RETURNS);
    let modules = s.path().join("cache/wasmtime/modules");
    let out = s.run(&["run", "-C", "cache=n", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!modules.exists(), "cache=n wrote {}", modules.display());
    let out = s.run(&["run", "app.wasm"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let entries = std::fs::read_dir(&modules)
        .unwrap_or_else(|e| panic!("no cache at {}: {e}", modules.display()))
        .count();
    assert!(entries > 0, "empty cache at {}", modules.display());
}

#[test]
fn options_before_the_module_mean_run() {
    let s = Scratch::new("implicit-options");
    let out = s
        .module(GROW)
        .run(&["-W", "max-memory-size=64KiB", "app.wasm"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
}

#[test]
fn run_help_lists_options_and_exit_statuses() {
    let s = Scratch::new("help");
    let out = s.run(&["run", "--help"]);
    let help = stdout(&out);
    for option in [
        "--invoke",
        "--allow-precompiled",
        "--dir",
        "--env",
        "--fuel",
        "--timeout",
        "--max-memory",
        "--crypto-max-memory",
        "-W",
        "-S",
        "Exit status",
        "134",
    ] {
        assert!(help.contains(option), "help lacks {option}: {help}");
    }
}

#[test]
fn algorithms_lists_every_algorithm() {
    let s = Scratch::new("algorithms");
    let out = s.run(&["algorithms"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let table = stdout(&out);
    let rows: Vec<&str> = table.lines().skip(1).collect();
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no {name} row: {table}"))
            .to_string()
    };
    assert!(row("AES-256-GCM").contains("aead"), "{table}");
    assert!(row("ML-KEM-768").contains("kem"), "{table}");
    assert!(row("ECDSA_P256_SHA256").contains("sec"), "{table}");

    let out = s.run(&["algorithms", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let all = json.as_array().unwrap();
    assert_eq!(all.len(), rows.len());
    let names: Vec<&str> = all.iter().map(|a| a["name"].as_str().unwrap()).collect();
    for name in [
        "SHA-256",
        "Ed25519",
        "X25519",
        "XOODYAK-128",
        "ARGON2-ID-13",
    ] {
        assert!(
            names.iter().any(|n| n.eq_ignore_ascii_case(name)),
            "{name}: {names:?}"
        );
    }
    let ed = all.iter().find(|a| a["name"] == "Ed25519").unwrap();
    assert_eq!(ed["kind"], "signatures");
    assert_eq!(ed["encodings"]["signature"], serde_json::json!(["raw"]));
}

/// `wasicrypt secrets …` on a fresh vault: init writes a 0600 master key, generate/import print
/// identifiers, list shows every version, rotate adds one, revoke erases one, export-public
/// prints the public key; every failure is one line with status 1.
#[test]
fn secrets_commands_manage_a_vault() {
    let dir = Scratch::new("secrets");
    let vault = |args: &[&str]| {
        let mut all = vec!["secrets", "--vault", "v.db", "--master-key-file", "mk"];
        all.extend_from_slice(args);
        dir.run(&all)
    };
    let init = vault(&["init"]);
    assert!(init.status.success(), "{init:?}");
    assert!(stdout(&init).contains("initialized vault v.db"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("mk"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_one_line_error(&vault(&["init"]), EXIT_LOAD, &["v.db", "already a vault"]);

    let out = vault(&["generate", "ed25519"]);
    assert!(out.status.success(), "{out:?}");
    let id = stdout(&out).trim().to_owned();
    assert_eq!(id.len(), 32, "{id:?}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));

    std::fs::write(dir.path().join("aes.key"), [7u8; 32]).unwrap();
    let out = vault(&["import", "AES-256-GCM", "aes.key", "--expires-in", "1h"]);
    assert!(out.status.success(), "{out:?}");
    let aes = stdout(&out).trim().to_owned();
    assert_one_line_error(
        &vault(&["import", "Ed25519", "aes.key"]),
        EXIT_LOAD,
        &["aes.key", "is not a Ed25519 key pair"],
    );

    let rotated = vault(&["rotate", &id]);
    assert_eq!(stdout(&rotated).trim(), format!("{id} version 2"));
    let v1 = vault(&["export-public", &id, "--version", "1", "--encoding", "raw"]);
    let v2 = vault(&["export-public", &id, "--encoding", "raw"]);
    assert_eq!(stdout(&v1).trim().len(), 64);
    assert_ne!(stdout(&v1), stdout(&v2), "rotation made a new key");
    let pem = stdout(&vault(&["export-public", &id]));
    assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{pem}");

    for version in 1..=2 {
        let rotated = vault(&["rotate", "encapsulation-key"]);
        assert_eq!(
            stdout(&rotated).trim(),
            format!("encapsulation-key version {version}")
        );
    }
    let revoke = vault(&["revoke", &id, "--version", "1"]);
    assert!(revoke.status.success(), "{revoke:?}");
    let list = stdout(&vault(&["list"]));
    let rows: Vec<&str> = list.lines().skip(1).collect();
    assert_eq!(rows.len(), 5, "{list}");
    assert_eq!(list.matches("encapsulation_key").count(), 2, "{list}");
    assert!(
        rows.iter()
            .any(|r| r.starts_with(&id) && r.ends_with("revoked"))
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with(&id) && r.contains(" 2 ") && r.ends_with("live"))
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with(&aes) && r.contains("AES-256-GCM"))
    );
    assert_one_line_error(
        &vault(&["export-public", &id, "--version", "1"]),
        EXIT_LOAD,
        &["no key", &id, "namespace default"],
    );
    assert_one_line_error(
        &vault(&["rotate", "feedface"]),
        EXIT_LOAD,
        &["no key feedface"],
    );
    assert_one_line_error(
        &vault(&["generate", "AES-999"]),
        EXIT_LOAD,
        &["unknown algorithm"],
    );

    // Another namespace sees nothing of these.
    let other = dir.run(&[
        "secrets",
        "--vault",
        "v.db",
        "--master-key-file",
        "mk",
        "--namespace",
        "other",
        "list",
    ]);
    assert_eq!(stdout(&other).lines().count(), 1, "{}", stdout(&other));

    std::fs::write(dir.path().join("wrong"), [1u8; 32]).unwrap();
    let wrong = dir.run(&[
        "secrets",
        "--vault",
        "v.db",
        "--master-key-file",
        "wrong",
        "list",
    ]);
    assert_one_line_error(&wrong, EXIT_LOAD, &["wrong master key", "v.db"]);
    let missing = dir.run(&[
        "secrets",
        "--vault",
        "none.db",
        "--master-key-file",
        "mk",
        "list",
    ]);
    assert_one_line_error(&missing, EXIT_LOAD, &["no vault at none.db"]);
    std::fs::write(dir.path().join("junk.db"), [0x5au8; 4096]).unwrap();
    let junk = dir.run(&[
        "secrets",
        "--vault",
        "junk.db",
        "--master-key-file",
        "mk",
        "list",
    ]);
    assert_one_line_error(&junk, EXIT_LOAD, &["junk.db", "corrupt"]);
    // Another process holds the write lock: a clear one-line error after the wait.
    let holder = hold_write_lock(&dir.path().join("v.db"));
    let locked = vault(&["--vault-timeout", "300ms", "generate", "Ed25519"]);
    assert_one_line_error(&locked, EXIT_LOAD, &["v.db", "locked by another process"]);
    drop(holder);
    let no_key = dir
        .command(&["secrets", "--vault", "v.db", "list"])
        .env_remove("WASICRYPT_MASTER_KEY")
        .output()
        .unwrap();
    assert_one_line_error(&no_key, EXIT_LOAD, &["master key", "WASICRYPT_MASTER_KEY"]);
    let hex = std::fs::read_to_string(dir.path().join("mk")).unwrap();
    let by_env = dir
        .command(&["secrets", "--vault", "v.db", "list"])
        .env("WASICRYPT_MASTER_KEY", hex.trim())
        .output()
        .unwrap();
    assert_eq!(stdout(&by_env), list);
}

/// A guest run with `--vault` generates a managed key pair in its namespace and cannot export
/// it (`prohibited_operation`, 4) unless `--allow-key-export`; without `--vault`,
/// `secrets_manager_open` is `unsupported_feature` (3). The key is in the vault afterwards.
#[test]
fn run_with_a_vault_gives_the_guest_managed_keys() {
    let dir = Scratch::new("run-vault");
    dir.module(
        r#"(module
          (import "wasi_ephemeral_crypto_common" "secrets_manager_open"
            (func $open (param i32 i32) (result i32)))
          (import "wasi_ephemeral_crypto_asymmetric_common" "keypair_generate_managed"
            (func $generate (param i32 i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_ephemeral_crypto_asymmetric_common" "keypair_export"
            (func $export (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "\01")
          (data (i32.const 16) "Ed25519")
          (func (export "_start") (local $e i32)
            (local.set $e (call $open (i32.const 0) (i32.const 100)))
            (if (local.get $e) (then (call $exit (i32.add (i32.const 100) (local.get $e)))))
            (local.set $e (call $generate (i32.load (i32.const 100)) (i32.const 0)
              (i32.const 16) (i32.const 7) (i32.const 0) (i32.const 104)))
            (if (local.get $e) (then (call $exit (i32.add (i32.const 200) (local.get $e)))))
            (call $exit (call $export (i32.load (i32.const 104)) (i32.const 0) (i32.const 108)))))"#,
    );
    let init = dir.run(&[
        "secrets",
        "--vault",
        "v.db",
        "--master-key-file",
        "mk",
        "init",
    ]);
    assert!(init.status.success(), "{init:?}");
    let with = [
        "run",
        "--vault",
        "v.db",
        "--master-key-file",
        "mk",
        "--namespace",
        "ci",
    ];
    let sealed = dir.run(&[&with[..], &["app.wasm"]].concat());
    assert_eq!(sealed.status.code(), Some(4), "{sealed:?}");
    let open = dir.run(&[&with[..], &["--allow-key-export", "app.wasm"]].concat());
    assert_eq!(open.status.code(), Some(0), "{open:?}");
    assert_eq!(dir.run(&["app.wasm"]).status.code(), Some(103));
    let list = dir.run(&[
        "secrets",
        "--vault",
        "v.db",
        "--master-key-file",
        "mk",
        "--namespace",
        "ci",
        "list",
    ]);
    assert_eq!(
        stdout(&list).matches("Ed25519").count(),
        2,
        "{}",
        stdout(&list)
    );
    let wrong = dir.run(&[
        "run",
        "--vault",
        "v.db",
        "--master-key-file",
        "app.wasm",
        "app.wasm",
    ]);
    assert_one_line_error(&wrong, EXIT_LOAD, &["master key", "app.wasm"]);
}

/// The operator commands on a PostgreSQL vault (`--vault postgres://…`) at
/// `WASICRYPT_POSTGRES_URL`, which `cargo xtask test` starts: one schema per run.
#[test]
fn secrets_commands_manage_a_postgres_vault() {
    let url = std::env::var("WASICRYPT_POSTGRES_URL").expect(
        "WASICRYPT_POSTGRES_URL must name a PostgreSQL server (cargo xtask test starts one)",
    );
    assert!(url.starts_with("postgres"), "a postgres:// URL, got {url}");
    let dir = Scratch::new("secrets-pg");
    let schema = format!("cli_{}", std::process::id());
    let vault = |key: &str, args: &[&str]| {
        let mut all = vec![
            "secrets",
            "--vault",
            &url,
            "--vault-schema",
            &schema,
            "--master-key-file",
            key,
        ];
        all.extend_from_slice(args);
        dir.run(&all)
    };
    let init = vault("mk", &["init"]);
    assert!(init.status.success(), "{init:?}");
    assert!(stdout(&init).contains(&format!("initialized vault postgres schema {schema}")));
    let id = stdout(&vault("mk", &["generate", "X25519"]))
        .trim()
        .to_owned();
    assert_eq!(id.len(), 32, "{id:?}");
    assert_eq!(
        stdout(&vault("mk", &["rotate", &id])).trim(),
        format!("{id} version 2")
    );
    let list = stdout(&vault("mk", &["list"]));
    assert_eq!(list.matches("X25519").count(), 2, "{list}");
    std::fs::write(dir.path().join("wrong"), [3u8; 32]).unwrap();
    assert_one_line_error(&vault("wrong", &["list"]), EXIT_LOAD, &["wrong master key"]);
    assert_one_line_error(&vault("mk", &["init"]), EXIT_LOAD, &["already a vault"]);
}

/// Holds an exclusive write lock on the SQLite file at `path`, as another writer would, until
/// the returned connection is dropped.
fn hold_write_lock(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    conn
}
