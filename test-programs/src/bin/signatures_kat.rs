//! Known answers and round trips of the signature algorithms through the safe `wasicrypt` API
//! (`SignatureKeyPair`, `SignaturePublicKey`, `SignatureSecretKey`, `Signature`, `Signer`,
//! `Verifier`) over real WASI-Crypto hostcalls.
//!
//! Sources of the fixed data (the same vectors the host's own tests use, where they were
//! re-checked with Python `cryptography` 48 / OpenSSL):
//! - Ed25519: RFC 8032 §7.1, TEST 1, TEST 2, TEST 3 and TEST SHA(abc) (secret key = the 32-byte
//!   seed, public key, message, signature).
//! - ECDSA: RFC 6979 §A.2.5 (P-256, SHA-256) and §A.2.6 (P-384, SHA-384), messages "sample" and
//!   "test": private key x, public key U = (Ux, Uy) and the deterministic signature (r, s).
//! - RSA: the PKCS#8 PEM fixtures `host/tests/data/rsa-{2048,3072,4096}.pem` (Python
//!   `cryptography` 48 `rsa.generate_private_key(65537, bits)`), and Python's signatures of
//!   [`RSA_MESSAGE`] from `host/tests/ed25519_rsa.rs`: RSASSA-PKCS1-v1_5 (deterministic, so ours
//!   must match byte for byte) and RSASSA-PSS with MGF1 and salt = hash length (randomized, so
//!   they are verified only).
//! - The DER form of ECDSA signatures is computed here from r and s (RFC 3279 §2.2.3
//!   `ECDSA-Sig-Value`, X.690 DER INTEGERs) and compared with the host's conversion.

use wasicrypt::ErrorKind;
use wasicrypt::{
    Hash, KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding, Signature, SignatureEncoding,
    SignatureKeyPair, SignaturePublicKey, SignatureSecretKey,
};
use wasicrypt_test_programs::harness::{
    CheckResult, Context, Harness, ensure, ensure_bytes, ensure_eq, ensure_err,
};
use wasicrypt_test_programs::{hex, unhex};

// ---------------------------------------------------------------------------------------------
// Vectors
// ---------------------------------------------------------------------------------------------

