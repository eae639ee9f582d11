//! Hybrid public-key encryption following RFC 9180 (HPKE) base mode, with the suite
//! DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM (KEM 0x0020, KDF 0x0001, AEAD 0x0001).
//! The host computes X25519, HMAC, HKDF-Expand and AES-GCM; this program only arranges the
//! labelled inputs of RFC 9180 §4 and §5.
//!
//! ```text
//! hpke kat                                   checks RFC 9180 Appendix A.1.1, prints its values
//! hpke keygen                                prints a recipient key pair: secret, public (hex)
//! hpke seal PK_HEX INFO AAD MESSAGE          prints enc and ciphertext (hex), one per line
//! hpke open SK_HEX INFO AAD ENC_HEX CT_HEX   prints the message; exit 1 if it does not open
//! ```

use std::process::ExitCode;

use aead::{Aead, Payload};
use digest::Mac;
use wasicrypt::aes_gcm::Aes128Gcm;
use wasicrypt::hmac::HmacSha256;
use wasicrypt::{
    Hkdf, KxKeyPair, KxPublicKey, KxSecretKey, PublicKeyEncoding, SecretKeyEncoding, SymmetricKey,
};

type Error = String;

/// `suite_id` of the KEM (RFC 9180 §4.1): `"KEM" ‖ I2OSP(kem_id, 2)`.
const KEM_SUITE: &[u8] = b"KEM\x00\x20";
/// `suite_id` of the key schedule (RFC 9180 §5.1): `"HPKE" ‖ kem_id ‖ kdf_id ‖ aead_id`.
const HPKE_SUITE: &[u8] = b"HPKE\x00\x20\x00\x01\x00\x01";
/// `Nk`, `Nn`, `Nh` of AES-128-GCM and HKDF-SHA256.
const NK: usize = 16;
const NN: usize = 12;
const NH: usize = 32;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Result<Vec<u8>, Error> {
    if !text.len().is_multiple_of(2) {
        return Err(format!("{text:?} is not hex"));
    }
    (0..text.len())
        .step_by(2)
        .map(|i| {
            text.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .ok_or_else(|| format!("{text:?} is not hex"))
        })
        .collect()
}

fn host(error: wasicrypt::Error) -> Error {
    format!("host: {error}")
}

