//! End-to-end: the `wasm32-wasip1` programs of `test-programs/`, built with the `wasicrypt` guest
//! crate, run under wasmtime with WASI preview 1 and this host linked in.
//!
//! Build them first — `cargo xtask test` does — or point `WASICRYPT_GUEST_DIR` at a directory of
//! `*.wasm` files. A missing program fails its test: nothing is skipped.

use std::path::PathBuf;

use sha2::Digest;
use wasmtime::{Engine, Linker, Module, Store};
use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtxBuilder};

struct State {
    wasi: WasiP1Ctx,
    crypto: wasicrypt_host::CryptoCtx,
}

fn guest_dir() -> PathBuf {
    match std::env::var_os("WASICRYPT_GUEST_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/wasm32-wasip1/release"
        )),
    }
}

struct Outcome {
    code: i32,
    /// The trap that ended the program, when it did not exit.
    trap: Option<String>,
    stdout: String,
    stderr: String,
}

/// Runs `name.wasm` with `args`, the repository root preopened as `/repo`; a trap fails the test.
fn run(name: &str, args: &[&str]) -> Outcome {
    let out = run_may_trap(name, args);
    if let Some(trap) = &out.trap {
        panic!("{name} trapped: {trap}\nstdout:\n{}", out.stdout);
    }
    out
}

/// [`run`], reporting a trap instead of failing on it.
fn run_may_trap(name: &str, args: &[&str]) -> Outcome {
    run_program(&guest_dir().join(format!("{name}.wasm")), name, args, None)
}

/// Runs the guest crate's example `name` (built into `examples/` of the guest directory) with
/// `data` preopened read-write as `/data`; a trap fails the test.
fn run_example(name: &str, args: &[&str], data: &std::path::Path) -> Outcome {
    let path = guest_dir().join("examples").join(format!("{name}.wasm"));
    let out = run_program(&path, name, args, Some(data));
    if let Some(trap) = &out.trap {
        panic!("{name} trapped: {trap}\nstdout:\n{}", out.stdout);
    }
    out
}

/// Runs the program at `path` as `name` with `args`, the repository preopened read-only as
/// `/repo` and `data`, when given, read-write as `/data`.
fn run_program(
    path: &std::path::Path,
    name: &str,
    args: &[&str],
    data: Option<&std::path::Path>,
) -> Outcome {
    run_program_with(path, name, args, data, wasicrypt_host::CryptoCtx::new())
}

/// [`run_program`] with the guest's `crypto` context given (e.g. with a secrets manager).
fn run_program_with(
    path: &std::path::Path,
    name: &str,
    args: &[&str],
    data: Option<&std::path::Path>,
    crypto: wasicrypt_host::CryptoCtx,
) -> Outcome {
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} — build the guest programs with `cargo xtask test`",
            path.display()
        )
    });
    let engine = Engine::default();
    let module = Module::new(&engine, bytes).unwrap();
    let mut linker: Linker<State> = Linker::new(&engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |s: &mut State| &mut s.wasi).unwrap();
    wasicrypt_host::add_to_linker(&mut linker, |s: &mut State| &mut s.crypto).unwrap();

    let stdout = MemoryOutputPipe::new(1 << 20);
    let stderr = MemoryOutputPipe::new(1 << 20);
    let mut argv = vec![name.to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let repo = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut builder = WasiCtxBuilder::new();
    builder
        .args(&argv)
        .stdout(stdout.clone())
        .stderr(stderr.clone());
    builder
        .preopened_dir(repo, "/repo", FsPerms::ReadOnly)
        .unwrap();
    if let Some(data) = data {
        builder
            .preopened_dir(data, "/data", FsPerms::ReadWrite)
            .unwrap();
    }
    let wasi = builder.build_p1();
    let mut store = Store::new(&engine, State { wasi, crypto });
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .unwrap();
    let (code, trap) = match start.call(&mut store, ()) {
        Ok(()) => (0, None),
        Err(e) => match e.downcast_ref::<I32Exit>() {
            Some(exit) => (exit.0, None),
            None => (-1, Some(format!("{e:?}"))),
        },
    };
    let leaked = store.data().crypto.open_handles();
    let outcome = Outcome {
        code,
        trap,
        stdout: String::from_utf8_lossy(&stdout.contents()).into_owned(),
        stderr: String::from_utf8_lossy(&stderr.contents()).into_owned(),
    };
    // Every handle the guest crate opened was closed again by its `Drop` impls (a trap ends the
    // program before they run).
    if outcome.trap.is_none() {
        assert_eq!(
            leaked, 0,
            "{name} left {leaked} handles open\n{}",
            outcome.stdout
        );
    }
    outcome
}

