//! One Wycheproof test case in an algorithm-neutral form, what it must produce, and how an
//! [`Outcome`] is judged against it.
//!
//! A [`Case`] carries everything needed to run it with the WASI-Crypto API — algorithm name as the
//! proposal spells it, inputs, and the encodings to import keys and signatures with — so the host
//! runner ([`crate::host`]) and the guest runner ([`crate::wasm`]) execute the very same steps.

use std::fmt;

/// What the Wycheproof file says about a case (`result`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// `valid`: must succeed with the expected output.
    Valid,
    /// `invalid`: must be rejected with an error.
    Invalid,
    /// `acceptable`: may go either way; [`Expect`] says what this runner requires (the policy).
    Acceptable,
}

impl Verdict {
    /// Parses Wycheproof's `result` string.
    pub fn parse(result: &str) -> Option<Self> {
        match result {
            "valid" => Some(Verdict::Valid),
            "invalid" => Some(Verdict::Invalid),
            "acceptable" => Some(Verdict::Acceptable),
            _ => None,
        }
    }
}

/// What this runner requires of a case: the verdict, with `acceptable` resolved by policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expect {
    /// Must succeed with exactly [`Op::expected_output`].
    Accept,
    /// Must fail with an error (any `crypto_errno`).
    Reject,
    /// May succeed (then with exactly the expected output) or fail; either passes.
    Either,
}

/// A public-key encoding of the proposal (`$publickey_encoding`); the discriminant is the ABI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublicKeyEncoding {
    /// `raw` (0): Ed25519 and X25519 32-byte keys.
    Raw = 0,
    /// `pkcs8` (1): for public keys, `SubjectPublicKeyInfo` DER.
    Pkcs8 = 1,
    /// `pem` (2): the same in PEM.
    Pem = 2,
    /// `sec` (3): a SEC 1 elliptic-curve point.
    Sec = 3,
}

impl PublicKeyEncoding {
    /// The ABI value.
    pub fn code(self) -> u16 {
        self as u16
    }

    /// Parses an ABI value.
    pub fn from_code(code: u16) -> Option<Self> {
        match code {
            0 => Some(Self::Raw),
            1 => Some(Self::Pkcs8),
            2 => Some(Self::Pem),
            3 => Some(Self::Sec),
            _ => None,
        }
    }
}

/// A secret-key encoding of the proposal (`$secretkey_encoding`); the discriminant is the ABI
/// value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKeyEncoding {
    /// `raw` (0): an X25519 scalar, an ECDH big-endian scalar.
    Raw = 0,
    /// `pkcs8` (1): PKCS#8 DER.
    Pkcs8 = 1,
    /// `pem` (2): PKCS#8 in PEM.
    Pem = 2,
}

impl SecretKeyEncoding {
    /// The ABI value.
    pub fn code(self) -> u16 {
        self as u16
    }
}

/// A key-pair encoding of the proposal (`$keypair_encoding`); the discriminant is the ABI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyPairEncoding {
    /// `raw` (0): an ML-DSA seed.
    Raw = 0,
    /// `pkcs8` (1): PKCS#8 DER.
    Pkcs8 = 1,
}

impl KeyPairEncoding {
    /// The ABI value.
    pub fn code(self) -> u16 {
        self as u16
    }
}

/// A signature encoding of the proposal (`$signature_encoding`); the discriminant is the ABI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureEncoding {
    /// `raw` (0): fixed-size bytes (ECDSA r ‖ s, Ed25519, RSA).
    Raw = 0,
    /// `der` (1): ECDSA-Sig-Value DER.
    Der = 1,
}

impl SignatureEncoding {
    /// The ABI value.
    pub fn code(self) -> u16 {
        self as u16
    }

    /// Parses an ABI value.
    pub fn from_code(code: u16) -> Option<Self> {
        match code {
            0 => Some(Self::Raw),
            1 => Some(Self::Der),
            _ => None,
        }
    }
}

