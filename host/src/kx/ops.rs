//! [`CryptoCtx`] operations of `wasi_ephemeral_crypto_kx`.

use zeroize::Zeroizing;

use crate::CryptoCtx;
use crate::error::{CryptoError, Result};
use crate::handles::Handle;

impl CryptoCtx {
    /// `kx_dh`: the raw shared secret of `pk` and `sk`, as an `array_output`.
    /// `incompatible_keys` across algorithms; `invalid_operation` for KEMs and signature keys.
    pub fn kx_dh(&mut self, pk: Handle, sk: Handle) -> Result<Handle> {
        let (pk, sk) = (self.publickey(pk)?, self.secretkey(sk)?);
        if pk.algorithm() != sk.algorithm() {
            return Err(CryptoError::IncompatibleKeys);
        }
        self.meter
            .charge(crate::metering::key_agreement_of(pk.algorithm()))?;
        let secret = sk.dh(&*pk)?;
        self.new_array_output(secret)
    }

    /// `kx_encapsulate`: (shared secret, encapsulated secret), as two `array_output`s.
    pub fn kx_encapsulate(&mut self, pk: Handle) -> Result<(Handle, Handle)> {
        let pk = self.publickey(pk)?;
        self.meter
            .charge(crate::metering::key_agreement_of(pk.algorithm()))?;
        let (secret, encapsulated) = pk.encapsulate()?;
        let secret = Zeroizing::new(secret);
        let encapsulated = self.new_array_output(encapsulated)?;
        match self.new_array_output(secret.to_vec()) {
            Ok(secret) => Ok((secret, encapsulated)),
            Err(e) => {
                self.handles
                    .remove::<crate::array_output::ArrayOutput>(encapsulated)?;
                Err(e)
            }
        }
    }

    /// `kx_decapsulate`: the shared secret, as an `array_output`; `verification_failed` on failure.
    pub fn kx_decapsulate(&mut self, sk: Handle, encapsulated: &[u8]) -> Result<Handle> {
        let sk = self.secretkey(sk)?;
        self.meter
            .charge(crate::metering::key_agreement_of(sk.algorithm()))?;
        let secret = sk.decapsulate(encapsulated)?;
        self.new_array_output(secret)
    }
}
