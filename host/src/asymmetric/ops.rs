//! [`CryptoCtx`] operations of `wasi_ephemeral_crypto_asymmetric_common`.

use super::{
    AsymmetricAlgorithm, KeyPair, KeyPairEncoding, PublicKey, PublicKeyEncoding, SecretKey,
    SecretKeyEncoding,
};
use crate::CryptoCtx;
use crate::error::{CryptoError, Result};
use crate::handles::Handle;
use crate::kx::{self, KxAlgorithm};
use crate::options::{AlgorithmType, Options};
use crate::signatures::{self, SignatureAlgorithm};

impl CryptoCtx {
    /// Resolves an algorithm name within an algorithm type: `unsupported_algorithm` for an
    /// unknown name, or for `symmetric` (no asymmetric keys there); `prohibited_operation` if the
    /// policy denies it, or if it is RSA with a modulus above [`crate::Limits::max_rsa_modulus_bits`].
    pub(crate) fn resolve(
        &self,
        alg_type: AlgorithmType,
        alg: &str,
    ) -> Result<AsymmetricAlgorithm> {
        let alg = match alg_type {
            AlgorithmType::Signatures => {
                AsymmetricAlgorithm::Signature(self.signature_algorithm(alg)?)
            }
            AlgorithmType::KeyExchange => {
                let alg = KxAlgorithm::from_name(alg)?;
                self.admit(|| alg.name())?;
                AsymmetricAlgorithm::Kx(alg)
            }
            AlgorithmType::Symmetric => return Err(CryptoError::UnsupportedAlgorithm),
        };
        Ok(alg)
    }

    /// A signature algorithm by name: known (`unsupported_algorithm`), permitted by the policy
    /// and, for RSA, within the modulus limit (`prohibited_operation`).
    pub(crate) fn signature_algorithm(&self, name: &str) -> Result<SignatureAlgorithm> {
        let alg = SignatureAlgorithm::from_name(name)?;
        self.admit(|| alg.name())?;
        if let SignatureAlgorithm::RsaPkcs1 { bits, .. } | SignatureAlgorithm::RsaPss { bits, .. } =
            alg
            && bits > self.limits.max_rsa_modulus_bits
        {
            return Err(CryptoError::ProhibitedOperation);
        }
        Ok(alg)
    }

    /// Checks an optional options handle: it must exist and be of `alg_type` (`invalid_handle`).
    pub(crate) fn check_options(
        &self,
        alg_type: AlgorithmType,
        options: Option<Handle>,
    ) -> Result<()> {
        match options {
            Some(h) if self.handles.get::<Options>(h)?.alg_type() != alg_type => {
                Err(CryptoError::InvalidHandle)
            }
            _ => Ok(()),
        }
    }

    pub(crate) fn keypair(&self, kp: Handle) -> Result<KeyPair> {
        self.handles.get::<KeyPair>(kp).cloned()
    }

    pub(crate) fn publickey(&self, pk: Handle) -> Result<PublicKey> {
        self.handles.get::<PublicKey>(pk).cloned()
    }

    pub(crate) fn secretkey(&self, sk: Handle) -> Result<SecretKey> {
        self.handles.get::<SecretKey>(sk).cloned()
    }

    /// `keypair_generate`: a fresh key pair of `alg` (an algorithm of `alg_type`).
    pub fn keypair_generate(
        &mut self,
        alg_type: AlgorithmType,
        alg: &str,
        options: Option<Handle>,
    ) -> Result<Handle> {
        let alg = self.resolve(alg_type, alg)?;
        self.check_options(alg_type, options)?;
        let fuel = crate::metering::keypair_generate(alg);
        self.meter.charge(fuel)?;
        if let Some(reserved) = self.offload_generate(alg, fuel)? {
            return Ok(reserved);
        }
        let kp = generate(alg)?;
        self.handles.insert(kp)
    }

    /// `keypair_import`: bytes that do not parse → `invalid_key`; an encoding the algorithm lacks
    /// → `unsupported_encoding`.
    pub fn keypair_import(
        &mut self,
        alg_type: AlgorithmType,
        alg: &str,
        encoded: &[u8],
        encoding: KeyPairEncoding,
    ) -> Result<Handle> {
        let kp = self.parse_keypair(alg_type, alg, encoded, encoding)?;
        self.handles.insert(kp)
    }

    /// The key pair `keypair_import` stores, with its errors.
    pub(crate) fn parse_keypair(
        &self,
        alg_type: AlgorithmType,
        alg: &str,
        encoded: &[u8],
        encoding: KeyPairEncoding,
    ) -> Result<KeyPair> {
        let alg = self.resolve(alg_type, alg)?;
        if encoding == KeyPairEncoding::Local {
            return Err(CryptoError::UnsupportedEncoding);
        }
        match alg {
            AsymmetricAlgorithm::Signature(a) => signatures::import_keypair(a, encoded, encoding),
            AsymmetricAlgorithm::Kx(a) => kx::import_keypair(a, encoded, encoding),
        }
    }

    /// For the embedder: imports a key pair as [`keypair_import`](Self::keypair_import) does (same
    /// algorithms, encodings and errors), *sealed*: the guest holding the returned handle can use
    /// it for every operation, but `keypair_export`, and `secretkey_export` of its secret key, are
    /// `prohibited_operation`. Hand the handle to the guest out of band (an argument, an
    /// environment variable); the guest may also close it.
    pub fn keypair_import_sealed(
        &mut self,
        alg_type: AlgorithmType,
        alg: &str,
        encoded: &[u8],
        encoding: KeyPairEncoding,
    ) -> Result<Handle> {
        let kp = self.parse_keypair(alg_type, alg, encoded, encoding)?;
        let sealed: KeyPair = std::sync::Arc::new(super::sealed::SealedKeyPair(kp));
        self.handles.insert(sealed)
    }

