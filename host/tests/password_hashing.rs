//! Host-direct tests of password hashing: known answers, PHC strings, the option rules and the
//! embedder's ceilings.
//!
//! Vectors: the Argon2 reference implementation's `test.c` (version 0x13, "password" /
//! "somesalt", t = 2, m = 64 MiB, p = 1; RFC 9106 §5's own vectors use a secret K and associated
//! data X, which the proposal's options cannot carry), RFC 7914 §11 for PBKDF2-HMAC-SHA-256, and
//! for PBKDF2-HMAC-SHA-512 Python's `hashlib.pbkdf2_hmac`. Each was re-checked with `argon2-cffi`
//! (the reference C code) and `hashlib`.

use wasicrypt_host::{AlgorithmType, CryptoCtx, CryptoError, Handle, Limits, PasswordHashLimits};

mod common;
use common::unhex;

/// Options with `salt` and the given `u64` options.
fn options(ctx: &mut CryptoCtx, salt: Option<&[u8]>, costs: &[(&str, u64)]) -> Handle {
    let o = ctx.options_open(AlgorithmType::Symmetric).unwrap();
    if let Some(salt) = salt {
        ctx.options_set(o, "salt", salt).unwrap();
    }
    for &(name, value) in costs {
        ctx.options_set_u64(o, name, value).unwrap();
    }
    o
}

/// The `len`-byte raw hash of `password`.
fn derive(
    ctx: &mut CryptoCtx,
    alg: &str,
    options: Handle,
    password: &[u8],
    len: usize,
) -> Result<Vec<u8>, CryptoError> {
    let st = ctx.symmetric_state_open(alg, None, Some(options))?;
    ctx.symmetric_state_absorb(st, password)?;
    let mut out = vec![0; len];
    let r = ctx.symmetric_state_squeeze(st, &mut out);
    ctx.symmetric_state_close(st)?;
    r.map(|()| out)
}

fn phc(ctx: &mut CryptoCtx, alg: &str, options: Handle, password: &[u8]) -> String {
    let st = ctx.symmetric_state_open(alg, None, Some(options)).unwrap();
    ctx.symmetric_state_absorb(st, password).unwrap();
    let tag = ctx.symmetric_state_squeeze_tag(st).unwrap();
    let mut raw = vec![0; ctx.symmetric_tag_len(tag).unwrap()];
    ctx.symmetric_tag_pull(tag, &mut raw).unwrap();
    String::from_utf8(raw).unwrap()
}

const ARGON2_COSTS: &[(&str, u64)] = &[
    ("ops_limit", 2),
    ("memory_limit", 64 << 20),
    ("parallelism", 1),
];

#[test]
fn argon2_known_answers_reference_test_vectors() {
    let mut ctx = CryptoCtx::new();
    let o = options(&mut ctx, Some(b"somesalt"), ARGON2_COSTS);
    for (alg, want) in [
        (
            "ARGON2-ID-13",
            "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
        ),
        (
            "ARGON2-I-13",
            "c1628832147d9720c5bd1cfd61367078729f6dfb6f8fea9ff98158e0d7816ed0",
        ),
        (
            "ARGON2-D-13",
            "955e5d5b163a1b60bba35fc36d0496474fba4f6b59ad53628666f07fb2f93eaf",
        ),
    ] {
        assert_eq!(
            derive(&mut ctx, alg, o, b"password", 32),
            Ok(unhex(want)),
            "{alg}"
        );
    }
    assert_eq!(
        phc(&mut ctx, "ARGON2-ID-13", o, b"password"),
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
    );
    // The password may come in pieces.
    let st = ctx
        .symmetric_state_open("ARGON2-I-13", None, Some(o))
        .unwrap();
    ctx.symmetric_state_absorb(st, b"pass").unwrap();
    ctx.symmetric_state_absorb(st, b"word").unwrap();
    let mut out = [0; 32];
    ctx.symmetric_state_squeeze(st, &mut out).unwrap();
    assert_eq!(
        out[..],
        unhex("c1628832147d9720c5bd1cfd61367078729f6dfb6f8fea9ff98158e0d7816ed0")
    );
}

/// Algorithm, password, salt, iterations, 64-byte output (hex).
type Pbkdf2Case = (
    &'static str,
    &'static [u8],
    &'static [u8],
    u64,
    &'static str,
);