/// ML-DSA-44: Wycheproof `mldsa_44_sign_seed_test.json` group 1 (seed 2a…2a), tcId 1
/// "baseline": SHA-256 of the public key, and the deterministic signature of "Hello world".
const MLDSA44_SEED: &str = "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a";
const MLDSA44_PK_SHA256: &str = "d87f8ca136ac1aa55e2d6c4521680efb3a378cbb9bc0bfb446e9c60893931ea3";
const MLDSA44_SIG: &str = "1aa69cb5ed35204534f25f40a17eb0d767f8981f5e7cec46d3bf3252bfc78e09d02ef0c82da6dde973611c849472890106158cb15ffa6ca891615e888efa0d2d8a121b75ca440228ad32991be34249620f158ffd6f74d7b03bf919218ce259b500808ec157ead67b56b79e9e6607eafb9227b8a30adbec087d35bc1aec2f1a0c4dd126dfcfb9fbf0bd74fb1e092495fa994ab5a7cd1333281aafe834694a6dc11e889c762b5645638e172dfab3060031ebcdc1fd455d5de6050bf71b074a4dd34af5ebf15487651f0f13e5d3cee231b9b347810bfc418196df9d7231780c09171b9aae732bea27a1649d8c03220f417e30a016b08ccb1d55c9337b4812e20e04523f5d29a760a01b3a80d76285521206481ee1e44df09a76913ba54ae50c8eb973a3ced73950fbf39c4c0c1262a216821a442072c10cc82839ac57b898411be9e810f893272a2546ff7d1d920f146210efc2b4528bc98a099a398302d301fc1dea31b3d8ff78246a66f690ef536b68e02bd7ea23a5378930dde7f1beb51749896a7944e5a40e6fbbb1f76c3fda09e32e0a58062c24cac7ddb8c1d2cbb352a81e336425c5f551246db45ecd0ab29dac88cdebf51c60bebc2e27c974f56da12c1fec4f5745850429b607f5ed7cd821f2c91fc2dda8c2c8e8ec278d1b2a5bf50ec70c5623fc681b4d1dccff96b324cb53ff97470f9de177c2006a89af8f18603a6d4ea2625794695fe79cd30318a1e76307a4c2a353db1e076ad9b609a2489b94cb6dd821c3af31046bb7a5d43d190e09fce4969fe4e93c8393975e64cb2d9c2294fc427ef5191c40937929b3b0e1b037e6b84cc0299d5af2b5410118bfd88ef6491af6f21233390ca7a19f1576e6c5a10a673796905562075047896e3a2379f64dfbbc12b9bfe64939c2d05efbc5f6e4b5ca69ce1ed4b7d25e8c835b0612b33e13ed7a8a7233b4b3d58eead0bc4c841acb65a5ec0ed45e2584c23c2a162392b5789c62358e4038864e20c10e10c67d940ce78993178dbeb3de1fea1e50e7c29f4d7d938c3bfe50229ea040102f30d5b3a64cb8e13420065d54a1ac50a77383bdff3cae2340ebf15a1557fde897007c1b67d04f19431ca00cb0f08db87e90e166e0f4ce6fd69c6ecef1b3f70d9eb601b57a7bf931057c2afe2d3567b6bbec7891c664713385122fdd789c1d5a8a9cfd491f407c16d0b0c5dfc53a6862208e264b981bf2ddbdd1d7db9729b5265c4c3868a947c982880bc55b786153b89ef3324067b35a928c51236bcbe9f860ad9eee5644478f894a9fe78d26a5a17d482612f1cb9983b864e6fba84591c0f73b7b27918819d2121d4af640f533e2939d3da0f0aa6b9df80837a80165ae8b7579715192eb0f6cca78a43d8ad8d7abb56d816e3af2de59b88bfdcf6767abfb043d3ae24223d05001953faa292671c57ade1fe28988075ab8d14ac98363412bd694c40ae85b1f104afcd0f25aa590f57ba4f5dfdf613bf8594e3f54baadfdf50c0881af2475590758a23b7eee725513e4d1ea9f4630159c424a289f18a9879e5e173390f8e630f6ee2a6043d82a1983dc97c7acfea3b0c03e27e865d810d012daeec28dc454f59334edf24627d435701d329ff5e68d19bbdca5ef7d5e00204fa947d08f81cb6484cabe60989d2f61fbe70940f7e4f449b3fcb103a89143d74b15d72e7913dce9193a0b9c5a7b2a97bde6d7f396ae80b4b566f9f2e7345bc42ce3b002818e19f0f16416b850832cd02279ee8d58a381deaac09b1b4d4613f4d066805d2faea6716e015fe361c0526c6e4617a389ffdf930213c1dc0c4c905c3106a7517dce7abea7a9341132f8ad98de3e42f6b75809fff38f6eeafb97398e79d50a5622338763c4e45a88ddda7fb87ab7f5cec61109fdc1c5d4a16310275241fc34178028a49fd79581a05c3b6984eecd6cb9bd60a44da72600f8f2604a4ff4578126194fb2269c8e6e71447445e8e80bf8c6063dbbf29c7ded58abbc0d2eed347bf495b6a9cbe68585a594aa0e65834bfbcccc3f6bf42fe4ef42d86232c3fb1412dd0b5f8a0489958f5c3b883bf7851337a35b13dd2b6517626ff2d1064cd189beb402497dd6b8893d414dde7d1d51018c7a83766a2d8a29b80e8f428237732f7ee5ba878163f0aa8af5b60533b4d4621a38fdc54383acb3325b5e876e21483eddcc64c419596e656d1557be31b530ea66054f79d4f4a755f9ee33c84fed5d552ec5e2eccd061cf4c4b5c3c16a70a7baecccfc208d2430e78621c9ae5b0d080973b4e1df0a1f5c0415db6d3c85f9ea9041e9a9abdde71d6776a522aa957f708b14a33eda10ebbab93bb8ec2b7a04679f38eb44fc558ee698d3c6937e0e647dce898d7599fef6de32ae4d52adc722443610b2126559756aa36f3c79696b99be3d908f780fcbaef33b215693634d63ce2a0777dfbbc899d2be72efdbafbc10aefb26a1a63cdcfda00235b34db723c91624ee5f939024dfedba0863ad08f648767d41fc7fd6b317c51f4b1b87e21e07d488c9423581f9bbdae43e4d32b37e8283960524f9a601ab69f5cd7fb01c9a8a5c64fe863519a1e9f3426398f691a96e1748491b4e209fca2ab29481a674621c797614ba16fbfdfd1a4184e7f84667e720e6bcd9debef32c2b9e891a6e3c0423158f539838d8413e9fc707d5c65b23368b6edc95d9c3f8e20bbb844499311614945606c1487ef4015d1e260fa8239abaa071be572163132bdb06ef21e31be0f9d4b6747134e4842bedcd3bf53b0d6f054693bc428e9a715d5a32a79e6a3cb8b81faf2c04087d8816752637a2fe11eacb38341e024848562a29d4585e4ee56552ce9b1fad43b965a37bff8558921790ef0f4ac55bcac4327d1783f5e1e79bf01e96934bb4a8f5dd06c83bb70b2377189d622a106100f0cbdd38e34c0565900c616561161b3261859133f83893feb22b0bafc82cf4f0dbafde0648e2f86260e6e747034e5cb3ece98087fbf74179c6306f0c460b5d609b9b3a66761472ee0b9dabb5dfa872d5c6bc9b33461a27b5427bd8833f874f479ecc5f0a20304b9a75aacc82420a87af6469daaef53391ae8a25468e717dc47f464fce45a31147c0c4e12ac2f834567e4005b0827d13b3ec80cd8b7a907436e6624c6c8ac6a80add35cfa1a28872fb65cb3fa46894d116a052f19b5fe20c7ead10bd24d27ad2b5683f299d1193ec6d9ff3379f3b3e39cb9991831f194af2041085508da4dcb7b8785cbdc4e04cf4d826d1ef4a11036e4c5803c3aaa7669b4dd3bc12ff888984e9bbdace0e772ab59332b47300334757677578808e90929697a9cecfd6ed1b303d4250738a97a0aabac6d91e283a4b696f7181828493aec8cdcfe1eaecfc0227484957595badbcbfc8fa000000000000000000000000000000000000121f323e";