/// The operation of a case, with its inputs and the output it should produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// AEAD: import `key`, decrypt `ct ‖ tag` with `nonce` and `aad`, then encrypt `msg` with a
    /// fresh state. Output: the sealed bytes followed by the opened bytes.
    Aead {
        /// Proposal name, e.g. `AES-128-GCM`.
        alg: String,
        /// Raw key.
        key: Vec<u8>,
        /// The `nonce` option.
        nonce: Vec<u8>,
        /// Associated data (absorbed).
        aad: Vec<u8>,
        /// Plaintext.
        msg: Vec<u8>,
        /// Ciphertext without tag.
        ct: Vec<u8>,
        /// Tag.
        tag: Vec<u8>,
    },
    /// Unauthenticated cipher: import `key`, decrypt `ct` with the IV `iv` (the `nonce` option),
    /// then encrypt `msg` with a fresh state. Output: the ciphertext followed by the plaintext.
    Cipher {
        /// Proposal name, e.g. `AES-128-CBC`.
        alg: String,
        /// Raw key.
        key: Vec<u8>,
        /// The IV.
        iv: Vec<u8>,
        /// Plaintext.
        msg: Vec<u8>,
        /// Ciphertext (with its padding).
        ct: Vec<u8>,
    },
    /// MAC: import `key`, absorb `msg`, squeeze a tag, verify it against `tag`, then pull it.
    /// Output: the computed tag.
    Mac {
        /// Proposal name, e.g. `HMAC/SHA-256`.
        alg: String,
        /// Raw key.
        key: Vec<u8>,
        /// Message.
        msg: Vec<u8>,
        /// Expected tag (also the one verified).
        tag: Vec<u8>,
    },
    /// HKDF: `HKDF-EXTRACT/<hash>` with `ikm` and `salt`, then `HKDF-EXPAND/<hash>` with `info`
    /// for `size` bytes. Output: the OKM.
    Hkdf {
        /// Hash name, e.g. `SHA-256`.
        hash: String,
        /// Input keying material.
        ikm: Vec<u8>,
        /// Salt (may be empty).
        salt: Vec<u8>,
        /// Info (may be empty).
        info: Vec<u8>,
        /// Output length in bytes.
        size: usize,
        /// Expected output keying material.
        okm: Vec<u8>,
    },
    /// Password hashing: open `alg` with the `salt` and `ops_limit` (iterations) options, absorb
    /// `password`, squeeze `dk.len()` bytes. Output: the derived key.
    Pbkdf {
        /// Proposal name, e.g. `PBKDF2-HMAC/SHA-256`.
        alg: String,
        /// Password.
        password: Vec<u8>,
        /// Salt.
        salt: Vec<u8>,
        /// Iteration count.
        iterations: u64,
        /// Expected derived key.
        dk: Vec<u8>,
    },
    /// Signature verification: import the public key and the signature, verify over `msg`.
    /// Output: nothing (success means verified).
    Verify {
        /// Proposal name, e.g. `ECDSA_P256_SHA256`.
        alg: String,
        /// Encoded public key.
        public_key: Vec<u8>,
        /// How `public_key` is encoded.
        public_key_encoding: PublicKeyEncoding,
        /// Message.
        msg: Vec<u8>,
        /// Encoded signature.
        sig: Vec<u8>,
        /// How `sig` is encoded.
        sig_encoding: SignatureEncoding,
    },
    /// Diffie-Hellman: import the peer public key and the secret key, `kx_dh`.
    /// Output: the shared secret.
    Dh {
        /// Proposal name, e.g. `X25519` or `P256-SHA256`.
        alg: String,
        /// Encoded public key.
        public_key: Vec<u8>,
        /// How `public_key` is encoded.
        public_key_encoding: PublicKeyEncoding,
        /// Encoded secret key (`raw`: X25519 32 bytes, ECDH big-endian scalar of the field size).
        secret_key: Vec<u8>,
        /// How `secret_key` is encoded.
        secret_key_encoding: SecretKeyEncoding,
        /// Expected shared secret.
        shared: Vec<u8>,
    },
    /// Deterministic signing: import the key pair, sign `msg` (the context runs ML-DSA with
    /// `MlDsaSigning::Deterministic`; RSASSA-PKCS1-v1_5 is deterministic). Output: the raw
    /// signature.
    Sign {
        /// Proposal name, e.g. `ML-DSA-65` or `RSA_PKCS1_2048_SHA256`.
        alg: String,
        /// The encoded key pair (an ML-DSA seed, an RSA PKCS#8 document).
        key: Vec<u8>,
        /// How `key` is encoded.
        key_encoding: KeyPairEncoding,
        /// Message.
        msg: Vec<u8>,
        /// Expected raw signature.
        sig: Vec<u8>,
    },
    /// KEM key generation from a seed: import the secret key (`raw` seed), derive and export the
    /// public key. Output: the raw public (encapsulation) key.
    KemKeyGen {
        /// Proposal name, e.g. `ML-KEM-768`.
        alg: String,
        /// The raw secret seed.
        seed: Vec<u8>,
        /// Expected raw public key.
        ek: Vec<u8>,
    },
    /// KEM decapsulation: import the secret key (`raw` seed), export its public key, then
    /// `kx_decapsulate` `ct`. Output: the public key followed by the shared secret.
    KemDecaps {
        /// Proposal name, e.g. `ML-KEM-768`.
        alg: String,
        /// The raw secret seed.
        seed: Vec<u8>,
        /// Ciphertext.
        ct: Vec<u8>,
        /// Expected raw public key.
        ek: Vec<u8>,
        /// Expected shared secret.
        shared: Vec<u8>,
    },
    /// KEM encapsulation to a given public key: import it (`raw`) and `kx_encapsulate`. The
    /// proposal's encapsulation draws its randomness in the host, so the file's ciphertext and
    /// secret cannot be reproduced: a valid key must import and encapsulate, an invalid one must
    /// be refused. Output: nothing.
    KemEncaps {
        /// Proposal name, e.g. `ML-KEM-768`.
        alg: String,
        /// The raw public (encapsulation) key.
        ek: Vec<u8>,
    },
}