#[test]
fn pbkdf2_known_answers_rfc_7914() {
    let mut ctx = CryptoCtx::new();
    let cases: [Pbkdf2Case; 3] = [
        (
            "PBKDF2-HMAC/SHA-256",
            b"passwd",
            b"salt",
            1,
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
        ),
        (
            "PBKDF2-HMAC/SHA-256",
            b"Password",
            b"NaCl",
            80_000,
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d",
        ),
        (
            "PBKDF2-HMAC/SHA-512",
            b"password",
            b"salt",
            2,
            "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e",
        ),
    ];
    for (alg, password, salt, c, want) in cases {
        let o = options(&mut ctx, Some(salt), &[("ops_limit", c)]);
        assert_eq!(
            derive(&mut ctx, alg, o, password, 64),
            Ok(unhex(want)),
            "{alg} c={c}"
        );
    }
    let o = options(&mut ctx, Some(b"somesalt"), &[("ops_limit", 1000)]);
    assert_eq!(
        phc(&mut ctx, "PBKDF2-HMAC/SHA-256", o, b"password"),
        "$pbkdf2-sha256$i=1000,l=32$c29tZXNhbHQ$j4Aa14inUtOh7Sg/D7hH54ohymuHNQD4+ccfhepGWAY"
    );
}

#[test]
fn option_rules() {
    let mut ctx = CryptoCtx::new();
    for alg in ["ARGON2-ID-13", "PBKDF2-HMAC/SHA-512"] {
        // No options, or no salt: `parameters_missing`.
        assert_eq!(
            ctx.symmetric_state_open(alg, None, None),
            Err(CryptoError::ParametersMissing)
        );
        let o = options(&mut ctx, None, &[("ops_limit", 2)]);
        assert_eq!(
            ctx.symmetric_state_open(alg, None, Some(o)),
            Err(CryptoError::ParametersMissing)
        );
        // An option the algorithm does not use: `unsupported_option`.
        let o = options(&mut ctx, Some(b"somesalt"), &[]);
        ctx.options_set(o, "nonce", &[0; 12]).unwrap();
        assert_eq!(
            ctx.symmetric_state_open(alg, None, Some(o)),
            Err(CryptoError::UnsupportedOption),
            "{alg} with a nonce"
        );
        // Costs of 0: `invalid_length`.
        let o = options(&mut ctx, Some(b"somesalt"), &[("ops_limit", 0)]);
        assert_eq!(
            ctx.symmetric_state_open(alg, None, Some(o)),
            Err(CryptoError::InvalidLength)
        );
        // Unkeyed.
        assert_eq!(
            ctx.symmetric_key_generate(alg, None),
            Err(CryptoError::KeyNotSupported)
        );
        // Neither a MAC nor a cipher.
        let o = options(&mut ctx, Some(b"somesalt"), &[("ops_limit", 1)]);
        let st = ctx.symmetric_state_open(alg, None, Some(o)).unwrap();
        assert_eq!(
            ctx.symmetric_state_max_tag_len(st),
            Err(CryptoError::InvalidOperation)
        );
        assert_eq!(
            ctx.symmetric_state_encrypt(st, &mut [0; 32], b"x"),
            Err(CryptoError::InvalidOperation)
        );
        assert_eq!(
            ctx.symmetric_state_squeeze_key(st, "AES-256-GCM"),
            Err(CryptoError::InvalidOperation)
        );
        // Output lengths: 1024 at most; none is `invalid_length`.
        let mut empty = [0u8; 0];
        assert_eq!(
            ctx.symmetric_state_squeeze(st, &mut empty),
            Err(CryptoError::InvalidLength)
        );
        assert_eq!(
            ctx.symmetric_state_squeeze(st, &mut [0; 1025]),
            Err(CryptoError::InvalidLength)
        );
        // The options a state was opened with can be read back.
        assert_eq!(ctx.symmetric_state_options_get_u64(st, "ops_limit"), Ok(1));
    }
    // PBKDF2 has no memory or lanes.
    for name in ["memory_limit", "parallelism"] {
        let o = options(&mut ctx, Some(b"salt"), &[(name, 1 << 20)]);
        assert_eq!(
            ctx.symmetric_state_open("PBKDF2-HMAC/SHA-256", None, Some(o)),
            Err(CryptoError::UnsupportedOption),
            "{name}"
        );
    }
    // Argon2: salts of fewer than 8 bytes, memory below 8 KiB per lane, outputs below 4 bytes.
    let o = options(&mut ctx, Some(b"1234567"), &[("ops_limit", 1)]);
    assert_eq!(
        ctx.symmetric_state_open("ARGON2-I-13", None, Some(o)),
        Err(CryptoError::InvalidLength)
    );
    let o = options(
        &mut ctx,
        Some(b"somesalt"),
        &[("memory_limit", 31 * 1024), ("parallelism", 4)],
    );
    assert_eq!(
        ctx.symmetric_state_open("ARGON2-ID-13", None, Some(o)),
        Err(CryptoError::InvalidLength)
    );
    let o = options(
        &mut ctx,
        Some(b"somesalt"),
        &[("memory_limit", 32 * 1024), ("ops_limit", 1)],
    );
    assert_eq!(
        derive(&mut ctx, "ARGON2-D-13", o, b"pw", 3),
        Err(CryptoError::InvalidLength)
    );
    assert_eq!(
        derive(&mut ctx, "ARGON2-D-13", o, b"pw", 4).map(|v| v.len()),
        Ok(4)
    );
}