/// RFC 8032 §7.1: (name, secret key (seed), public key, message, signature).
const RFC8032: &[(&str, &str, &str, &str, &str)] = &[
    (
        "TEST 1",
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "TEST 2",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "TEST 3",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
    (
        "TEST SHA(abc)",
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
    ),
];

/// An RFC 6979 appendix key and its two deterministic signatures.
struct Rfc6979 {
    section: &'static str,
    alg: &'static str,
    /// The private key x, big-endian, field size.
    x: &'static str,
    /// The public key U, SEC 1 uncompressed: `04 ‖ Ux ‖ Uy`.
    u: &'static str,
    /// (message, r ‖ s).
    sigs: [(&'static str, &'static str); 2],
}

const RFC6979: [Rfc6979; 2] = [
    Rfc6979 {
        section: "A.2.5",
        alg: "ECDSA_P256_SHA256",
        x: "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
        u: "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6\
            7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
        sigs: [
            (
                "sample",
                "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716\
                 f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8",
            ),
            (
                "test",
                "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367\
                 019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083",
            ),
        ],
    },
    Rfc6979 {
        section: "A.2.6",
        alg: "ECDSA_P384_SHA384",
        x: "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8\
            96d5724e4c70a825f872c9ea60d2edf5",
        u: "04ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64\
            def8f0ea9055866064a254515480bc138015d9b72d7d57244ea8ef9ac0c6218967\
            08a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720",
        sigs: [
            (
                "sample",
                "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c\
                 81a648152e44acf96e36dd1e80fabe46\
                 99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94f\
                 a329c145786e679e7b82c71a38628ac8",
            ),
            (
                "test",
                "8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb\
                 0542a7f0812998da8f1dd3ca3cf023db\
                 ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e0\
                 6a739f040649a667bf3b828246baa5a5",
            ),
        ],
    },
];

/// The RSA fixtures (PKCS#8 PEM, e = 65537), shared with the host's tests.
const RSA_2048_PEM: &str = include_str!("../../../host/tests/data/rsa-2048.pem");
const RSA_3072_PEM: &str = include_str!("../../../host/tests/data/rsa-3072.pem");
const RSA_4096_PEM: &str = include_str!("../../../host/tests/data/rsa-4096.pem");

// `RSA_MESSAGE`, `PKCS1_VECTORS` and `PSS_VECTORS`: the Python-made RSA signature vectors.
include!("../../../host/tests/data/rsa_vectors.rs");

/// Every RSA algorithm and its modulus size.
const RSA_ALGORITHMS: [(&str, usize); 12] = [
    ("RSA_PKCS1_2048_SHA256", 2048),
    ("RSA_PKCS1_2048_SHA384", 2048),
    ("RSA_PKCS1_2048_SHA512", 2048),
    ("RSA_PKCS1_3072_SHA384", 3072),
    ("RSA_PKCS1_3072_SHA512", 3072),
    ("RSA_PKCS1_4096_SHA512", 4096),
    ("RSA_PSS_2048_SHA256", 2048),
    ("RSA_PSS_2048_SHA384", 2048),
    ("RSA_PSS_2048_SHA512", 2048),
    ("RSA_PSS_3072_SHA384", 3072),
    ("RSA_PSS_3072_SHA512", 3072),
    ("RSA_PSS_4096_SHA512", 4096),
];

/// ECDSA algorithms and their field sizes in bytes.
const ECDSA: [(&str, usize); 3] = [
    ("ECDSA_P256_SHA256", 32),
    ("ECDSA_P384_SHA384", 48),
    ("ECDSA_K256_SHA256", 32),
];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn rsa_fixture(bits: usize) -> &'static str {
    match bits {
        2048 => RSA_2048_PEM,
        3072 => RSA_3072_PEM,
        _ => RSA_4096_PEM,
    }
}

fn rsa_key_pair(alg: &str, bits: usize) -> Result<SignatureKeyPair, String> {
    SignatureKeyPair::import(alg, rsa_fixture(bits).as_bytes(), KeyPairEncoding::Pem)
        .ctx(&format!("{alg}: import the {bits}-bit PEM fixture"))
}

fn raw_sig(sig: &Signature) -> Result<Vec<u8>, String> {
    sig.export(SignatureEncoding::Raw)
        .ctx("signature export raw")
}

/// Signs `message` split into `pieces` updates (empty pieces included) with a fresh signer.
fn sign_pieces(kp: &SignatureKeyPair, pieces: &[&[u8]]) -> Result<Signature, String> {
    let mut signer = kp.signer().ctx("signer")?;
    for piece in pieces {
        signer.update(piece).ctx("signer update")?;
    }
    signer.sign().ctx("signer sign")
}

/// Verifies `sig` over `pieces` fed one update each.
fn verify_pieces(
    pk: &SignaturePublicKey,
    pieces: &[&[u8]],
    sig: &Signature,
) -> wasicrypt::Result<()> {
    let mut verifier = pk.verifier()?;
    for piece in pieces {
        verifier.update(piece)?;
    }
    verifier.verify(sig)
}

/// `sig` verifies over `message` and not over `message ‖ 0`.
fn verifies_only(pk: &SignaturePublicKey, message: &[u8], sig: &Signature) -> CheckResult {
    pk.verify(message, sig).ctx("verify")?;
    let mut other = message.to_vec();
    other.push(0);
    ensure_err(
        "verify an altered message",
        pk.verify(&other, sig),
        ErrorKind::VerificationFailed,
    )
}

/// A DER INTEGER (X.690 §8.3) holding the unsigned big-endian `value`.
fn der_integer(value: &[u8]) -> Vec<u8> {
    let first = value
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(value.len() - 1);
    let mut body = value[first..].to_vec();
    if body[0] & 0x80 != 0 {
        body.insert(0, 0);
    }
    let mut out = vec![0x02, body.len() as u8];
    out.extend(body);
    out
}

/// `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 §2.2.3) from r ‖ s.
fn ecdsa_der(raw: &[u8]) -> Vec<u8> {
    let (r, s) = raw.split_at(raw.len() / 2);
    let body = [der_integer(r), der_integer(s)].concat();
    let mut out = vec![0x30, body.len() as u8];
    out.extend(body);
    out
}

const KP_ENCODINGS: [KeyPairEncoding; 3] = [
    KeyPairEncoding::Raw,
    KeyPairEncoding::Pkcs8,
    KeyPairEncoding::Pem,
];

