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

/// An instance of `wat` linked by `add_to_linker_async` (or the sync linker), with a byte
/// pattern (`i % modulus`) from `fill.start` to `fill.end`.
async fn instantiate(
    wat: &str,
    async_linker: bool,
    fill: std::ops::Range<usize>,
    modulus: usize,
) -> (Store<CryptoCtx>, Instance) {
    let engine = Engine::default();
    let mut linker = Linker::<CryptoCtx>::new(&engine);
    if async_linker {
        wasicrypt_host::add_to_linker_async(&mut linker, |cx| cx).unwrap();
    } else {
        wasicrypt_host::add_to_linker(&mut linker, |cx| cx).unwrap();
    }
    let module = Module::new(&engine, wat::parse_str(wat).unwrap()).unwrap();
    let mut store = Store::new(&engine, CryptoCtx::new());
    let instance = if async_linker {
        linker.instantiate_async(&mut store, &module).await.unwrap()
    } else {
        linker.instantiate(&mut store, &module).unwrap()
    };
    let memory = instance.get_memory(&mut store, "memory").unwrap();
    for (i, b) in memory.data_mut(&mut store)[fill].iter_mut().enumerate() {
        *b = (i % modulus) as u8;
    }
    (store, instance)
}

/// An instance of `GUEST` with a pattern from `DATA` on.
async fn instance(async_linker: bool) -> (Store<CryptoCtx>, Instance) {
    instantiate(GUEST, async_linker, DATA..1100 * 65536, 251).await
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

// ---- AEAD messages ----

/// Plaintext, ciphertext and decrypted-plaintext regions of `AEAD_GUEST` (up to 16 MiB each).
const PT: usize = 1 << 20;
const CT: usize = 18 << 20;
const OPENED: usize = 36 << 20;
const INVALID_TAG: i32 = 21;

const AEAD_GUEST: &str = r#"(module
  (import "wasi_ephemeral_crypto_common" "options_open"
    (func $options_open (param i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_common" "options_set"
    (func $options_set (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_key_import"
    (func $key_import (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_open"
    (func $state_open (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_encrypt"
    (func $encrypt (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_encrypt_detached"
    (func $encrypt_detached (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_decrypt"
    (func $decrypt (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_state_decrypt_detached"
    (func $decrypt_detached (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_crypto_symmetric" "symmetric_tag_pull"
    (func $tag_pull (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1100)
  (data (i32.const 0) "AES-256-GCM")
  (data (i32.const 16) "nonce")
  (data (i32.const 32) "0123456789abcdef0123456789abcdef")
  (data (i32.const 80) "twelve bytes")
  ;; An AES-256-GCM state with the fixed key and nonce; its handle at 136.
  (func $setup (result i32)
    (local $errno i32)
    (local.set $errno (call $key_import (i32.const 0) (i32.const 11) (i32.const 32) (i32.const 32) (i32.const 128)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (i32.store (i32.const 144) (i32.const 0))
    (i32.store (i32.const 148) (i32.load (i32.const 128)))
    (local.set $errno (call $options_open (i32.const 1) (i32.const 132)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (local.set $errno (call $options_set (i32.load (i32.const 132)) (i32.const 16) (i32.const 5) (i32.const 80) (i32.const 12)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (i32.store (i32.const 152) (i32.const 0))
    (i32.store (i32.const 156) (i32.load (i32.const 132)))
    (call $state_open (i32.const 0) (i32.const 11) (i32.const 144) (i32.const 152) (i32.const 136)))
  ;; Encrypts `len` bytes at PT into CT (attached: ciphertext and tag; detached: the tag pulled to
  ;; 600). The call's result is at 140.
  (func (export "seal") (param $detached i32) (param $len i32) (result i32)
    (local $errno i32)
    (local.set $errno (call $setup))
    (if (local.get $errno) (then (return (local.get $errno))))
    (if (local.get $detached)
      (then
        (local.set $errno (call $encrypt_detached (i32.load (i32.const 136))
          (i32.const 18874368) (local.get $len) (i32.const 1048576) (local.get $len) (i32.const 140)))
        (if (local.get $errno) (then (return (local.get $errno))))
        (return (call $tag_pull (i32.load (i32.const 140)) (i32.const 600) (i32.const 16) (i32.const 160)))))
    (call $encrypt (i32.load (i32.const 136))
      (i32.const 18874368) (i32.add (local.get $len) (i32.const 16))
      (i32.const 1048576) (local.get $len) (i32.const 140)))
  ;; Decrypts what `seal` made (a plaintext of `len` bytes) into OPENED; the result is at 140.
  (func (export "open") (param $detached i32) (param $len i32) (result i32)
    (local $errno i32)
    (local.set $errno (call $setup))
    (if (local.get $errno) (then (return (local.get $errno))))
    (if (local.get $detached)
      (then
        (return (call $decrypt_detached (i32.load (i32.const 136))
          (i32.const 37748736) (local.get $len) (i32.const 18874368) (local.get $len)
          (i32.const 600) (i32.const 16) (i32.const 140)))))
    (call $decrypt (i32.load (i32.const 136))
      (i32.const 37748736) (local.get $len)
      (i32.const 18874368) (i32.add (local.get $len) (i32.const 16)) (i32.const 140)))
  (func (export "result") (result i32) (i32.load (i32.const 140))))"#;

/// An instance of `AEAD_GUEST` with a pattern at `PT`.
async fn aead_instance(async_linker: bool) -> (Store<CryptoCtx>, Instance) {
    instantiate(AEAD_GUEST, async_linker, PT..CT, 253).await
}

/// Calls export `name(detached, len)`; returns (errno, the call's result).
async fn aead_call(
    (store, instance): &mut (Store<CryptoCtx>, Instance),
    async_linker: bool,
    name: &str,
    detached: bool,
    len: usize,
) -> (i32, u32) {
    let f = instance
        .get_typed_func::<(i32, i32), i32>(&mut *store, name)
        .unwrap();
    let result = instance
        .get_typed_func::<(), i32>(&mut *store, "result")
        .unwrap();
    let args = (i32::from(detached), len as i32);
    if async_linker {
        let errno = f.call_async(&mut *store, args).await.unwrap();
        (
            errno,
            result.call_async(&mut *store, ()).await.unwrap() as u32,
        )
    } else {
        let errno = f.call(&mut *store, args).unwrap();
        (errno, result.call(&mut *store, ()).unwrap() as u32)
    }
}

fn region(g: &mut (Store<CryptoCtx>, Instance), at: usize, len: usize) -> Vec<u8> {
    let memory = g.1.get_memory(&mut g.0, "memory").unwrap();
    memory.data(&g.0)[at..at + len].to_vec()
}

#[test]
fn large_aead_messages_give_the_bytes_and_results_of_the_sync_linker() {
    const LEN: usize = 4 << 20;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut outputs = Vec::new();
        for async_linker in [false, true] {
            let mut g = aead_instance(async_linker).await;
            // Attached: ciphertext ‖ tag, and its length as the result.
            assert_eq!(
                aead_call(&mut g, async_linker, "seal", false, LEN).await,
                (0, (LEN + 16) as u32)
            );
            let attached = region(&mut g, CT, LEN + 16);
            assert_eq!(
                aead_call(&mut g, async_linker, "open", false, LEN).await,
                (0, LEN as u32)
            );
            assert_eq!(region(&mut g, OPENED, LEN), region(&mut g, PT, LEN));
            // Detached: the same ciphertext and tag, the tag through its handle.
            assert_eq!(
                aead_call(&mut g, async_linker, "seal", true, LEN).await.0,
                0
            );
            assert_eq!(region(&mut g, CT, LEN), attached[..LEN]);
            assert_eq!(region(&mut g, 600, 16), attached[LEN..]);
            assert_eq!(
                aead_call(&mut g, async_linker, "open", true, LEN).await,
                (0, LEN as u32)
            );
            assert_eq!(region(&mut g, OPENED, LEN), region(&mut g, PT, LEN));
            // A tampered ciphertext is `invalid_tag`, and the output buffer is zeroed.
            let memory = g.1.get_memory(&mut g.0, "memory").unwrap();
            memory.data_mut(&mut g.0)[CT + 12345] ^= 1;
            memory.data_mut(&mut g.0)[OPENED..OPENED + LEN].fill(0xAA);
            assert_eq!(
                aead_call(&mut g, async_linker, "open", true, LEN).await.0,
                INVALID_TAG
            );
            assert!(region(&mut g, OPENED, LEN).iter().all(|&b| b == 0));
            // The state handles stay usable: every call above opened its own; none is left
            // reserved.
            assert!(g.0.data().open_handles() > 0);
            outputs.push(attached);
        }
        assert_eq!(outputs[0], outputs[1], "sync and async ciphertexts");
    });
}

#[test]
fn large_aead_messages_do_not_stall_a_single_worker_runtime() {
    const LEN: usize = 16 << 20;
    let ((sealed, opened), worst) = with_ticker(aead_instance(true), |mut g| async move {
        let sealed = aead_call(&mut g, true, "seal", false, LEN).await;
        let opened = aead_call(&mut g, true, "open", false, LEN).await;
        (sealed, opened)
    });
    assert_eq!(sealed, (0, (LEN + 16) as u32));
    assert_eq!(opened, (0, LEN as u32));
    eprintln!("16 MiB AES-256-GCM encrypt + decrypt: worst ticker gap {worst:?}");
    assert!(
        worst < Duration::from_millis(100),
        "the ticker stalled for {worst:?} during 16 MiB AEAD calls"
    );
}