#[test]
fn costs_above_the_ceilings_are_prohibited_before_any_work() {
    let limits = Limits {
        password_hashing: PasswordHashLimits {
            max_argon2_memory_bytes: 1 << 20,
            max_argon2_passes: 3,
            max_argon2_lanes: 2,
            max_pbkdf2_iterations: 1000,
        },
        ..Limits::default()
    };
    let mut ctx = CryptoCtx::with_limits(limits);
    let salt = Some(&b"somesalt"[..]);
    for (alg, costs) in [
        ("ARGON2-ID-13", &[("memory_limit", (1 << 20) + 1024)][..]),
        ("ARGON2-ID-13", &[("memory_limit", u64::MAX)][..]),
        (
            "ARGON2-I-13",
            &[("memory_limit", 1 << 20), ("ops_limit", 4)][..],
        ),
        (
            "ARGON2-D-13",
            &[("memory_limit", 1 << 20), ("parallelism", 3)][..],
        ),
        ("PBKDF2-HMAC/SHA-256", &[("ops_limit", 1001)][..]),
        ("PBKDF2-HMAC/SHA-512", &[("ops_limit", u64::MAX)][..]),
        // The defaults (64 MiB, 600 000 iterations) are above these ceilings too.
        ("ARGON2-ID-13", &[][..]),
        ("PBKDF2-HMAC/SHA-256", &[][..]),
    ] {
        let o = options(&mut ctx, salt, costs);
        assert_eq!(
            ctx.symmetric_state_open(alg, None, Some(o)),
            Err(CryptoError::ProhibitedOperation),
            "{alg} {costs:?}"
        );
    }
    // At the ceilings it works.
    let o = options(
        &mut ctx,
        salt,
        &[
            ("memory_limit", 1 << 20),
            ("ops_limit", 3),
            ("parallelism", 2),
        ],
    );
    assert!(derive(&mut ctx, "ARGON2-ID-13", o, b"pw", 32).is_ok());
    let o = options(&mut ctx, salt, &[("ops_limit", 1000)]);
    assert!(derive(&mut ctx, "PBKDF2-HMAC/SHA-256", o, b"pw", 32).is_ok());
}

#[test]
fn argon2_memory_is_held_against_the_memory_budget() {
    // 64 MiB of Argon2 memory under a 32 MiB budget: `overflow`, and nothing is left held.
    let limits = Limits {
        max_memory_bytes: 32 << 20,
        ..Limits::default()
    };
    let mut ctx = CryptoCtx::with_limits(limits);
    let o = options(&mut ctx, Some(b"somesalt"), ARGON2_COSTS);
    assert_eq!(
        derive(&mut ctx, "ARGON2-ID-13", o, b"password", 32),
        Err(CryptoError::Overflow)
    );
    let o = options(
        &mut ctx,
        Some(b"somesalt"),
        &[("memory_limit", 16 << 20), ("ops_limit", 1)],
    );
    assert!(derive(&mut ctx, "ARGON2-ID-13", o, b"password", 32).is_ok());
}