/// Runs a harness program and requires every check to pass (and at least one to run). Every
/// output line must be `ok NAME`, `trap-check NAME` or the summary: a skipped or unparsable check
/// fails. Each `trap-check NAME` runs in an instance of its own (`=NAME`), which must trap.
fn assert_passes(name: &str) {
    let out = run(name, &[]);
    println!("{}", out.stdout);
    assert_eq!(
        out.code, 0,
        "{name} failed:\n{}\n{}",
        out.stdout, out.stderr
    );
    assert!(!out.stdout.contains("FAIL"), "{}", out.stdout);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let (summary, checks) = lines.split_last().expect("no output");
    for line in checks {
        assert!(
            line.starts_with("ok ") || line.starts_with("trap-check "),
            "{name}: a check line that is neither run nor a trap check: {line:?}"
        );
    }
    for check in checks.iter().filter_map(|l| l.strip_prefix("trap-check ")) {
        let alone = run_may_trap(name, &[&format!("={check}")]);
        let trap = alone
            .trap
            .unwrap_or_else(|| panic!("{name}: {check:?} did not trap:\n{}", alone.stdout));
        // The host's trap, not a panic of the guest program (`unreachable`).
        assert!(
            !trap.contains("unreachable"),
            "{name}: {check:?} panicked in the guest: {trap}"
        );
        assert!(!alone.stdout.contains("ok "), "{}", alone.stdout);
    }
    let passed: usize = summary
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        passed > 0 && summary.ends_with(" 0 failed"),
        "unexpected summary {summary:?}"
    );
}

#[test]
fn symmetric_known_answers() {
    assert_passes("symmetric_kat");
}

#[test]
fn streaming_encryption_and_in_place_sealing() {
    assert_passes("streaming");
}

