//! Runs a fixed script of `XOODYAK-128` / `XOODYAK-160` calls against the reference WASI-Crypto
//! host (`wasi-crypto` 0.1.16) and prints the script with the reference's answer to every step, as
//! JSON. `host/tests/xoodyak_reference.rs` replays the printed file against wasicrypt-host.
//!
//! A step names handles symbolically (`"k1"`, `"s2"`); byte strings are lowercase hex. The answer
//! of a step is `{"ok": HEX}` (the bytes the call wrote or returned, or `""` for a call that
//! returns nothing) or `{"err": NAME}` with the reference's `CryptoError` variant name. A `clone`
//! step is answered as a deep clone would be (see [`deep_clone`]).

use std::collections::HashMap;

use serde_json::{Value, json};
use wasi_crypto::{AlgorithmType, CryptoCtx, CryptoError, Handle};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// `n` bytes `(seed + 7 i) mod 256`: inputs that differ per step without a random source.
fn pattern(seed: u8, n: usize) -> String {
    hex(&(0..n)
        .map(|i| seed.wrapping_add((i * 7) as u8))
        .collect::<Vec<_>>())
}

/// The script: hash mode, keyed sessions with and without a nonce, both parameter sets, clones,
/// ratchets, derived keys, attached and detached encryption, and the error cases of each call.
fn script() -> Vec<Value> {
    let mut s = Vec::new();
    // Hash mode: absorb/squeeze interleaving, a clone that diverges, squeeze_tag and the calls
    // that need a key.
    s.extend([
        json!({"op": "open", "alg": "XOODYAK-128", "out": "h"}),
        json!({"op": "absorb", "state": "h", "data": pattern(1, 0)}),
        json!({"op": "squeeze", "state": "h", "len": 32}),
        json!({"op": "absorb", "state": "h", "data": pattern(2, 5)}),
        json!({"op": "absorb", "state": "h", "data": pattern(3, 200)}),
        json!({"op": "squeeze", "state": "h", "len": 1}),
        json!({"op": "squeeze", "state": "h", "len": 100}),
        json!({"op": "clone", "state": "h", "out": "h2"}),
        json!({"op": "squeeze", "state": "h", "len": 16}),
        json!({"op": "squeeze", "state": "h2", "len": 16}),
        json!({"op": "absorb", "state": "h2", "data": pattern(4, 48)}),
        json!({"op": "squeeze_tag", "state": "h2"}),
        json!({"op": "squeeze_tag", "state": "h"}),
        json!({"op": "max_tag_len", "state": "h"}),
        json!({"op": "encrypt", "state": "h", "data": pattern(5, 10)}),
        json!({"op": "encrypt_detached", "state": "h", "data": pattern(5, 10)}),
        json!({"op": "decrypt", "state": "h", "data": pattern(6, 26)}),
        json!({"op": "decrypt_detached", "state": "h", "data": pattern(6, 10), "tag": pattern(7, 16)}),
        json!({"op": "ratchet", "state": "h"}),
        json!({"op": "squeeze", "state": "h", "len": 8}),
    ]);
    for (alg, key_len, tag) in [("XOODYAK-128", 16, "a"), ("XOODYAK-160", 20, "b")] {
        let k = format!("k{tag}");
        let o = format!("o{tag}");
        let e = format!("e{tag}");
        let d = format!("d{tag}");
        let c = format!("c{tag}");
        let n = format!("n{tag}");
        // `"from"` names the index of the sender's step whose answer is the input.
        let b = s.len();
        s.extend([
            json!({"op": "key_import", "alg": alg, "raw": pattern(10, key_len), "out": k}),
            json!({"op": "options_nonce", "nonce": pattern(11, 16), "out": o}),
            // Sender: AD, three messages of different lengths, a squeeze in between, a detached
            // message, a ratchet, a tag and a derived key.
            json!({"op": "open", "alg": alg, "key": k, "options": o, "out": e}),
            json!({"op": "absorb", "state": e, "data": pattern(12, 13)}),
            json!({"op": "encrypt", "state": e, "data": pattern(13, 0)}),
            json!({"op": "encrypt", "state": e, "data": pattern(14, 1)}),
            json!({"op": "encrypt", "state": e, "data": pattern(15, 100)}),
            json!({"op": "squeeze", "state": e, "len": 24}),
            json!({"op": "encrypt_detached", "state": e, "data": pattern(16, 33)}),
            json!({"op": "ratchet", "state": e}),
            json!({"op": "absorb", "state": e, "data": pattern(17, 7)}),
            json!({"op": "encrypt", "state": e, "data": pattern(18, 64)}),
            json!({"op": "clone", "state": e, "out": c}),
            json!({"op": "squeeze_tag", "state": e}),
            json!({"op": "squeeze_key", "state": c, "alg": alg}),
            json!({"op": "squeeze", "state": c, "len": 16}),
            json!({"op": "max_tag_len", "state": e}),
            // Receiver: the same sequence decrypts what the sender wrote (the ciphertexts are
            // taken from the sender's answers by `"from"`).
            json!({"op": "open", "alg": alg, "key": k, "options": o, "out": d}),
            json!({"op": "absorb", "state": d, "data": pattern(12, 13)}),
            json!({"op": "decrypt", "state": d, "from": b + 4}),
            json!({"op": "decrypt", "state": d, "from": b + 5}),
            json!({"op": "decrypt", "state": d, "from": b + 6}),
            json!({"op": "squeeze", "state": d, "len": 24}),
            json!({"op": "decrypt_detached", "state": d, "from": b + 8}),
            json!({"op": "ratchet", "state": d}),
            json!({"op": "absorb", "state": d, "data": pattern(17, 7)}),
            json!({"op": "decrypt", "state": d, "from": b + 11}),
            json!({"op": "squeeze_tag", "state": d}),
            // A session without a nonce, and tampering: a flipped ciphertext byte, a flipped tag,
            // a short ciphertext, a wrong-size output.
            json!({"op": "open", "alg": alg, "key": k, "out": n}),
            json!({"op": "encrypt", "state": n, "data": pattern(19, 20)}),
            json!({"op": "open", "alg": alg, "key": k, "out": format!("{n}r")}),
            json!({"op": "decrypt", "state": format!("{n}r"), "from": b + 29, "flip": 0}),
            json!({"op": "open", "alg": alg, "key": k, "out": format!("{n}t")}),
            json!({"op": "decrypt_detached", "state": format!("{n}t"), "data": pattern(20, 4), "tag": pattern(21, 16)}),
            json!({"op": "decrypt", "state": n, "data": pattern(22, 15)}),
            json!({"op": "encrypt_sized", "state": n, "data": pattern(23, 4), "out_len": 4}),
        ]);
    }
    // Keys: any length is accepted by the reference, the key's algorithm must match the state's,
    // and a generated key has the parameter set's length.
    s.extend([
        json!({"op": "key_import", "alg": "XOODYAK-128", "raw": pattern(30, 32), "out": "klong"}),
        json!({"op": "open", "alg": "XOODYAK-128", "key": "klong", "out": "sl"}),
        json!({"op": "encrypt", "state": "sl", "data": pattern(31, 9)}),
        json!({"op": "open", "alg": "XOODYAK-160", "key": "klong", "out": "sx"}),
        json!({"op": "key_generate_len", "alg": "XOODYAK-128"}),
        json!({"op": "key_generate_len", "alg": "XOODYAK-160"}),
    ]);
    s
}