/// Key pair export → import → export again (same bytes) → the imported pair signs what `pk`
/// verifies, for every encoding in `encodings`.
fn key_pair_round_trips(
    kp: &SignatureKeyPair,
    pk: &SignaturePublicKey,
    encodings: &[KeyPairEncoding],
) -> CheckResult {
    let alg = kp.algorithm();
    for &enc in encodings {
        let bytes = kp
            .export(enc)
            .ctx(&format!("{alg} key pair export {enc:?}"))?;
        let kp2 = SignatureKeyPair::import(alg, &bytes, enc)
            .ctx(&format!("{alg} key pair import {enc:?}"))?;
        ensure_bytes(
            &format!("{alg} key pair {enc:?} re-export"),
            &kp2.export(enc).ctx("re-export")?,
            &bytes,
        )?;
        let sig = kp2.sign(b"round trip").ctx("sign with the imported pair")?;
        pk.verify(b"round trip", &sig).ctx(&format!(
            "{alg} {enc:?}: verify with the original public key"
        ))?;
    }
    Ok(())
}

/// Public key export → import → export again → verifies `sig` over `message`.
fn public_key_round_trips(
    pk: &SignaturePublicKey,
    encodings: &[PublicKeyEncoding],
    message: &[u8],
    sig: &Signature,
) -> CheckResult {
    let alg = pk.algorithm();
    for &enc in encodings {
        let bytes = pk
            .export(enc)
            .ctx(&format!("{alg} public key export {enc:?}"))?;
        let pk2 = SignaturePublicKey::import(alg, &bytes, enc)
            .ctx(&format!("{alg} public key import {enc:?}"))?;
        pk2.validate().ctx("validate the imported public key")?;
        ensure_bytes(
            &format!("{alg} public key {enc:?} re-export"),
            &pk2.export(enc).ctx("re-export")?,
            &bytes,
        )?;
        pk2.verify(message, sig).ctx(&format!(
            "{alg} {enc:?}: verify with the imported public key"
        ))?;
    }
    Ok(())
}

