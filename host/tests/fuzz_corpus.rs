//! The fuzz targets of `fuzz/` on stable, without libFuzzer: every committed corpus input of each
//! target (`fuzz/corpus/<target>/`), then a few thousand deterministic pseudo-random inputs.
//! A failure names the input; `cargo xtask fuzz` runs the real fuzzers (nightly).
#![cfg(feature = "fuzzing")]

#[path = "../../fuzz/src/targets.rs"]
mod targets;

use std::path::Path;

/// Runs `target` on each file of `fuzz/corpus/<name>/`; the number of inputs.
fn replay(name: &str, target: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(name);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    inputs.sort();
    for path in &inputs {
        let data = std::fs::read(path).unwrap();
        let run = std::panic::catch_unwind(|| target(&data));
        assert!(run.is_ok(), "{name}: input {} panicked", path.display());
    }
    inputs.len()
}

/// Runs `target` on `n` pseudo-random inputs (xorshift, fixed seed) of up to 600 bytes.
fn random(name: &str, target: fn(&[u8]), n: usize) {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64 ^ name.len() as u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..n {
        let len = (next() % 600) as usize;
        let data: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        let run = std::panic::catch_unwind(|| target(&data));
        assert!(
            run.is_ok(),
            "{name}: random input {i} panicked: {data:02x?}"
        );
    }
}

#[test]
fn ctx_ops() {
    assert!(replay("ctx_ops", targets::ctx_ops) > 0);
    random("ctx_ops", targets::ctx_ops, 3000);
}

#[test]
fn abi() {
    assert!(replay("abi", targets::abi) > 0);
    random("abi", targets::abi, 3000);
}

#[test]
fn imports() {
    assert!(replay("imports", targets::imports) > 0);
    random("imports", targets::imports, 3000);
}

#[test]
fn differential() {
    assert!(replay("differential", targets::differential) > 0);
    random("differential", targets::differential, 1000);
}
