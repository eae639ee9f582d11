//! End-to-end: the `wasm32-wasip1` programs of `test-programs/`, built with the `wasicrypt` guest
//! crate, run under wasmtime with WASI preview 1 and this host linked in.
//!
//! Build them first — `cargo xtask test` does — or point `WASICRYPT_GUEST_DIR` at a directory of
//! `*.wasm` files. A missing program fails its test: nothing is skipped.

use std::path::PathBuf;

use sha2::Digest;
use wasmtime::{Engine, Linker, Module, Store};
use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtxBuilder};

struct State {
    wasi: WasiP1Ctx,
    crypto: wasicrypt_host::CryptoCtx,
}

fn guest_dir() -> PathBuf {
    match std::env::var_os("WASICRYPT_GUEST_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/wasm32-wasip1/release"
        )),
    }
}

struct Outcome {
    code: i32,
    /// The trap that ended the program, when it did not exit.
    trap: Option<String>,
    stdout: String,
    stderr: String,
}

/// Runs `name.wasm` with `args`, the repository root preopened as `/repo`; a trap fails the test.
fn run(name: &str, args: &[&str]) -> Outcome {
    let out = run_may_trap(name, args);
    if let Some(trap) = &out.trap {
        panic!("{name} trapped: {trap}\nstdout:\n{}", out.stdout);
    }
    out
}

/// [`run`], reporting a trap instead of failing on it.
fn run_may_trap(name: &str, args: &[&str]) -> Outcome {
    let path = guest_dir().join(format!("{name}.wasm"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} — build the guest programs with `cargo xtask test`",
            path.display()
        )
    });
    let engine = Engine::default();
    let module = Module::new(&engine, bytes).unwrap();
    let mut linker: Linker<State> = Linker::new(&engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |s: &mut State| &mut s.wasi).unwrap();
    wasicrypt_host::add_to_linker(&mut linker, |s: &mut State| &mut s.crypto).unwrap();

    let stdout = MemoryOutputPipe::new(1 << 20);
    let stderr = MemoryOutputPipe::new(1 << 20);
    let mut argv = vec![name.to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let repo = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut builder = WasiCtxBuilder::new();
    builder
        .args(&argv)
        .stdout(stdout.clone())
        .stderr(stderr.clone());
    builder
        .preopened_dir(repo, "/repo", FsPerms::ReadOnly)
        .unwrap();
    let wasi = builder.build_p1();
    let mut store = Store::new(
        &engine,
        State {
            wasi,
            crypto: wasicrypt_host::CryptoCtx::new(),
        },
    );
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .unwrap();
    let (code, trap) = match start.call(&mut store, ()) {
        Ok(()) => (0, None),
        Err(e) => match e.downcast_ref::<I32Exit>() {
            Some(exit) => (exit.0, None),
            None => (-1, Some(format!("{e:?}"))),
        },
    };
    let leaked = store.data().crypto.open_handles();
    let outcome = Outcome {
        code,
        trap,
        stdout: String::from_utf8_lossy(&stdout.contents()).into_owned(),
        stderr: String::from_utf8_lossy(&stderr.contents()).into_owned(),
    };
    // Every handle the guest crate opened was closed again by its `Drop` impls (a trap ends the
    // program before they run).
    if outcome.trap.is_none() {
        assert_eq!(
            leaked, 0,
            "{name} left {leaked} handles open\n{}",
            outcome.stdout
        );
    }
    outcome
}

/// Runs a harness program and requires every check to pass (and at least one to run). Every
/// output line must be `ok NAME`, `trap-check NAME` or the summary: a skipped or unparsable check
/// fails. Each `trap-check NAME` runs in an instance of its own (`=NAME`), which must trap.
fn assert_passes(name: &str) {
    let out = run(name, &[]);
    println!("{}", out.stdout);
    assert_eq!(
        out.code, 0,
        "{name} failed:\n{}\n{}",
        out.stdout, out.stderr
    );
    assert!(!out.stdout.contains("FAIL"), "{}", out.stdout);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let (summary, checks) = lines.split_last().expect("no output");
    for line in checks {
        assert!(
            line.starts_with("ok ") || line.starts_with("trap-check "),
            "{name}: a check line that is neither run nor a trap check: {line:?}"
        );
    }
    for check in checks.iter().filter_map(|l| l.strip_prefix("trap-check ")) {
        let alone = run_may_trap(name, &[&format!("={check}")]);
        let trap = alone
            .trap
            .unwrap_or_else(|| panic!("{name}: {check:?} did not trap:\n{}", alone.stdout));
        // The host's trap, not a panic of the guest program (`unreachable`).
        assert!(
            !trap.contains("unreachable"),
            "{name}: {check:?} panicked in the guest: {trap}"
        );
        assert!(!alone.stdout.contains("ok "), "{}", alone.stdout);
    }
    let passed: usize = summary
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        passed > 0 && summary.ends_with(" 0 failed"),
        "unexpected summary {summary:?}"
    );
}

