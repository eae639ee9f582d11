//! `ML-DSA-44`, `ML-DSA-65`, `ML-DSA-87`: the module-lattice signatures of FIPS 204 (pure ML-DSA,
//! empty context string), computed by RustCrypto's `ml-dsa`.
//!
//! # Encodings
//!
//! | object     | `raw`                                                   | `pkcs8` / `pem`                                  |
//! |------------|---------------------------------------------------------|--------------------------------------------------|
//! | key pair   | 32 bytes: the seed ξ of FIPS 204 Algorithm 6            | PKCS#8 v1 DER, seed form (RFC 9881) / `PRIVATE KEY` |
//! | public key | `pkEncode(ρ, t1)` (Algorithm 22): 1312 / 1952 / 2592 bytes | `SubjectPublicKeyInfo` DER / `PUBLIC KEY`     |
//! | secret key | the 32-byte seed ξ                                      | as for the key pair                              |
//! | signature  | `sigEncode(c̃, z, h)` (Algorithm 26): 2420 / 3309 / 4627 bytes | —                                          |
//!
//! `sec` and `local` are `unsupported_encoding` for every key object, `der` for signatures.
//!
//! Import rules:
//! - Secret keys are seeds: FIPS 204 §3.6.3 allows storing ξ instead of the expanded key, and
//!   RFC 9881 recommends it. The expanded `sk` of Algorithm 24 (2560 / 4032 / 4896 bytes) and
//!   the PKCS#8 `expandedKey` and `both` choices are `invalid_key`: a seed cannot be recovered
//!   from them, and an expanded key from another source cannot be checked for consistency.
//! - PKCS#8 and SPKI use `id-ml-dsa-44/65/87` (2.16.840.1.101.3.4.3.17/18/19) with parameters
//!   absent (`invalid_key` otherwise). A PKCS#8 v2 `publicKey` must be the seed's public key.
//! - Every string of the public-key length decodes to a public key (`t1` has no invalid
//!   values), so only the length is checked: `invalid_key` otherwise; `publickey_verify` always
//!   succeeds.
//! - A signature of the wrong length, a malformed hint vector or a `z` out of range →
//!   `invalid_signature` at import.
//!
//! # Signing and verification
//!
//! The message is never buffered: `signature_state_update` feeds it straight into the SHAKE-256
//! computation of μ = H(tr ‖ 0 ‖ 0 ‖ M, 64) (Algorithm 2 line 10 and Algorithm 7 line 6, with
//! the one-byte domain separator 0 and the empty context), so a message of any length costs
//! 200 bytes of state. `sign` and `verify` work on a copy of that computation: the state can keep
//! absorbing and sign again. Signing is hedged by default (32 fresh bytes of `rnd` from the OS
//! CSPRNG, FIPS 204 §3.4); [`MlDsaSigning::Deterministic`] selects the deterministic variant
//! (`rnd` = 0³²). A signature of another algorithm → `invalid_signature`; a well-formed signature
//! that does not verify → `verification_failed`.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use digest::{ExtendableOutput, Update, XofReader};
use ml_dsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use ml_dsa::{
    EncodedVerifyingKey, MlDsa44, MlDsa65, MlDsa87, MlDsaParams, Seed, SigningKey, VerifyingKey,
};
use pkcs8::der::{AnyRef, Decode, Document, SecretDocument};
use pkcs8::spki::{AssociatedAlgorithmIdentifier, SubjectPublicKeyInfoRef};
use pkcs8::{LineEnding, PrivateKeyInfoRef};
use shake::Shake256;
use zeroize::Zeroizing;

use super::{Signature, SignatureAlgorithm};
use crate::asymmetric::{
    AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey, PublicKeyEncoding,
    PublicKeyOps, SecretKey, SecretKeyEncoding, SecretKeyOps, SignatureEncoding, SignatureStateOps,
    VerificationStateOps, downcast_public_key,
};
use crate::error::{CryptoError, Result};

/// How `signature_state_sign` picks ML-DSA's per-signature randomness `rnd` (FIPS 204 §3.4,
/// Algorithm 2 lines 5–7). An embedder's choice, in [`Limits::ml_dsa_signing`](crate::Limits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MlDsaSigning {
    /// The hedged variant: 32 fresh bytes from the OS CSPRNG per signature (FIPS 204's default,
    /// which protects against fault and side-channel attacks on deterministic signing).
    #[default]
    Hedged,
    /// The deterministic variant: `rnd` = 0³², so the same key and message always give the same
    /// signature (for known-answer tests, or hosts without a reliable random source).
    Deterministic,
}