/// 4.5 GiB through `wasicrypt::stream` (sealed and opened as it is produced): past every 32-bit
/// length of the guest, in constant guest memory.
#[test]
fn streaming_runs_multi_gib_in_constant_guest_memory() {
    let mib = std::env::var("WASICRYPT_STREAM_MIB").unwrap_or_else(|_| "4608".into());
    let out = run("stream_gib", &[&mib]);
    println!("{}", out.stdout);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let pages: usize = out
        .stdout
        .trim()
        .strip_prefix(&format!("ok {mib} MiB sealed and opened, memory grew by "))
        .and_then(|rest| rest.strip_suffix(" pages"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected output: {}", out.stdout));
    // One 64 KiB chunk in each direction, the queue and the reader's buffer: a few pages.
    assert!(pages < 16, "guest memory grew by {pages} pages of 64 KiB");
}

/// `wasicrypt::blake3` (its own API and the `digest` traits) in a guest gives the `blake3`
/// crate's outputs natively, line by line.
#[test]
fn blake3_drop_in_matches_the_native_crate() {
    let out = run("blake3_dropin", &[]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let key: [u8; 32] = core::array::from_fn(|i| i as u8);
    let mut want = Vec::new();
    for len in [0usize, 3, 1023, 1024, 1025, 100_000] {
        let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let hash = blake3::hash(&data).to_hex();
        let keyed = blake3::keyed_hash(&key, &data).to_hex();
        let mut long = [0u8; 200];
        let mut keyed_hasher = blake3::Hasher::new_keyed(&key);
        keyed_hasher.update(&data).finalize_xof().fill(&mut long);
        let mut xof = [0u8; 77];
        blake3::Hasher::new()
            .update(&data)
            .finalize_xof()
            .fill(&mut xof);
        want.push(format!("hash {len} {hash}"));
        want.push(format!("keyed {len} {keyed}"));
        want.push(format!("pieces {len} {hash}"));
        want.push(format!("keyed-xof {len} {}", hex::encode(long)));
        want.push(format!("digest {len} {hash}"));
        want.push(format!("xof-trait {len} {}", hex::encode(xof)));
    }
    let keyed = |data: &[u8]| blake3::keyed_hash(&key, data).to_hex();
    want.push(format!("continue {}", keyed(b"foobar")));
    want.push(format!("first {}", keyed(b"foo")));
    want.push(format!("clone {}", keyed(b"foo")));
    want.push(format!("reset-keyed {}", keyed(b"baz")));
    let mut stream = [0u8; 99];
    blake3::Hasher::new()
        .update(b"stream")
        .finalize_xof()
        .fill(&mut stream);
    want.push(format!("stream {}", hex::encode(stream)));
    want.push("equal true".to_owned());
    want.push("unequal false".to_owned());
    let got: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(got, want);
}

#[test]
fn symmetric_errnos() {
    assert_passes("symmetric_errors");
}

#[test]
fn symmetric_behaviour() {
    assert_passes("symmetric_behaviour");
}

#[test]
fn signature_known_answers() {
    assert_passes("signatures_kat");
}

#[test]
fn key_exchange_known_answers() {
    assert_passes("kx_kat");
}

#[test]
fn asymmetric_errnos() {
    assert_passes("asymmetric_errors");
}

/// The RustCrypto crates under the module names `rustcrypto_cases.rs` uses (what the guest
/// program gets from `wasicrypt`'s drop-in modules).
mod impls {
    pub use sha2;
    pub use {aes_gcm, aes_gcm_siv, chacha20poly1305, ed25519_dalek as ed25519, k256, p256, p384};

    /// `sha3` 0.12 moved SHAKE to the `shake` crate; `wasicrypt::sha3` has both.
    pub mod sha3 {
        pub use ::sha3::{Sha3_256, Sha3_384, Sha3_512};
        pub use shake::{Shake128, Shake256};
    }

    /// The `ctr` crate's AES instances, under the names `wasicrypt::ctr` gives them.
    pub mod ctr {
        pub type Aes128Ctr = ::ctr::Ctr128BE<aes::Aes128>;
        pub type Aes256Ctr = ::ctr::Ctr128BE<aes::Aes256>;
    }

    /// `hmac` has no per-hash names; these are the instances `wasicrypt::hmac` names.
    pub mod hmac {
        pub type HmacSha256 = ::hmac::Hmac<sha2::Sha256>;
        pub type HmacSha384 = ::hmac::Hmac<sha2::Sha384>;
        pub type HmacSha512 = ::hmac::Hmac<sha2::Sha512>;
    }
}

#[path = "../../test-programs/src/rustcrypto_cases.rs"]
mod rustcrypto_cases;

/// Code written only against the `digest`, `aead` and `signature` traits gives, over
/// `wasicrypt`'s drop-in types in a guest, exactly the outputs of the RustCrypto crates natively:
/// digests, XOF streams, MAC tags and their verification, AEAD ciphertexts (attached, detached,
/// in place) and their rejection when tampered with, deterministic signatures and their
/// verification.
#[test]
fn rustcrypto_traits_match_the_native_crates() {
    let out = run("rustcrypto_traits", &[]);
    assert_eq!(out.code, 0, "stderr:\n{}", out.stderr);
    let native: Vec<String> = rustcrypto_cases::run_all()
        .into_iter()
        .map(|(label, bytes)| format!("{label}: {}", hex::encode(bytes)))
        .collect();
    let guest: Vec<&str> = out.stdout.lines().collect();
    for (index, line) in native.iter().enumerate() {
        assert_eq!(
            guest.get(index).copied(),
            Some(line.as_str()),
            "line {index}"
        );
    }
    assert_eq!(guest.len(), native.len(), "extra guest output");
    assert!(native.len() > 500, "{} lines", native.len());
}

#[test]
fn demo_seals_and_opens_a_repository_file() {
    let file = "host/Cargo.toml";
    let out = run("demo", &[&format!("/repo/{file}")]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let contents = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let digest = hex::encode(sha2::Sha256::digest(&contents));
    assert!(
        out.stdout.contains(&digest),
        "demo's SHA-256 differs from {digest}:\n{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("{} bytes", contents.len())),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("signed: Ed25519, 64-byte signature, verified"),
        "{}",
        out.stdout
    );
    // The signature is checked before the file is opened.
    let signed = out.stdout.find("signed: ").unwrap();
    let opened = out.stdout.find("opened: ").unwrap();
    assert!(signed < opened, "{}", out.stdout);
    assert!(out.stdout.contains("round trip verified"), "{}", out.stdout);
}

#[test]
fn demo_reports_a_missing_file() {
    let out = run("demo", &["/repo/no-such-file"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.lines().count() >= 1, "{}", out.stderr);
}

/// A fresh, empty directory for one example test under the system's temporary directory.
fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wasicrypt-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `examples/seal_file.rs`: a 3 MB file (46 chunks) sealed and opened back; a flipped byte, a
/// truncated file and the wrong key are refused with exit status 1 and leave no output file.
#[test]
fn example_seal_file_round_trips_and_refuses_tampering() {
    let dir = scratch_dir("seal-file");
    let plain: Vec<u8> = (0..3_000_005u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(dir.join("key"), [0x5c; 32]).unwrap();
    std::fs::write(dir.join("other-key"), [0x5d; 32]).unwrap();
    std::fs::write(dir.join("plain"), &plain).unwrap();
    let seal = run_example(
        "seal_file",
        &["seal", "/data/key", "/data/plain", "/data/sealed"],
        &dir,
    );
    assert_eq!(seal.code, 0, "{}", seal.stderr);
    let sealed = std::fs::read(dir.join("sealed")).unwrap();
    // "WSF1", salt, the WCS1 header (8 + 19), 45 full chunks and the last, each with a tag.
    assert_eq!(sealed.len(), 4 + 32 + 27 + plain.len() + 16 * 46);
    assert_eq!(&sealed[..4], b"WSF1");
    assert_eq!(&sealed[36..40], b"WCS1");

    let open = run_example(
        "seal_file",
        &["open", "/data/key", "/data/sealed", "/data/out"],
        &dir,
    );
    assert_eq!(open.code, 0, "{}", open.stderr);
    assert!(std::fs::read(dir.join("out")).unwrap() == plain);

    // A second seal of the same file draws another salt: another key, another ciphertext.
    run_example(
        "seal_file",
        &["seal", "/data/key", "/data/plain", "/data/sealed2"],
        &dir,
    );
    let sealed2 = std::fs::read(dir.join("sealed2")).unwrap();
    assert_ne!(sealed[4..36], sealed2[4..36]);

    let mut flipped = sealed.clone();
    flipped[2_000_000] ^= 1;
    let truncated = &sealed[..4 + 32 + 27 + 45 * (65536 + 16)];
    for (case, bytes, key) in [
        ("flipped", &flipped[..], "/data/key"),
        ("truncated", truncated, "/data/key"),
        ("wrong key", &sealed[..], "/data/other-key"),
    ] {
        std::fs::write(dir.join("bad"), bytes).unwrap();
        let out = run_example(
            "seal_file",
            &["open", key, "/data/bad", "/data/bad-out"],
            &dir,
        );
        assert_eq!(out.code, 1, "{case}: {}", out.stderr);
        assert!(
            out.stderr.contains("failed authentication"),
            "{case}: {}",
            out.stderr
        );
        assert!(
            !dir.join("bad-out").exists(),
            "{case}: plaintext left behind"
        );
        assert!(
            !dir.join("bad-out.partial").exists(),
            "{case}: partial file left behind"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `examples/jwt.rs` against the RustCrypto crates natively: tokens the guest signs verify with
/// `ed25519-dalek` / `p256` over the JWS signing input, tokens signed natively verify in the
/// guest, and a token with another signature or another `alg` is refused.
#[test]
fn example_jwt_interoperates_with_native_signers() {
    use base64ct::{Base64UrlUnpadded, Encoding};
    use signature::{Signer, Verifier};

    let dir = scratch_dir("jwt");
    let seed = [0x9d; 32];
    let payload = r#"{"sub":"alice","iat":1700000000}"#;

    // EdDSA, guest → native.
    let out = run_example("jwt", &["sign", "EdDSA", &hex::encode(seed), payload], &dir);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (token, public) = out.stdout.trim_end().split_once('\n').unwrap();
    let native = ed25519_dalek::SigningKey::from_bytes(&seed);
    assert_eq!(public, hex::encode(native.verifying_key().to_bytes()));
    let (signing_input, sig) = token.rsplit_once('.').unwrap();
    assert_eq!(
        signing_input.split_once('.').unwrap().0,
        Base64UrlUnpadded::encode_string(br#"{"alg":"EdDSA","typ":"JWT"}"#)
    );
    let sig =
        ed25519_dalek::Signature::from_slice(&Base64UrlUnpadded::decode_vec(sig).unwrap()).unwrap();
    native
        .verifying_key()
        .verify(signing_input.as_bytes(), &sig)
        .unwrap();
    // Ed25519 is deterministic: the native signature is the same token.
    let native_sig = native.sign(signing_input.as_bytes());
    assert_eq!(sig, native_sig);

    // ES256, native → guest, and guest → native.
    let p256_key = p256::ecdsa::SigningKey::from_slice(&[0x11; 32]).unwrap();
    let p256_public = hex::encode(p256_key.verifying_key().to_sec1_point(false).as_bytes());
    let header = Base64UrlUnpadded::encode_string(br#"{"alg":"ES256","typ":"JWT"}"#);
    let body = Base64UrlUnpadded::encode_string(payload.as_bytes());
    let input = format!("{header}.{body}");
    let native_sig: p256::ecdsa::Signature = p256_key.sign(input.as_bytes());
    let native_token = format!(
        "{input}.{}",
        Base64UrlUnpadded::encode_string(&native_sig.to_bytes())
    );
    let out = run_example(
        "jwt",
        &["verify", "ES256", &p256_public, &native_token],
        &dir,
    );
    assert_eq!(
        (out.code, out.stdout.trim_end()),
        (0, payload),
        "{}",
        out.stderr
    );

    let out = run_example(
        "jwt",
        &["sign", "ES256", &hex::encode([0x11; 32]), payload],
        &dir,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (token, public) = out.stdout.trim_end().split_once('\n').unwrap();
    assert_eq!(public, p256_public);
    // RFC 6979 signatures are deterministic too.
    assert_eq!(token, native_token);

    // Refusals: a flipped signature, an EdDSA token presented as ES256, a truncated token.
    let mut bad = native_token.clone().into_bytes();
    let last = bad.len() - 2;
    bad[last] = if bad[last] == b'A' { b'B' } else { b'A' };
    let bad = String::from_utf8(bad).unwrap();
    let ed_token = run_example("jwt", &["sign", "EdDSA", &hex::encode(seed), payload], &dir).stdout;
    let ed_token = ed_token.lines().next().unwrap().to_string();
    for (case, alg, key, token) in [
        (
            "flipped signature",
            "ES256",
            p256_public.as_str(),
            bad.as_str(),
        ),
        (
            "alg confusion",
            "ES256",
            p256_public.as_str(),
            ed_token.as_str(),
        ),
        ("two parts", "ES256", p256_public.as_str(), input.as_str()),
    ] {
        let out = run_example("jwt", &["verify", alg, key, token], &dir);
        assert_eq!(out.code, 1, "{case}: {}", out.stdout);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `examples/password.rs` against the `argon2` crate natively: the guest's PHC string holds a
/// hash the native Argon2id recomputes from its salt and costs, and a PHC string made natively
/// with other costs verifies in the guest (the wrong password does not).
#[test]
fn example_password_interoperates_with_native_argon2() {
    use base64ct::{Base64Unpadded, Encoding};

    let dir = scratch_dir("password");
    let out = run_example("password", &["hash", "correct horse battery staple"], &dir);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let phc = out.stdout.trim_end();
    let fields: Vec<&str> = phc.split('$').collect();
    assert_eq!(
        fields[..4],
        ["", "argon2id", "v=19", "m=19456,t=2,p=1"],
        "{phc}"
    );
    let salt = Base64Unpadded::decode_vec(fields[4]).unwrap();
    let hash = Base64Unpadded::decode_vec(fields[5]).unwrap();
    assert_eq!((salt.len(), hash.len()), (16, 32));
    let argon2 = |m, t, p| {
        argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(m, t, p, Some(32)).unwrap(),
        )
    };
    let mut native = [0u8; 32];
    argon2(19456, 2, 1)
        .hash_password_into(b"correct horse battery staple", &salt, &mut native)
        .unwrap();
    assert_eq!(hash, native);

    let salt = b"sixteen byte slt";
    let mut hash = [0u8; 32];
    argon2(8192, 1, 2)
        .hash_password_into(b"hunter2", salt, &mut hash)
        .unwrap();
    let native_phc = format!(
        "$argon2id$v=19$m=8192,t=1,p=2${}${}",
        Base64Unpadded::encode_string(salt),
        Base64Unpadded::encode_string(&hash)
    );
    let out = run_example("password", &["verify", &native_phc, "hunter2"], &dir);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run_example("password", &["verify", &native_phc, "hunter3"], &dir);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stderr.contains("no match"), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `examples/hpke.rs`: RFC 9180 Appendix A.1.1 (base mode, DHKEM(X25519, HKDF-SHA256),
/// HKDF-SHA256, AES-128-GCM) reproduced value by value — enc, shared secret, key schedule and
/// the first two ciphertexts — then a fresh key pair seals and opens, and a changed info, aad or
/// ciphertext does not open.
#[test]
fn example_hpke_reproduces_rfc_9180_and_round_trips() {
    let dir = scratch_dir("hpke");
    let kat = run_example("hpke", &["kat"], &dir);
    assert_eq!(kat.code, 0, "{}", kat.stderr);
    let rfc = "\
enc 37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431
shared_secret fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc
key 4531685d41d65f03dc48f6b8302c05b0
base_nonce 56d890e5accaaf011cff4b7d
exporter_secret 45ff1c2e220db587171952c0592d5f5ebe103f1561a2614e38f2ffd47e99e3f8
ct0 f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a
ct1 af2d7e9ac9ae7e270f46ba1f975be53c09f8d875bdc8535458c2494e8a6eab251c03d0c22a56b8ca42c2063b84
";
    assert_eq!(kat.stdout, rfc);

    let keys = run_example("hpke", &["keygen"], &dir);
    assert_eq!(keys.code, 0, "{}", keys.stderr);
    let (sk, pk) = keys.stdout.trim_end().split_once('\n').unwrap();
    let sealed = run_example(
        "hpke",
        &["seal", pk, "app v1", "header", "attack at dawn"],
        &dir,
    );
    assert_eq!(sealed.code, 0, "{}", sealed.stderr);
    let (enc, ct) = sealed.stdout.trim_end().split_once('\n').unwrap();
    assert_eq!((enc.len(), ct.len()), (64, 2 * (14 + 16)));
    let opened = run_example("hpke", &["open", sk, "app v1", "header", enc, ct], &dir);
    assert_eq!(
        (opened.code, opened.stdout.as_str()),
        (0, "attack at dawn\n"),
        "{}",
        opened.stderr
    );

    let mut flipped = ct.to_string().into_bytes();
    flipped[0] = if flipped[0] == b'0' { b'1' } else { b'0' };
    let flipped = String::from_utf8(flipped).unwrap();
    for (case, info, aad, ct) in [
        ("other info", "app v2", "header", ct),
        ("other aad", "app v1", "footer", ct),
        ("tampered", "app v1", "header", flipped.as_str()),
    ] {
        let out = run_example("hpke", &["open", sk, info, aad, enc, ct], &dir);
        assert_eq!(out.code, 1, "{case}: {}", out.stdout);
        assert!(
            out.stderr.contains("does not open"),
            "{case}: {}",
            out.stderr
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A context with a secrets manager over `backend`, namespace `namespace`.
fn with_secrets(
    backend: &std::sync::Arc<dyn wasicrypt_host::secrets::SecretsBackend>,
    namespace: &str,
) -> wasicrypt_host::CryptoCtx {
    let config = wasicrypt_host::secrets::SecretsConfig::new(backend.clone(), namespace);
    wasicrypt_host::CryptoCtx::new().with_secrets(config)
}

#[cfg(feature = "sqlite")]
/// A scratch SQLite vault (its directory is removed with the returned guard).
fn scratch_vault(
    tag: &str,
) -> (
    std::sync::Arc<dyn wasicrypt_host::secrets::SecretsBackend>,
    ScratchDir,
) {
    let dir = ScratchDir::new(tag);
    let key = wasicrypt_host::secrets::MasterKey::from_bytes([0x17; 32]);
    let vault = wasicrypt_host::secrets::SqliteVault::create(dir.0.join("vault.db"), &key).unwrap();
    (std::sync::Arc::new(vault), dir)
}

#[cfg(feature = "sqlite")]
struct ScratchDir(PathBuf);

#[cfg(feature = "sqlite")]
impl ScratchDir {
    fn new(tag: &str) -> Self {
        let path = std::env::temp_dir().join(format!("wasicrypt-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        ScratchDir(path)
    }
}

#[cfg(feature = "sqlite")]
impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `managed_keys` on every backend (memory, SQLite, PostgreSQL): every check passes, and it leaves no handle open.
#[test]
fn managed_keys_through_the_guest_crate() {
    let memory: std::sync::Arc<dyn wasicrypt_host::secrets::SecretsBackend> =
        std::sync::Arc::new(wasicrypt_host::secrets::MemoryBackend::new());
    #[allow(unused_mut)]
    let mut backends = vec![memory];
    #[cfg(feature = "sqlite")]
    let (vault, _dir) = scratch_vault("guest-managed");
    #[cfg(feature = "sqlite")]
    backends.push(vault);
    #[cfg(feature = "postgres")]
    {
        let url = std::env::var("WASICRYPT_POSTGRES_URL").expect(
            "WASICRYPT_POSTGRES_URL must name a PostgreSQL server (cargo xtask test starts one)",
        );
        let schema = format!("guest_{}", std::process::id());
        let key = wasicrypt_host::secrets::MasterKey::from_bytes([0x17; 32]);
        let vault =
            wasicrypt_host::secrets::PostgresVault::open_or_create(&url, &schema, &key).unwrap();
        backends.push(std::sync::Arc::new(vault));
    }
    for backend in backends {
        let path = guest_dir().join("managed_keys.wasm");
        let out = run_program_with(
            &path,
            "managed_keys",
            &[],
            None,
            with_secrets(&backend, "app"),
        );
        println!("{}", out.stdout);
        assert!(out.trap.is_none(), "{:?}", out.trap);
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        assert!(
            out.stdout.trim_end().ends_with(" 0 failed"),
            "{}",
            out.stdout
        );
        assert!(out.stdout.lines().filter(|l| l.starts_with("ok ")).count() >= 10);
    }
}

/// The operator provisions an Ed25519 key in the vault; the guest signs with it by id, cannot
/// export it, and the signature verifies natively with ed25519-dalek. Another namespace, and a
/// host without a secrets manager, refuse.
#[cfg(feature = "sqlite")]
#[test]
fn example_vault_sign_signs_with_a_key_it_never_sees() {
    use ed25519_dalek::Verifier;
    use wasicrypt_host::{AlgorithmType, PublicKeyEncoding};

    let (vault, _dir) = scratch_vault("vault-sign");
    let mut operator = with_secrets(&vault, "app");
    let sm = operator.secrets_manager_open(None).unwrap();
    let kp = operator
        .keypair_generate_managed(sm, AlgorithmType::Signatures, "Ed25519", None)
        .unwrap();
    let id = String::from_utf8(operator.keypair_id(kp).unwrap().0).unwrap();
    let pk = operator.keypair_publickey(kp).unwrap();
    let out = operator
        .publickey_export(pk, PublicKeyEncoding::Raw)
        .unwrap();
    let mut public = vec![0; operator.array_output_len(out).unwrap()];
    operator.array_output_pull(out, &mut public).unwrap();

    let path = guest_dir().join("examples").join("vault_sign.wasm");
    let message = "release v1.2.3";
    let out = run_program_with(
        &path,
        "vault_sign",
        &[&id, message],
        None,
        with_secrets(&vault, "app"),
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let field = |name: &str| {
        out.stdout
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name:?} in {}", out.stdout))
            .trim()
            .to_owned()
    };
    assert_eq!(field("public-key "), hex::encode(&public));
    assert_eq!(field("version "), "1");
    assert_eq!(field("export refused: "), "prohibited_operation");
    let signature =
        ed25519_dalek::Signature::from_slice(&hex::decode(field("signature ")).unwrap()).unwrap();
    let verifying = ed25519_dalek::VerifyingKey::from_bytes(&public.try_into().unwrap()).unwrap();
    verifying.verify(message.as_bytes(), &signature).unwrap();
    assert!(verifying.verify(b"release v1.2.4", &signature).is_err());

    let elsewhere = run_program_with(
        &path,
        "vault_sign",
        &[&id, message],
        None,
        with_secrets(&vault, "other"),
    );
    assert_eq!(elsewhere.code, 1);
    assert!(
        elsewhere
            .stderr
            .contains("keypair_from_id (Ed25519): not_found"),
        "{}",
        elsewhere.stderr
    );
    let unmanaged = run_program_with(
        &path,
        "vault_sign",
        &[&id, message],
        None,
        wasicrypt_host::CryptoCtx::new(),
    );
    assert_eq!(unmanaged.code, 1);
    assert!(
        unmanaged
            .stderr
            .contains("secrets_manager_open: unsupported_feature"),
        "{}",
        unmanaged.stderr
    );
}
