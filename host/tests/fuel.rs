//! Fuel metering of host work: with `Config::consume_fuel`, a hostcall pays for what the host
//! does from the store's fuel, before doing it, and a guest that cannot pay traps with
//! wasmtime's out-of-fuel trap.

use wasicrypt_host::{CryptoCtx, metering};
use wasmtime::{Config, Engine, Instance, Linker, Module, Store, Trap};

const GUEST: &str = r#"(module
  (import "wasi_ephemeral_crypto_asymmetric_common" "keypair_generate"
    (func $keypair_generate (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_open"
    (func $state_open (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_absorb"
    (func $absorb (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_signatures" "signature_state_open"
    (func $sign_open (param i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_signatures" "signature_state_sign"
    (func $sign (param i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 0) "SHA-256")
  (data (i32.const 16) "RSA_PSS_4096_SHA512")
  (data (i32.const 48) "Ed25519")
  ;; opt_options / opt_symmetric_key = none (tag 1)
  (data (i32.const 64) "\01\00\00\00\00\00\00\00")
  (func (export "keygen") (result i32)
    (call $keypair_generate (i32.const 0) (i32.const 16) (i32.const 19) (i32.const 64) (i32.const 128)))
  ;; Generates an Ed25519 key pair, opens a signature state on it and signs the empty message.
  (func (export "ed25519_sign") (result i32)
    (local $errno i32)
    (local.set $errno (call $keypair_generate
      (i32.const 0) (i32.const 48) (i32.const 7) (i32.const 64) (i32.const 128)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (local.set $errno (call $sign_open (i32.load (i32.const 128)) (i32.const 132)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (call $sign (i32.load (i32.const 132)) (i32.const 136)))
  ;; Opens SHA-256 and absorbs `len` bytes at 1024; returns the first non-zero errno.
  (func (export "hash") (param $len i32) (result i32)
    (local $errno i32)
    (local.set $errno
      (call $state_open (i32.const 0) (i32.const 7) (i32.const 64) (i32.const 64) (i32.const 128)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (call $absorb (i32.load (i32.const 128)) (i32.const 1024) (local.get $len))))"#;

fn instance(fuel: Option<u64>) -> (Store<CryptoCtx>, Instance) {
    let mut config = Config::new();
    config.consume_fuel(fuel.is_some());
    let engine = Engine::new(&config).unwrap();
    let mut linker = Linker::<CryptoCtx>::new(&engine);
    wasicrypt_host::add_to_linker(&mut linker, |cx| cx).unwrap();
    let module = Module::new(&engine, wat::parse_str(GUEST).unwrap()).unwrap();
    let mut store = Store::new(&engine, CryptoCtx::new());
    if let Some(fuel) = fuel {
        store.set_fuel(fuel).unwrap();
    }
    let instance = linker.instantiate(&mut store, &module).unwrap();
    (store, instance)
}

#[test]
fn rsa_4096_generation_without_the_fuel_for_it_traps_before_any_work() {
    // The runner's `--fuel 300000` once paid for three RSA-4096 key generations.
    let (mut store, instance) = instance(Some(300_000));
    let keygen = instance
        .get_typed_func::<(), i32>(&mut store, "keygen")
        .unwrap();
    let err = keygen.call(&mut store, ()).unwrap_err();
    assert_eq!(
        err.downcast_ref::<Trap>(),
        Some(&Trap::OutOfFuel),
        "{err:?}"
    );
    assert_eq!(store.data().open_handles(), 0, "no key pair was made");
}

#[test]
fn absorbed_bytes_are_paid_for_from_the_store_fuel() {
    const LEN: u64 = 65_536;
    let start = 10_000_000;
    let (mut store, instance) = instance(Some(start));
    let hash = instance
        .get_typed_func::<i32, i32>(&mut store, "hash")
        .unwrap();
    assert_eq!(hash.call(&mut store, LEN as i32).unwrap(), 0);
    let used = start - store.get_fuel().unwrap();
    // Two calls, LEN bytes absorbed, and a few dozen wasm instructions.
    let host = 2 * metering::CALL + LEN * metering::PER_BYTE;
    assert!(
        used >= host,
        "used {used} fuel, the host work alone costs {host}"
    );
    assert!(
        used < host + 1_000,
        "used {used} fuel for {host} of host work"
    );
}

#[test]
fn a_large_absorb_the_store_cannot_pay_for_traps() {
    let (mut store, instance) = instance(Some(20_000));
    let hash = instance
        .get_typed_func::<i32, i32>(&mut store, "hash")
        .unwrap();
    let err = hash.call(&mut store, 65_536).unwrap_err();
    assert_eq!(
        err.downcast_ref::<Trap>(),
        Some(&Trap::OutOfFuel),
        "{err:?}"
    );
}

#[test]
fn without_fuel_nothing_is_metered() {
    let (mut store, instance) = instance(None);
    let hash = instance
        .get_typed_func::<i32, i32>(&mut store, "hash")
        .unwrap();
    assert_eq!(hash.call(&mut store, 65_536).unwrap(), 0);
    assert!(store.get_fuel().is_err(), "the engine has no fuel");
}

#[test]
fn generation_and_signing_pay_their_per_operation_fuel() {
    use wasicrypt_host::signatures::SignatureAlgorithm;
    let start = 10_000_000;
    let (mut store, instance) = instance(Some(start));
    let f = instance
        .get_typed_func::<(), i32>(&mut store, "ed25519_sign")
        .unwrap();
    assert_eq!(f.call(&mut store, ()).unwrap(), 0);
    let used = start - store.get_fuel().unwrap();
    let alg = SignatureAlgorithm::Ed25519;
    let host = 3 * metering::CALL
        + metering::keypair_generate(wasicrypt_host::AsymmetricAlgorithm::Signature(alg))
        + metering::sign(alg);
    assert!(used >= host, "used {used} fuel, the host work costs {host}");
    assert!(
        used < host + 1_000,
        "used {used} fuel for {host} of host work"
    );
}

#[test]
fn signing_without_the_fuel_for_it_traps() {
    use wasicrypt_host::signatures::SignatureAlgorithm;
    let alg = SignatureAlgorithm::Ed25519;
    // Enough for the key pair and the state, not for the signature.
    let fuel = 3 * metering::CALL
        + metering::keypair_generate(wasicrypt_host::AsymmetricAlgorithm::Signature(alg))
        + 1_000;
    let (mut store, instance) = instance(Some(fuel));
    let f = instance
        .get_typed_func::<(), i32>(&mut store, "ed25519_sign")
        .unwrap();
    let err = f.call(&mut store, ()).unwrap_err();
    assert_eq!(
        err.downcast_ref::<Trap>(),
        Some(&Trap::OutOfFuel),
        "{err:?}"
    );
    assert_eq!(
        store.data().open_handles(),
        2,
        "a key pair and a state, no signature"
    );
}
