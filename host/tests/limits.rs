//! Embedder limits seen from a guest: the per-call buffer cap (`Limits::max_call_bytes`) and
//! wasmtime's epoch interruption around hostcalls.

use std::time::Duration;

use wasicrypt_host::{CryptoCtx, Limits};
use wasmtime::{Config, Engine, Instance, Linker, Module, Store, Trap};

const GUEST_ERROR: i32 = 1;
const INVALID_LENGTH: i32 = 9;
const PROHIBITED_OPERATION: i32 = 4;

const GUEST: &str = r#"(module
  (import "wasi_ephemeral_crypto_asymmetric_common" "keypair_generate"
    (func $keypair_generate (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_asymmetric_common" "keypair_close"
    (func $keypair_close (param i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_open"
    (func $state_open (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_absorb"
    (func $absorb (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_squeeze"
    (func $squeeze (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_key_import"
    (func $key_import (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 0) "SHA-256")
  (data (i32.const 16) "Ed25519")
  (data (i32.const 32) "RSA_PKCS1_2048_SHA256")
  (data (i32.const 80) "HMAC/SHA-256")
  (data (i32.const 96) "SHAKE-256")
  (data (i32.const 112) "XOODYAK-128")
  ;; opt_options / opt_symmetric_key = none (tag 1)
  (data (i32.const 64) "\01\00\00\00\00\00\00\00")
  ;; SHA-256: absorbs `len` bytes at 1024, then squeezes `out` bytes to 1024.
  (func (export "hash") (param $len i32) (param $out i32) (result i32)
    (local $errno i32)
    (local.set $errno
      (call $state_open (i32.const 0) (i32.const 7) (i32.const 64) (i32.const 64) (i32.const 128)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (local.set $errno (call $absorb (i32.load (i32.const 128)) (i32.const 1024) (local.get $len)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (call $squeeze (i32.load (i32.const 128)) (i32.const 1024) (local.get $out)))
  ;; SHAKE-256 of the empty message: squeezes `out` bytes to 1024.
  (func (export "xof") (param $out i32) (result i32)
    (local $errno i32)
    (local.set $errno
      (call $state_open (i32.const 96) (i32.const 9) (i32.const 64) (i32.const 64) (i32.const 128)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (call $squeeze (i32.load (i32.const 128)) (i32.const 1024) (local.get $out)))
  ;; An unkeyed XOODYAK-128 session: squeezes `out` bytes to 1024.
  (func (export "xoodyak") (param $out i32) (result i32)
    (local $errno i32)
    (local.set $errno
      (call $state_open (i32.const 112) (i32.const 11) (i32.const 64) (i32.const 64) (i32.const 128)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (call $squeeze (i32.load (i32.const 128)) (i32.const 1024) (local.get $out)))
  ;; Imports an HMAC-SHA256 key of `len` bytes at 1024.
  (func (export "hmac_key") (param $len i32) (result i32)
    (call $key_import (i32.const 80) (i32.const 12) (i32.const 1024) (local.get $len) (i32.const 128)))
  ;; Generates and closes Ed25519 key pairs until interrupted.
  (func (export "spin")
    (loop $again
      (drop (call $keypair_generate (i32.const 0) (i32.const 16) (i32.const 7) (i32.const 64) (i32.const 128)))
      (drop (call $keypair_close (i32.load (i32.const 128))))
      (br $again)))
  ;; One RSA-2048 key generation, then a loop that never ends by itself.
  (func (export "rsa_then_spin")
    (drop (call $keypair_generate (i32.const 0) (i32.const 32) (i32.const 21) (i32.const 64) (i32.const 128)))
    (loop $again (br $again))))"#;

fn instance(config: &Config, limits: Limits) -> (Store<CryptoCtx>, Instance) {
    let engine = Engine::new(config).unwrap();
    let mut linker = Linker::<CryptoCtx>::new(&engine);
    wasicrypt_host::add_to_linker(&mut linker, |cx| cx).unwrap();
    let module = Module::new(&engine, wat::parse_str(GUEST).unwrap()).unwrap();
    let mut store = Store::new(&engine, CryptoCtx::with_limits(limits));
    let instance = linker.instantiate(&mut store, &module).unwrap();
    (store, instance)
}

fn capped(max_call_bytes: usize) -> (Store<CryptoCtx>, Instance) {
    let limits = Limits {
        max_call_bytes,
        ..Limits::default()
    };
    instance(&Config::new(), limits)
}

#[test]
fn a_buffer_over_the_per_call_cap_is_prohibited() {
    let (mut store, instance) = capped(1024);
    let hash = instance
        .get_typed_func::<(i32, i32), i32>(&mut store, "hash")
        .unwrap();
    assert_eq!(hash.call(&mut store, (1024, 32)).unwrap(), 0);
    assert_eq!(
        hash.call(&mut store, (1025, 32)).unwrap(),
        PROHIBITED_OPERATION,
        "input over the cap"
    );

    let hmac_key = instance
        .get_typed_func::<i32, i32>(&mut store, "hmac_key")
        .unwrap();
    assert_eq!(hmac_key.call(&mut store, 32).unwrap(), 0);
    assert_eq!(
        hmac_key.call(&mut store, 2048).unwrap(),
        PROHIBITED_OPERATION,
        "key over the cap"
    );
}

#[test]
fn squeeze_is_sized_by_the_algorithm_before_the_guest_length() {
    // SHA-256 squeezes at most 32 bytes: longer is `invalid_length`, answered without a host
    // buffer of the guest's size (so also under a cap smaller than the request).
    let (mut store, instance) = capped(48);
    let hash = instance
        .get_typed_func::<(i32, i32), i32>(&mut store, "hash")
        .unwrap();
    assert_eq!(hash.call(&mut store, (0, 32)).unwrap(), 0);
    assert_eq!(hash.call(&mut store, (0, 33)).unwrap(), INVALID_LENGTH);
    assert_eq!(hash.call(&mut store, (0, 100_000)).unwrap(), INVALID_LENGTH);
    // Out of guest memory stays `guest_error`.
    assert_eq!(hash.call(&mut store, (0, 1 << 20)).unwrap(), GUEST_ERROR);
}

#[test]
fn an_xof_squeeze_of_any_length_is_streamed_into_guest_memory() {
    // 120 000 bytes of SHAKE-256 under a 64 KiB memory budget: the host produces the output in
    // chunks straight into guest memory instead of holding a buffer of the request's size.
    let limits = Limits {
        max_memory_bytes: 64 << 10,
        ..Limits::default()
    };
    let (mut store, instance) = instance(&Config::new(), limits);
    let xof = instance
        .get_typed_func::<i32, i32>(&mut store, "xof")
        .unwrap();
    const LEN: usize = 120_000;
    assert_eq!(xof.call(&mut store, LEN as i32).unwrap(), 0);
    let memory = instance.get_memory(&mut store, "memory").unwrap();
    let got = memory.data(&store)[1024..1024 + LEN].to_vec();

    let mut ctx = CryptoCtx::new();
    let st = ctx.symmetric_state_open("SHAKE-256", None, None).unwrap();
    let mut want = vec![0; LEN];
    ctx.symmetric_state_squeeze(st, &mut want).unwrap();
    assert_eq!(got, want);
    // Past the end of memory is `guest_error`, before any output.
    assert_eq!(xof.call(&mut store, 1 << 20).unwrap(), GUEST_ERROR);
}

#[test]
fn a_session_squeeze_larger_than_the_budget_is_overflow() {
    // Xoodyak's squeezes are separate Cyclist operations, so the host produces one in a buffer
    // of its own: reserved from the budget first, `overflow` when it does not fit.
    const OVERFLOW: i32 = 16;
    let limits = Limits {
        max_memory_bytes: 64 << 10,
        ..Limits::default()
    };
    let (mut store, instance) = instance(&Config::new(), limits);
    let xoodyak = instance
        .get_typed_func::<i32, i32>(&mut store, "xoodyak")
        .unwrap();
    assert_eq!(xoodyak.call(&mut store, 32).unwrap(), 0);
    assert_eq!(xoodyak.call(&mut store, 100_000).unwrap(), OVERFLOW);
    assert_eq!(xoodyak.call(&mut store, 1 << 20).unwrap(), GUEST_ERROR);
}

#[test]
fn out_of_bounds_is_a_guest_error_before_the_cap() {
    let (mut store, instance) = capped(1024);
    let hash = instance
        .get_typed_func::<(i32, i32), i32>(&mut store, "hash")
        .unwrap();
    // 2 pages of memory: 1024 + 200_000 is past the end.
    assert_eq!(hash.call(&mut store, (200_000, 32)).unwrap(), GUEST_ERROR);
}

#[test]
fn the_default_cap_allows_large_buffers() {
    assert_eq!(Limits::default().max_call_bytes, 256 << 20);
    let (mut store, instance) = capped(Limits::default().max_call_bytes);
    let hash = instance
        .get_typed_func::<(i32, i32), i32>(&mut store, "hash")
        .unwrap();
    assert_eq!(hash.call(&mut store, (100_000, 32)).unwrap(), 0);
}

fn epoch_config() -> Config {
    let mut config = Config::new();
    config.epoch_interruption(true);
    config
}

/// Runs `export` with an epoch deadline of one tick, and ticks the engine after `after`.
fn interrupt(export: &str, after: Duration) -> (Store<CryptoCtx>, wasmtime::Error) {
    let (mut store, instance) = instance(&epoch_config(), Limits::default());
    store.set_epoch_deadline(1);
    store.epoch_deadline_trap();
    let f = instance
        .get_typed_func::<(), ()>(&mut store, export)
        .unwrap();
    let engine = store.engine().clone();
    let ticker = std::thread::spawn(move || {
        std::thread::sleep(after);
        engine.increment_epoch();
    });
    let err = f.call(&mut store, ()).unwrap_err();
    ticker.join().unwrap();
    (store, err)
}

#[test]
fn an_epoch_interrupts_a_guest_looping_over_hostcalls() {
    let (store, err) = interrupt("spin", Duration::from_millis(100));
    assert_eq!(
        err.downcast_ref::<Trap>(),
        Some(&Trap::Interrupt),
        "{err:?}"
    );
    assert!(
        store.data().open_handles() <= 1,
        "every closed key pair is gone"
    );
}

#[test]
fn an_epoch_that_passes_during_a_hostcall_interrupts_right_after_it() {
    // The tick lands while the host generates the RSA key; the guest stops at its next check.
    let (store, err) = interrupt("rsa_then_spin", Duration::from_millis(5));
    assert_eq!(
        err.downcast_ref::<Trap>(),
        Some(&Trap::Interrupt),
        "{err:?}"
    );
    assert_eq!(
        store.data().open_handles(),
        1,
        "the key made by the call is kept"
    );
}
