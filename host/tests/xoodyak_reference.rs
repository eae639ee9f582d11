//! `XOODYAK-128` / `XOODYAK-160` sessions give the reference host's outputs for the same call
//! sequence.
//!
//! `data/xoodyak_reference.json` was recorded by `interop/xoodyak-reference` from the reference
//! WASI-Crypto host (`wasi-crypto` 0.1.16): 98 calls covering hash mode, keyed sessions with and
//! without a nonce, both parameter sets, clones, ratchets, derived keys, attached and detached
//! encryption and their error cases. This test replays each call against wasicrypt-host and
//! requires the same bytes and the same error, except where the proposal prescribes an errno that
//! the reference does not give (listed in [`divergence`]).

use std::collections::HashMap;

use serde_json::Value;
use wasicrypt_host::{AlgorithmType, CryptoCtx, CryptoError, Handle};

mod common;
use common::{pull_all, unhex};

const TRANSCRIPT: &str = include_str!("data/xoodyak_reference.json");

/// Where our errno deliberately differs from the reference's for a step, the errno we give. The
/// reference answers every failure of the attached `decrypt` with `overflow`, a tag mismatch and
/// a ciphertext shorter than the tag included; the proposal's errno for a ciphertext that does
/// not authenticate is `invalid_tag`, which is what every AEAD here answers for both. The
/// reference also requires the output buffer of `encrypt` to be exactly input + tag long
/// (`invalid_length` otherwise); the spec's rule for AEADs is that a buffer too small is
/// `overflow` (`../shared/spec/NOTES.md`, "Behaviour").
fn divergence(step: &Value, reference: &str) -> Option<&'static str> {
    match (step["op"].as_str()?, reference) {
        ("decrypt", "Overflow") => Some("InvalidTag"),
        ("encrypt_sized", "InvalidLength") => Some("Overflow"),
        _ => None,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn pull_tag(ctx: &mut CryptoCtx, tag: Handle) -> Result<Vec<u8>, CryptoError> {
    let mut raw = vec![0; ctx.symmetric_tag_len(tag)?];
    ctx.symmetric_tag_pull(tag, &mut raw)?;
    Ok(raw)
}

fn export(ctx: &mut CryptoCtx, key: Handle) -> Result<Vec<u8>, CryptoError> {
    let out = ctx.symmetric_key_export(key)?;
    Ok(pull_all(ctx, out))
}

/// Our answer to one step of the transcript, in the transcript's form.
fn run(
    ctx: &mut CryptoCtx,
    step: &Value,
    steps: &[Value],
    names: &mut HashMap<String, Handle>,
) -> Value {
    let name =
        |names: &HashMap<String, Handle>, field: &str| step[field].as_str().map(|n| names[n]);
    let text = |field: &str| step[field].as_str().unwrap();
    let state = name(names, "state");
    // A `"from"` step decrypts the answer of an earlier step, with one byte flipped by `"flip"`.
    let (data, tag) = match step["from"].as_u64() {
        Some(i) => {
            let answer = &steps[i as usize]["expect"];
            let mut ct = unhex(answer["ok"].as_str().unwrap());
            if let Some(at) = step["flip"].as_u64() {
                ct[at as usize] ^= 1;
            }
            (ct, answer["tag"].as_str().map(unhex))
        }
        None => (
            step["data"].as_str().map(unhex).unwrap_or_default(),
            step["tag"].as_str().map(unhex),
        ),
    };
    let put = |names: &mut HashMap<String, Handle>, r: Result<Handle, CryptoError>| {
        r.map(|handle| {
            names.insert(text("out").to_string(), handle);
            Vec::new()
        })
    };
    let result = match text("op") {
        "key_import" => {
            let r = ctx.symmetric_key_import(text("alg"), &unhex(text("raw")));
            put(names, r)
        }
        "options_nonce" => {
            let o = ctx.options_open(AlgorithmType::Symmetric).unwrap();
            let r = ctx
                .options_set(o, "nonce", &unhex(text("nonce")))
                .map(|()| o);
            put(names, r)
        }
        "open" => {
            let (key, options) = (name(names, "key"), name(names, "options"));
            let r = ctx.symmetric_state_open(text("alg"), key, options);
            put(names, r)
        }
        "clone" => {
            let r = ctx.symmetric_state_clone(state.unwrap());
            put(names, r)
        }
        "absorb" => ctx
            .symmetric_state_absorb(state.unwrap(), &data)
            .map(|()| Vec::new()),
        "squeeze" => {
            let mut out = vec![0; step["len"].as_u64().unwrap() as usize];
            ctx.symmetric_state_squeeze(state.unwrap(), &mut out)
                .map(|()| out)
        }
        "squeeze_tag" => ctx
            .symmetric_state_squeeze_tag(state.unwrap())
            .and_then(|t| pull_tag(ctx, t)),
        "squeeze_key" => ctx
            .symmetric_state_squeeze_key(state.unwrap(), text("alg"))
            .and_then(|k| export(ctx, k)),
        "max_tag_len" => ctx
            .symmetric_state_max_tag_len(state.unwrap())
            .map(|n| (n as u64).to_le_bytes().to_vec()),
        "encrypt" | "encrypt_sized" => {
            let len = step["out_len"]
                .as_u64()
                .map_or(data.len() + 16, |n| n as usize);
            let mut out = vec![0; len];
            ctx.symmetric_state_encrypt(state.unwrap(), &mut out, &data)
                .map(|n| out[..n].to_vec())
        }
        "encrypt_detached" => {
            let mut out = vec![0; data.len()];
            let r = ctx.symmetric_state_encrypt_detached(state.unwrap(), &mut out, &data);
            match r.and_then(|t| pull_tag(ctx, t)) {
                Ok(tag) => return serde_json::json!({"ok": hex(&out), "tag": hex(&tag)}),
                Err(e) => Err(e),
            }
        }
        "decrypt" => {
            let mut out = vec![0; data.len().saturating_sub(16)];
            ctx.symmetric_state_decrypt(state.unwrap(), &mut out, &data)
                .map(|n| out[..n].to_vec())
        }
        "decrypt_detached" => {
            let mut out = vec![0; data.len()];
            ctx.symmetric_state_decrypt_detached(state.unwrap(), &mut out, &data, &tag.unwrap())
                .map(|n| out[..n].to_vec())
        }
        "ratchet" => ctx
            .symmetric_state_ratchet(state.unwrap())
            .map(|()| Vec::new()),
        "key_generate_len" => ctx
            .symmetric_key_generate(text("alg"), None)
            .and_then(|k| export(ctx, k))
            .map(|raw| (raw.len() as u64).to_le_bytes().to_vec()),
        op => panic!("the transcript has an op this test does not know: {op}"),
    };
    match result {
        Ok(bytes) => serde_json::json!({"ok": hex(&bytes)}),
        Err(e) => serde_json::json!({"err": format!("{e:?}")}),
    }
}

#[test]
fn every_call_matches_the_reference_host() {
    let doc: Value = serde_json::from_str(TRANSCRIPT).unwrap();
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 98, "the whole transcript is replayed");
    let mut ctx = CryptoCtx::new();
    let mut names = HashMap::new();
    let (mut outputs, mut errors) = (0, 0);
    for (i, step) in steps.iter().enumerate() {
        let ours = run(&mut ctx, step, steps, &mut names);
        let reference = &step["expect"];
        match reference["err"].as_str() {
            Some(err) => {
                let want = divergence(step, err).unwrap_or(err);
                assert_eq!(ours["err"].as_str(), Some(want), "step {i}: {step}");
                errors += 1;
            }
            None => {
                assert_eq!(&ours, reference, "step {i}: {step}");
                outputs += !reference["ok"].as_str().unwrap().is_empty() as usize;
            }
        }
    }
    // The transcript is not vacuous: most steps produce bytes, and each error kind is reached.
    assert_eq!(outputs, 46);
    assert_eq!(errors, 14);
}