impl Op {
    /// The output a successful run must produce.
    pub fn expected_output(&self) -> Vec<u8> {
        match self {
            Op::Aead { msg, ct, tag, .. } => [ct.as_slice(), tag, msg].concat(),
            Op::Cipher { msg, ct, .. } => [ct.as_slice(), msg].concat(),
            Op::Mac { tag, .. } => tag.clone(),
            Op::Hkdf { okm, .. } => okm.clone(),
            Op::Pbkdf { dk, .. } => dk.clone(),
            Op::Verify { .. } | Op::KemEncaps { .. } => Vec::new(),
            Op::Dh { shared, .. } => shared.clone(),
            Op::Sign { sig, .. } => sig.clone(),
            Op::KemKeyGen { ek, .. } => ek.clone(),
            Op::KemDecaps { ek, shared, .. } => [ek.as_slice(), shared].concat(),
        }
    }

    /// The algorithm name the case runs with.
    pub fn algorithm(&self) -> &str {
        match self {
            Op::Aead { alg, .. }
            | Op::Cipher { alg, .. }
            | Op::Mac { alg, .. }
            | Op::Pbkdf { alg, .. }
            | Op::Verify { alg, .. }
            | Op::Dh { alg, .. }
            | Op::Sign { alg, .. }
            | Op::KemKeyGen { alg, .. }
            | Op::KemDecaps { alg, .. }
            | Op::KemEncaps { alg, .. } => alg,
            Op::Hkdf { hash, .. } => hash,
        }
    }