    /// `keypair_from_pk_and_sk`: `incompatible_keys` across algorithms, `invalid_key` if the public
    /// key is not the secret key's.
    pub fn keypair_from_pk_and_sk(&mut self, pk: Handle, sk: Handle) -> Result<Handle> {
        let (pk, sk) = (self.publickey(pk)?, self.secretkey(sk)?);
        if pk.algorithm() != sk.algorithm() {
            return Err(CryptoError::IncompatibleKeys);
        }
        let kp = sk.keypair_with(&*pk)?;
        self.handles.insert(kp)
    }

    /// `keypair_export`, as an `array_output`.
    pub fn keypair_export(&mut self, kp: Handle, encoding: KeyPairEncoding) -> Result<Handle> {
        let kp = self.keypair(kp)?;
        if encoding == KeyPairEncoding::Local {
            return Err(CryptoError::UnsupportedEncoding);
        }
        let bytes = kp.export(encoding)?;
        self.new_array_output(bytes)
    }

    /// `keypair_publickey`: a new public-key handle.
    pub fn keypair_publickey(&mut self, kp: Handle) -> Result<Handle> {
        let pk = self.keypair(kp)?.public_key()?;
        self.handles.insert(pk)
    }

    /// `keypair_secretkey`: a new secret-key handle.
    pub fn keypair_secretkey(&mut self, kp: Handle) -> Result<Handle> {
        let sk = self.keypair(kp)?.secret_key()?;
        self.handles.insert(sk)
    }

    /// `keypair_close`. States opened from the pair keep working.
    pub fn keypair_close(&mut self, kp: Handle) -> Result<()> {
        self.handles.remove::<KeyPair>(kp).map(drop)
    }

    /// `publickey_import`.
    pub fn publickey_import(
        &mut self,
        alg_type: AlgorithmType,
        alg: &str,
        encoded: &[u8],
        encoding: PublicKeyEncoding,
    ) -> Result<Handle> {
        let alg = self.resolve(alg_type, alg)?;
        if encoding == PublicKeyEncoding::Local {
            return Err(CryptoError::UnsupportedEncoding);
        }
        let pk = match alg {
            AsymmetricAlgorithm::Signature(a) => {
                signatures::import_public_key(a, encoded, encoding)?
            }
            AsymmetricAlgorithm::Kx(a) => kx::import_public_key(a, encoded, encoding)?,
        };
        self.handles.insert(pk)
    }

    /// `publickey_export`, as an `array_output`.
    pub fn publickey_export(&mut self, pk: Handle, encoding: PublicKeyEncoding) -> Result<Handle> {
        let pk = self.publickey(pk)?;
        if encoding == PublicKeyEncoding::Local {
            return Err(CryptoError::UnsupportedEncoding);
        }
        let bytes = pk.export(encoding)?;
        self.new_array_output(bytes)
    }

    /// `publickey_verify`: `invalid_key` if the key is not valid for its algorithm.
    pub fn publickey_verify(&mut self, pk: Handle) -> Result<()> {
        self.publickey(pk)?.verify()
    }

    /// `publickey_from_secretkey`.
    pub fn publickey_from_secretkey(&mut self, sk: Handle) -> Result<Handle> {
        let pk = self.secretkey(sk)?.public_key()?;
        self.handles.insert(pk)
    }

    /// `publickey_close`.
    pub fn publickey_close(&mut self, pk: Handle) -> Result<()> {
        self.handles.remove::<PublicKey>(pk).map(drop)
    }

    /// `secretkey_import`.
    pub fn secretkey_import(
        &mut self,
        alg_type: AlgorithmType,
        alg: &str,
        encoded: &[u8],
        encoding: SecretKeyEncoding,
    ) -> Result<Handle> {
        let alg = self.resolve(alg_type, alg)?;
        if encoding == SecretKeyEncoding::Local {
            return Err(CryptoError::UnsupportedEncoding);
        }
        let sk = match alg {
            AsymmetricAlgorithm::Signature(a) => {
                signatures::import_secret_key(a, encoded, encoding)?
            }
            AsymmetricAlgorithm::Kx(a) => kx::import_secret_key(a, encoded, encoding)?,
        };
        self.handles.insert(sk)
    }

    /// `secretkey_export`, as an `array_output`.
    pub fn secretkey_export(&mut self, sk: Handle, encoding: SecretKeyEncoding) -> Result<Handle> {
        let sk = self.secretkey(sk)?;
        if encoding == SecretKeyEncoding::Local {
            return Err(CryptoError::UnsupportedEncoding);
        }
        let bytes = sk.export(encoding)?;
        self.new_array_output(bytes)
    }

    /// `secretkey_close`.
    pub fn secretkey_close(&mut self, sk: Handle) -> Result<()> {
        self.handles.remove::<SecretKey>(sk).map(drop)
    }
}

/// A fresh key pair of `alg` from the OS CSPRNG (`rng_error` if it fails).
pub(crate) fn generate(alg: AsymmetricAlgorithm) -> Result<KeyPair> {
    match alg {
        AsymmetricAlgorithm::Signature(a) => signatures::generate(a),
        AsymmetricAlgorithm::Kx(a) => kx::generate(a),
    }
}