#[test]
fn symmetric_known_answers() {
    assert_passes("symmetric_kat");
}

#[test]
fn streaming_encryption_and_in_place_sealing() {
    assert_passes("streaming");
}

#[test]
fn symmetric_errnos() {
    assert_passes("symmetric_errors");
}

#[test]
fn symmetric_behaviour() {
    assert_passes("symmetric_behaviour");
}

#[test]
fn signature_known_answers() {
    assert_passes("signatures_kat");
}

#[test]
fn key_exchange_known_answers() {
    assert_passes("kx_kat");
}

#[test]
fn asymmetric_errnos() {
    assert_passes("asymmetric_errors");
}

/// The RustCrypto crates under the module names `rustcrypto_cases.rs` uses (what the guest
/// program gets from `wasicrypt`'s drop-in modules).
mod impls {
    pub use sha2;
    pub use {aes_gcm, aes_gcm_siv, chacha20poly1305, ed25519_dalek as ed25519, k256, p256, p384};

    /// `sha3` 0.12 moved SHAKE to the `shake` crate; `wasicrypt::sha3` has both.
    pub mod sha3 {
        pub use ::sha3::{Sha3_256, Sha3_384, Sha3_512};
        pub use shake::{Shake128, Shake256};
    }

    /// `hmac` has no per-hash names; these are the instances `wasicrypt::hmac` names.
    pub mod hmac {
        pub type HmacSha256 = ::hmac::Hmac<sha2::Sha256>;
        pub type HmacSha384 = ::hmac::Hmac<sha2::Sha384>;
        pub type HmacSha512 = ::hmac::Hmac<sha2::Sha512>;
    }
}

#[path = "../../test-programs/src/rustcrypto_cases.rs"]
mod rustcrypto_cases;

/// Code written only against the `digest`, `aead` and `signature` traits gives, over
/// `wasicrypt`'s drop-in types in a guest, exactly the outputs of the RustCrypto crates natively:
/// digests, XOF streams, MAC tags and their verification, AEAD ciphertexts (attached, detached,
/// in place) and their rejection when tampered with, deterministic signatures and their
/// verification.
#[test]
fn rustcrypto_traits_match_the_native_crates() {
    let out = run("rustcrypto_traits", &[]);
    assert_eq!(out.code, 0, "stderr:\n{}", out.stderr);
    let native: Vec<String> = rustcrypto_cases::run_all()
        .into_iter()
        .map(|(label, bytes)| format!("{label}: {}", hex::encode(bytes)))
        .collect();
    let guest: Vec<&str> = out.stdout.lines().collect();
    for (index, line) in native.iter().enumerate() {
        assert_eq!(
            guest.get(index).copied(),
            Some(line.as_str()),
            "line {index}"
        );
    }
    assert_eq!(guest.len(), native.len(), "extra guest output");
    assert!(native.len() > 500, "{} lines", native.len());
}

#[test]
fn demo_seals_and_opens_a_repository_file() {
    let file = "host/Cargo.toml";
    let out = run("demo", &[&format!("/repo/{file}")]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let contents = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let digest = hex::encode(sha2::Sha256::digest(&contents));
    assert!(
        out.stdout.contains(&digest),
        "demo's SHA-256 differs from {digest}:\n{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("{} bytes", contents.len())),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("signed: Ed25519, 64-byte signature, verified"),
        "{}",
        out.stdout
    );
    // The signature is checked before the file is opened.
    let signed = out.stdout.find("signed: ").unwrap();
    let opened = out.stdout.find("opened: ").unwrap();
    assert!(signed < opened, "{}", out.stdout);
    assert!(out.stdout.contains("round trip verified"), "{}", out.stdout);
}

#[test]
fn demo_reports_a_missing_file() {
    let out = run("demo", &["/repo/no-such-file"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.lines().count() >= 1, "{}", out.stderr);
}
