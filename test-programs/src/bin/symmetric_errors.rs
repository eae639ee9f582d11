//! The exact `crypto_errno` of every symmetric hostcall (and the `common` calls they depend on)
//! for bad handles, handles of the wrong kind, out-of-bounds pointers, wrong lengths, unknown
//! names and operations an algorithm does not support. Calls go through `wasicrypt::raw`
//! (via the thin wrappers of `wasicrypt_test_programs::rawcall`); objects used as fixtures are
//! made with the safe API. Expected values are those of `shared/spec/NOTES.md`.

use std::ptr::{without_provenance, without_provenance_mut};

use wasicrypt::raw::{
    ALGORITHM_TYPE_SYMMETRIC, CRYPTO_ERRNO_GUEST_ERROR as GUEST_ERROR,
    CRYPTO_ERRNO_INVALID_HANDLE as INVALID_HANDLE, CRYPTO_ERRNO_INVALID_KEY as INVALID_KEY,
    CRYPTO_ERRNO_INVALID_LENGTH as INVALID_LENGTH, CRYPTO_ERRNO_INVALID_NONCE as INVALID_NONCE,
    CRYPTO_ERRNO_INVALID_OPERATION as INVALID_OPERATION, CRYPTO_ERRNO_INVALID_TAG as INVALID_TAG,
    CRYPTO_ERRNO_KEY_NOT_SUPPORTED as KEY_NOT_SUPPORTED, CRYPTO_ERRNO_KEY_REQUIRED as KEY_REQUIRED,
    CRYPTO_ERRNO_NONCE_REQUIRED as NONCE_REQUIRED, CRYPTO_ERRNO_OPTION_NOT_SET as OPTION_NOT_SET,
    CRYPTO_ERRNO_OVERFLOW as OVERFLOW, CRYPTO_ERRNO_SUCCESS as SUCCESS,
    CRYPTO_ERRNO_UNSUPPORTED_ALGORITHM as UNSUPPORTED_ALGORITHM,
    CRYPTO_ERRNO_UNSUPPORTED_OPTION as UNSUPPORTED_OPTION, CryptoErrno, OptOptions,
    OptSymmetricKey, common, symmetric,
};
use wasicrypt::{AlgorithmType, ArrayOutput, Options, SymmetricKey, SymmetricState, SymmetricTag};
use wasicrypt_test_programs::harness::{Context, Harness, ensure, ensure_errno};
use wasicrypt_test_programs::rawcall::{self as r, no_key, no_options, some_key, some_options};

/// A handle value no host hands out in these tests.
const BAD_HANDLE: u32 = 0xdead_beef;
/// An address near the top of the 32-bit space: `BAD_ADDR + BAD_LEN` overflows it, and it is far
/// beyond any linear memory these programs have.
const BAD_ADDR: usize = 0xFFFF_FF00;
const BAD_LEN: usize = 0x1000;
const NONCE: [u8; 12] = [0x24; 12];

fn bad_ptr() -> *const u8 {
    without_provenance(BAD_ADDR)
}

fn bad_mut() -> *mut u8 {
    without_provenance_mut(BAD_ADDR)
}

fn bad_out<T>() -> *mut T {
    without_provenance_mut(BAD_ADDR)
}

/// Compares an errno, naming the call in the message.
macro_rules! errno {
    ($call:expr, $want:expr) => {
        ensure_errno(stringify!($call), $call, $want)
    };
}

/// As `errno!` for wrappers that return `(errno, value)`.
macro_rules! errno0 {
    ($call:expr, $want:expr) => {
        ensure_errno(stringify!($call), $call.0, $want)
    };
}

fn aes_key() -> Result<SymmetricKey, String> {
    SymmetricKey::import("AES-256-GCM", &[0x42; 32]).ctx("import AES-256-GCM key")
}

fn nonce_options(nonce: &[u8]) -> Result<Options, String> {
    let mut options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
    options.set("nonce", nonce).ctx("options_set nonce")?;
    Ok(options)
}

/// An AES-256-GCM state with a 12-byte nonce (and its key).
fn aes_state() -> Result<(SymmetricKey, SymmetricState), String> {
    let key = aes_key()?;
    let options = nonce_options(&NONCE)?;
    let state =
        SymmetricState::open("AES-256-GCM", Some(&key), Some(&options)).ctx("open AES-256-GCM")?;
    Ok((key, state))
}

fn sha_state() -> Result<SymmetricState, String> {
    SymmetricState::open("SHA-256", None, None).ctx("open SHA-256")
}

fn hmac_key() -> Result<SymmetricKey, String> {
    SymmetricKey::import("HMAC/SHA-256", b"hmac key").ctx("import HMAC key")
}

fn hmac_state() -> Result<(SymmetricKey, SymmetricState), String> {
    let key = hmac_key()?;
    let state = SymmetricState::open("HMAC/SHA-256", Some(&key), None).ctx("open HMAC/SHA-256")?;
    Ok((key, state))
}

/// An HMAC-SHA-256 tag (32 bytes) and its bytes (computed by a second, identical state).
fn hmac_tag() -> Result<(SymmetricTag, Vec<u8>), String> {
    let mut tags = Vec::new();
    for _ in 0..2 {
        let (_key, mut state) = hmac_state()?;
        state.absorb(b"data").ctx("absorb")?;
        tags.push(state.squeeze_tag().ctx("squeeze_tag")?);
    }
    let bytes = tags.pop().ok_or("no tag")?.into_vec().ctx("tag into_vec")?;
    let tag = tags.pop().ok_or("no tag")?;
    Ok((tag, bytes))
}

/// An array output holding a 32-byte key export.
fn array_output() -> Result<(SymmetricKey, ArrayOutput), String> {
    let key = aes_key()?;
    let output = key.export_output().ctx("symmetric_key_export")?;
    Ok((key, output))
}

