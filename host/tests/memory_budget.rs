//! `Limits::max_memory_bytes`: the host memory a guest can make its context hold is bounded, as
//! one budget for everything (states' buffered input, keys, array outputs, option values,
//! clones). Each pattern below once made the host hold gigabytes; now it stops at the budget with
//! `overflow`, and the process's peak RSS stays within the budget and a constant.
//!
//! Peak RSS is per process: the patterns run one after another, and the tests of this file one at
//! a time (`SERIAL`).

use wasicrypt_host::{AlgorithmType, CryptoCtx, CryptoError, Limits};

const BUDGET: usize = 64 << 20;

static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
/// Allowance for what is not the guest's: allocator slack, the test's own buffers.
const SLACK: usize = 48 << 20;

fn ctx() -> CryptoCtx {
    CryptoCtx::with_limits(Limits {
        max_memory_bytes: BUDGET,
        max_absorbed_bytes: 16 << 20,
        ..Limits::default()
    })
}

/// Peak resident set size of this process in bytes (`VmHWM`).
fn peak_rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kib: usize = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kib * 1024
}

/// Resets the peak to the current RSS (Linux `clear_refs`); false where that is not possible.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Runs `pattern` and checks: it ended in `overflow`, the context never held more than the
/// budget, everything is given back once the handles close, and the peak RSS rose by at most
/// the budget and the slack.
fn bounded(what: &str, pattern: impl FnOnce(&mut CryptoCtx, &[u8]) -> Result<usize, CryptoError>) {
    let chunk = vec![0x5a_u8; 16 << 20];
    let resettable = reset_peak();
    let before = peak_rss();
    let mut cx = ctx();
    let result = pattern(&mut cx, &chunk);
    assert!(
        cx.memory_in_use() <= BUDGET,
        "{what}: {} bytes held",
        cx.memory_in_use()
    );
    let grew = peak_rss().saturating_sub(before);
    drop(cx);
    let made = match result {
        Err(e) => panic!("{what}: the pattern failed with {e:?} before reaching the budget"),
        Ok(made) => made,
    };
    eprintln!(
        "{what}: {made} objects before overflow, peak RSS +{} MiB",
        grew >> 20
    );
    if resettable {
        assert!(
            grew <= BUDGET + SLACK,
            "{what}: peak RSS grew by {} MiB with a {} MiB budget",
            grew >> 20,
            BUDGET >> 20
        );
    }
}

/// Repeats `step` until it answers `overflow`; the number of steps that succeeded.
fn until_overflow(mut step: impl FnMut() -> Result<(), CryptoError>) -> Result<usize, CryptoError> {
    for made in 0..4096 {
        match step() {
            Ok(()) => {}
            Err(CryptoError::Overflow) => return Ok(made),
            Err(e) => return Err(e),
        }
    }
    panic!("4096 steps without reaching the budget")
}

#[test]
fn every_pattern_stops_at_the_budget() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    bounded("AEAD states absorbing 16 MiB each", |cx, chunk| {
        let key = cx.symmetric_key_generate("AES-256-GCM", None)?;
        until_overflow(|| {
            let st = cx.symmetric_state_open("AES-256-GCM", Some(key), None)?;
            cx.symmetric_state_absorb(st, chunk)
        })
    });
    bounded("HKDF states absorbing 16 MiB each", |cx, chunk| {
        let key = cx.symmetric_key_import("HKDF-EXTRACT/SHA-256", &[1; 32])?;
        until_overflow(|| {
            let st = cx.symmetric_state_open("HKDF-EXTRACT/SHA-256", Some(key), None)?;
            cx.symmetric_state_absorb(st, chunk)
        })
    });
    bounded("Ed25519 states buffering 16 MiB each", |cx, chunk| {
        let kp = cx.keypair_generate(AlgorithmType::Signatures, "Ed25519", None)?;
        until_overflow(|| {
            let st = cx.signature_state_open(kp)?;
            cx.signature_state_update(st, chunk)
        })
    });
    bounded("16 MiB HMAC keys and their exports", |cx, chunk| {
        until_overflow(|| {
            let key = cx.symmetric_key_import("HMAC/SHA-256", chunk)?;
            cx.symmetric_key_export(key).map(drop)
        })
    });
    bounded("clones of a state holding 16 MiB", |cx, chunk| {
        let key = cx.symmetric_key_generate("AES-256-GCM", None)?;
        let st = cx.symmetric_state_open("AES-256-GCM", Some(key), None)?;
        cx.symmetric_state_absorb(st, chunk)?;
        until_overflow(|| cx.symmetric_state_clone(st).map(drop))
    });
    bounded("16 MiB option values", |cx, chunk| {
        until_overflow(|| {
            let o = cx.options_open(AlgorithmType::Symmetric)?;
            cx.options_set(o, "context", chunk)
        })
    });
}

#[test]
fn closing_gives_the_budget_back() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut cx = ctx();
    let chunk = vec![7u8; 8 << 20];
    let key = cx.symmetric_key_generate("AES-256-GCM", None).unwrap();
    let mut states = Vec::new();
    while let Ok(st) = cx.symmetric_state_open("AES-256-GCM", Some(key), None) {
        if cx.symmetric_state_absorb(st, &chunk).is_err() {
            cx.symmetric_state_close(st).unwrap();
            break;
        }
        states.push(st);
    }
    assert!(
        !states.is_empty() && states.len() < 8,
        "{} states",
        states.len()
    );
    for st in states {
        cx.symmetric_state_close(st).unwrap();
    }
    cx.symmetric_key_close(key).unwrap();
    assert_eq!(cx.memory_in_use(), 0);
    // And the room is usable again.
    let o = cx.options_open(AlgorithmType::Symmetric).unwrap();
    cx.options_set(o, "context", &chunk).unwrap();
    // Replacing a value does not count it twice.
    for _ in 0..20 {
        cx.options_set(o, "context", &chunk).unwrap();
    }
    assert!(cx.memory_in_use() < (9 << 20), "{}", cx.memory_in_use());
}