/// Secret key export → import → export again → joined with `pk` it signs what `pk` verifies.
fn secret_key_round_trips(
    sk: &SignatureSecretKey,
    pk: &SignaturePublicKey,
    encodings: &[SecretKeyEncoding],
) -> CheckResult {
    let alg = sk.algorithm();
    for &enc in encodings {
        let bytes = sk
            .export(enc)
            .ctx(&format!("{alg} secret key export {enc:?}"))?;
        let sk2 = SignatureSecretKey::import(alg, &bytes, enc)
            .ctx(&format!("{alg} secret key import {enc:?}"))?;
        ensure_bytes(
            &format!("{alg} secret key {enc:?} re-export"),
            &sk2.export(enc).ctx("re-export")?,
            &bytes,
        )?;
        let derived = sk2
            .public_key()
            .ctx("public key of the imported secret key")?;
        ensure_bytes(
            &format!("{alg} {enc:?}: derived public key"),
            &derived
                .export(PublicKeyEncoding::Pkcs8)
                .ctx("export derived")?,
            &pk.export(PublicKeyEncoding::Pkcs8).ctx("export original")?,
        )?;
        let kp = SignatureKeyPair::from_pk_and_sk(pk, &sk2).ctx("keypair_from_pk_and_sk")?;
        let sig = kp.sign(b"secret key round trip").ctx("sign")?;
        pk.verify(b"secret key round trip", &sig)
            .ctx(&format!("{alg} {enc:?}: verify"))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

fn main() {
    let mut h = Harness::new();
    ed25519_checks(&mut h);
    ecdsa_checks(&mut h);
    rsa_checks(&mut h);
    mldsa_checks(&mut h);
    streaming_checks(&mut h);
    h.run();
}

fn mldsa_checks(h: &mut Harness) {
    h.check(
        "ML-DSA-44 Wycheproof baseline: seed → public key, the file's signature verifies",
        || {
            let kp =
                SignatureKeyPair::import("ML-DSA-44", &unhex(MLDSA44_SEED)?, KeyPairEncoding::Raw)
                    .ctx("import seed")?;
            let pk = kp.public_key().ctx("public key")?;
            let pk_raw = pk.export(PublicKeyEncoding::Raw).ctx("export pk")?;
            ensure_eq("public key length", pk_raw.len(), 1312)?;
            ensure_bytes(
                "SHA-256(public key)",
                &Hash::hash("SHA-256", &pk_raw, 32).ctx("hash")?,
                &unhex(MLDSA44_PK_SHA256)?,
            )?;
            let sig = Signature::import("ML-DSA-44", &unhex(MLDSA44_SIG)?, SignatureEncoding::Raw)
                .ctx("import signature")?;
            pk.verify(b"Hello world", &sig).ctx("verify")?;
            ensure_err(
                "another message",
                pk.verify(b"Hello world!", &sig),
                ErrorKind::VerificationFailed,
            )
        },
    );
    for (alg, pk_len, sig_len) in [
        ("ML-DSA-44", 1312, 2420),
        ("ML-DSA-65", 1952, 3309),
        ("ML-DSA-87", 2592, 4627),
    ] {
        h.check(
            format!("{alg}: generate, stream-sign, verify; sizes"),
            move || {
                let kp = SignatureKeyPair::generate(alg).ctx("generate")?;
                ensure_eq(
                    "seed length",
                    kp.export(KeyPairEncoding::Raw).ctx("export")?.len(),
                    32,
                )?;
                let pk = kp.public_key().ctx("pk")?;
                ensure_eq(
                    "pk length",
                    pk.export(PublicKeyEncoding::Raw).ctx("export pk")?.len(),
                    pk_len,
                )?;
                let mut signer = kp.signer().ctx("signer")?;
                signer.update(b"part one, ").ctx("update")?;
                signer.update(b"part two").ctx("update")?;
                let sig = signer.sign().ctx("sign")?;
                ensure_eq(
                    "signature length",
                    sig.export(SignatureEncoding::Raw).ctx("export sig")?.len(),
                    sig_len,
                )?;
                pk.verify(b"part one, part two", &sig).ctx("verify")?;
                ensure_err(
                    "truncated signature",
                    Signature::import(alg, &vec![0; sig_len - 1], SignatureEncoding::Raw),
                    ErrorKind::InvalidSignature,
                )
            },
        );
    }
}

fn ed25519_checks(h: &mut Harness) {
    for &(name, seed, public, message, want) in RFC8032 {
        h.check(
            format!("Ed25519 RFC 8032 §7.1 {name}: key pair raw (seed ‖ pk) signs byte-exact"),
            move || {
                let (seed, public, message, want) =
                    (unhex(seed)?, unhex(public)?, unhex(message)?, unhex(want)?);
                let raw = [seed.clone(), public.clone()].concat();
                let kp = SignatureKeyPair::import("Ed25519", &raw, KeyPairEncoding::Raw)
                    .ctx("import key pair raw")?;
                ensure_bytes(
                    "key pair raw export",
                    &kp.export(KeyPairEncoding::Raw).ctx("export")?,
                    &raw,
                )?;
                let pk = kp.public_key().ctx("public_key")?;
                ensure_bytes(
                    "public key raw",
                    &pk.export(PublicKeyEncoding::Raw).ctx("export pk")?,
                    &public,
                )?;
                let sig = kp.sign(&message).ctx("sign")?;
                ensure_bytes("signature", &raw_sig(&sig)?, &want)?;
                verifies_only(&pk, &message, &sig)
            },
        );
        h.check(
            format!(
                "Ed25519 RFC 8032 §7.1 {name}: published signature verifies with the raw public key"
            ),
            move || {
                let (public, message, want) = (unhex(public)?, unhex(message)?, unhex(want)?);
                let pk = SignaturePublicKey::import("Ed25519", &public, PublicKeyEncoding::Raw)
                    .ctx("import public key raw")?;
                pk.validate().ctx("publickey_verify")?;
                let sig = Signature::import("Ed25519", &want, SignatureEncoding::Raw)
                    .ctx("import signature")?;
                ensure_bytes("signature re-export", &raw_sig(&sig)?, &want)?;
                verifies_only(&pk, &message, &sig)
            },
        );
        h.check(
            format!(
                "Ed25519 RFC 8032 §7.1 {name}: secret key raw (seed) + public key sign byte-exact"
            ),
            move || {
                let (seed, public, message, want) =
                    (unhex(seed)?, unhex(public)?, unhex(message)?, unhex(want)?);
                let sk = SignatureSecretKey::import("Ed25519", &seed, SecretKeyEncoding::Raw)
                    .ctx("import secret key raw")?;
                ensure_bytes(
                    "secret key raw export",
                    &sk.export(SecretKeyEncoding::Raw).ctx("export")?,
                    &seed,
                )?;
                let pk = sk.public_key().ctx("publickey_from_secretkey")?;
                ensure_bytes(
                    "derived public key",
                    &pk.export(PublicKeyEncoding::Raw).ctx("export pk")?,
                    &public,
                )?;
                let kp =
                    SignatureKeyPair::from_pk_and_sk(&pk, &sk).ctx("keypair_from_pk_and_sk")?;
                ensure_bytes(
                    "signature",
                    &raw_sig(&kp.sign(&message).ctx("sign")?)?,
                    &want,
                )
            },
        );
    }
    let name = "Ed25519: generate, round trip every encoding (kp raw/pkcs8/pem, pk raw/pkcs8/pem, sk raw/pkcs8/pem)";
    h.check(name, || {
        let kp = SignatureKeyPair::generate("Ed25519").ctx("generate")?;
        let pk = kp.public_key().ctx("public_key")?;
        let sk = kp.secret_key().ctx("secret_key")?;
        let raw = kp.export(KeyPairEncoding::Raw).ctx("export raw")?;
        ensure_eq("key pair raw length", raw.len(), 64)?;
        ensure_bytes(
            "key pair raw = seed ‖ pk",
            &raw[32..],
            &pk.export(PublicKeyEncoding::Raw).ctx("pk raw")?,
        )?;
        ensure_bytes(
            "key pair raw = seed ‖ pk",
            &raw[..32],
            &sk.export(SecretKeyEncoding::Raw).ctx("sk raw")?,
        )?;
        let sig = kp.sign(b"message").ctx("sign")?;
        ensure_eq("signature length", raw_sig(&sig)?.len(), 64)?;
        key_pair_round_trips(&kp, &pk, &KP_ENCODINGS)?;
        public_key_round_trips(
            &pk,
            &[
                PublicKeyEncoding::Raw,
                PublicKeyEncoding::Pkcs8,
                PublicKeyEncoding::Pem,
            ],
            b"message",
            &sig,
        )?;
        secret_key_round_trips(
            &sk,
            &pk,
            &[
                SecretKeyEncoding::Raw,
                SecretKeyEncoding::Pkcs8,
                SecretKeyEncoding::Pem,
            ],
        )?;
        let pem = kp.export(KeyPairEncoding::Pem).ctx("export pem")?;
        ensure(
            pem.starts_with(b"-----BEGIN PRIVATE KEY-----\n"),
            "key pair PEM label",
        )?;
        let pem = pk.export(PublicKeyEncoding::Pem).ctx("export pk pem")?;
        ensure(
            pem.starts_with(b"-----BEGIN PUBLIC KEY-----\n"),
            "public key PEM label",
        )
    });
    h.check(
        "Ed25519: signatures are deterministic (RFC 8032 §5.1.6) and the name is case-insensitive",
        || {
            let kp = SignatureKeyPair::generate("ed25519").ctx("generate ed25519")?;
            ensure_bytes(
                "two signatures of one message",
                &raw_sig(&kp.sign(b"same").ctx("sign")?)?,
                &raw_sig(&kp.sign(b"same").ctx("sign")?)?,
            )?;
            let a = raw_sig(&kp.sign(b"one").ctx("sign")?)?;
            let b = raw_sig(&kp.sign(b"two").ctx("sign")?)?;
            ensure(a != b, "different messages give different signatures")
        },
    );
}

fn ecdsa_checks(h: &mut Harness) {
    for v in RFC6979 {
        let Rfc6979 {
            section,
            alg,
            x,
            u,
            sigs,
        } = v;
        for (message, want) in sigs {
            let name = format!(
                "{alg} RFC 6979 {section} \"{message}\": key pair raw (scalar) signs r ‖ s byte-exact"
            );
            h.check(name, move || {
                let want = unhex(want)?;
                let kp = SignatureKeyPair::import(alg, &unhex(x)?, KeyPairEncoding::Raw)
                    .ctx("import key pair raw")?;
                let pk = kp.public_key().ctx("public_key")?;
                ensure_bytes(
                    "public key U (sec)",
                    &pk.export(PublicKeyEncoding::Sec).ctx("export")?,
                    &unhex(u)?,
                )?;
                let sig = kp.sign(message.as_bytes()).ctx("sign")?;
                ensure_bytes("r ‖ s", &raw_sig(&sig)?, &want)?;
                verifies_only(&pk, message.as_bytes(), &sig)
            });
            let name = format!(
                "{alg} RFC 6979 {section} \"{message}\": secret key raw + published U sign byte-exact"
            );
            h.check(name, move || {
                let want = unhex(want)?;
                let sk = SignatureSecretKey::import(alg, &unhex(x)?, SecretKeyEncoding::Raw)
                    .ctx("import secret key raw")?;
                ensure_bytes(
                    "secret key raw export",
                    &sk.export(SecretKeyEncoding::Raw).ctx("export")?,
                    &unhex(x)?,
                )?;
                let pk = SignaturePublicKey::import(alg, &unhex(u)?, PublicKeyEncoding::Raw)
                    .ctx("import public key raw")?;
                let kp =
                    SignatureKeyPair::from_pk_and_sk(&pk, &sk).ctx("keypair_from_pk_and_sk")?;
                ensure_bytes(
                    "r ‖ s",
                    &raw_sig(&kp.sign(message.as_bytes()).ctx("sign")?)?,
                    &want,
                )?;
                // The published signature itself, imported, verifies with the published key.
                let published = Signature::import(alg, &want, SignatureEncoding::Raw)
                    .ctx("import signature")?;
                verifies_only(&pk, message.as_bytes(), &published)
            });
            h.check(
                format!("{alg} RFC 6979 {section} \"{message}\": raw ↔ der conversion"),
                move || {
                    let want = unhex(want)?;
                    let der = ecdsa_der(&want);
                    let sig =
                        Signature::import(alg, &want, SignatureEncoding::Raw).ctx("import raw")?;
                    ensure_bytes(
                        "raw → der",
                        &sig.export(SignatureEncoding::Der).ctx("export der")?,
                        &der,
                    )?;
                    let from_der =
                        Signature::import(alg, &der, SignatureEncoding::Der).ctx("import der")?;
                    ensure_bytes("der → raw", &raw_sig(&from_der)?, &want)?;
                    ensure_bytes(
                        "der → der",
                        &from_der.export(SignatureEncoding::Der).ctx("export der")?,
                        &der,
                    )?;
                    let pk = SignaturePublicKey::import(alg, &unhex(u)?, PublicKeyEncoding::Sec)
                        .ctx("import public key sec")?;
                    verifies_only(&pk, message.as_bytes(), &from_der)
                },
            );
        }
        h.check(
            format!(
                "{alg} RFC 6979 {section}: compressed public key imports and exports uncompressed"
            ),
            move || {
                let u = unhex(u)?;
                let field = (u.len() - 1) / 2;
                let mut compressed = vec![if u[u.len() - 1] & 1 == 0 { 0x02 } else { 0x03 }];
                compressed.extend_from_slice(&u[1..=field]);
                let pk = SignaturePublicKey::import(alg, &compressed, PublicKeyEncoding::Sec)
                    .ctx("import compressed")?;
                ensure_bytes(
                    "export",
                    &pk.export(PublicKeyEncoding::Raw).ctx("export raw")?,
                    &u,
                )
            },
        );
    }
    for (alg, field) in ECDSA {
        let name = format!(
            "{alg}: generate, round trip every encoding (kp raw/pkcs8/pem, pk raw/sec/pkcs8/pem, sk raw/sec/pkcs8/pem)"
        );
        h.check(name, move || {
            let kp = SignatureKeyPair::generate(alg).ctx("generate")?;
            let pk = kp.public_key().ctx("public_key")?;
            let sk = kp.secret_key().ctx("secret_key")?;
            ensure_eq(
                "key pair raw length (scalar)",
                kp.export(KeyPairEncoding::Raw).ctx("export")?.len(),
                field,
            )?;
            ensure_eq(
                "public key raw length (04 ‖ x ‖ y)",
                pk.export(PublicKeyEncoding::Raw).ctx("export")?.len(),
                1 + 2 * field,
            )?;
            ensure_bytes(
                "public key raw = sec",
                &pk.export(PublicKeyEncoding::Raw).ctx("export raw")?,
                &pk.export(PublicKeyEncoding::Sec).ctx("export sec")?,
            )?;
            let sig = kp.sign(b"message").ctx("sign")?;
            key_pair_round_trips(&kp, &pk, &KP_ENCODINGS)?;
            public_key_round_trips(
                &pk,
                &[
                    PublicKeyEncoding::Raw,
                    PublicKeyEncoding::Sec,
                    PublicKeyEncoding::Pkcs8,
                    PublicKeyEncoding::Pem,
                ],
                b"message",
                &sig,
            )?;
            secret_key_round_trips(
                &sk,
                &pk,
                &[
                    SecretKeyEncoding::Raw,
                    SecretKeyEncoding::Sec,
                    SecretKeyEncoding::Pkcs8,
                    SecretKeyEncoding::Pem,
                ],
            )
        });
        h.check(
            format!(
                "{alg}: signature raw ({} bytes) ↔ der round trip",
                2 * field
            ),
            move || {
                let kp = SignatureKeyPair::generate(alg).ctx("generate")?;
                let pk = kp.public_key().ctx("public_key")?;
                let sig = kp.sign(b"der").ctx("sign")?;
                let raw = raw_sig(&sig)?;
                ensure_eq("raw length", raw.len(), 2 * field)?;
                let der = sig.export(SignatureEncoding::Der).ctx("export der")?;
                ensure_bytes("der", &der, &ecdsa_der(&raw))?;
                let back =
                    Signature::import(alg, &der, SignatureEncoding::Der).ctx("import der")?;
                ensure_bytes("der → raw", &raw_sig(&back)?, &raw)?;
                verifies_only(&pk, b"der", &back)
            },
        );
        h.check(
            format!("{alg}: RFC 6979 nonces are deterministic"),
            move || {
                let kp = SignatureKeyPair::generate(alg).ctx("generate")?;
                ensure_bytes(
                    "two signatures of one message",
                    &raw_sig(&kp.sign(b"same").ctx("sign")?)?,
                    &raw_sig(&kp.sign(b"same").ctx("sign")?)?,
                )
            },
        );
    }
    h.check("ECDSA_K256_SHA256: signatures are low-S (BIP 62)", || {
        // n / 2 for secp256k1 (SEC 2 §2.4.1): s must not exceed it.
        let half_n = unhex("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")?;
        let kp = SignatureKeyPair::generate("ECDSA_K256_SHA256").ctx("generate")?;
        for i in 0..8u8 {
            let raw = raw_sig(&kp.sign(&[i; 5]).ctx("sign")?)?;
            ensure(
                raw[32..] <= half_n[..],
                format!("high s: {}", hex(&raw[32..])),
            )?;
        }
        Ok(())
    });
}

fn rsa_checks(h: &mut Harness) {
    for &(alg, want) in PKCS1_VECTORS {
        h.check(
            format!(
                "{alg}: RFC 8017 §8.2 signature of the fixture key byte-exact (Python cryptography)"
            ),
            move || {
                let bits = bits_of(alg)?;
                let want = unhex(want)?;
                let kp = rsa_key_pair(alg, bits)?;
                let sig = kp.sign(RSA_MESSAGE).ctx("sign")?;
                ensure_bytes("signature", &raw_sig(&sig)?, &want)?;
                let pk = kp.public_key().ctx("public_key")?;
                verifies_only(&pk, RSA_MESSAGE, &sig)
            },
        );
    }
    for &(alg, python) in PSS_VECTORS {
        let name = format!(
            "{alg}: RFC 8017 §8.1 Python signature verifies; ours verifies, is randomized, and rejects tampering"
        );
        h.check(name, move || {
            let bits = bits_of(alg)?;
            let kp = rsa_key_pair(alg, bits)?;
            let pk = kp.public_key().ctx("public_key")?;
            let python = Signature::import(alg, &unhex(python)?, SignatureEncoding::Raw)
                .ctx("import Python's signature")?;
            verifies_only(&pk, RSA_MESSAGE, &python)?;
            let first = kp.sign(RSA_MESSAGE).ctx("sign")?;
            let second = kp.sign(RSA_MESSAGE).ctx("sign")?;
            let (a, b) = (raw_sig(&first)?, raw_sig(&second)?);
            ensure_eq("signature length", a.len(), bits / 8)?;
            ensure(
                a != b,
                "two PSS signatures are equal: the salt is not random",
            )?;
            verifies_only(&pk, RSA_MESSAGE, &first)?;
            verifies_only(&pk, RSA_MESSAGE, &second)?;
            let mut flipped = a;
            flipped[bits / 16] ^= 1;
            let flipped =
                Signature::import(alg, &flipped, SignatureEncoding::Raw).ctx("import flipped")?;
            ensure_err(
                "verify a flipped signature",
                pk.verify(RSA_MESSAGE, &flipped),
                ErrorKind::VerificationFailed,
            )
        });
    }
    for (alg, bits) in RSA_ALGORITHMS {
        let name = format!(
            "{alg}: round trip every encoding of the fixture (kp pkcs8/pem, pk pkcs8/pem, sk pkcs8/pem)"
        );
        h.check(name, move || {
            let kp = rsa_key_pair(alg, bits)?;
            let pk = kp.public_key().ctx("public_key")?;
            let sk = kp.secret_key().ctx("secret_key")?;
            ensure_bytes(
                "key pair PEM export is the fixture",
                &kp.export(KeyPairEncoding::Pem).ctx("export pem")?,
                rsa_fixture(bits).as_bytes(),
            )?;
            let sig = kp.sign(RSA_MESSAGE).ctx("sign")?;
            ensure_eq("signature length", raw_sig(&sig)?.len(), bits / 8)?;
            key_pair_round_trips(&kp, &pk, &[KeyPairEncoding::Pkcs8, KeyPairEncoding::Pem])?;
            public_key_round_trips(
                &pk,
                &[PublicKeyEncoding::Pkcs8, PublicKeyEncoding::Pem],
                RSA_MESSAGE,
                &sig,
            )?;
            secret_key_round_trips(
                &sk,
                &pk,
                &[SecretKeyEncoding::Pkcs8, SecretKeyEncoding::Pem],
            )
        });
    }
    let name = "RSA_PSS_2048_SHA256: generate (the one RSA key generated here), sign, verify, export, import";
    h.check(name, || {
        let kp = SignatureKeyPair::generate("RSA_PSS_2048_SHA256").ctx("generate")?;
        let pk = kp.public_key().ctx("public_key")?;
        let sig = kp.sign(RSA_MESSAGE).ctx("sign")?;
        ensure_eq("signature length", raw_sig(&sig)?.len(), 256)?;
        verifies_only(&pk, RSA_MESSAGE, &sig)?;
        // The same key under the PKCS#1 v1.5 name (same modulus size) signs and verifies too.
        let der = kp.export(KeyPairEncoding::Pkcs8).ctx("export pkcs8")?;
        let pkcs1 = SignatureKeyPair::import("RSA_PKCS1_2048_SHA256", &der, KeyPairEncoding::Pkcs8)
            .ctx("import under RSA_PKCS1_2048_SHA256")?;
        let pk1 = pkcs1.public_key().ctx("public_key")?;
        verifies_only(&pk1, RSA_MESSAGE, &pkcs1.sign(RSA_MESSAGE).ctx("sign")?)
    });
}

fn bits_of(alg: &str) -> Result<usize, String> {
    RSA_ALGORITHMS
        .iter()
        .find(|(name, _)| *name == alg)
        .map(|&(_, bits)| bits)
        .ok_or_else(|| format!("unknown RSA algorithm {alg}"))
}

fn streaming_checks(h: &mut Harness) {
    // Deterministic schemes: the streamed signature equals the one-shot signature byte for byte.
    let deterministic: [(&str, Option<usize>); 5] = [
        ("Ed25519", None),
        ("ECDSA_P256_SHA256", None),
        ("ECDSA_P384_SHA384", None),
        ("ECDSA_K256_SHA256", None),
        ("RSA_PKCS1_2048_SHA256", Some(2048)),
    ];
    for (alg, rsa_bits) in deterministic {
        h.check(
            format!("{alg}: streaming signer equals one-shot sign; streaming verifier accepts"),
            move || {
                let kp = match rsa_bits {
                    Some(bits) => rsa_key_pair(alg, bits)?,
                    None => SignatureKeyPair::generate(alg).ctx("generate")?,
                };
                let pk = kp.public_key().ctx("public_key")?;
                let message: Vec<u8> = (0..300u16).map(|i| (i * 7) as u8).collect();
                let one_shot = raw_sig(&kp.sign(&message).ctx("sign")?)?;
                let (a, rest) = message.split_at(1);
                let (b, c) = rest.split_at(150);
                let streamed = sign_pieces(&kp, &[a, &[], b, c])?;
                ensure_bytes("streamed signature", &raw_sig(&streamed)?, &one_shot)?;
                let bytewise: Vec<&[u8]> = message.chunks(1).collect();
                ensure_bytes(
                    "byte-by-byte signature",
                    &raw_sig(&sign_pieces(&kp, &bytewise)?)?,
                    &one_shot,
                )?;
                verify_pieces(&pk, &[b"", a, b, c], &streamed).ctx("streamed verify")?;
                verify_pieces(&pk, &bytewise, &streamed).ctx("byte-by-byte verify")?;
                ensure_err(
                    "streamed verify of a truncated message",
                    verify_pieces(&pk, &[a, b], &streamed),
                    ErrorKind::VerificationFailed,
                )
            },
        );
        h.check(
            format!("{alg}: a signer stays usable after sign; a verifier after verify"),
            move || {
                let kp = match rsa_bits {
                    Some(bits) => rsa_key_pair(alg, bits)?,
                    None => SignatureKeyPair::generate(alg).ctx("generate")?,
                };
                let pk = kp.public_key().ctx("public_key")?;
                let mut signer = kp.signer().ctx("signer")?;
                signer.update(b"hello, ").ctx("update")?;
                let first = signer.sign().ctx("first sign")?;
                signer.update(b"world").ctx("update")?;
                let second = signer.sign().ctx("second sign")?;
                ensure_bytes(
                    "first",
                    &raw_sig(&first)?,
                    &raw_sig(&kp.sign(b"hello, ").ctx("sign")?)?,
                )?;
                ensure_bytes(
                    "second",
                    &raw_sig(&second)?,
                    &raw_sig(&kp.sign(b"hello, world").ctx("sign")?)?,
                )?;
                let mut verifier = pk.verifier().ctx("verifier")?;
                verifier.update(b"hello, ").ctx("update")?;
                verifier.verify(&first).ctx("verify first")?;
                ensure_err(
                    "second before the rest",
                    verifier.verify(&second),
                    ErrorKind::VerificationFailed,
                )?;
                verifier.update(b"world").ctx("update")?;
                verifier.verify(&second).ctx("verify second")?;
                // States outlive the key pair and public key they were opened with.
                let mut signer = kp.signer().ctx("signer")?;
                let mut verifier = pk.verifier().ctx("verifier")?;
                drop((kp, pk));
                signer.update(b"hello, world").ctx("update after close")?;
                verifier.update(b"hello, world").ctx("update after close")?;
                let third = signer.sign().ctx("sign after close")?;
                verifier.verify(&third).ctx("verify after close")
            },
        );
    }
    h.check("RSA_PSS_2048_SHA256: streaming signer and verifier", || {
        let kp = rsa_key_pair("RSA_PSS_2048_SHA256", 2048)?;
        let pk = kp.public_key().ctx("public_key")?;
        let (a, b) = RSA_MESSAGE.split_at(10);
        let sig = sign_pieces(&kp, &[a, b])?;
        pk.verify(RSA_MESSAGE, &sig)
            .ctx("one-shot verify of a streamed signature")?;
        verify_pieces(&pk, &[a, b], &sig).ctx("streamed verify")?;
        let python = Signature::import(
            "RSA_PSS_2048_SHA256",
            &unhex(PSS_VECTORS[0].1)?,
            SignatureEncoding::Raw,
        )
        .ctx("import Python's signature")?;
        verify_pieces(&pk, &RSA_MESSAGE.chunks(3).collect::<Vec<_>>(), &python)
            .ctx("streamed verify of Python's signature")
    });
}
