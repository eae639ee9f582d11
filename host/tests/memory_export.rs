//! `CryptoCtx::register_module`: hostcalls find the caller's own `memory` export, whichever
//! modules are registered. Two modules share one store and one context: `a` exports its only
//! memory, `b` has two memories and exports the second, so a registration of `a` applied to `b`
//! would read `b`'s unexported first memory (all zeros) and give another digest.

mod common;

use common::State;
use sha2::{Digest, Sha256};
use wasmtime::{Engine, Instance, Module, Store};

/// A module whose `hash` export hashes `message` with SHA-256 through WASI-Crypto, reading and
/// writing memory `mem` (the exported one); the digest lands at offset 128.
fn module(engine: &Engine, memories: u32, message: &str) -> Module {
    let mem = memories - 1;
    let mut wat = String::from(
        r#"(module
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_open"
    (func $open (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_absorb"
    (func $absorb (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_squeeze"
    (func $squeeze (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_close"
    (func $close (param i32) (result i32)))
"#,
    );
    for i in 0..memories {
        if i == mem {
            wat += &format!("  (memory $m{i} (export \"memory\") 1)\n");
        } else {
            wat += &format!("  (memory $m{i} 1)\n");
        }
    }
    wat += &format!(
        r#"  (data (memory $m{mem}) (i32.const 0) "SHA-256")
  (data (memory $m{mem}) (i32.const 16) "\01")
  (data (memory $m{mem}) (i32.const 24) "\01")
  (data (memory $m{mem}) (i32.const 64) "{message}")
  (func (export "hash") (result i32)
    (local $rc i32)
    (local.set $rc (call $open (i32.const 0) (i32.const 7) (i32.const 16) (i32.const 24)
      (i32.const 32)))
    (if (local.get $rc) (then (return (local.get $rc))))
    (local.set $rc (call $absorb (i32.load $m{mem} (i32.const 32)) (i32.const 64)
      (i32.const {len})))
    (if (local.get $rc) (then (return (local.get $rc))))
    (local.set $rc (call $squeeze (i32.load $m{mem} (i32.const 32)) (i32.const 128)
      (i32.const 32)))
    (if (local.get $rc) (then (return (local.get $rc))))
    (call $close (i32.load $m{mem} (i32.const 32)))))
"#,
        len = message.len()
    );
    Module::new(engine, wat::parse_str(&wat).unwrap()).unwrap()
}

fn digest(store: &mut Store<State>, instance: &Instance) -> Vec<u8> {
    let hash = instance
        .get_typed_func::<(), i32>(&mut *store, "hash")
        .unwrap();
    assert_eq!(hash.call(&mut *store, ()).unwrap(), 0);
    let memory = instance.get_memory(&mut *store, "memory").unwrap();
    memory.data(&*store)[128..160].to_vec()
}

/// Runs both modules in one store with `a`, `b`, both or neither registered.
fn run(register_a: bool, register_b: bool) {
    let engine = Engine::default();
    let a = module(&engine, 1, "abc");
    let b = module(&engine, 2, "xyz");
    let mut crypto = wasicrypt_host::CryptoCtx::new();
    if register_a {
        crypto.register_module(&a);
    }
    if register_b {
        crypto.register_module(&b);
    }
    let (linker, mut store) = common::linked(&engine, crypto);
    let ia = linker.instantiate(&mut store, &a).unwrap();
    let ib = linker.instantiate(&mut store, &b).unwrap();
    for _ in 0..2 {
        assert_eq!(digest(&mut store, &ia), Sha256::digest(b"abc").to_vec());
        assert_eq!(digest(&mut store, &ib), Sha256::digest(b"xyz").to_vec());
    }
}

#[test]
fn each_caller_gets_its_own_memory_whatever_is_registered() {
    run(false, false);
    run(true, false);
    run(false, true);
    run(true, true);
}

#[test]
fn a_module_without_memory_registers_nothing_and_its_calls_trap() {
    let engine = Engine::default();
    let wat = r#"(module
      (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_close"
        (func $close (param i32) (result i32)))
      (func (export "f") (result i32) (call $close (i32.const 1))))"#;
    let module = Module::new(&engine, wat::parse_str(wat).unwrap()).unwrap();
    let mut crypto = wasicrypt_host::CryptoCtx::new();
    crypto.register_module(&module);
    let (linker, mut store) = common::linked(&engine, crypto);
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let f = instance.get_typed_func::<(), i32>(&mut store, "f").unwrap();
    let err = f.call(&mut store, ()).unwrap_err();
    assert!(
        format!("{err:?}").contains("missing required memory export"),
        "{err:?}"
    );
}

/// `CryptoCtx::bind_memory`: the bound memory is used without any lookup — here `b`'s exported
/// second memory, which `b`'s calls then read and write (the digest is of `b`'s message). The
/// binding is what every call uses, so after binding `a`'s memory a call from `b` (the misuse
/// the docs warn of) works on `a`'s memory: it fails instead of succeeding, and `a` still gets
/// its own digest.
#[test]
fn a_bound_memory_is_the_one_every_call_uses() {
    let engine = Engine::default();
    let a = module(&engine, 1, "abc");
    let b = module(&engine, 2, "xyz");
    let (linker, mut store) = common::linked(&engine, wasicrypt_host::CryptoCtx::new());
    let ib = linker.instantiate(&mut store, &b).unwrap();
    let memory = ib.get_memory(&mut store, "memory").unwrap();
    store.data_mut().crypto.bind_memory(memory);
    for _ in 0..2 {
        assert_eq!(digest(&mut store, &ib), Sha256::digest(b"xyz").to_vec());
    }

    let ia = linker.instantiate(&mut store, &a).unwrap();
    let memory_a = ia.get_memory(&mut store, "memory").unwrap();
    store.data_mut().crypto.bind_memory(memory_a);
    let hash = ib.get_typed_func::<(), i32>(&mut store, "hash").unwrap();
    // `b`'s call reads its handle from its own memory at 32, but the host wrote the handle into
    // `a`'s memory: the absorb then names a handle that `b` never received.
    let rc = hash.call(&mut store, ()).unwrap();
    assert_ne!(
        rc, 0,
        "a call through the wrong binding must not succeed silently"
    );
    assert_eq!(digest(&mut store, &ia), Sha256::digest(b"abc").to_vec());
}