/// Length of a seed ξ in bytes.
const SEED_LEN: usize = 32;

/// Length of tr = H(pk, 64) in bytes (FIPS 204 Algorithm 6 line 9).
const TR_LEN: usize = 64;

/// PEM label of PKCS#8 private keys (RFC 7468 §10).
const PEM_PRIVATE: &str = "PRIVATE KEY";

/// PEM label of `SubjectPublicKeyInfo` (RFC 7468 §13).
const PEM_PUBLIC: &str = "PUBLIC KEY";

/// An ML-DSA parameter set of this host.
pub(crate) trait ParameterSet:
    MlDsaParams + AssociatedAlgorithmIdentifier<Params = AnyRef<'static>> + Send + Sync + 'static
{
    /// The proposal's algorithm of this parameter set.
    const ALG: SignatureAlgorithm;
}

impl ParameterSet for MlDsa44 {
    const ALG: SignatureAlgorithm = SignatureAlgorithm::MlDsa44;
}

impl ParameterSet for MlDsa65 {
    const ALG: SignatureAlgorithm = SignatureAlgorithm::MlDsa65;
}

impl ParameterSet for MlDsa87 {
    const ALG: SignatureAlgorithm = SignatureAlgorithm::MlDsa87;
}

/// Runs `$f::<P>($args)` for the parameter set of `$alg`.
macro_rules! dispatch {
    ($alg:expr, $f:ident($($arg:expr),*)) => {
        match $alg {
            SignatureAlgorithm::MlDsa44 => $f::<MlDsa44>($($arg),*),
            SignatureAlgorithm::MlDsa65 => $f::<MlDsa65>($($arg),*),
            SignatureAlgorithm::MlDsa87 => $f::<MlDsa87>($($arg),*),
            _ => Err(CryptoError::UnsupportedAlgorithm),
        }
    };
}

/// `invalid_key`, for every malformed key input.
fn invalid_key<E>(_: E) -> CryptoError {
    CryptoError::InvalidKey
}

/// `internal_error`, for encoder failures that cannot happen with valid keys.
fn internal<E>(_: E) -> CryptoError {
    CryptoError::InternalError
}

/// An ML-DSA secret key: the seed and the keys expanded from it (wiped on drop by `ml-dsa`'s
/// `zeroize` feature). Shared by the key pair, the secret key and signature states.
struct MlDsaSecretKey<P: ParameterSet> {
    key: Arc<SigningKey<P>>,
}

/// An ML-DSA public key, with its matrix Â expanded for verification.
struct MlDsaPublicKey<P: ParameterSet> {
    key: Arc<VerifyingKey<P>>,
}

/// An ML-DSA key pair.
struct MlDsaKeyPair<P: ParameterSet> {
    key: Arc<SigningKey<P>>,
}

impl<P: ParameterSet> fmt::Debug for MlDsaSecretKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MlDsaSecretKey({})", P::ALG.name())
    }
}

impl<P: ParameterSet> fmt::Debug for MlDsaPublicKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MlDsaPublicKey({})", P::ALG.name())
    }
}

impl<P: ParameterSet> fmt::Debug for MlDsaKeyPair<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MlDsaKeyPair({})", P::ALG.name())
    }
}

/// `ML-DSA.KeyGen_internal(ξ)` (Algorithm 6) from a 32-byte seed; `invalid_key` for another
/// length.
fn from_seed<P: ParameterSet>(seed: &[u8]) -> Result<SigningKey<P>> {
    if seed.len() != SEED_LEN {
        return Err(CryptoError::InvalidKey);
    }
    let seed = Zeroizing::new(Seed::try_from(seed).map_err(invalid_key)?);
    Ok(SigningKey::from_seed(&seed))
}

/// Parses PKCS#8 DER: the seed choice only, parameters absent, a v2 `publicKey` equal to the
/// derived one.
fn from_pkcs8_der<P: ParameterSet>(der: &[u8]) -> Result<SigningKey<P>> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(invalid_key)?;
    let public_key = info.public_key;
    // `ml-dsa` checks the algorithm identifier, absent parameters and the seed choice.
    let key = SigningKey::<P>::try_from(info).map_err(invalid_key)?;
    if let Some(public_key) = public_key {
        let public_key = public_key.as_bytes().ok_or(CryptoError::InvalidKey)?;
        if public_key != encode_public(key.as_ref()).as_slice() {
            return Err(CryptoError::InvalidKey);
        }
    }
    Ok(key)
}

