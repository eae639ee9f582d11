//! The benchmark cases: every primitive and message size measured in each column.

/// One benchmarked operation. The discriminant is the `case` argument of the guest's exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Op {
    /// SHA-256 one-shot of a message (FIPS 180-4): open, absorb, squeeze 32 bytes, close.
    Sha256 = 0,
    /// AES-256-GCM encryption of a message under a fresh 12-byte nonce (NIST SP 800-38D).
    Aes256GcmEncrypt = 1,
    /// AES-256-GCM decryption and tag check.
    Aes256GcmDecrypt = 2,
    /// ChaCha20-Poly1305 encryption under a fresh 12-byte nonce (RFC 8439).
    ChaCha20Poly1305Encrypt = 3,
    /// ChaCha20-Poly1305 decryption and tag check.
    ChaCha20Poly1305Decrypt = 4,
    /// Ed25519 key pair generation (RFC 8032).
    Ed25519Keygen = 5,
    /// Ed25519 signature of a 64-byte message.
    Ed25519Sign = 6,
    /// Ed25519 verification of a 64-byte message.
    Ed25519Verify = 7,
    /// ECDSA P-256 with SHA-256 key pair generation (FIPS 186-5).
    P256Keygen = 8,
    /// ECDSA P-256 with SHA-256 signature of a 64-byte message.
    P256Sign = 9,
    /// ECDSA P-256 with SHA-256 verification.
    P256Verify = 10,
    /// RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit key (RFC 8017): signature of a 64-byte message.
    Rsa2048Sign = 11,
    /// RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit key: verification.
    Rsa2048Verify = 12,
    /// X25519 key pair generation (RFC 7748).
    X25519Keygen = 13,
    /// X25519 shared secret.
    X25519Dh = 14,
    /// ML-KEM-768 key pair generation (FIPS 203).
    MlKem768Keygen = 15,
    /// ML-KEM-768 encapsulation.
    MlKem768Encapsulate = 16,
    /// ML-KEM-768 decapsulation.
    MlKem768Decapsulate = 17,
}

impl Op {
    /// Every case, in table order.
    pub const ALL: [Op; 18] = [
        Op::Sha256,
        Op::Aes256GcmEncrypt,
        Op::Aes256GcmDecrypt,
        Op::ChaCha20Poly1305Encrypt,
        Op::ChaCha20Poly1305Decrypt,
        Op::Ed25519Keygen,
        Op::Ed25519Sign,
        Op::Ed25519Verify,
        Op::P256Keygen,
        Op::P256Sign,
        Op::P256Verify,
        Op::Rsa2048Sign,
        Op::Rsa2048Verify,
        Op::X25519Keygen,
        Op::X25519Dh,
        Op::MlKem768Keygen,
        Op::MlKem768Encapsulate,
        Op::MlKem768Decapsulate,
    ];

    /// The case's name in tables and in criterion's ids.
    pub fn name(self) -> &'static str {
        match self {
            Op::Sha256 => "sha256",
            Op::Aes256GcmEncrypt => "aes256gcm-encrypt",
            Op::Aes256GcmDecrypt => "aes256gcm-decrypt",
            Op::ChaCha20Poly1305Encrypt => "chacha20poly1305-encrypt",
            Op::ChaCha20Poly1305Decrypt => "chacha20poly1305-decrypt",
            Op::Ed25519Keygen => "ed25519-keygen",
            Op::Ed25519Sign => "ed25519-sign",
            Op::Ed25519Verify => "ed25519-verify",
            Op::P256Keygen => "p256-keygen",
            Op::P256Sign => "p256-sign",
            Op::P256Verify => "p256-verify",
            Op::Rsa2048Sign => "rsa2048-sign",
            Op::Rsa2048Verify => "rsa2048-verify",
            Op::X25519Keygen => "x25519-keygen",
            Op::X25519Dh => "x25519-dh",
            Op::MlKem768Keygen => "mlkem768-keygen",
            Op::MlKem768Encapsulate => "mlkem768-encapsulate",
            Op::MlKem768Decapsulate => "mlkem768-decapsulate",
        }
    }

    /// The case with discriminant `id`.
    pub fn from_id(id: u32) -> Option<Op> {
        Op::ALL.into_iter().find(|op| *op as u32 == id)
    }

    /// The message sizes measured (bytes): four for the symmetric cases, one (64-byte messages,
    /// or none) for the asymmetric ones.
    pub fn sizes(self) -> &'static [usize] {
        match self {
            Op::Sha256
            | Op::Aes256GcmEncrypt
            | Op::Aes256GcmDecrypt
            | Op::ChaCha20Poly1305Encrypt
            | Op::ChaCha20Poly1305Decrypt => &SIZES,
            _ => &[MESSAGE_LEN],
        }
    }

    /// The WASI-Crypto algorithm name the case uses.
    pub fn algorithm(self) -> &'static str {
        match self {
            Op::Sha256 => "SHA-256",
            Op::Aes256GcmEncrypt | Op::Aes256GcmDecrypt => "AES-256-GCM",
            Op::ChaCha20Poly1305Encrypt | Op::ChaCha20Poly1305Decrypt => "CHACHA20-POLY1305",
            Op::Ed25519Keygen | Op::Ed25519Sign | Op::Ed25519Verify => "Ed25519",
            Op::P256Keygen | Op::P256Sign | Op::P256Verify => "ECDSA_P256_SHA256",
            Op::Rsa2048Sign | Op::Rsa2048Verify => "RSA_PKCS1_2048_SHA256",
            Op::X25519Keygen | Op::X25519Dh => "X25519",
            Op::MlKem768Keygen | Op::MlKem768Encapsulate | Op::MlKem768Decapsulate => "ML-KEM-768",
        }
    }
}

/// The symmetric message sizes, in bytes: 64 B, 1 KiB, 16 KiB, 1 MiB.
pub const SIZES: [usize; 4] = [64, 1024, 16 * 1024, 1024 * 1024];

/// The message length of the signature cases, in bytes.
pub const MESSAGE_LEN: usize = 64;

/// The fixed 32-byte key of the AEAD cases.
pub const KEY: [u8; 32] = [0x42; 32];

/// The 12-byte nonce of iteration `i` (a counter: no nonce repeats within a run).
pub fn nonce(i: u64) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[4..].copy_from_slice(&i.to_be_bytes());
    n
}

/// The message of `len` bytes every column processes.
pub fn message(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}