/// `LabeledExtract(salt, label, ikm)` (RFC 9180 §4): HKDF-Extract, which is
/// HMAC-SHA256(salt, ikm) (an empty salt and HashLen zero bytes are the same HMAC key).
fn labeled_extract(suite: &[u8], salt: &[u8], label: &[u8], ikm: &[u8]) -> Vec<u8> {
    let mut mac = <HmacSha256 as digest::KeyInit>::new_from_slice(salt).expect("any key length");
    for part in [b"HPKE-v1", suite, label, ikm] {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

/// `LabeledExpand(prk, label, info, L)` (RFC 9180 §4): HKDF-Expand in the host.
fn labeled_expand(
    suite: &[u8],
    prk: &[u8],
    label: &[u8],
    info: &[u8],
    len: usize,
) -> Result<Vec<u8>, Error> {
    let mut labeled_info = (len as u16).to_be_bytes().to_vec();
    for part in [b"HPKE-v1", suite, label, info] {
        labeled_info.extend_from_slice(part);
    }
    let prk = SymmetricKey::import("HKDF-EXPAND/SHA-256", prk).map_err(host)?;
    Hkdf::expand(&prk, &labeled_info, len).map_err(host)
}

/// `ExtractAndExpand(dh, kem_context)` of DHKEM (RFC 9180 §4.1).
fn shared_secret(dh: &[u8], enc: &[u8], pk_r: &[u8]) -> Result<Vec<u8>, Error> {
    let eae_prk = labeled_extract(KEM_SUITE, b"", b"eae_prk", dh);
    let kem_context = [enc, pk_r].concat();
    labeled_expand(KEM_SUITE, &eae_prk, b"shared_secret", &kem_context, NH)
}

/// A base-mode HPKE context (RFC 9180 §5.2): the AEAD key, base nonce, sequence number, and the
/// exporter secret.
struct Context {
    aead: Aes128Gcm,
    key: Vec<u8>,
    base_nonce: [u8; NN],
    exporter_secret: Vec<u8>,
    seq: u64,
}

impl Context {
    /// `KeySchedule(mode_base, shared_secret, info, "", "")` (RFC 9180 §5.1).
    fn new(shared_secret: &[u8], info: &[u8]) -> Result<Self, Error> {
        let psk_id_hash = labeled_extract(HPKE_SUITE, b"", b"psk_id_hash", b"");
        let info_hash = labeled_extract(HPKE_SUITE, b"", b"info_hash", info);
        let context = [&[0u8][..], &psk_id_hash, &info_hash].concat();
        let secret = labeled_extract(HPKE_SUITE, shared_secret, b"secret", b"");
        let key = labeled_expand(HPKE_SUITE, &secret, b"key", &context, NK)?;
        let base_nonce = labeled_expand(HPKE_SUITE, &secret, b"base_nonce", &context, NN)?;
        let exporter_secret = labeled_expand(HPKE_SUITE, &secret, b"exp", &context, NH)?;
        Ok(Context {
            aead: Aes128Gcm::try_new(&key).map_err(host)?,
            key,
            base_nonce: base_nonce.try_into().map_err(|_| "base nonce length")?,
            exporter_secret,
            seq: 0,
        })
    }

    /// `ComputeNonce(seq)`: the base nonce XOR the big-endian sequence number; then `seq + 1`.
    fn next_nonce(&mut self) -> [u8; NN] {
        let mut nonce = self.base_nonce;
        for (byte, seq) in nonce[NN - 8..].iter_mut().zip(self.seq.to_be_bytes()) {
            *byte ^= seq;
        }
        self.seq += 1;
        nonce
    }

    fn seal(&mut self, aad: &[u8], message: &[u8]) -> Result<Vec<u8>, Error> {
        let nonce = self.next_nonce();
        self.aead
            .encrypt(&nonce.into(), Payload { msg: message, aad })
            .map_err(|_| "seal failed".into())
    }

    fn open(&mut self, aad: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        let nonce = self.next_nonce();
        self.aead
            .decrypt(
                &nonce.into(),
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .map_err(|_| "the ciphertext does not open (wrong key, info, aad or tampered)".into())
    }
}

/// `SetupBaseS(pkR, info)` with the ephemeral secret key `sk_e`: returns `enc` and the context.
fn setup_sender(pk_r: &[u8], info: &[u8], sk_e: &KxSecretKey) -> Result<(Vec<u8>, Context), Error> {
    let recipient = KxPublicKey::import("X25519", pk_r, PublicKeyEncoding::Raw).map_err(host)?;
    let dh = recipient.dh(sk_e).map_err(host)?;
    let enc = sk_e
        .public_key()
        .and_then(|pk| pk.export(PublicKeyEncoding::Raw))
        .map_err(host)?;
    let secret = shared_secret(&dh, &enc, pk_r)?;
    Ok((enc, Context::new(&secret, info)?))
}

/// `SetupBaseR(enc, skR, info)`.
fn setup_recipient(
    enc: &[u8],
    sk_r: &KxSecretKey,
    info: &[u8],
) -> Result<(Vec<u8>, Context), Error> {
    let ephemeral = KxPublicKey::import("X25519", enc, PublicKeyEncoding::Raw).map_err(host)?;
    let dh = ephemeral.dh(sk_r).map_err(host)?;
    let pk_r = sk_r
        .public_key()
        .and_then(|pk| pk.export(PublicKeyEncoding::Raw))
        .map_err(host)?;
    let secret = shared_secret(&dh, enc, &pk_r)?;
    Ok((secret.clone(), Context::new(&secret, info)?))
}

/// RFC 9180 Appendix A.1.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode).
fn kat() -> Result<String, Error> {
    let info = unhex("4f6465206f6e2061204772656369616e2055726e")?;
    let sk_e = unhex("52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736")?;
    let pk_r = unhex("3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d")?;
    let sk_r = unhex("4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8")?;
    let plaintext = unhex("4265617574792069732074727574682c20747275746820626561757479")?;
    let sk_e = KxSecretKey::import("X25519", &sk_e, SecretKeyEncoding::Raw).map_err(host)?;
    let (enc, mut sender) = setup_sender(&pk_r, &info, &sk_e)?;
    let sk_r = KxSecretKey::import("X25519", &sk_r, SecretKeyEncoding::Raw).map_err(host)?;
    let (secret, mut recipient) = setup_recipient(&enc, &sk_r, &info)?;
    let mut lines = vec![
        format!("enc {}", hex(&enc)),
        format!("shared_secret {}", hex(&secret)),
        format!("key {}", hex(&sender.key)),
        format!("base_nonce {}", hex(&sender.base_nonce)),
        format!("exporter_secret {}", hex(&sender.exporter_secret)),
    ];
    for seq in 0..2 {
        let aad = format!("Count-{seq}");
        let ciphertext = sender.seal(aad.as_bytes(), &plaintext)?;
        let opened = recipient.open(aad.as_bytes(), &ciphertext)?;
        if opened != plaintext {
            return Err(format!("sequence {seq}: opened another plaintext"));
        }
        lines.push(format!("ct{seq} {}", hex(&ciphertext)));
    }
    Ok(lines.join("\n"))
}

fn run(args: &[String]) -> Result<String, Error> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["kat"] => kat(),
        ["keygen"] => {
            let pair = KxKeyPair::generate("X25519").map_err(host)?;
            let sk = pair
                .secret_key()
                .and_then(|sk| sk.export(SecretKeyEncoding::Raw))
                .map_err(host)?;
            let pk = pair
                .public_key()
                .and_then(|pk| pk.export(PublicKeyEncoding::Raw))
                .map_err(host)?;
            Ok(format!("{}\n{}", hex(&sk), hex(&pk)))
        }
        ["seal", pk_r, info, aad, message] => {
            let ephemeral = KxKeyPair::generate("X25519")
                .and_then(|pair| pair.secret_key())
                .map_err(host)?;
            let (enc, mut context) = setup_sender(&unhex(pk_r)?, info.as_bytes(), &ephemeral)?;
            let ciphertext = context.seal(aad.as_bytes(), message.as_bytes())?;
            Ok(format!("{}\n{}", hex(&enc), hex(&ciphertext)))
        }
        ["open", sk_r, info, aad, enc, ciphertext] => {
            let sk_r = KxSecretKey::import("X25519", &unhex(sk_r)?, SecretKeyEncoding::Raw)
                .map_err(host)?;
            let (_, mut context) = setup_recipient(&unhex(enc)?, &sk_r, info.as_bytes())?;
            let message = context.open(aad.as_bytes(), &unhex(ciphertext)?)?;
            String::from_utf8(message).map_err(|_| "the message is not UTF-8".into())
        }
        _ => Err(
            "usage: hpke kat | keygen | seal PK INFO AAD MESSAGE | open SK INFO AAD ENC CT".into(),
        ),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("hpke: {error}");
            ExitCode::FAILURE
        }
    }
}