/// Parses PKCS#8 in PEM (label `PRIVATE KEY`).
fn from_pkcs8_pem<P: ParameterSet>(pem: &[u8]) -> Result<SigningKey<P>> {
    let pem = crate::asymmetric::pem_text(pem)?;
    let (label, der) = SecretDocument::from_pem(pem).map_err(invalid_key)?;
    if label != PEM_PRIVATE {
        return Err(CryptoError::InvalidKey);
    }
    from_pkcs8_der(der.as_bytes())
}

/// Parses a secret key in `encoding`.
fn decode_secret<P: ParameterSet>(
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SigningKey<P>> {
    match encoding {
        SecretKeyEncoding::Raw => from_seed(encoded),
        SecretKeyEncoding::Pkcs8 => from_pkcs8_der(encoded),
        SecretKeyEncoding::Pem => from_pkcs8_pem(encoded),
        SecretKeyEncoding::Sec | SecretKeyEncoding::Local => Err(CryptoError::UnsupportedEncoding),
    }
}

/// Encodes a secret key: the seed, or PKCS#8 v1 (seed form) in DER or PEM.
fn encode_secret<P: ParameterSet>(
    key: &SigningKey<P>,
    encoding: SecretKeyEncoding,
) -> Result<Vec<u8>> {
    match encoding {
        SecretKeyEncoding::Raw => Ok(key.as_seed().to_vec()),
        SecretKeyEncoding::Pkcs8 => Ok(key.to_pkcs8_der().map_err(internal)?.as_bytes().to_vec()),
        SecretKeyEncoding::Pem => Ok(key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(internal)?
            .as_bytes()
            .to_vec()),
        SecretKeyEncoding::Sec | SecretKeyEncoding::Local => Err(CryptoError::UnsupportedEncoding),
    }
}

/// `pkEncode(ρ, t1)`.
fn encode_public<P: ParameterSet>(key: &VerifyingKey<P>) -> Vec<u8> {
    key.encode().to_vec()
}

/// Parses a public key: `raw` (length checked), SPKI DER or PEM (`ml-dsa` checks the algorithm
/// identifier, absent parameters and the length).
fn decode_public<P: ParameterSet>(
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<VerifyingKey<P>> {
    match encoding {
        PublicKeyEncoding::Raw => {
            let raw = EncodedVerifyingKey::<P>::try_from(encoded).map_err(invalid_key)?;
            Ok(VerifyingKey::decode(&raw))
        }
        PublicKeyEncoding::Pkcs8 => {
            let spki = SubjectPublicKeyInfoRef::from_der(encoded).map_err(invalid_key)?;
            VerifyingKey::try_from(spki).map_err(invalid_key)
        }
        PublicKeyEncoding::Pem => {
            let pem = crate::asymmetric::pem_text(encoded)?;
            let (label, der) = Document::from_pem(pem).map_err(invalid_key)?;
            if label != PEM_PUBLIC {
                return Err(CryptoError::InvalidKey);
            }
            decode_public::<P>(der.as_bytes(), PublicKeyEncoding::Pkcs8)
        }
        PublicKeyEncoding::Sec | PublicKeyEncoding::Local => Err(CryptoError::UnsupportedEncoding),
    }
}

/// The SHAKE-256 computation of μ, started: tr = H(pk, 64), then the domain separator 0 and the
/// length (0) of the empty context (FIPS 204 Algorithm 2 line 10, Algorithm 7 line 6).
fn mu_hasher<P: ParameterSet>(key: &VerifyingKey<P>) -> Shake256 {
    let mut tr = [0u8; TR_LEN];
    let mut h = Shake256::default();
    h.update(&key.encode());
    h.finalize_xof().read(&mut tr);
    let mut mu = Shake256::default();
    mu.update(&tr);
    mu.update(&[0, 0]);
    mu
}

/// μ of everything absorbed so far (on a copy of `hasher`).
fn finish_mu(hasher: &Shake256) -> [u8; 64] {
    let mut mu = [0u8; 64];
    hasher.clone().finalize_xof().read(&mut mu);
    mu
}

impl<P: ParameterSet> PublicKeyOps for MlDsaPublicKey<P> {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Signature(P::ALG)
    }

    fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            PublicKeyEncoding::Raw => Ok(encode_public(&self.key)),
            PublicKeyEncoding::Pkcs8 => {
                Ok(self.key.to_public_key_der().map_err(internal)?.to_vec())
            }
            PublicKeyEncoding::Pem => Ok(self
                .key
                .to_public_key_pem(LineEnding::LF)
                .map_err(internal)?
                .into_bytes()),
            PublicKeyEncoding::Sec | PublicKeyEncoding::Local => {
                Err(CryptoError::UnsupportedEncoding)
            }
        }
    }

    /// Always succeeds: every encoding of the right length is a public key.
    fn verify(&self) -> Result<()> {
        Ok(())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn verification_state(
        &self,
        _absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Result<Box<dyn VerificationStateOps>> {
        Ok(Box::new(MlDsaVerificationState {
            mu: mu_hasher(&self.key),
            key: self.key.clone(),
        }))
    }
}

impl<P: ParameterSet> SecretKeyOps for MlDsaSecretKey<P> {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Signature(P::ALG)
    }

    fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        encode_secret(&self.key, encoding)
    }

    fn public_key(&self) -> Result<PublicKey> {
        Ok(Arc::new(MlDsaPublicKey::<P> {
            key: Arc::new(self.key.as_ref().as_ref().clone()),
        }))
    }

    /// `incompatible_keys` across algorithms (checked by the caller's downcast); `invalid_key` if
    /// `pk` is not this key's public key.
    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair> {
        let pk = downcast_public_key::<MlDsaPublicKey<P>>(pk)?;
        let ours: &VerifyingKey<P> = self.key.as_ref().as_ref();
        if encode_public(&pk.key) != encode_public(ours) {
            return Err(CryptoError::InvalidKey);
        }
        Ok(Arc::new(MlDsaKeyPair {
            key: self.key.clone(),
        }))
    }
}

