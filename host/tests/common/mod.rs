//! Helpers shared by the test files (`mod common;` in each): host-direct calls, and a store
//! linked with the WASI-Crypto imports.

#![allow(dead_code)] // each test file uses a different subset

use wasicrypt_host::{CryptoCtx, Handle, KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding};
use wasmtime::{Engine, Linker, Store};

/// The store data of tests that run modules: the WASI-Crypto context alone.
pub struct State {
    pub crypto: CryptoCtx,
}

/// A linker with every WASI-Crypto import (`add_to_linker`), and a store holding `crypto`.
pub fn linked(engine: &Engine, crypto: CryptoCtx) -> (Linker<State>, Store<State>) {
    let mut linker = Linker::new(engine);
    wasicrypt_host::add_to_linker(&mut linker, |s: &mut State| &mut s.crypto).unwrap();
    (linker, Store::new(engine, State { crypto }))
}

/// Decodes a hex test vector.
pub fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("test vector is hex")
}

/// Pulls a whole `array_output` in one call.
pub fn pull_all(ctx: &mut CryptoCtx, out: Handle) -> Vec<u8> {
    let mut buf = vec![0; ctx.array_output_len(out).unwrap()];
    assert_eq!(ctx.array_output_pull(out, &mut buf).unwrap(), buf.len());
    buf
}

/// `keypair_export`, pulled.
pub fn export_kp(ctx: &mut CryptoCtx, kp: Handle, encoding: KeyPairEncoding) -> Vec<u8> {
    let out = ctx.keypair_export(kp, encoding).unwrap();
    pull_all(ctx, out)
}

/// `publickey_export`, pulled.
pub fn export_pk(ctx: &mut CryptoCtx, pk: Handle, encoding: PublicKeyEncoding) -> Vec<u8> {
    let out = ctx.publickey_export(pk, encoding).unwrap();
    pull_all(ctx, out)
}

/// `secretkey_export`, pulled.
pub fn export_sk(ctx: &mut CryptoCtx, sk: Handle, encoding: SecretKeyEncoding) -> Vec<u8> {
    let out = ctx.secretkey_export(sk, encoding).unwrap();
    pull_all(ctx, out)
}