    /// The guest wire format: one line, space-separated, binary fields in lowercase hex (`-` for
    /// empty). See `test-programs/src/bin/wycheproof.rs`.
    pub fn to_line(&self) -> String {
        match self {
            Op::Aead {
                alg,
                key,
                nonce,
                aad,
                msg,
                ct,
                tag,
            } => {
                let sealed = [ct.as_slice(), tag].concat();
                format!(
                    "aead {alg} {} {} {} {} {}",
                    hx(key),
                    hx(nonce),
                    hx(aad),
                    hx(msg),
                    hx(&sealed)
                )
            }
            Op::Cipher {
                alg,
                key,
                iv,
                msg,
                ct,
            } => format!("cipher {alg} {} {} {} {}", hx(key), hx(iv), hx(msg), hx(ct)),
            Op::Mac { alg, key, msg, tag } => {
                format!("mac {alg} {} {} {}", hx(key), hx(msg), hx(tag))
            }
            Op::Hkdf {
                hash,
                ikm,
                salt,
                info,
                size,
                ..
            } => {
                format!("hkdf {hash} {} {} {} {size}", hx(ikm), hx(salt), hx(info))
            }
            Op::Pbkdf {
                alg,
                password,
                salt,
                iterations,
                dk,
            } => format!(
                "pbkdf {alg} {} {} {iterations} {}",
                hx(password),
                hx(salt),
                dk.len()
            ),
            Op::Verify {
                alg,
                public_key,
                public_key_encoding,
                msg,
                sig,
                sig_encoding,
            } => format!(
                "verify {alg} {} {} {} {} {}",
                public_key_encoding.code(),
                hx(public_key),
                sig_encoding.code(),
                hx(sig),
                hx(msg)
            ),
            Op::Dh {
                alg,
                public_key,
                public_key_encoding,
                secret_key,
                secret_key_encoding,
                ..
            } => {
                format!(
                    "dh {alg} {} {} {} {}",
                    public_key_encoding.code(),
                    hx(public_key),
                    secret_key_encoding.code(),
                    hx(secret_key)
                )
            }
            Op::Sign {
                alg,
                key,
                key_encoding,
                msg,
                ..
            } => format!("sign {alg} {} {} {}", key_encoding.code(), hx(key), hx(msg)),
            Op::KemKeyGen { alg, seed, .. } => format!("kemgen {alg} {}", hx(seed)),
            Op::KemDecaps { alg, seed, ct, .. } => {
                format!("kemdec {alg} {} {}", hx(seed), hx(ct))
            }
            Op::KemEncaps { alg, ek } => format!("kemenc {alg} {}", hx(ek)),
        }
    }

    /// The inputs, for a failure report.
    pub fn describe(&self) -> String {
        match self {
            Op::Aead {
                alg,
                key,
                nonce,
                aad,
                msg,
                ct,
                tag,
            } => format!(
                "{alg} key={} nonce={} aad={} msg={} ct={} tag={}",
                hx(key),
                hx(nonce),
                hx(aad),
                hx(msg),
                hx(ct),
                hx(tag)
            ),
            Op::Cipher {
                alg,
                key,
                iv,
                msg,
                ct,
            } => format!(
                "{alg} key={} iv={} msg={} ct={}",
                hx(key),
                hx(iv),
                hx(msg),
                hx(ct)
            ),
            Op::Mac { alg, key, msg, tag } => {
                format!("{alg} key={} msg={} tag={}", hx(key), hx(msg), hx(tag))
            }
            Op::Hkdf {
                hash,
                ikm,
                salt,
                info,
                size,
                okm,
            } => format!(
                "HKDF/{hash} ikm={} salt={} info={} size={size} okm={}",
                hx(ikm),
                hx(salt),
                hx(info),
                hx(okm)
            ),
            Op::Pbkdf {
                alg,
                password,
                salt,
                iterations,
                dk,
            } => format!(
                "{alg} password={} salt={} iterations={iterations} dk={}",
                hx(password),
                hx(salt),
                hx(dk)
            ),
            Op::Verify {
                alg,
                public_key,
                public_key_encoding,
                msg,
                sig,
                sig_encoding,
            } => format!(
                "{alg} pk({public_key_encoding:?})={} msg={} sig({sig_encoding:?})={}",
                hx(public_key),
                hx(msg),
                hx(sig)
            ),
            Op::Dh {
                alg,
                public_key,
                public_key_encoding,
                secret_key,
                secret_key_encoding,
                shared,
            } => format!(
                "{alg} pk({public_key_encoding:?})={} sk({secret_key_encoding:?})={} shared={}",
                hx(public_key),
                hx(secret_key),
                hx(shared)
            ),
            Op::Sign {
                alg,
                key,
                key_encoding,
                msg,
                sig,
            } => format!(
                "{alg} key({key_encoding:?})={} msg={} sig={}",
                hx(key),
                hx(msg),
                hx(sig)
            ),
            Op::KemKeyGen { alg, seed, ek } => format!("{alg} seed={} ek={}", hx(seed), hx(ek)),
            Op::KemDecaps {
                alg,
                seed,
                ct,
                ek,
                shared,
            } => format!(
                "{alg} seed={} c={} ek={} K={}",
                hx(seed),
                hx(ct),
                hx(ek),
                hx(shared)
            ),
            Op::KemEncaps { alg, ek } => format!("{alg} ek={}", hx(ek)),
        }
    }
}

