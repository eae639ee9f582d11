//! `add_to_linker_async`: the same results as the sync linker, and long host work does not stall
//! the executor that runs the guest (a single-worker tokio runtime with a 10 ms ticker).
#![cfg(feature = "async")]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sha2::Digest;
use wasicrypt_host::CryptoCtx;
use wasmtime::{Engine, Instance, Linker, Module, Store};

/// Where `hash` reads its input.
const DATA: usize = 65_536;

const GUEST: &str = r#"(module
  (import "wasi_ephemeral_crypto_asymmetric_common" "keypair_generate"
    (func $keypair_generate (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_open"
    (func $state_open (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_key_generate"
    (func $key_generate (param i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_absorb"
    (func $absorb (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_squeeze"
    (func $squeeze (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1100)
  (data (i32.const 0) "SHA-256")
  (data (i32.const 16) "RSA_PSS_4096_SHA512")
  (data (i32.const 48) "Ed25519")
  (data (i32.const 80) "HKDF-EXPAND/SHA-256")
  ;; opt_options / opt_symmetric_key = none (tag 1)
  (data (i32.const 64) "\01\00\00\00\00\00\00\00")
  ;; Generates `n` RSA-4096 key pairs; returns the first non-zero errno.
  (func (export "rsa") (param $n i32) (result i32)
    (local $errno i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $errno (call $keypair_generate
          (i32.const 0) (i32.const 16) (i32.const 19) (i32.const 64) (i32.const 128)))
        (br_if $done (local.get $errno))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $errno))
  (func (export "ed25519") (result i32)
    (call $keypair_generate (i32.const 0) (i32.const 48) (i32.const 7) (i32.const 64) (i32.const 128)))
  ;; The handle the last call wrote.
  (func (export "handle") (result i32) (i32.load (i32.const 128)))
  ;; Opens the state named by (name, name_len) and absorbs `len` bytes at 65536; for SHA-256,
  ;; squeezes the digest to 256. Returns the first non-zero errno.
  (func (export "absorb") (param $name i32) (param $name_len i32) (param $len i32) (result i32)
    (local $errno i32)
    (local.set $errno
      (call $state_open (local.get $name) (local.get $name_len) (i32.const 64) (i32.const 64) (i32.const 128)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (local.set $errno (call $absorb (i32.load (i32.const 128)) (i32.const 65536) (local.get $len)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (call $squeeze (i32.load (i32.const 128)) (i32.const 256) (i32.const 32)))
  ;; As `absorb`, with a fresh key of the algorithm (opt_symmetric_key at 192: some(key)).
  (func (export "absorb_keyed") (param $name i32) (param $name_len i32) (param $len i32) (result i32)
    (local $errno i32)
    (local.set $errno
      (call $key_generate (local.get $name) (local.get $name_len) (i32.const 64) (i32.const 196)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (i32.store (i32.const 192) (i32.const 0))
    (local.set $errno
      (call $state_open (local.get $name) (local.get $name_len) (i32.const 192) (i32.const 64) (i32.const 128)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (call $absorb (i32.load (i32.const 128)) (i32.const 65536) (local.get $len)))
  (func (export "absorb_bad_handle") (param $len i32) (result i32)
    (call $absorb (i32.const 999) (i32.const 65536) (local.get $len))))"#;

/// An instance linked by `add_to_linker_async` (or the sync linker), with a pattern at `DATA`.
async fn instance(async_linker: bool) -> (Store<CryptoCtx>, Instance) {
    let engine = Engine::default();
    let mut linker = Linker::<CryptoCtx>::new(&engine);
    if async_linker {
        wasicrypt_host::add_to_linker_async(&mut linker, |cx| cx).unwrap();
    } else {
        wasicrypt_host::add_to_linker(&mut linker, |cx| cx).unwrap();
    }
    let module = Module::new(&engine, wat::parse_str(GUEST).unwrap()).unwrap();
    let mut store = Store::new(&engine, CryptoCtx::new());
    let instance = if async_linker {
        linker.instantiate_async(&mut store, &module).await.unwrap()
    } else {
        linker.instantiate(&mut store, &module).unwrap()
    };
    let memory = instance.get_memory(&mut store, "memory").unwrap();
    for (i, b) in memory.data_mut(&mut store)[DATA..].iter_mut().enumerate() {
        *b = (i % 251) as u8;
    }
    (store, instance)
}

/// On a single-worker runtime: runs `prepare` (compilation, instantiation), then `work` on its
/// output beside a 10 ms ticker; returns the work's output and the ticker's worst gap between
/// two ticks while the work ran.
fn with_ticker<P, W, F>(prepare: P, work: W) -> (F::Output, Duration)
where
    P: std::future::Future,
    W: FnOnce(P::Output) -> F,
    F: std::future::Future,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    runtime.block_on(async {
        let prepared = prepare.await;
        let stop = Arc::new(AtomicBool::new(false));
        let ticker = tokio::spawn({
            let stop = stop.clone();
            async move {
                let mut interval = tokio::time::interval(Duration::from_millis(10));
                interval.tick().await;
                let mut last = Instant::now();
                let mut worst = Duration::ZERO;
                while !stop.load(Ordering::Relaxed) {
                    interval.tick().await;
                    let now = Instant::now();
                    worst = worst.max(now - last);
                    last = now;
                }
                worst
            }
        });
        // Let the ticker start before the guest does.
        tokio::time::sleep(Duration::from_millis(30)).await;
        let out = work(prepared).await;
        stop.store(true, Ordering::Relaxed);
        (out, ticker.await.unwrap())
    })
}

#[test]
fn rsa_4096_generation_does_not_stall_a_single_worker_runtime() {
    let ((errno, handles, took), worst) =
        with_ticker(instance(true), |(mut store, instance)| async move {
            let rsa = instance
                .get_typed_func::<i32, i32>(&mut store, "rsa")
                .unwrap();
            let start = Instant::now();
            let errno = rsa.call_async(&mut store, 2).await.unwrap();
            (errno, store.data().open_handles(), start.elapsed())
        });
    assert_eq!(errno, 0);
    assert_eq!(handles, 2, "two key pairs");
    eprintln!("2 x RSA-4096 generation: {took:?}, worst ticker gap {worst:?}");
    assert!(
        worst < Duration::from_millis(100),
        "the ticker stalled for {worst:?} while the guest generated RSA-4096 keys ({took:?})"
    );
}

#[test]
fn an_offloaded_key_pair_is_an_ordinary_handle() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (mut store, instance) = instance(true).await;
        let rsa = instance
            .get_typed_func::<i32, i32>(&mut store, "rsa")
            .unwrap();
        let handle = instance
            .get_typed_func::<(), i32>(&mut store, "handle")
            .unwrap();
        assert_eq!(rsa.call_async(&mut store, 1).await.unwrap(), 0);
        let kp = handle.call_async(&mut store, ()).await.unwrap() as u32;
        let cx = store.data_mut();
        let pk = cx.keypair_publickey(kp).unwrap();
        let spki = cx
            .publickey_export(pk, wasicrypt_host::PublicKeyEncoding::Pkcs8)
            .unwrap();
        assert!(cx.array_output_len(spki).unwrap() > 512, "an RSA-4096 SPKI");
        // A cheap generation is not offloaded and gives the same kind of handle.
        let ed25519 = instance
            .get_typed_func::<(), i32>(&mut store, "ed25519")
            .unwrap();
        assert_eq!(ed25519.call_async(&mut store, ()).await.unwrap(), 0);
        let kp = handle.call_async(&mut store, ()).await.unwrap() as u32;
        assert!(store.data_mut().keypair_publickey(kp).is_ok());
    });
}

/// Calls `absorb(name, len)`; returns the errno and the bytes at 256..288.
async fn call_absorb(
    (mut store, instance): (Store<CryptoCtx>, Instance),
    async_linker: bool,
    name: (i32, i32),
    len: i32,
) -> (i32, Vec<u8>) {
    let f = instance
        .get_typed_func::<(i32, i32, i32), i32>(&mut store, "absorb")
        .unwrap();
    let errno = if async_linker {
        f.call_async(&mut store, (name.0, name.1, len)).await
    } else {
        f.call(&mut store, (name.0, name.1, len))
    }
    .unwrap();
    let memory = instance.get_memory(&mut store, "memory").unwrap();
    (errno, memory.data(&store)[256..288].to_vec())
}

const SHA_256: (i32, i32) = (0, 7);
const HKDF_EXPAND: (i32, i32) = (80, 19);

#[test]
fn a_large_absorb_is_split_and_gives_the_digest_of_one_absorb() {
    const LEN: usize = 48 << 20;
    let ((errno, digest), worst) = with_ticker(instance(true), |instance| {
        call_absorb(instance, true, SHA_256, LEN as i32)
    });
    let expected: Vec<u8> = {
        let data: Vec<u8> = (0..LEN).map(|i| (i % 251) as u8).collect();
        sha2::Sha256::digest(&data).to_vec()
    };
    assert_eq!(errno, 0);
    assert_eq!(digest, expected);
    eprintln!("48 MiB SHA-256 absorb: worst ticker gap {worst:?}");
    assert!(
        worst < Duration::from_millis(100),
        "the ticker stalled for {worst:?} during a 48 MiB absorb"
    );
}

#[test]
fn large_absorb_errors_are_those_of_the_sync_linker() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        // HKDF-EXPAND buffers its info up to 16 MiB: 20 MiB is `overflow` (errno 16), at once.
        for async_linker in [false, true] {
            let (mut store, instance) = instance(async_linker).await;
            let f = instance
                .get_typed_func::<(i32, i32, i32), i32>(&mut store, "absorb_keyed")
                .unwrap();
            let args = (HKDF_EXPAND.0, HKDF_EXPAND.1, 20 << 20);
            let errno = if async_linker {
                f.call_async(&mut store, args).await
            } else {
                f.call(&mut store, args)
            };
            assert_eq!(errno.unwrap(), 16, "async linker: {async_linker}");
        }
        // An unknown state is `invalid_handle` (errno 15) before any byte is read.
        let (mut store, instance) = instance(true).await;
        let f = instance
            .get_typed_func::<i32, i32>(&mut store, "absorb_bad_handle")
            .unwrap();
        assert_eq!(f.call_async(&mut store, 8 << 20).await.unwrap(), 15);
        // Out of guest memory is `guest_error` (errno 1).
        assert_eq!(f.call_async(&mut store, i32::MAX).await.unwrap(), 1);
    });
}