impl<P: ParameterSet> KeyPairOps for MlDsaKeyPair<P> {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Signature(P::ALG)
    }

    /// The secret key's encodings: `raw` (the seed), `pkcs8`, `pem`.
    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        let encoding = match encoding {
            KeyPairEncoding::Raw => SecretKeyEncoding::Raw,
            KeyPairEncoding::Pkcs8 => SecretKeyEncoding::Pkcs8,
            KeyPairEncoding::Pem => SecretKeyEncoding::Pem,
            KeyPairEncoding::Local => return Err(CryptoError::UnsupportedEncoding),
        };
        encode_secret(&self.key, encoding)
    }

    fn public_key(&self) -> Result<PublicKey> {
        Ok(Arc::new(MlDsaPublicKey::<P> {
            key: Arc::new(self.key.as_ref().as_ref().clone()),
        }))
    }

    fn secret_key(&self) -> Result<SecretKey> {
        Ok(Arc::new(MlDsaSecretKey::<P> {
            key: self.key.clone(),
        }))
    }

    fn signature_state(
        &self,
        _absorb_limit: &crate::absorbed::AbsorbLimit,
        signing: MlDsaSigning,
    ) -> Result<Box<dyn SignatureStateOps>> {
        Ok(Box::new(MlDsaSignatureState {
            mu: mu_hasher(self.key.as_ref().as_ref()),
            key: self.key.clone(),
            signing,
        }))
    }
}

/// `signature_state_*` for ML-DSA: the signing key and the running computation of μ.
struct MlDsaSignatureState<P: ParameterSet> {
    key: Arc<SigningKey<P>>,
    mu: Shake256,
    signing: MlDsaSigning,
}

impl<P: ParameterSet> fmt::Debug for MlDsaSignatureState<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "MlDsaSignatureState({}, {:?})",
            P::ALG.name(),
            self.signing
        )
    }
}

impl<P: ParameterSet> SignatureStateOps for MlDsaSignatureState<P> {
    fn algorithm(&self) -> SignatureAlgorithm {
        P::ALG
    }

    fn update(&mut self, data: &[u8]) -> Result<()> {
        self.mu.update(data);
        Ok(())
    }

    /// FIPS 204 Algorithm 7 from μ, hedged or deterministic as configured; `rng_error` if the
    /// random source fails.
    fn sign(&mut self) -> Result<Signature> {
        let mu = Zeroizing::new(finish_mu(&self.mu));
        let key = self.key.expanded_key();
        let signature = match self.signing {
            MlDsaSigning::Hedged => key
                .sign_mu_randomized(&(*mu).into(), &mut getrandom::SysRng)
                .map_err(|_| CryptoError::RngError)?,
            MlDsaSigning::Deterministic => key.sign_mu_deterministic(&(*mu).into()),
        };
        Ok(Signature::new(P::ALG, signature.encode().to_vec()))
    }
}

/// `signature_verification_state_*` for ML-DSA: the public key and the running computation of μ.
struct MlDsaVerificationState<P: ParameterSet> {
    key: Arc<VerifyingKey<P>>,
    mu: Shake256,
}