/// Hex for the wire and reports; `-` for empty.
pub(crate) fn hx(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        "-".to_owned()
    } else {
        hex::encode(bytes)
    }
}

/// One test case of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Wycheproof `tcId`.
    pub tc_id: u64,
    /// Wycheproof `result`.
    pub verdict: Verdict,
    /// What this runner requires (the verdict, `acceptable` resolved by policy).
    pub expect: Expect,
    /// Wycheproof `flags`.
    pub flags: Vec<String>,
    /// The operation.
    pub op: Op,
}

/// What running a case produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Success, with the output (empty for a verified signature).
    Ok(Vec<u8>),
    /// A `crypto_errno` from the host.
    Err(u16),
    /// The runner itself failed (guest trapped, malformed or missing result line).
    Broken(String),
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Ok(out) if out.is_empty() => f.write_str("ok"),
            Outcome::Ok(out) => write!(f, "ok {}", hex::encode(out)),
            Outcome::Err(errno) => write!(f, "error {errno} ({})", errno_name(*errno)),
            Outcome::Broken(why) => write!(f, "runner failure: {why}"),
        }
    }
}

impl Outcome {
    /// Parses one result line of the guest: `ok HEX|-` or `err ERRNO`.
    pub fn parse_line(line: &str) -> Outcome {
        let mut parts = line.split(' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("ok"), Some("-"), None) => Outcome::Ok(Vec::new()),
            (Some("ok"), Some(h), None) => match hex::decode(h) {
                Ok(bytes) => Outcome::Ok(bytes),
                Err(e) => Outcome::Broken(format!("bad hex in guest line ({e})")),
            },
            (Some("err"), Some(n), None) => match n.parse() {
                Ok(errno) => Outcome::Err(errno),
                Err(_) => Outcome::Broken(format!("bad errno in guest line {line:?}")),
            },
            _ => Outcome::Broken(format!("unexpected guest line {:?}", truncate(line, 120))),
        }
    }
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The proposal's name of a `crypto_errno` value.
pub fn errno_name(errno: u16) -> &'static str {
    const NAMES: [&str; 31] = [
        "success",
        "guest_error",
        "not_implemented",
        "unsupported_feature",
        "prohibited_operation",
        "unsupported_encoding",
        "unsupported_algorithm",
        "unsupported_option",
        "invalid_key",
        "invalid_length",
        "verification_failed",
        "rng_error",
        "algorithm_failure",
        "invalid_signature",
        "closed",
        "invalid_handle",
        "overflow",
        "internal_error",
        "too_many_handles",
        "key_not_supported",
        "key_required",
        "invalid_tag",
        "invalid_operation",
        "nonce_required",
        "invalid_nonce",
        "option_not_set",
        "not_found",
        "parameters_missing",
        "in_progress",
        "incompatible_keys",
        "expired",
    ];
    NAMES.get(usize::from(errno)).copied().unwrap_or("unknown")
}