/// The reference's answer to one step.
fn run(
    ctx: &CryptoCtx,
    step: &Value,
    done: &[Value],
    names: &mut HashMap<String, Handle>,
) -> Value {
    let h = |names: &HashMap<String, Handle>, field: &str| step[field].as_str().map(|n| names[n]);
    let bytes = |field: &str| unhex(step[field].as_str().unwrap());
    let state = h(names, "state");
    // Input of a `"from"` step: the sender's ciphertext (and tag), optionally with one byte flipped.
    let (data, tag) = match step["from"].as_u64() {
        Some(i) => {
            let answer = &done[i as usize];
            let mut ct = unhex(answer["ok"].as_str().unwrap());
            let tag = answer["tag"].as_str().map(unhex);
            if let Some(at) = step["flip"].as_u64() {
                ct[at as usize] ^= 1;
            }
            (ct, tag)
        }
        None => (
            step["data"].as_str().map(unhex).unwrap_or_default(),
            step["tag"].as_str().map(unhex),
        ),
    };
    let put = |names: &mut HashMap<String, Handle>, r: Result<Handle, CryptoError>| {
        r.map(|handle| {
            names.insert(step["out"].as_str().unwrap().to_string(), handle);
            Vec::new()
        })
    };
    let result: Result<Vec<u8>, CryptoError> = match step["op"].as_str().unwrap() {
        "key_import" => put(
            names,
            ctx.symmetric_key_import(step["alg"].as_str().unwrap(), &bytes("raw")),
        ),
        "options_nonce" => put(
            names,
            (|| {
                let o = ctx.options_open(AlgorithmType::Symmetric)?;
                ctx.options_set(o, "nonce", &bytes("nonce"))?;
                Ok(o)
            })(),
        ),
        "open" => {
            let (key, options) = (h(names, "key"), h(names, "options"));
            put(
                names,
                ctx.symmetric_state_open(step["alg"].as_str().unwrap(), key, options),
            )
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
            .symmetric_state_squeeze_key(state.unwrap(), step["alg"].as_str().unwrap())
            .and_then(|k| export(ctx, k)),
        "max_tag_len" => ctx
            .symmetric_state_max_tag_len(state.unwrap())
            .map(|n| (n as u64).to_le_bytes().to_vec()),
        "encrypt" | "encrypt_sized" => {
            let len = match step["out_len"].as_u64() {
                Some(n) => n as usize,
                None => data.len() + 16,
            };
            let mut out = vec![0; len];
            ctx.symmetric_state_encrypt(state.unwrap(), &mut out, &data)
                .map(|n| out[..n].to_vec())
        }
        "encrypt_detached" => {
            let mut out = vec![0; data.len()];
            let r = ctx.symmetric_state_encrypt_detached(state.unwrap(), &mut out, &data);
            match r.and_then(|t| pull_tag(ctx, t)) {
                Ok(tag) => return json!({"ok": hex(&out), "tag": hex(&tag)}),
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
            .symmetric_key_generate(step["alg"].as_str().unwrap(), None)
            .and_then(|k| export(ctx, k))
            .map(|raw| (raw.len() as u64).to_le_bytes().to_vec()),
        op => panic!("unknown op {op}"),
    };
    match result {
        Ok(bytes) => json!({"ok": hex(&bytes)}),
        Err(e) => {
            let name = format!("{e:?}");
            json!({"err": name.split('(').next().unwrap()})
        }
    }
}

fn pull_tag(ctx: &CryptoCtx, tag: Handle) -> Result<Vec<u8>, CryptoError> {
    let mut raw = vec![0; ctx.symmetric_tag_len(tag)?];
    ctx.symmetric_tag_pull(tag, &mut raw)?;
    Ok(raw)
}

fn export(ctx: &CryptoCtx, key: Handle) -> Result<Vec<u8>, CryptoError> {
    let out = ctx.symmetric_key_export(key)?;
    let mut raw = vec![0; ctx.array_output_len(out)?];
    ctx.array_output_pull(out, &mut raw)?;
    Ok(raw)
}

/// The reference's `symmetric_state_clone` is shallow: its states are `Arc`s, so a clone is a
/// second handle to the same state and the two advance together. The proposal's clone is a copy
/// that continues on its own, so a `clone` step is recorded as what a deep clone must answer: a
/// new state opened as the source was, to which every earlier call on the source is replayed.
fn deep_clone(
    ctx: &CryptoCtx,
    step: &Value,
    done: &[Value],
    names: &mut HashMap<String, Handle>,
    history: &mut HashMap<String, Vec<Value>>,
) -> Value {
    let source = step["state"].as_str().unwrap();
    let copy = step["out"].as_str().unwrap();
    let calls = history[source].clone();
    for call in &calls {
        let mut call = call.clone();
        if call["op"] == "open" {
            call["out"] = json!(copy);
        } else {
            call["state"] = json!(copy);
        }
        run(ctx, &call, done, names);
    }
    history.insert(copy.to_string(), calls);
    json!({"ok": ""})
}

fn main() {
    let ctx = CryptoCtx::new();
    let mut names = HashMap::new();
    let mut history: HashMap<String, Vec<Value>> = HashMap::new();
    let mut done: Vec<Value> = Vec::new();
    let mut steps = Vec::new();
    for step in script() {
        let answer = if step["op"] == "clone" {
            deep_clone(&ctx, &step, &done, &mut names, &mut history)
        } else {
            let answer = run(&ctx, &step, &done, &mut names);
            let state = match step["op"].as_str() {
                Some("open") => step["out"].as_str(),
                _ => step["state"].as_str(),
            };
            if let Some(state) = state {
                history
                    .entry(state.to_string())
                    .or_default()
                    .push(step.clone());
            }
            answer
        };
        done.push(answer.clone());
        let mut step = step;
        step["expect"] = answer;
        steps.push(step);
    }
    let doc = json!({
        "reference": "wasi-crypto 0.1.16 (wasm-crypto/wasi-crypto-host-functions), xoodyak 0.8",
        "generator": "interop/xoodyak-reference",
        "steps": steps,
    });
    println!("{}", serde_json::to_string_pretty(&doc).unwrap());
}