impl<P: ParameterSet> fmt::Debug for MlDsaVerificationState<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MlDsaVerificationState({})", P::ALG.name())
    }
}

impl<P: ParameterSet> VerificationStateOps for MlDsaVerificationState<P> {
    fn algorithm(&self) -> SignatureAlgorithm {
        P::ALG
    }

    fn update(&mut self, data: &[u8]) -> Result<()> {
        self.mu.update(data);
        Ok(())
    }

    /// FIPS 204 Algorithm 8 from μ.
    fn verify(&self, signature: &Signature) -> Result<()> {
        if signature.algorithm() != P::ALG {
            return Err(CryptoError::InvalidSignature);
        }
        let sig = ml_dsa::Signature::<P>::try_from(signature.raw())
            .map_err(|_| CryptoError::InvalidSignature)?;
        let mu = finish_mu(&self.mu);
        if self.key.verify_mu(&mu.into(), &sig) {
            Ok(())
        } else {
            Err(CryptoError::VerificationFailed)
        }
    }
}

fn generate_with<P: ParameterSet>() -> Result<KeyPair> {
    let mut seed = Zeroizing::new([0u8; SEED_LEN]);
    crate::rng::fill(seed.as_mut_slice())?;
    Ok(Arc::new(MlDsaKeyPair::<P> {
        key: Arc::new(from_seed(seed.as_slice())?),
    }))
}

fn import_keypair_with<P: ParameterSet>(
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<KeyPair> {
    Ok(Arc::new(MlDsaKeyPair::<P> {
        key: Arc::new(decode_secret(encoded, encoding)?),
    }))
}

fn import_public_key_with<P: ParameterSet>(
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKey> {
    Ok(Arc::new(MlDsaPublicKey::<P> {
        key: Arc::new(decode_public(encoded, encoding)?),
    }))
}

fn import_secret_key_with<P: ParameterSet>(
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKey> {
    Ok(Arc::new(MlDsaSecretKey::<P> {
        key: Arc::new(decode_secret(encoded, encoding)?),
    }))
}

fn signature_import_with<P: ParameterSet>(encoded: &[u8]) -> Result<Vec<u8>> {
    ml_dsa::Signature::<P>::try_from(encoded).map_err(|_| CryptoError::InvalidSignature)?;
    Ok(encoded.to_vec())
}

/// `keypair_generate`: a 32-byte seed ξ from the OS CSPRNG (`rng_error` if it fails).
pub(crate) fn generate(alg: SignatureAlgorithm) -> Result<KeyPair> {
    dispatch!(alg, generate_with())
}

/// `keypair_import`: the secret key's encodings (`raw` seed, `pkcs8`, `pem`).
pub(crate) fn import_keypair(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: KeyPairEncoding,
) -> Result<KeyPair> {
    let encoding = match encoding {
        KeyPairEncoding::Raw => SecretKeyEncoding::Raw,
        KeyPairEncoding::Pkcs8 => SecretKeyEncoding::Pkcs8,
        KeyPairEncoding::Pem => SecretKeyEncoding::Pem,
        KeyPairEncoding::Local => return Err(CryptoError::UnsupportedEncoding),
    };
    dispatch!(alg, import_keypair_with(encoded, encoding))
}

/// `publickey_import`: `raw`, `pkcs8` (SPKI DER), `pem`.
pub(crate) fn import_public_key(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKey> {
    dispatch!(alg, import_public_key_with(encoded, encoding))
}

/// `secretkey_import`: `raw` (the seed), `pkcs8`, `pem`.
pub(crate) fn import_secret_key(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKey> {
    dispatch!(alg, import_secret_key_with(encoded, encoding))
}

/// `signature_import`: `raw` only, checked by `sigDecode` (Algorithm 27): `invalid_signature`
/// for the wrong length, a malformed hint or an out-of-range `z`.
pub(crate) fn signature_import(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: SignatureEncoding,
) -> Result<Vec<u8>> {
    match encoding {
        SignatureEncoding::Raw => dispatch!(alg, signature_import_with(encoded)),
        SignatureEncoding::Der => Err(CryptoError::UnsupportedEncoding),
    }
}

/// `signature_export`: `raw` only.
pub(crate) fn signature_export(raw: &[u8], encoding: SignatureEncoding) -> Result<Vec<u8>> {
    match encoding {
        SignatureEncoding::Raw => Ok(raw.to_vec()),
        SignatureEncoding::Der => Err(CryptoError::UnsupportedEncoding),
    }
}