/// The first error of `open` then one `encrypt` (a host may check the nonce at either point).
fn open_then_encrypt(algorithm: &str, key: OptSymmetricKey, options: OptOptions) -> CryptoErrno {
    let (e, state) = r::state_open(algorithm, key, options);
    if e != SUCCESS {
        return e;
    }
    let mut out = [0u8; 32];
    let (e, _) = r::encrypt(state, &mut out, b"0123456789abcdef");
    r::state_close(state);
    e
}

fn main() {
    let mut h = Harness::new();
    common_checks(&mut h);
    key_checks(&mut h);
    state_open_checks(&mut h);
    state_checks(&mut h);
    aead_checks(&mut h);
    tag_checks(&mut h);
    h.run();
}

fn common_checks(h: &mut Harness) {
    h.check_traps("options_open: algorithm_type 7 -> trap", || {
        errno0!(r::options_open(7), GUEST_ERROR)
    });
    h.check_traps("options_open: result out of bounds -> trap", || {
        // SAFETY: the host validates the result pointer against linear memory; Rust never
        // dereferences it.
        errno!(
            unsafe { common::options_open(ALGORITHM_TYPE_SYMMETRIC, bad_out()) },
            GUEST_ERROR
        )
    });
    h.check("options_set: bad handle -> invalid_handle", || {
        errno!(r::options_set(BAD_HANDLE, "nonce", &NONCE), INVALID_HANDLE)
    });
    h.check(
        "options_set: symmetric_key handle as options -> invalid_handle",
        || {
            let key = aes_key()?;
            errno!(
                r::options_set(key.raw_handle(), "nonce", &NONCE),
                INVALID_HANDLE
            )
        },
    );
    h.check("options_set: unknown name -> unsupported_option", || {
        let options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
        errno!(
            r::options_set(options.raw_handle(), "no_such_option", b"x"),
            UNSUPPORTED_OPTION
        )
    });
    h.check("options_set: name out of bounds -> guest_error", || {
        let options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
        // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
        errno!(
            unsafe {
                common::options_set(
                    options.raw_handle(),
                    bad_ptr(),
                    BAD_LEN,
                    NONCE.as_ptr(),
                    NONCE.len(),
                )
            },
            GUEST_ERROR
        )
    });
    h.check("options_set: value out of bounds -> guest_error", || {
        let options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
        let name = "nonce";
        // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
        errno!(
            unsafe {
                common::options_set(
                    options.raw_handle(),
                    name.as_ptr(),
                    name.len(),
                    bad_ptr(),
                    BAD_LEN,
                )
            },
            GUEST_ERROR
        )
    });
    h.check("options_set_u64: bad handle -> invalid_handle", || {
        errno!(
            r::options_set_u64(BAD_HANDLE, "memory_limit", 1),
            INVALID_HANDLE
        )
    });
    h.check(
        "options_set_u64: unknown name -> unsupported_option",
        || {
            let options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
            errno!(
                r::options_set_u64(options.raw_handle(), "no_such_option", 1),
                UNSUPPORTED_OPTION
            )
        },
    );
    h.check("options_close: bad handle -> invalid_handle", || {
        errno!(r::options_close(BAD_HANDLE), INVALID_HANDLE)
    });
    h.check(
        "options_close: symmetric_state handle as options -> invalid_handle",
        || {
            let state = sha_state()?;
            errno!(r::options_close(state.raw_handle()), INVALID_HANDLE)?;
            // The state must be unaffected.
            errno!(r::absorb(state.raw_handle(), b"abc"), SUCCESS)
        },
    );
    h.check("options: closed handle reuse -> invalid_handle", || {
        let (e, options) = r::options_open(ALGORITHM_TYPE_SYMMETRIC);
        ensure_errno("options_open", e, SUCCESS)?;
        errno!(r::options_close(options), SUCCESS)?;
        errno!(r::options_set(options, "nonce", &NONCE), INVALID_HANDLE)?;
        errno!(r::options_close(options), INVALID_HANDLE)
    });
    h.check("array_output_len: bad handle -> invalid_handle", || {
        errno0!(r::array_output_len(BAD_HANDLE), INVALID_HANDLE)
    });
    h.check(
        "array_output_len: options handle as array_output -> invalid_handle",
        || {
            let options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
            errno0!(r::array_output_len(options.raw_handle()), INVALID_HANDLE)
        },
    );
    h.check(
        "array_output_len: symmetric_tag handle as array_output -> invalid_handle",
        || {
            let (tag, _) = hmac_tag()?;
            errno0!(r::array_output_len(tag.raw_handle()), INVALID_HANDLE)
        },
    );
    h.check_traps("array_output_len: result out of bounds -> trap", || {
        let (_key, output) = array_output()?;
        // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
        errno!(
            unsafe { common::array_output_len(output.raw_handle(), bad_out()) },
            GUEST_ERROR
        )
    });
    h.check("array_output_pull: bad handle -> invalid_handle", || {
        errno0!(
            r::array_output_pull(BAD_HANDLE, &mut [0u8; 8]),
            INVALID_HANDLE
        )
    });
    h.check(
        "array_output_pull: symmetric_key handle as array_output -> invalid_handle",
        || {
            let key = aes_key()?;
            errno0!(
                r::array_output_pull(key.raw_handle(), &mut [0u8; 8]),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "array_output_pull: buffer out of bounds -> guest_error, handle stays valid",
        || {
            let (_key, output) = array_output()?;
            let mut copied = 0usize;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    common::array_output_pull(output.raw_handle(), bad_mut(), BAD_LEN, &mut copied)
                },
                GUEST_ERROR
            )?;
            let mut buf = [0u8; 32];
            let (e, n) = r::array_output_pull(output.raw_handle(), &mut buf);
            ensure_errno("pull after the failed pull", e, SUCCESS)?;
            ensure(
                n == 32 && buf == [0x42; 32],
                format!("pulled {n} bytes {buf:02x?}, want the 32-byte key"),
            )
        },
    );
    h.check(
        "symmetric_tag_len: array_output handle as tag -> invalid_handle",
        || {
            let (_key, output) = array_output()?;
            errno0!(r::tag_len(output.raw_handle()), INVALID_HANDLE)
        },
    );
    h.check(
        "symmetric_key_close: array_output handle as key -> invalid_handle",
        || {
            let (_key, output) = array_output()?;
            errno!(r::key_close(output.raw_handle()), INVALID_HANDLE)?;
            errno0!(r::array_output_len(output.raw_handle()), SUCCESS)
        },
    );
}