/// `not_implemented`: never an acceptable rejection (the algorithm is missing, not the case).
pub const NOT_IMPLEMENTED: u16 = 2;

impl Case {
    /// Judges `outcome`: `Ok(())` if the case passes, or why it fails.
    ///
    /// `not_implemented` fails every case, even one that must be rejected: it says the host has
    /// no such operation, not that it checked the input. A runner failure always fails.
    pub fn judge(&self, outcome: &Outcome) -> Result<(), String> {
        let expected = self.op.expected_output();
        match outcome {
            Outcome::Broken(why) => Err(why.clone()),
            Outcome::Err(NOT_IMPLEMENTED) => Err("not_implemented".to_owned()),
            Outcome::Ok(_) if self.expect == Expect::Reject => {
                Err("accepted, must be rejected".to_owned())
            }
            Outcome::Ok(out) if *out != expected => Err(format!(
                "wrong output: expected {}, got {}",
                Outcome::Ok(expected),
                Outcome::Ok(out.clone())
            )),
            Outcome::Err(_) if self.expect == Expect::Accept => Err(format!(
                "rejected with {outcome}, must succeed with {}",
                Outcome::Ok(expected)
            )),
            Outcome::Ok(_) | Outcome::Err(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mac_case(expect: Expect) -> Case {
        Case {
            tc_id: 1,
            verdict: Verdict::Valid,
            expect,
            flags: vec![],
            op: Op::Mac {
                alg: "HMAC/SHA-256".into(),
                key: vec![1],
                msg: vec![],
                tag: vec![0xab],
            },
        }
    }

    #[test]
    fn judging() {
        let accept = mac_case(Expect::Accept);
        assert_eq!(accept.judge(&Outcome::Ok(vec![0xab])), Ok(()));
        assert!(accept.judge(&Outcome::Ok(vec![0xac])).is_err());
        assert!(accept.judge(&Outcome::Err(21)).is_err());
        let reject = mac_case(Expect::Reject);
        assert_eq!(reject.judge(&Outcome::Err(21)), Ok(()));
        assert!(reject.judge(&Outcome::Err(NOT_IMPLEMENTED)).is_err());
        assert!(reject.judge(&Outcome::Ok(vec![0xab])).is_err());
        let either = mac_case(Expect::Either);
        assert_eq!(either.judge(&Outcome::Ok(vec![0xab])), Ok(()));
        assert_eq!(either.judge(&Outcome::Err(8)), Ok(()));
        assert!(either.judge(&Outcome::Ok(vec![1])).is_err());
        assert!(either.judge(&Outcome::Broken("x".into())).is_err());
    }

    #[test]
    fn result_lines() {
        assert_eq!(Outcome::parse_line("ok -"), Outcome::Ok(vec![]));
        assert_eq!(Outcome::parse_line("ok 00ff"), Outcome::Ok(vec![0, 255]));
        assert_eq!(Outcome::parse_line("err 21"), Outcome::Err(21));
        assert!(matches!(Outcome::parse_line("ok zz"), Outcome::Broken(_)));
        assert!(matches!(
            Outcome::parse_line("bad input"),
            Outcome::Broken(_)
        ));
        assert_eq!(Outcome::Err(21).to_string(), "error 21 (invalid_tag)");
    }

    #[test]
    fn wire_lines() {
        let op = Op::Aead {
            alg: "AES-128-GCM".into(),
            key: vec![1; 2],
            nonce: vec![2],
            aad: vec![],
            msg: vec![3],
            ct: vec![4],
            tag: vec![5],
        };
        assert_eq!(op.to_line(), "aead AES-128-GCM 0101 02 - 03 0405");
        assert_eq!(op.expected_output(), vec![4, 5, 3]);
    }
}