fn key_checks(h: &mut Harness) {
    h.check(
        "symmetric_key_generate: unknown algorithm NOPE-256 -> unsupported_algorithm",
        || {
            errno0!(
                r::key_generate("NOPE-256", no_options()),
                UNSUPPORTED_ALGORITHM
            )
        },
    );
    h.check(
        "symmetric_key_generate: lower-case aes-256-gcm -> success, 32 bytes",
        || {
            let (e, key) = r::key_generate("aes-256-gcm", no_options());
            ensure_errno("generate", e, SUCCESS)?;
            let key = SymmetricKey::from_raw(key, "aes-256-gcm");
            let raw_key = key.export().ctx("export")?;
            ensure(
                raw_key.len() == 32,
                format!("exported {} bytes", raw_key.len()),
            )
        },
    );
    h.check(
        "symmetric_key_generate: name out of bounds -> guest_error",
        || {
            let options = no_options();
            let mut key = 0;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_key_generate(bad_ptr(), BAD_LEN, &options, &mut key)
                },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_key_generate: bad options handle -> invalid_handle",
        || {
            errno0!(
                r::key_generate("AES-256-GCM", some_options(BAD_HANDLE)),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_key_generate: symmetric_key handle as options -> invalid_handle",
        || {
            let key = aes_key()?;
            errno0!(
                r::key_generate("AES-256-GCM", some_options(key.raw_handle())),
                INVALID_HANDLE
            )
        },
    );
    h.check_traps("symmetric_key_generate: opt_options tag 2 -> trap", || {
        errno0!(
            r::key_generate("AES-256-GCM", OptOptions { tag: 2, handle: 0 }),
            GUEST_ERROR
        )
    });
    h.check_traps(
        "symmetric_key_generate: opt_options pointer out of bounds -> trap",
        || {
            let name = "AES-256-GCM";
            let mut key = 0;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_key_generate(
                        name.as_ptr(),
                        name.len(),
                        without_provenance(BAD_ADDR),
                        &mut key,
                    )
                },
                GUEST_ERROR
            )
        },
    );
    h.check_traps(
        "symmetric_key_generate: result out of bounds -> trap",
        || {
            let name = "AES-256-GCM";
            let options = no_options();
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_key_generate(
                        name.as_ptr(),
                        name.len(),
                        &options,
                        bad_out(),
                    )
                },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_key_import: unknown algorithm NOPE-256 -> unsupported_algorithm",
        || errno0!(r::key_import("NOPE-256", &[0; 32]), UNSUPPORTED_ALGORITHM),
    );
    h.check(
        "symmetric_key_import: AES-256-GCM 31 bytes -> invalid_key",
        || errno0!(r::key_import("AES-256-GCM", &[0; 31]), INVALID_KEY),
    );
    h.check(
        "symmetric_key_import: AES-256-GCM 33 bytes -> invalid_key",
        || errno0!(r::key_import("AES-256-GCM", &[0; 33]), INVALID_KEY),
    );
    h.check(
        "symmetric_key_import: AES-128-GCM 32 bytes -> invalid_key",
        || errno0!(r::key_import("AES-128-GCM", &[0; 32]), INVALID_KEY),
    );
    h.check(
        "symmetric_key_import: CHACHA20-POLY1305 16 bytes -> invalid_key",
        || errno0!(r::key_import("CHACHA20-POLY1305", &[0; 16]), INVALID_KEY),
    );
    h.check(
        "symmetric_key_import: lower-case hmac/sha-256 -> success",
        || {
            let (e, key) = r::key_import("hmac/sha-256", b"k");
            r::key_close(key);
            ensure_errno("import", e, SUCCESS)
        },
    );
    h.check(
        "symmetric_key_import: raw out of bounds -> guest_error",
        || {
            let name = "AES-256-GCM";
            let mut key = 0;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_key_import(
                        name.as_ptr(),
                        name.len(),
                        bad_ptr(),
                        BAD_LEN,
                        &mut key,
                    )
                },
                GUEST_ERROR
            )
        },
    );
    h.check("symmetric_key_export: bad handle -> invalid_handle", || {
        errno0!(r::key_export(BAD_HANDLE), INVALID_HANDLE)
    });
    h.check(
        "symmetric_key_export: symmetric_state handle as key -> invalid_handle",
        || {
            let state = sha_state()?;
            errno0!(r::key_export(state.raw_handle()), INVALID_HANDLE)
        },
    );
    h.check_traps("symmetric_key_export: result out of bounds -> trap", || {
        let key = aes_key()?;
        // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
        errno!(
            unsafe { symmetric::symmetric_key_export(key.raw_handle(), bad_out()) },
            GUEST_ERROR
        )
    });
    h.check("symmetric_key_close: bad handle -> invalid_handle", || {
        errno!(r::key_close(BAD_HANDLE), INVALID_HANDLE)
    });
    h.check(
        "symmetric_key_close: options handle as key -> invalid_handle",
        || {
            let options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
            errno!(r::key_close(options.raw_handle()), INVALID_HANDLE)
        },
    );
    h.check(
        "symmetric_key: closed handle reuse -> invalid_handle",
        || {
            let key = aes_key()?.into_raw();
            errno!(r::key_close(key), SUCCESS)?;
            errno0!(r::key_export(key), INVALID_HANDLE)?;
            errno0!(
                r::state_open("AES-256-GCM", some_key(key), no_options()),
                INVALID_HANDLE
            )?;
            errno!(r::key_close(key), INVALID_HANDLE)
        },
    );
}

fn state_open_checks(h: &mut Harness) {
    h.check(
        "symmetric_state_open: unknown algorithm NOPE-256 -> unsupported_algorithm",
        || {
            errno0!(
                r::state_open("NOPE-256", no_key(), no_options()),
                UNSUPPORTED_ALGORITHM
            )
        },
    );
    h.check(
        "symmetric_state_open: lower-case sha-256 -> success",
        || {
            let (e, state) = r::state_open("sha-256", no_key(), no_options());
            r::state_close(state);
            ensure_errno("open", e, SUCCESS)
        },
    );
    h.check(
        "symmetric_state_open: name out of bounds -> guest_error",
        || {
            let (key, options) = (no_key(), no_options());
            let mut state = 0;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_state_open(bad_ptr(), BAD_LEN, &key, &options, &mut state)
                },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_open: bad key handle -> invalid_handle",
        || {
            errno0!(
                r::state_open("HMAC/SHA-256", some_key(BAD_HANDLE), no_options()),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_open: options handle as key -> invalid_handle",
        || {
            let options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
            errno0!(
                r::state_open("HMAC/SHA-256", some_key(options.raw_handle()), no_options()),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_open: bad options handle -> invalid_handle",
        || {
            let key = hmac_key()?;
            errno0!(
                r::state_open(
                    "HMAC/SHA-256",
                    some_key(key.raw_handle()),
                    some_options(BAD_HANDLE)
                ),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_open: symmetric_key handle as options -> invalid_handle",
        || {
            let key = hmac_key()?;
            let opts = some_options(key.raw_handle());
            errno0!(
                r::state_open("HMAC/SHA-256", some_key(key.raw_handle()), opts),
                INVALID_HANDLE
            )
        },
    );
    h.check_traps(
        "symmetric_state_open: opt_symmetric_key tag 2 -> trap",
        || {
            errno0!(
                r::state_open(
                    "SHA-256",
                    OptSymmetricKey { tag: 2, handle: 0 },
                    no_options()
                ),
                GUEST_ERROR
            )
        },
    );
    h.check_traps(
        "symmetric_state_open: opt_symmetric_key pointer out of bounds -> trap",
        || {
            let name = "SHA-256";
            let options = no_options();
            let mut state = 0;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_state_open(
                        name.as_ptr(),
                        name.len(),
                        without_provenance(BAD_ADDR),
                        &options,
                        &mut state,
                    )
                },
                GUEST_ERROR
            )
        },
    );
    h.check_traps("symmetric_state_open: result out of bounds -> trap", || {
        let name = "SHA-256";
        let (key, options) = (no_key(), no_options());
        // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
        errno!(
            unsafe {
                symmetric::symmetric_state_open(
                    name.as_ptr(),
                    name.len(),
                    &key,
                    &options,
                    bad_out(),
                )
            },
            GUEST_ERROR
        )
    });
    h.check(
        "symmetric_state_open: key given to SHA-256 -> key_not_supported",
        || {
            let key = hmac_key()?;
            errno0!(
                r::state_open("SHA-256", some_key(key.raw_handle()), no_options()),
                KEY_NOT_SUPPORTED
            )
        },
    );
    h.check(
        "symmetric_state_open: HMAC/SHA-256 without key -> key_required",
        || {
            errno0!(
                r::state_open("HMAC/SHA-256", no_key(), no_options()),
                KEY_REQUIRED
            )
        },
    );
    h.check(
        "symmetric_state_open: HKDF-EXTRACT/SHA-256 without key -> key_required",
        || {
            errno0!(
                r::state_open("HKDF-EXTRACT/SHA-256", no_key(), no_options()),
                KEY_REQUIRED
            )
        },
    );
    h.check(
        "symmetric_state_open: AES-256-GCM without key -> key_required",
        || {
            let options = nonce_options(&NONCE)?;
            errno0!(
                r::state_open("AES-256-GCM", no_key(), some_options(options.raw_handle())),
                KEY_REQUIRED
            )
        },
    );
    h.check(
        "symmetric_state_open: AES-256-GCM with an HMAC/SHA-256 key -> invalid_key",
        || {
            let key = hmac_key()?;
            let options = nonce_options(&NONCE)?;
            errno0!(
                r::state_open(
                    "AES-256-GCM",
                    some_key(key.raw_handle()),
                    some_options(options.raw_handle())
                ),
                INVALID_KEY
            )
        },
    );
    h.check(
        "symmetric_state_open: AES-256-GCM with an AES-128-GCM key -> invalid_key",
        || {
            let key = SymmetricKey::import("AES-128-GCM", &[1; 16]).ctx("import")?;
            let options = nonce_options(&NONCE)?;
            errno0!(
                r::state_open(
                    "AES-256-GCM",
                    some_key(key.raw_handle()),
                    some_options(options.raw_handle())
                ),
                INVALID_KEY
            )
        },
    );
    h.check(
        "symmetric_state_open: HMAC/SHA-256 with an HMAC/SHA-512 key -> invalid_key",
        || {
            let key = SymmetricKey::import("HMAC/SHA-512", b"k").ctx("import")?;
            errno0!(
                r::state_open("HMAC/SHA-256", some_key(key.raw_handle()), no_options()),
                INVALID_KEY
            )
        },
    );
    h.check(
        "AES-256-GCM without nonce -> nonce_required (open or encrypt)",
        || {
            let key = aes_key()?;
            errno!(
                open_then_encrypt("AES-256-GCM", some_key(key.raw_handle()), no_options()),
                NONCE_REQUIRED
            )?;
            let empty = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
            errno!(
                open_then_encrypt(
                    "AES-256-GCM",
                    some_key(key.raw_handle()),
                    some_options(empty.raw_handle())
                ),
                NONCE_REQUIRED
            )
        },
    );
    for (algorithm, key_len, nonce_len) in [
        ("AES-256-GCM", 32, 11),
        ("AES-256-GCM", 32, 13),
        ("AES-128-GCM", 16, 24),
        ("CHACHA20-POLY1305", 32, 8),
        ("XCHACHA20-POLY1305", 32, 12),
    ] {
        h.check(
            format!("{algorithm} with a {nonce_len}-byte nonce -> invalid_nonce (open or encrypt)"),
            move || {
                let key = SymmetricKey::import(algorithm, &vec![7; key_len]).ctx("import")?;
                let options = nonce_options(&vec![9; nonce_len])?;
                errno!(
                    open_then_encrypt(
                        algorithm,
                        some_key(key.raw_handle()),
                        some_options(options.raw_handle())
                    ),
                    INVALID_NONCE
                )
            },
        );
    }
}

fn state_checks(h: &mut Harness) {
    h.check(
        "symmetric_state_options_get: bad handle -> invalid_handle",
        || {
            errno0!(
                r::options_get(BAD_HANDLE, "nonce", &mut [0; 12]),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_options_get: symmetric_key handle as state -> invalid_handle",
        || {
            let key = aes_key()?;
            errno0!(
                r::options_get(key.raw_handle(), "nonce", &mut [0; 12]),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_options_get: unset nonce -> option_not_set",
        || {
            let key = hmac_key()?;
            let options = Options::open(AlgorithmType::Symmetric).ctx("options_open")?;
            let state =
                SymmetricState::open("HMAC/SHA-256", Some(&key), Some(&options)).ctx("open")?;
            errno0!(
                r::options_get(state.raw_handle(), "nonce", &mut [0; 12]),
                OPTION_NOT_SET
            )?;
            let state = SymmetricState::open("HMAC/SHA-256", Some(&key), None)
                .ctx("open without options")?;
            errno0!(
                r::options_get(state.raw_handle(), "nonce", &mut [0; 12]),
                OPTION_NOT_SET
            )
        },
    );
    h.check(
        "symmetric_state_options_get: unknown name -> unsupported_option",
        || {
            let (_key, state) = aes_state()?;
            errno0!(
                r::options_get(state.raw_handle(), "no_such_option", &mut [0; 12]),
                UNSUPPORTED_OPTION
            )
        },
    );
    h.check(
        "symmetric_state_options_get: buffer too small for the nonce -> overflow",
        || {
            let (_key, state) = aes_state()?;
            errno0!(
                r::options_get(state.raw_handle(), "nonce", &mut [0; 4]),
                OVERFLOW
            )
        },
    );
    h.check(
        "symmetric_state_options_get: value out of bounds -> guest_error",
        || {
            let (_key, state) = aes_state()?;
            let name = "nonce";
            let mut len = 0usize;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_state_options_get(
                        state.raw_handle(),
                        name.as_ptr(),
                        name.len(),
                        bad_mut(),
                        BAD_LEN,
                        &mut len,
                    )
                },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_options_get_u64: bad handle -> invalid_handle",
        || {
            errno0!(
                r::options_get_u64(BAD_HANDLE, "memory_limit"),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_options_get_u64: unset memory_limit -> option_not_set",
        || {
            let (_key, state) = aes_state()?;
            errno0!(
                r::options_get_u64(state.raw_handle(), "memory_limit"),
                OPTION_NOT_SET
            )
        },
    );
    h.check(
        "symmetric_state_options_get_u64: unknown name -> unsupported_option",
        || {
            let (_key, state) = aes_state()?;
            errno0!(
                r::options_get_u64(state.raw_handle(), "no_such_option"),
                UNSUPPORTED_OPTION
            )
        },
    );
    h.check(
        "symmetric_state_clone: bad handle -> invalid_handle",
        || errno0!(r::state_clone(BAD_HANDLE), INVALID_HANDLE),
    );
    h.check(
        "symmetric_state_clone: symmetric_key handle as state -> invalid_handle",
        || {
            let key = aes_key()?;
            errno0!(r::state_clone(key.raw_handle()), INVALID_HANDLE)
        },
    );
    h.check_traps(
        "symmetric_state_clone: result out of bounds -> trap",
        || {
            let state = sha_state()?;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe { symmetric::symmetric_state_clone(state.raw_handle(), bad_out()) },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_close: bad handle -> invalid_handle",
        || errno!(r::state_close(BAD_HANDLE), INVALID_HANDLE),
    );
    h.check(
        "symmetric_state_close: symmetric_tag handle as state -> invalid_handle",
        || {
            let (tag, _) = hmac_tag()?;
            errno!(r::state_close(tag.raw_handle()), INVALID_HANDLE)
        },
    );
    h.check(
        "symmetric_state: closed handle reuse -> invalid_handle",
        || {
            let (e, state) = r::state_open("SHA-256", no_key(), no_options());
            ensure_errno("open", e, SUCCESS)?;
            errno!(r::state_close(state), SUCCESS)?;
            errno!(r::absorb(state, b"abc"), INVALID_HANDLE)?;
            errno!(r::squeeze(state, &mut [0; 32]), INVALID_HANDLE)?;
            errno!(r::state_close(state), INVALID_HANDLE)
        },
    );
    h.check(
        "symmetric_state_absorb: bad handle -> invalid_handle",
        || errno!(r::absorb(BAD_HANDLE, b"abc"), INVALID_HANDLE),
    );
    h.check(
        "symmetric_state_absorb: symmetric_key handle as state -> invalid_handle",
        || {
            let key = aes_key()?;
            errno!(r::absorb(key.raw_handle(), b"abc"), INVALID_HANDLE)
        },
    );
    h.check(
        "symmetric_state_absorb: data out of bounds -> guest_error",
        || {
            let state = sha_state()?;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_state_absorb(state.raw_handle(), bad_ptr(), BAD_LEN)
                },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_squeeze: bad handle -> invalid_handle",
        || errno!(r::squeeze(BAD_HANDLE, &mut [0; 32]), INVALID_HANDLE),
    );
    h.check(
        "symmetric_state_squeeze: SHA-256 33 bytes -> invalid_length",
        || {
            let state = sha_state()?;
            errno!(r::squeeze(state.raw_handle(), &mut [0; 33]), INVALID_LENGTH)
        },
    );
    h.check(
        "symmetric_state_squeeze: SHA-512 65 bytes -> invalid_length",
        || {
            let state = SymmetricState::open("SHA-512", None, None).ctx("open")?;
            errno!(r::squeeze(state.raw_handle(), &mut [0; 65]), INVALID_LENGTH)
        },
    );
    h.check(
        "symmetric_state_squeeze: HKDF-EXPAND/SHA-256 8161 bytes (> 255*32) -> invalid_length",
        || {
            let prk = SymmetricKey::import("HKDF-EXPAND/SHA-256", &[3; 32]).ctx("import")?;
            let state =
                SymmetricState::open("HKDF-EXPAND/SHA-256", Some(&prk), None).ctx("open")?;
            errno!(
                r::squeeze(state.raw_handle(), &mut vec![0; 255 * 32 + 1]),
                INVALID_LENGTH
            )
        },
    );
    h.check(
        "symmetric_state_squeeze: on AES-256-GCM -> invalid_operation",
        || {
            let (_key, state) = aes_state()?;
            errno!(
                r::squeeze(state.raw_handle(), &mut [0; 16]),
                INVALID_OPERATION
            )
        },
    );
    h.check(
        "symmetric_state_squeeze: on HMAC/SHA-256 -> invalid_operation",
        || {
            let (_key, state) = hmac_state()?;
            errno!(
                r::squeeze(state.raw_handle(), &mut [0; 32]),
                INVALID_OPERATION
            )
        },
    );
    h.check(
        "symmetric_state_squeeze: out out of bounds -> guest_error",
        || {
            let state = sha_state()?;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe { symmetric::symmetric_state_squeeze(state.raw_handle(), bad_mut(), 32) },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_squeeze_tag: bad handle -> invalid_handle",
        || errno0!(r::squeeze_tag(BAD_HANDLE), INVALID_HANDLE),
    );
    h.check(
        "symmetric_state_squeeze_tag: on SHA-256 -> invalid_operation",
        || {
            let state = sha_state()?;
            errno0!(r::squeeze_tag(state.raw_handle()), INVALID_OPERATION)
        },
    );
    h.check(
        "symmetric_state_squeeze_tag: on AES-256-GCM -> invalid_operation",
        || {
            let (_key, state) = aes_state()?;
            errno0!(r::squeeze_tag(state.raw_handle()), INVALID_OPERATION)
        },
    );
    h.check_traps(
        "symmetric_state_squeeze_tag: result out of bounds -> trap",
        || {
            let (_key, state) = hmac_state()?;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe { symmetric::symmetric_state_squeeze_tag(state.raw_handle(), bad_out()) },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_squeeze_key: bad handle -> invalid_handle",
        || {
            errno0!(
                r::squeeze_key(BAD_HANDLE, "HKDF-EXPAND/SHA-256"),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_squeeze_key: on SHA-256 -> invalid_operation",
        || {
            let state = sha_state()?;
            errno0!(
                r::squeeze_key(state.raw_handle(), "HKDF-EXPAND/SHA-256"),
                INVALID_OPERATION
            )
        },
    );
    h.check(
        "symmetric_state_squeeze_key: HKDF-EXTRACT to NOPE-256 -> unsupported_algorithm",
        || {
            let ikm = SymmetricKey::import("HKDF-EXTRACT/SHA-256", b"ikm").ctx("import")?;
            let state =
                SymmetricState::open("HKDF-EXTRACT/SHA-256", Some(&ikm), None).ctx("open")?;
            errno0!(
                r::squeeze_key(state.raw_handle(), "NOPE-256"),
                UNSUPPORTED_ALGORITHM
            )
        },
    );
    h.check(
        "symmetric_state_squeeze_key: name out of bounds -> guest_error",
        || {
            let ikm = SymmetricKey::import("HKDF-EXTRACT/SHA-256", b"ikm").ctx("import")?;
            let state =
                SymmetricState::open("HKDF-EXTRACT/SHA-256", Some(&ikm), None).ctx("open")?;
            let mut key = 0;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_state_squeeze_key(
                        state.raw_handle(),
                        bad_ptr(),
                        BAD_LEN,
                        &mut key,
                    )
                },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_max_tag_len: bad handle -> invalid_handle",
        || errno0!(r::max_tag_len(BAD_HANDLE), INVALID_HANDLE),
    );
    h.check(
        "symmetric_state_max_tag_len: on SHA-256 -> invalid_operation",
        || {
            let state = sha_state()?;
            errno0!(r::max_tag_len(state.raw_handle()), INVALID_OPERATION)
        },
    );
    h.check_traps(
        "symmetric_state_max_tag_len: result out of bounds -> trap",
        || {
            let (_key, state) = aes_state()?;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe { symmetric::symmetric_state_max_tag_len(state.raw_handle(), bad_out()) },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_ratchet: bad handle -> invalid_handle",
        || errno!(r::ratchet(BAD_HANDLE), INVALID_HANDLE),
    );
    h.check(
        "symmetric_state_ratchet: on SHA-256 -> invalid_operation",
        || {
            let state = sha_state()?;
            errno!(r::ratchet(state.raw_handle()), INVALID_OPERATION)
        },
    );
    h.check(
        "symmetric_state_ratchet: on AES-256-GCM -> invalid_operation",
        || {
            let (_key, state) = aes_state()?;
            errno!(r::ratchet(state.raw_handle()), INVALID_OPERATION)
        },
    );
    h.check(
        "symmetric_state_ratchet: on HMAC/SHA-256 -> invalid_operation",
        || {
            let (_key, state) = hmac_state()?;
            errno!(r::ratchet(state.raw_handle()), INVALID_OPERATION)
        },
    );
}

fn aead_checks(h: &mut Harness) {
    const PT: &[u8; 16] = b"0123456789abcdef";
    h.check(
        "symmetric_state_encrypt: bad handle -> invalid_handle",
        || errno0!(r::encrypt(BAD_HANDLE, &mut [0; 32], PT), INVALID_HANDLE),
    );
    h.check(
        "symmetric_state_encrypt: on SHA-256 -> invalid_operation",
        || {
            let state = sha_state()?;
            errno0!(
                r::encrypt(state.raw_handle(), &mut [0; 32], PT),
                INVALID_OPERATION
            )
        },
    );
    h.check(
        "symmetric_state_encrypt: on HMAC/SHA-256 -> invalid_operation",
        || {
            let (_key, state) = hmac_state()?;
            errno0!(
                r::encrypt(state.raw_handle(), &mut [0; 32], PT),
                INVALID_OPERATION
            )
        },
    );
    h.check(
        "symmetric_state_encrypt: out 31 bytes for 16 + 16 -> overflow",
        || {
            let (_key, state) = aes_state()?;
            errno0!(r::encrypt(state.raw_handle(), &mut [0; 31], PT), OVERFLOW)
        },
    );
    h.check(
        "symmetric_state_encrypt: data out of bounds -> guest_error",
        || {
            let (_key, state) = aes_state()?;
            let mut out = [0u8; 64];
            let mut n = 0usize;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_state_encrypt(
                        state.raw_handle(),
                        out.as_mut_ptr(),
                        out.len(),
                        bad_ptr(),
                        BAD_LEN,
                        &mut n,
                    )
                },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_encrypt: out out of bounds -> guest_error",
        || {
            let (_key, state) = aes_state()?;
            let mut n = 0usize;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_state_encrypt(
                        state.raw_handle(),
                        bad_mut(),
                        BAD_LEN,
                        PT.as_ptr(),
                        PT.len(),
                        &mut n,
                    )
                },
                GUEST_ERROR
            )
        },
    );
    h.check(
        "symmetric_state_encrypt: second encryption -> nonce_required",
        || {
            let (_key, state) = aes_state()?;
            errno0!(r::encrypt(state.raw_handle(), &mut [0; 32], PT), SUCCESS)?;
            errno0!(
                r::encrypt(state.raw_handle(), &mut [0; 32], PT),
                NONCE_REQUIRED
            )?;
            errno0!(
                r::encrypt_detached(state.raw_handle(), &mut [0; 16], PT),
                NONCE_REQUIRED
            )
        },
    );
    h.check(
        "symmetric_state_encrypt_detached: bad handle -> invalid_handle",
        || {
            errno0!(
                r::encrypt_detached(BAD_HANDLE, &mut [0; 16], PT),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_encrypt_detached: on SHA-256 -> invalid_operation",
        || {
            let state = sha_state()?;
            errno0!(
                r::encrypt_detached(state.raw_handle(), &mut [0; 16], PT),
                INVALID_OPERATION
            )
        },
    );
    h.check(
        "symmetric_state_encrypt_detached: out 15 bytes for 16 -> overflow",
        || {
            let (_key, state) = aes_state()?;
            errno0!(
                r::encrypt_detached(state.raw_handle(), &mut [0; 15], PT),
                OVERFLOW
            )
        },
    );
    h.check(
        "symmetric_state_decrypt: bad handle -> invalid_handle",
        || {
            errno0!(
                r::decrypt(BAD_HANDLE, &mut [0; 16], &[0; 32]),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_decrypt: on SHA-256 -> invalid_operation",
        || {
            let state = sha_state()?;
            errno0!(
                r::decrypt(state.raw_handle(), &mut [0; 16], &[0; 32]),
                INVALID_OPERATION
            )
        },
    );
    h.check(
        "symmetric_state_decrypt: out 15 bytes for 16 -> overflow",
        || {
            let sealed = seal(PT)?;
            let (_key, state) = aes_state()?;
            errno0!(
                r::decrypt(state.raw_handle(), &mut [0; 15], &sealed),
                OVERFLOW
            )
        },
    );
    h.check(
        "symmetric_state_decrypt: flipped bit -> invalid_tag, output zeroed",
        || {
            let mut sealed = seal(PT)?;
            sealed[3] ^= 0x10;
            let (_key, state) = aes_state()?;
            let mut out = [0xAAu8; 16];
            errno0!(
                r::decrypt(state.raw_handle(), &mut out, &sealed),
                INVALID_TAG
            )?;
            ensure(
                out == [0; 16],
                format!("output after a failed decryption: {out:02x?}"),
            )
        },
    );
    h.check(
        "symmetric_state_decrypt_detached: bad handle -> invalid_handle",
        || {
            errno0!(
                r::decrypt_detached(BAD_HANDLE, &mut [0; 16], &[0; 16], &[0; 16]),
                INVALID_HANDLE
            )
        },
    );
    h.check(
        "symmetric_state_decrypt_detached: 15-byte tag -> invalid_tag",
        || {
            let sealed = seal(PT)?;
            let (ct, tag) = sealed.split_at(16);
            let (_key, state) = aes_state()?;
            errno0!(
                r::decrypt_detached(state.raw_handle(), &mut [0; 16], ct, &tag[..15]),
                INVALID_TAG
            )
        },
    );
    h.check(
        "symmetric_state_decrypt_detached: 17-byte tag -> invalid_tag",
        || {
            let sealed = seal(PT)?;
            let (ct, tag) = sealed.split_at(16);
            let (_key, state) = aes_state()?;
            errno0!(
                r::decrypt_detached(state.raw_handle(), &mut [0; 16], ct, &[tag, &[0]].concat()),
                INVALID_TAG
            )
        },
    );
    h.check(
        "symmetric_state_decrypt_detached: out 15 bytes for 16 -> overflow",
        || {
            let sealed = seal(PT)?;
            let (ct, tag) = sealed.split_at(16);
            let (_key, state) = aes_state()?;
            errno0!(
                r::decrypt_detached(state.raw_handle(), &mut [0; 15], ct, tag),
                OVERFLOW
            )
        },
    );
    h.check(
        "symmetric_state_decrypt_detached: tag out of bounds -> guest_error",
        || {
            let sealed = seal(PT)?;
            let ct = &sealed[..16];
            let (_key, state) = aes_state()?;
            let mut out = [0u8; 16];
            let mut n = 0usize;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_state_decrypt_detached(
                        state.raw_handle(),
                        out.as_mut_ptr(),
                        out.len(),
                        ct.as_ptr(),
                        ct.len(),
                        bad_ptr(),
                        16,
                        &mut n,
                    )
                },
                GUEST_ERROR
            )
        },
    );
}

/// AES-256-GCM ciphertext ‖ tag of `pt` under the fixture key and nonce.
fn seal(pt: &[u8]) -> Result<Vec<u8>, String> {
    let (_key, state) = aes_state()?;
    let mut out = vec![0u8; pt.len() + 16];
    let (e, n) = r::encrypt(state.raw_handle(), &mut out, pt);
    ensure_errno("encrypt", e, SUCCESS)?;
    out.truncate(n);
    Ok(out)
}

fn tag_checks(h: &mut Harness) {
    h.check("symmetric_tag_len: bad handle -> invalid_handle", || {
        errno0!(r::tag_len(BAD_HANDLE), INVALID_HANDLE)
    });
    h.check(
        "symmetric_tag_len: symmetric_state handle as tag -> invalid_handle",
        || {
            let state = sha_state()?;
            errno0!(r::tag_len(state.raw_handle()), INVALID_HANDLE)
        },
    );
    h.check("symmetric_tag_pull: bad handle -> invalid_handle", || {
        errno0!(r::tag_pull(BAD_HANDLE, &mut [0; 32]), INVALID_HANDLE)
    });
    h.check(
        "symmetric_tag_pull: 31-byte buffer for a 32-byte tag -> overflow",
        || {
            let (tag, bytes) = hmac_tag()?;
            errno0!(r::tag_pull(tag.raw_handle(), &mut [0; 31]), OVERFLOW)?;
            // The tag is still usable after the failed pull.
            let mut buf = [0u8; 32];
            let handle = tag.into_raw();
            let (e, n) = r::tag_pull(handle, &mut buf);
            ensure_errno("pull after the failed pull", e, SUCCESS)?;
            ensure(
                n == 32 && buf[..] == bytes[..],
                format!("pulled {n} bytes {buf:02x?}"),
            )
        },
    );
    h.check(
        "symmetric_tag_pull: pulled tag is closed -> invalid_handle",
        || {
            let (tag, _) = hmac_tag()?;
            let handle = tag.into_raw();
            errno0!(r::tag_pull(handle, &mut [0; 32]), SUCCESS)?;
            errno0!(r::tag_len(handle), INVALID_HANDLE)?;
            errno0!(r::tag_pull(handle, &mut [0; 32]), INVALID_HANDLE)
        },
    );
    h.check(
        "symmetric_tag_pull: buffer out of bounds -> guest_error",
        || {
            let (tag, _) = hmac_tag()?;
            let mut n = 0usize;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe {
                    symmetric::symmetric_tag_pull(tag.raw_handle(), bad_mut(), BAD_LEN, &mut n)
                },
                GUEST_ERROR
            )
        },
    );
    h.check("symmetric_tag_verify: bad handle -> invalid_handle", || {
        errno!(r::tag_verify(BAD_HANDLE, &[0; 32]), INVALID_HANDLE)
    });
    h.check("symmetric_tag_verify: mismatch -> invalid_tag", || {
        let (tag, mut bytes) = hmac_tag()?;
        bytes[31] ^= 0x80;
        errno!(r::tag_verify(tag.raw_handle(), &bytes), INVALID_TAG)
    });
    h.check(
        "symmetric_tag_verify: length mismatch -> invalid_tag",
        || {
            let (tag, bytes) = hmac_tag()?;
            errno!(r::tag_verify(tag.raw_handle(), &bytes[..16]), INVALID_TAG)?;
            errno!(
                r::tag_verify(tag.raw_handle(), &[bytes.as_slice(), &[0]].concat()),
                INVALID_TAG
            )?;
            errno!(r::tag_verify(tag.raw_handle(), &[]), INVALID_TAG)
        },
    );
    h.check(
        "symmetric_tag_verify: expected out of bounds -> guest_error",
        || {
            let (tag, _) = hmac_tag()?;
            // SAFETY: out-of-bounds pointer validated by the host, never dereferenced by Rust.
            errno!(
                unsafe { symmetric::symmetric_tag_verify(tag.raw_handle(), bad_ptr(), BAD_LEN) },
                GUEST_ERROR
            )
        },
    );
    h.check("symmetric_tag_close: bad handle -> invalid_handle", || {
        errno!(r::tag_close(BAD_HANDLE), INVALID_HANDLE)
    });
    h.check(
        "symmetric_tag_close: symmetric_key handle as tag -> invalid_handle",
        || {
            let key = aes_key()?;
            errno!(r::tag_close(key.raw_handle()), INVALID_HANDLE)
        },
    );
    h.check(
        "symmetric_tag: closed handle reuse -> invalid_handle",
        || {
            let (tag, bytes) = hmac_tag()?;
            let handle = tag.into_raw();
            errno!(r::tag_close(handle), SUCCESS)?;
            errno!(r::tag_verify(handle, &bytes), INVALID_HANDLE)?;
            errno!(r::tag_close(handle), INVALID_HANDLE)
        },
    );
}
