//! Host-direct tests of the key-exchange families `X25519` and `ML-KEM-512/768/1024`, through
//! [`CryptoCtx`] without a wasm engine: published known answers, round trips through every
//! encoding, cross-checks against `x25519-dalek` / `ml-kem` called directly, and the exact
//! `crypto_errno` of each bad input.
//!
//! Vectors and where they come from:
//! * RFC 7748 §5.2 (the two single-iteration X25519 vectors) and §6.1 (Alice and Bob).
//! * ML-KEM: Wycheproof (C2SP/wycheproof `testvectors_v1/mlkem_{512,768,1024}_test.json`,
//!   schema `mlkem_test_schema.json`): seed `d ‖ z` → `ek`, and (seed, `c`) → `K`. ML-KEM-512
//!   tcId 1 (source "CCTV/strcmp", implicit-rejection path) and tcId 2 (source "FIPS 203",
//!   "official round 3 seeds 0", a valid ciphertext); ML-KEM-768 and ML-KEM-1024 tcId 1
//!   ("CCTV/strcmp").
//! * ML-KEM PKIX: the ML-KEM-512 example keys (seed 00 01 … 3f) of
//!   draft-ietf-lamps-kyber-certificates, Appendix C, as shipped in the `ml-kem` 0.3.4 crate's
//!   `tests/examples/`.
//!
//! Every X25519 value (including the PKCS#8 / SPKI encodings of Alice's keys and the rejection
//! of each small-order point) and the ML-KEM-768/1024 vectors were re-checked with Python
//! `cryptography` 48 (OpenSSL) before being written here; ML-KEM-512 is cross-checked against
//! the `ml-kem` crate below.

use ml_kem::kem::{Decapsulate, KeyExport};
use ml_kem::{B32, DecapsulationKey, MlKem512, MlKem768, MlKem1024};
use sha2::Digest;
use wasicrypt_host::{
    AlgorithmType, CryptoCtx, CryptoError, Handle, KeyPairEncoding, PublicKeyEncoding,
    SecretKeyEncoding,
};

mod common;
use common::{export_kp, export_pk, export_sk, pull_all, unhex};

const KX: AlgorithmType = AlgorithmType::KeyExchange;
const MLKEM: [&str; 3] = ["ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"];
const ALL: [&str; 4] = ["X25519", "ML-KEM-512", "ML-KEM-768", "ML-KEM-1024"];

const KP_ENCODINGS: [KeyPairEncoding; 3] = [
    KeyPairEncoding::Raw,
    KeyPairEncoding::Pkcs8,
    KeyPairEncoding::Pem,
];
const PK_ENCODINGS: [PublicKeyEncoding; 3] = [
    PublicKeyEncoding::Raw,
    PublicKeyEncoding::Pkcs8,
    PublicKeyEncoding::Pem,
];
const SK_ENCODINGS: [SecretKeyEncoding; 3] = [
    SecretKeyEncoding::Raw,
    SecretKeyEncoding::Pkcs8,
    SecretKeyEncoding::Pem,
];

fn pk_import(
    ctx: &mut CryptoCtx,
    alg: &str,
    bytes: &[u8],
    enc: PublicKeyEncoding,
) -> Result<Handle, CryptoError> {
    ctx.publickey_import(KX, alg, bytes, enc)
}

fn sk_import(
    ctx: &mut CryptoCtx,
    alg: &str,
    bytes: &[u8],
    enc: SecretKeyEncoding,
) -> Result<Handle, CryptoError> {
    ctx.secretkey_import(KX, alg, bytes, enc)
}

fn kp_import(
    ctx: &mut CryptoCtx,
    alg: &str,
    bytes: &[u8],
    enc: KeyPairEncoding,
) -> Result<Handle, CryptoError> {
    ctx.keypair_import(KX, alg, bytes, enc)
}

fn dh(ctx: &mut CryptoCtx, pk: Handle, sk: Handle) -> Result<Vec<u8>, CryptoError> {
    let out = ctx.kx_dh(pk, sk)?;
    Ok(pull_all(ctx, out))
}

/// `kx_encapsulate`: (shared secret, ciphertext).
fn encapsulate(ctx: &mut CryptoCtx, pk: Handle) -> Result<(Vec<u8>, Vec<u8>), CryptoError> {
    let (secret, ct) = ctx.kx_encapsulate(pk)?;
    Ok((pull_all(ctx, secret), pull_all(ctx, ct)))
}

fn decapsulate(ctx: &mut CryptoCtx, sk: Handle, ct: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let out = ctx.kx_decapsulate(sk, ct)?;
    Ok(pull_all(ctx, out))
}

/// Checks that (`pk`, `sk`) agree on a shared secret: DH both ways for X25519 (against a fresh
/// peer), encapsulate/decapsulate for ML-KEM.
fn assert_pair_works(ctx: &mut CryptoCtx, alg: &str, pk: Handle, sk: Handle) {
    if alg == "X25519" {
        let peer = ctx.keypair_generate(KX, alg, None).unwrap();
        let (peer_pk, peer_sk) = (
            ctx.keypair_publickey(peer).unwrap(),
            ctx.keypair_secretkey(peer).unwrap(),
        );
        let ours = dh(ctx, peer_pk, sk).unwrap();
        assert_eq!(ours.len(), 32);
        assert_eq!(ours, dh(ctx, pk, peer_sk).unwrap(), "{alg}");
    } else {
        let (secret, ct) = encapsulate(ctx, pk).unwrap();
        assert_eq!(secret.len(), 32);
        assert_eq!(decapsulate(ctx, sk, &ct).unwrap(), secret, "{alg}");
    }
}

/// Sizes of (encapsulation key, ciphertext) per FIPS 203 Table 3.
fn mlkem_sizes(alg: &str) -> (usize, usize) {
    match alg {
        "ML-KEM-512" => (800, 768),
        "ML-KEM-768" => (1184, 1088),
        "ML-KEM-1024" => (1568, 1568),
        _ => unreachable!(),
    }
}

// ---------------------------------------------------------------------------------------------
// (1) X25519 known answers: RFC 7748.
// ---------------------------------------------------------------------------------------------

/// RFC 7748 §5.2: the two single-iteration scalar multiplications `X25519(k, u)`. The second
/// u-coordinate has its top bit set, which RFC 7748 §5 requires to be ignored.
#[test]
fn x25519_rfc7748_section_5_2_vectors() {
    let mut ctx = CryptoCtx::new();
    let vectors = [
        (
            "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
            "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
            "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
        ),
        (
            "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
            "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
            "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
        ),
    ];
    for (k, u, want) in vectors {
        let sk = sk_import(&mut ctx, "X25519", &unhex(k), SecretKeyEncoding::Raw).unwrap();
        let pk = pk_import(&mut ctx, "X25519", &unhex(u), PublicKeyEncoding::Raw).unwrap();
        assert_eq!(dh(&mut ctx, pk, sk).unwrap(), unhex(want));
        // Keys are kept as given: the scalar unclamped, the u-coordinate unmasked.
        assert_eq!(export_sk(&mut ctx, sk, SecretKeyEncoding::Raw), unhex(k));
        assert_eq!(export_pk(&mut ctx, pk, PublicKeyEncoding::Raw), unhex(u));
        ctx.publickey_verify(pk).unwrap();
    }
}

const ALICE_SK: &str = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const ALICE_PK: &str = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
const BOB_SK: &str = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const BOB_PK: &str = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
const ALICE_BOB_K: &str = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

/// RFC 7748 §6.1: public keys derived from the secret keys, and the shared secret both ways.
#[test]
fn x25519_rfc7748_section_6_1_alice_and_bob() {
    let mut ctx = CryptoCtx::new();
    let alice_sk = sk_import(&mut ctx, "X25519", &unhex(ALICE_SK), SecretKeyEncoding::Raw).unwrap();
    let bob_sk = sk_import(&mut ctx, "X25519", &unhex(BOB_SK), SecretKeyEncoding::Raw).unwrap();
    let alice_pk = ctx.publickey_from_secretkey(alice_sk).unwrap();
    let bob_pk = ctx.publickey_from_secretkey(bob_sk).unwrap();
    assert_eq!(
        export_pk(&mut ctx, alice_pk, PublicKeyEncoding::Raw),
        unhex(ALICE_PK)
    );
    assert_eq!(
        export_pk(&mut ctx, bob_pk, PublicKeyEncoding::Raw),
        unhex(BOB_PK)
    );
    assert_eq!(dh(&mut ctx, bob_pk, alice_sk).unwrap(), unhex(ALICE_BOB_K));
    assert_eq!(dh(&mut ctx, alice_pk, bob_sk).unwrap(), unhex(ALICE_BOB_K));

    // The same through key pairs: raw = pk ‖ sk.
    let raw = [unhex(ALICE_PK), unhex(ALICE_SK)].concat();
    let alice = kp_import(&mut ctx, "X25519", &raw, KeyPairEncoding::Raw).unwrap();
    assert_eq!(export_kp(&mut ctx, alice, KeyPairEncoding::Raw), raw);
    let alice_sk2 = ctx.keypair_secretkey(alice).unwrap();
    let alice_pk2 = ctx.keypair_publickey(alice).unwrap();
    assert_eq!(
        export_pk(&mut ctx, alice_pk2, PublicKeyEncoding::Raw),
        unhex(ALICE_PK)
    );
    assert_eq!(dh(&mut ctx, bob_pk, alice_sk2).unwrap(), unhex(ALICE_BOB_K));
    let bob_pub = pk_import(&mut ctx, "X25519", &unhex(BOB_PK), PublicKeyEncoding::Raw).unwrap();
    assert_eq!(
        dh(&mut ctx, bob_pub, alice_sk2).unwrap(),
        unhex(ALICE_BOB_K)
    );
}

/// RFC 8410 encodings of Alice's keys, byte for byte as OpenSSL 3.0 writes them.
#[test]
fn x25519_rfc8410_encodings_match_openssl() {
    const PKCS8: &str = "302e020100300506032b656e04220420";
    const SPKI: &str = "302a300506032b656e032100";
    const PEM_SK: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEIHcHbQpzGKV9PBbBclGyZkXfTC+H68CZKrF3+6UduSwq\n-----END PRIVATE KEY-----\n";
    const PEM_PK: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAhSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=\n-----END PUBLIC KEY-----\n";
    let mut ctx = CryptoCtx::new();
    let sk = sk_import(&mut ctx, "X25519", &unhex(ALICE_SK), SecretKeyEncoding::Raw).unwrap();
    let pk = ctx.publickey_from_secretkey(sk).unwrap();
    let der_sk = [unhex(PKCS8), unhex(ALICE_SK)].concat();
    let der_pk = [unhex(SPKI), unhex(ALICE_PK)].concat();
    assert_eq!(export_sk(&mut ctx, sk, SecretKeyEncoding::Pkcs8), der_sk);
    assert_eq!(
        export_sk(&mut ctx, sk, SecretKeyEncoding::Pem),
        PEM_SK.as_bytes()
    );
    assert_eq!(export_pk(&mut ctx, pk, PublicKeyEncoding::Pkcs8), der_pk);
    assert_eq!(
        export_pk(&mut ctx, pk, PublicKeyEncoding::Pem),
        PEM_PK.as_bytes()
    );
    let kp = ctx.keypair_from_pk_and_sk(pk, sk).unwrap();
    assert_eq!(export_kp(&mut ctx, kp, KeyPairEncoding::Pkcs8), der_sk);
    assert_eq!(
        export_kp(&mut ctx, kp, KeyPairEncoding::Pem),
        PEM_SK.as_bytes()
    );

    // Import of the same bytes, and of PKCS#8 v2 (RFC 5958) carrying the matching public key.
    let sk2 = sk_import(
        &mut ctx,
        "X25519",
        PEM_SK.as_bytes(),
        SecretKeyEncoding::Pem,
    )
    .unwrap();
    assert_eq!(
        export_sk(&mut ctx, sk2, SecretKeyEncoding::Raw),
        unhex(ALICE_SK)
    );
    let pk2 = pk_import(
        &mut ctx,
        "X25519",
        PEM_PK.as_bytes(),
        PublicKeyEncoding::Pem,
    )
    .unwrap();
    assert_eq!(
        export_pk(&mut ctx, pk2, PublicKeyEncoding::Raw),
        unhex(ALICE_PK)
    );
    let v2 = x25519_pkcs8_v2(&unhex(ALICE_SK), &unhex(ALICE_PK));
    let kp2 = kp_import(&mut ctx, "X25519", &v2, KeyPairEncoding::Pkcs8).unwrap();
    assert_eq!(
        export_kp(&mut ctx, kp2, KeyPairEncoding::Raw),
        [unhex(ALICE_PK), unhex(ALICE_SK)].concat()
    );
    sk_import(&mut ctx, "X25519", &v2, SecretKeyEncoding::Pkcs8).unwrap();
}

/// X25519 PKCS#8 v2 `OneAsymmetricKey` (RFC 5958, RFC 8410 §7) with `publicKey [1]`.
fn x25519_pkcs8_v2(sk: &[u8], pk: &[u8]) -> Vec<u8> {
    let v1 = [unhex("302e020100300506032b656e04220420"), sk.to_vec()].concat();
    pkcs8_v2(&v1, pk)
}

/// A DER length.
fn der_len(len: usize) -> Vec<u8> {
    match len {
        0..=0x7f => vec![len as u8],
        0x80..=0xff => vec![0x81, len as u8],
        _ => vec![0x82, (len >> 8) as u8, len as u8],
    }
}

/// Turns a PKCS#8 v1 DER (short outer length, `version` at offset 2) into v2 with
/// `publicKey [1] IMPLICIT BIT STRING` = `pk`.
fn pkcs8_v2(v1: &[u8], pk: &[u8]) -> Vec<u8> {
    assert_eq!(&v1[..2], &[0x30, (v1.len() - 2) as u8]);
    assert_eq!(&v1[2..5], &[0x02, 0x01, 0x00]);
    let mut body = vec![0x02, 0x01, 0x01];
    body.extend_from_slice(&v1[5..]);
    body.push(0x81);
    body.extend(der_len(pk.len() + 1));
    body.push(0x00);
    body.extend_from_slice(pk);
    [vec![0x30], der_len(body.len()), body].concat()
}

// ---------------------------------------------------------------------------------------------
// (2) ML-KEM known answers.
// ---------------------------------------------------------------------------------------------

/// A Wycheproof ML-KEM test: seed `d ‖ z`, the expected `ek`, a ciphertext `c` and the `K`
/// it decapsulates to.
struct MlKemVector {
    alg: &'static str,
    tc_id: u32,
    seed: &'static str,
    ek: &'static str,
    c: &'static str,
    k: &'static str,
}

/// The Wycheproof ML-KEM vectors used here (see the module documentation).
const MLKEM_VECTORS: [MlKemVector; 4] = [
    // ML-KEM-512 tcId 1 (CCTV/strcmp: implicit rejection).
    MlKemVector {
        alg: "ML-KEM-512",
        tc_id: 1,
        seed: "a3896e30892230a6c1dff667f8caee759ff84a08e3462ae484fcbca9971d7959cdc6c5ec65f10a5a24b5145aac863232ee3b2229ca3a6c4b9c8a2dafc315d9d4",
        ek: "871b108fd980108768612345f2fc7317216f55576f914c3ede67878ea89046d636572ca78fd67a4efc9b68e462853b2ae8dab001b6059c390916fccf45bba50b85b7e12504ef931c52030a4efb31ce978866ea0bece660b16700d9ca4fb8eca335cb2395478e6bf845eba6161765c479e0a3c0b64773b0a8f9191789e0b939cbbce7f80317e569a96c7c3ba2596aabca4298c2383ab539a05232f990af03b936d18cb6378363523ccdb75ef237ccf9774776ba0e219c97726c6f82b3168e49081d7b358f6c2dda287796a99775e60de716ae28385b8270451b3a2b8dbb267a8a37266c70718ac30303cad7e5908d0b09897bbfb18c25975bc9f46909df4b3451dbca7a3498eb253bb4246721685b762086b903b6f6a86b2db894cd59567ac9b18a82c5fa67306ef3cd7aa5c82d46aa73111f837c2eadca7b1bf6ba81f769e0530d44b21f5ab161a159014c14ad7292b638b86e548a5c0de9300df1416e619afbb01a77588cd3e1a17546be6af108f8d3ad87429f6dba298d8119a4594310f874def0a9f3f5a20748cde73218e91b428a629e6cb24e611300d9155f6d16c6398b7d2615a0bf486b9ac1c32be69b2212baff1c5ccbb0c247075536f2bc28caa954064bf5f3963060ada289ab5a58628959347356a7ba4c84051a65547a3b56a738eb9acc0d62213cf1291006a502ec7296b42e989905a08393278480290887958c4155a975d37194d25b146344b012318a3aa98060c64946191a871408f6a0917cab9227b956e4dc8081c96b50927944381631237302a0c960a33678a268f2139ca0b5b44203863cba6d2ab37c78b369a4ba5256e173a274567b536cb0d5b6d47b3d8ad738fc022792112a4ca09389b9c1317b2342a5c4a444c73f36468529806842b5297482fb001ceb28b1be8299e612985957bf7ac16cf7e609fe532a33f25690186616762c680b1cb1e986c5f55c37a49bc32219faa8ada839937ac56f7587ac51a12abfc8be413a9b915b4c455ab1e2dba776dc8633083646f7cd95437b129095e75510dff58fa4cc6c3f4531211a3a161418b7da4e6ec8388b0197993898783d963d109590d4ac0092189baabef63fcc3df15b0ab3099078c9580b198e11",
        c: "00ec7fcdb617629fead7f43cf59a7d3a0b946b5c5f472407812c15c44249e52974483eb31fb6ce5e15728708ef24f78bb61bb5c8b6ebb4e8a96e5b898e069c499c44a57efb0907234597e810f4de40d85d6eacd775b83400937ac863cfe5d406469b8d3ca4f6dbe0aced60fbecb32588f1ddaaa08ba5c5b177ab51b548d8ae2218eb2d9b02b31cb4bb6e7754b6a74856316ad3e0394025f750412023a74ab851fc03171cada993c6469fa254b5d384edab1efe8f2efb6eba37c7ba7434bb243331938849114ad398cf91038fb96c30a712f47e1c7183956838d487016f023bd9900a94c606edaa42bf0e67f2aedd03f5a581e55af29e24af061ba73da64c3869d7598a0c95c3c8330ecb4481cab2c85ccaaa366f99f3bafc980362f4d701a233d0967ded78e4f1874b42cda774b888d31f1671d6567d1636d5b2bcc117e2a256f343541c3e173e900b6d6c71bcd55479d23dee6b54e2fe32303c7955fa5f567894605ed75e65e54858222c0d065ba9231fcd82ab86af63c242d10d1d30b4176e2bb8169fbd7f03cfa044098853382083284ef8cecf05f9d0bd3d9af84f6df551e3d11e9281794d36a619f61e47901ea0dd695782241250f0b5c2a20d76d3afefcb11d015179d6a9a74121c448e315f507cb29add40da4eb05cae27320c4b18a25d7af24ac7b0bdf7382143d4d02db3e7d016f9ff5638e0df7968f785ac8000c7545a1a70d6fd43cc3ba28d82e9eb6ccb391e094ba85a49ad6e9f8fd8faa9954062a5df13c69847bee485bc6624b40b8128fe911231b4ef9b4a22ced4f8140df65a5b8180665128273fde02955a65921f0d1be139fbe1edf0ac01db1d2a5ffd95d63d33b0a7627cab4bcd37647238c80197d4fa88a7e34d4caa066dba2ae6fefff6a1e804a72d49ed443c29b2db313fdf25d98d0dee992befc4572f8b1eee0db7227b6e202ef69ea8340ae3690fc064d3edfd8d067934db3061767e4857e805e888294efa7248743fcaa1e01acdaf491de408c58869bc9624c951103c079793be1edfa9442df4dece40eabb99e9b01410fc0108b26a13cd424cd9a9de5bafa1fc",
        k: "cf3bcfeb2679cb43658fcdcd01aa1505bcea1e72a165ccac7bfb66d9dc0c0e90",
    },
    // ML-KEM-512 tcId 2 (FIPS 203: official round 3 seeds 0).
    MlKemVector {
        alg: "ML-KEM-512",
        tc_id: 2,
        seed: "7c9935a0b07694aa0c6d10e4db6b1add2fd81a25ccb148032dcd739936737f2d8626ed79d451140800e03b59b956f8210e556067407d13dc90fa9e8b872bfb8f",
        ek: "400865ed10b619aa5811139bc086825782b2b7124f757c83ae794444bc78a47896acf1262c81351077893bfc56f90449c2fa5f6e586dd37c0b9b581992638cb7e7bcbbb99afe4781d80a50e69463fbd988722c3635423e27466c71dcc674527ccd728968cbcdc00c5c9035bb0af2c9922c7881a41dd2875273925131230f6ca59e9136b39f956c93b3b2d14c641b089e07d0a840c893ecd76bbf92c805456668d07c621491c5c054991a656f511619556eb97782e27a3c785124c70b0daba6c624d18e0f9793f96ba9e1599b17b30dccc0b4f3766a07b23b257309cd76aba072c2b9c9744394c6ab9cb6c54a97b5c57861a58dc0a03519832ee32a07654a070c0c8c4e8648addc355f274fc6b92a087b3f9751923e44274f858c49caba72b65851b3adc48936955097cad9553f5a263f1844b52a020ff7ca89e881a01b95d957a3153c0a5e0a1ccd66b1821a2b8632546e24c7cbbc4cb08808cac37f7da6b16f8aced052cdb2564948f1ab0f768a0d3286ccc7c3749c63c781530fa1ae670542855004a645b522881ec1412bdae342085a9dd5f8126af96bbdb0c1af69a15562cb2a155a100309d1b641d08b2d4ed17bfbf0bc04265f9b10c108f850309504d772811bba8e2be16249aa737d879fc7fb255ee7a6a0a753bd93741c61658ec074f6e002b019345769113cc013ff7494ba8378b11a172260aaa53421bde03a35589d57e322fefa4100a4743926ab7d62258b87b31ccbb5e6b89cb10b271aa05d994bb5708b23ab327ecb93c0f3156869f0883da2064f795e0e2ab7d3c64d61d2303fc3a29e1619923ca801e59fd752ca6e7649d303c9d20788e1214651b06995eb260c929a1344a849b25ca0a01f1eb52913686bba619e23714464031a78439287fca78f4c0476223eea61b7f25a7ce42cca901b2aea129817894ba3470823854f3e5b28d86ba979e54671862d90470b1e7838972a81a48107d6ac0611406b21fbcce1db7702ea9dd6ba6e40527b9dc663f3c93bad056dc28511f66c3e0b928db8879d22c592685cc775a6cd574ac3bce3b27591c821929076358a2200b377365f7efb9e40c3bf0ff0432986ae4bc1a242ce9921aa9e22448819585dea308eb039",
        c: "113db2dd06871235e7bc36c9dcaa528fc26ce5db9ecc1dc32e957d7ffb3c7429d50c3c3577a515d3183a1b9d267b936b7eb8f543a3afb77765ca7938f78aa6438ce80a06a6966d0d06af75ba3e0d4f37bac73369f5a729f73e85729edd97c8c2a8cc2619e4cf7b6091869e909fd47d9709149204b0837d8d6f25d267972be63bad34b544523c01c09de3b1fa1d6b7b059eee9e652062fe870f68c68005339ea181e1d0767c152aeb38faf0f9245ae59d5cb0d2b7f201229ed97020d0623a46100d097b0ce1154e028ae6194de05de97dd9ae2e85ffd25d95eb22effe5ba19cd807c530ebaa9fe9f642ccacff47ed15c22bfe3036ebf8ad9c8ed23240aeebaa24d135755100b85ecee3174906e46312062ceecac75de5275256c2c1a653fd6915b1b30c8ecbb6fd4280437453173a96238bc7d108892343e033bcd98e437e789fc5bebaa12b2634b51ed0d589f11143a021d8ecce594fdd48dae84c8063ef3581bc378a48da4e51bb175b0db47f9dcf99318c30225ca7fa79c879bf1c9397b5ccc5efad94c500ed7f9f385d088e34932221fc0fc9afe51f6875548131697695478abdc8736f10095a6b92ec679fe0e2ae5d8b335355d58dae4d4f0b17aa5d1e52f1d45584a892c34ce4b04fcd00981d51caa16064bad92d019dc3aded919684112b29daa28b9dae09b86b21a93310d5fbc6527b224b9ce87d2782bb294673f0ec06f26b087652a18d6ad7b1c93303ef0561c0fc9cd4f678f606f192cf5df92b1548f5dd2687edbeccfc6d4e9de4bd50d3c74fb275abd9b3e90277db4a0069c0a2a7136f50cead4b2f1995faaf168040e9e4beb7c5722049d6da6402992fcea45097df7c1c20fb068222000576935a0806773451921f54c55fbf593a4f147c1fef3acaf0cfa907ae48c8c06312cfdf5186904bec7fed4ed933c9256ab04cbfa03a967c1f7ead4ab40df116be660e27ca2b543526d4b9684c31e1e42383b969f896299d71390cc85b703202acadecfa8c40965c08c53b5671e0d59455bc5a8586c655db8c2ade4ba8877f19b6000e18f8feadda7ede8fe80aa662d694c6d8c33b52",
        k: "319839e82ab6b222de7b619e80da8391522bbb37677018494a4742c53f9abfdf",
    },
    // ML-KEM-768 tcId 1 (CCTV/strcmp: implicit rejection).
    MlKemVector {
        alg: "ML-KEM-768",
        tc_id: 1,
        seed: "cbfc4405d1b2a3a386c94c25e0f2d5f5ee92cb0388ff4d6aa04223086d51c3fd24752da14c9fc3b8ae0d9e4a8b1016b8d8fc69e229c03ea2ef08a4ae0cffc37f",
        ek: "8b9a7354e8c1c17a9898f96caf99bba1c625ae0983c4d26e60c12f59bc25d756182b17979e713fff129e6c336a2317770380858129cb91a902ea5455ca076c20e4158f393aa2783053d8acf92c3286a10436d72af3e8903ce22f8cbab18b1309aca205aa8a3da45807e5b60e6967a640a713a5b81b0d82bc406934e3c88910cc06f09a68bce991009bb56ae233296218ff5baf1f475390b8b7494a4e083645985437f2495a073222fea058e1672034151a2e14c2cbcb4ad9068c8e7bcb02886c4087c14bd8823ec66393fb2e12326b38e655dcab1c13cb2931358715c8be5153293229cc994a5702b7295a6a4a73249ac5a30a32a6b91dca768c177d8fa59054e548bee40257db6962a83b64ec6de0d3be7b1812c5d99e7a38cf54eaa8413aa0bd02bf374461f29c2b6aea56f7d33e10dbbc75bb1bf6b555213aac33e652443a186a618b6e9a293919693f1673ea159d0ee52c92d53e9a5cbd5f4c44419b5493f0286efcb9b5a2ad56a713c4f61ed431aa987805a90475391ccd4c7a28d884bf1a926b7675b9208897a89a6384c154acca3521c32a994949b2e80b2ff2518c0bbd34184cda443de498a05dfba9ce701bb914179a0188be0bcda6fbc2cd93afb042481b4a84d821160a1b0ade8bcb97dbaf681547cce0bca674151a261a21aa04fda318c921c38425b775b995cd7b4eb6369f0b211da186594de815fa3b53a68043e1946468a5899b90578ad49397306f71acab67c258fa17a31893b72d22151ce1afee150fe550bffde8a24fe4740dd43f387c7ad20b5cca5997879536c3071574901147727341c1a6fc8043e6454903e88217f0c92b9a4ac54a86e7909390878a35ba18c1e26b13049f41c522bc049d74db6f76caba39f23d8f07abc26a07a1caba71cb5c12fbc20a715450b2228d17b2ba985cfe2496b033b55f300baf992964388a5422298f627ba567730ddb03a195806a5c23a1d315481c52814b0681ea3c804b02c90688c2fbbce9b17d230a42f8b865417c9e93347f5ff624879962747c7eed886acd48a994b22064ca499c69aa4825be60260d12f63102799828b3ccebaa4340b749605017eb4598ff13a634500a48470de9078a34106267d25a0b144d8cdb1a4d527692153da013c0ab27ae2ca955e7c66238746022d50630892933a05c283a9f4c00c9f984646f75471081722ed3404ce60fed4a06702b8728b62d920b3224206ab0a4694f9c18e3162b529c16af04b87b4a61cd53a757906d67a139629585d423a3b0986f29c95984e2095ea4608784b0b31c20cbc36cfd60b773389fe5a8c0958211a35b2c45f21f51a08693c19bfc388c2d677a214ccc5a7cb0b67030fd6987503c91b0f2646985a9048489dd882bd4141f5419554eb738fa7333c5c57a4ce5541fd6b8ad454c2dea67ad1c6f848c0a44a1872e40a17d987075d762ba5aaa21d435dd079b989a8ee21a2ce898934a98a02d5b381c302a2d76948fa65de15666f57750d580ae1a541c700692dd0b0a6799b5cdb893413bb89bb65182f219a4bc3c80b43bb591bcd05ac6e9a366552558ed5c5fbe7b4acfc7b23372094f6a87f26c0c46646c55a888871324fea7536e586a5149b9b707c86ea076486a6822b9bbf59fbfcaedc13284b9813cabdd526e326a6832d3b36efc3102ef",
        c: "00e96c44eb5f5380d80b4cb05d608971a28fbe838b912b558bf9676c6c67c9692ed6ea063fc47b70d5d6004825c269b9cb8e68b5728d67f44844d97686a11154e3cbd4a6f9e47524d93d851bdce480d7762ded09be53d17cce3ee28dc5a06911c062b99b218355dd5822108c55e2c67f7ea0b74b6189b33b4589d8ff9d0c867d13edaaf1c5f724675320beda3e6acc673c048fa04a1b30f899227d5a555e08a412a47b7db75eb118a8844a71b186880426f6bb6e77186d18e753cbcce93c9fb76c729875b4d473eeca8dab9941969faef04df9ce3178e7341eab416d28bb7aee12bfb8f4c3df814eff45a0187329079acfc41a8e8dba7b08d111f02e37a1d2b69e57eef808fcc6ae23385534a420a93dfb6a95c73e2f1016177c4fe9d3ced769e277293aaceded6d07efc7890eaa885bd1e73f9e5da2b9cfda0d44cbc9090705ac2ce3e7bcd7775b593c706e45ddc97d3a65d9b7e73673f9473df5bfec689671f73e7f6ee77c730a8ebda1f0b2c112a71904d6f28a51d8d479f8323fb485e722f5c4d5857e95989a9cbaf273efd04fc3cbde98baa9969e095e88accecfbd12ef2155497a5b15fe91a70d1106b91a568363bfc2d6736cc8138cbc41ddf1e54fd40511e27d89e2c26c027b63c156e2bbb998faaed3d72186f0cc626dad39a782dcda2087fd13a9498e10b41b685646a227ea1166a5632c195983f4aba2b718b4074030d57126d34c38349892007acbea9e393b967dc3146b270f080a1f0bee90d65a095a6352a7718ed1717a8025a2bd38c66d120baf4247676a1fe044a57ce268c078f8ff46cc26fe4f9c7a03d6467adacb8418d26273662bce1f7bc00b906e0088e95dc0fb419e2232e85aac77b9e7cd563e604de5e1d3e9693dcd3b19865cf4250773691e7e0af9c2755cd31f49d1f96708f3ba2f0b98184525abb869e12d5cea0ac1740181a875035300b05a54b8d42ee3b4ae92b06e43cd807e2b096c977f23c61ef8c989c52ed83754076dea1323f639250bef61bdf903bf7961cec89ba6942d9d0647ac9c8195d93ed8abcedf25754644035719a5a0a1c8c0798912726a9a8258e4c10ae7485322ed9ba331f6f090c4b492a4fcf53d753cd34f28ec0443fce0724f43c89a3942169d5099a8f7430f38691ebce2e3fe4f600d82c7ccedf60673f8e5d4c1a9f84b8b5b23f5ed63defb6a7205e0a8b105bdc6ff4568fc78cb4456b02fedb7f4c48f6fd6b69216a3319821039db40e19a31a0b0c9d471d5a7a73865d26f8be3595525b1ec4a8579efd07ea98e2602e2bffdfd8febc5c7b4c736d326b5030ccc6faf9420a9c156a8f4516b9fff675459dfdcd4ef85d7adbdffd60f4a39628e399cc752c2e99ab2f431dc765e7c9d206bfe32649fbef4ef48b1d7936fc74766d724350ee2245a8d5f23fbc6c7ed8b57168ce1e864e49d7f8c475dcda140bd42473825b3c72eb8c54780188813011e1962a503f9b516e13226de6375b204733b0192183c8f55e870e61cf8947c3191790bc0b657bc43aebc9d86c",
        k: "76c10bb1d86d96d7eb18e298363e51f7728e113f455df7d15017940ed3541451",
    },
    // ML-KEM-1024 tcId 1 (CCTV/strcmp: implicit rejection).
    MlKemVector {
        alg: "ML-KEM-1024",
        tc_id: 1,
        seed: "8247c17686a8bc0b3afebe6bed1df1dc3ff7fa07c3670f624930235f20aecb4353ece11faa61f47d946ee501abb9a48029096de63b243a1794c4a760f98cc157",
        ek: "a22bc758f65682632313e5c786952a5a144e9747791a4a382c74618b879e6fd8584dc42fb103c6537384906108ece36734510ab6fb5fc68baba2eb9cdb893ef0bccc0e1a90287213ebf25b4455056055993516439af9b45fb441187b2b0169734809497e24821a888b3502469af74023b376f62b03e3e00259f0540bd1163b67750f8a75eb127bec50031619c1bc362d2ab844baab68925884be574ea5d2cc8f694a37503592d2107ab47ba4258b9b3ab0eddc9c4d1402785665d783b298004feb196c48228cc3a684d6950ae688054f5acb35b09c3f290a76470f548674ddaa92ff808d7a091f7795cd75503d5d6982275c01581c1d22d491d2222e97e172809bc9d9c8c6c3875302a03901914017326440faced5bac1dcd2a9014b426f764335f31fd41a05dce58a731bb6e362a61d712303ba1ca4eb0998e507304b6f8c887254261ab4fbca4a198bac4792894a974dd203cf7c9ab58b9402f515aac64641aba6ee133572835f31b4ab6178ccf5c2a9ca875d8d9866bf8a282c49cf3174a89c415926f5155516baa34aa4c3b47af49ac7c6dc9323c45e69a47d79045d66181041da3cef619449c004bf314ef8a6a02a0819a6511dd2eb88e7336a01b947a1b5618e02865d8a9db031be34c1259fc09230f43d294baab64c5cd348563309564cc30912e672d7eb0ec43a7c8f94c89ab99bf4fb852fe661b4c37d6058312c9a7f3b33ce9103625d886869d79f98c6047555310ce6904ddc050d37b8bc872d93951b703b961773696238b890a0971e90c005cc2e75628746b599f878355df2b355153b282b4dcf7b7c3167cfb48bc6002861f5d000a373239166449a67718a1b9dbb43ce6c18a5be227e23f999c8bbb1de6441a6e1193b5176bba03c4f8c71fdda29ee18c336d120d0c331a0a622c1827166c1aa351bb7dca69d84bb9ec692ca62812fbe4a5f89a65ec5b6a6eb976658585f5a63541a23242f31022c4c44db400dd292227b3976cb741e708369370c9555297433b67da83992b1e06d791aa6faa34a040332cbac151576a51c794e2b791dc3740e0f0136fb2137685ca71b3626fb6a51d8417df2408346929685371dc1532093d38176fb8c670b7a7236bb9035923280016afb5070bb559e78a89bd6c5fc36c87e0a5443587c879aa94368ae6fa6690d38bc18274bab0b4b0f01accd95c0af0ba048a76880b8c842430c4541bdbdb267d39498fdd35907a58faab500a710742a63179d5c15fad0bace8bba301935e7b195794597a206a9ad83ca73b66c18f1a25d6813a242a4d082b646d488bc63852df5b69ef08510a657d3ba5954b6a4df752237d8c5d0a429baa14be2f824e16ca19e694de9c6251cb90958a03159914243dc5e272438e2a6500970b55390b02c3b5e52ccb7ebb2099f646f9518376417896e837c16f783ce568d59e6c6e2068892936b6e584a6d2233e7d98506b740008b6d14e29cc878170c966f80f3c76cb96d3e7665eba6067d996bdb16a45c094d8563958a1015ce833b3cac29d4bb3e970c0d7ae654451b378a1027340b5471790ea68575d200c8af88777e28a203c4b36b0512de6607436a34d83a6691882aa5f81c83649f0370be6b743140fc62db1527d220cf6b66870dc674660b5856a34766fcc66f7480c383c904fc124bc608a38246ebe835b3834487611b8d262578364f5849c94437937fa47341a318487a23129c3636f050a0d693a7cb89f36c78502487a691142ca88d8975b4a92417bed59efea73fe3892a062ba384d404887c498909212a5c913e8953c4d50d87faa6bb9c3536582e39b69cfa59240dc881fed2b9450aa1715b88805966b5e52505341f98f728ef939f7917083057a42c40ce9f364117d6b9752179f8d22c4ba3b00de31363d56ad69b92db30ae809036b93a5437598abf115496126dae81875d633e47d49c27911892a885efd78122b90712d3576d864701a469a25b34d904113629a3231b20cdd5a2ede1188e0c411e619162820ea6f1009bf17f32e36fd716098b384013e60a85572d217aa1239507efdc0604379592f66de032372589404952c87552b5c3326d4cac0172c74254b792463ca428d334ee419994eb501b07789349b1d0c16a352ac8fef45d30da79cfa53147529149bc69b594745ff86e2ba862d128410ed993d5e6b3f011342518beb7be48573d1adb2b712ebe6f7b79802ff3",
        c: "001d80376f40a555c9590838e4dd953cfb9a30edf7768f0f35b298c69eb459a42e081f79b419391b14347254849f1ddeac6d03975f22c9bd0e7a27cef18432e1d42b75d3845130cec8cd2387007116f7b21f69d196eb3340a44d4b3d92b2acfa420ce4654063d0e739ffb9238990c117454ed017d33bd63bc1c2da9adc52cb0fa2dc90f6f7482e3072f4d620d65afab8e908943dd7a4e91ed4e12b9147656a8fe758abdfa2d5d2d810edb4409ab09332b9dddccdc6cabf8d89633c609a0a005af2f4fac6baf70315103825531f513f9fc9f6d088cf28b54ff6fba4725e6ee291131b778058a45ed49bea10c1aa0aed05796a3bc88a1a45bc63a01b3646521e7968bdb0eab72758a6f025411814013e123fe354484f4380a218f6f0b6876bf4a225766890ab191b6ffdf84fc19521533b58cc518a5f40d7e2861e9a51c297e3abfe8b36674a066bdbb52390b6e2c91d0a6e1ae66210f3e700344d1a75978945ac9ef7fe72a7c1f6939690cd33e11ef3a9efbb9dc3285254af07121758aad87d34a85231b63f23a6b81a2e5bd232c0138ff574417d2b1fcbde45b686ed6348da7bb2cef151285ee52f4e0e214139f812a68df69459706baf85e31a0073623c7faec1c0b99d86d34fd3a7145210c1870f37687f8d4c94849a22dd1099cd8c730969fcf8e1cc4c1af623f89bb0f2e3b6e4a4c37b6d4d7c8f66df8c384c66264e7a4b35e893cf7424642db20a844aef74a12f1dd244bd331101486babee54b326440f9f9b97e1f1a603146b42b8266a05781ec8bfff57bab186973a9b7bffa60ff246a01d2c9259950e94e9df25dca30c59890280636dee43f83510ddf7de2a5f77a78854cde70ead0943bac7895ee10d363a9334a1d502c282671161a2355f1d4be99a1f9f67e687b9851caf8a3db107940b1ab4481084f8a96053c6205a207ca19043f8d20090ef245557c6b7c1bd2065d2db7f8343acdcd9f7341491c665a8842c19e19d12ab36b01ec68c95bfd9226aa10370ea1b71f08b326f7817a96c53132d7b5004fa00ecf1d6204198fc785b05438bc687cba235e5c2211d8e1e1f211664f240c3c2e4f4a1990943ec83ad80141beceba6e31384c0aa148783872593c0ce9e002cb2af6de35845dc1fcd6e7d5da96b6e8cf3a4cab1d6490ad18203cdac1a77f608c8460d21230ac8470f841c6c17f5a1faff871c27c5a9e0e93a20b5c1e17d8f7a5c74065ab192c33d08d0c603226a01b9f5976e0f06625baa7f90554ee805d7ee242cb54d3183758bf948ea31024fa3aa368cfc8ba7df1474a4388e84e3f79617080a96ce3af88ce5e1b9ba02871c2e6a54d0fc05050295f5f9a638a63c51428bc935c7f539cdd90a5501b8832a3bea490657f026ec6745d4b30f518e6f4b2bee0afb65b34df1d81a4751aed0865b9cb01f4cdc65cab3ee1b3e988b23c0f2c63cb16e305d4c7b69a2ebac8471d6d61412004bbbd4550debbf64c49f5975df1f4bef53281fbadda4a5fb7dfa63e7261499a74c7f3af2026a997c1fdcde6c07fb3ce720a450f9de6970d6121706245e4cd2332247c6cce84085afbf7fab4f7f1fa98626646630e48e2dab8cb21661c306a22ebd7243beb7fc3c6cf57088a40d05c2381fef655c42817f1bb95de7d20f38d02fc1e3b2d6852b2a8f3a4dd4a262ada59f48482e44468c10c0506368c305ee4efc93d60adac26c13258739640890762077e771ecb57c01efbb895c65a9eb1a2c479f1ad7434377331738a2034840682de3ae673ce47e3e54172556a3a543066fd5e30473c33641ffe90144bbe15d68b5e8ab9c063f48edb3a4480356e7a7ddef32c60f0edffcf1c5fef4eb488476794f42af7b66eb01b19bfba59cacd157d485037b2c383add0cf2ff727c1056a466930e46e3f081af429a45e5ccdfe8e0f3c210474eb0156744c7d5486f761910083b6a8fba1898a52b112b96b4b3387f2f3e4000aa0854781b029e8c01f3f09f0cd361eaaa56a89b2a054a1805248e89ddc32dc8a3e53333595686e4e7b076340076a29c1c0f4f1232af35527e8d35f887e7fe524991b5b74da3b02dc26f7227595c096fd40541b86e7f0705cebd4c2a134c14e8f9eef94fa609a305e6a429f290404f1043c1666387df4bafc2308dc4eb2539c01dedc23d9c2018a9c5cdec50475a8f8ee32d9d13d79b304dcf69b949be7877fab4752b45b9ee04622123db",
        k: "c6338bf92f3930b95f81d87fe669fabc42aaa549e8fecfbfdbe237d739fe4d96",
    },
];

/// Wycheproof: the seed gives the published `ek` (secret key, key pair and derived public key
/// paths), and `c` decapsulates to the published `K` — including the implicit-rejection cases.
#[test]
fn mlkem_wycheproof_known_answers() {
    let mut ctx = CryptoCtx::new();
    for v in MLKEM_VECTORS {
        let ctx = &mut ctx;
        let (seed, ek, c, k) = (unhex(v.seed), unhex(v.ek), unhex(v.c), unhex(v.k));
        let sk = sk_import(ctx, v.alg, &seed, SecretKeyEncoding::Raw).unwrap();
        let pk = ctx.publickey_from_secretkey(sk).unwrap();
        assert_eq!(
            export_pk(ctx, pk, PublicKeyEncoding::Raw),
            ek,
            "{} tcId {}",
            v.alg,
            v.tc_id
        );
        assert_eq!(
            decapsulate(ctx, sk, &c).unwrap(),
            k,
            "{} tcId {}",
            v.alg,
            v.tc_id
        );
        assert_eq!(export_sk(ctx, sk, SecretKeyEncoding::Raw), seed);

        let kp = kp_import(ctx, v.alg, &seed, KeyPairEncoding::Raw).unwrap();
        let kp_pk = ctx.keypair_publickey(kp).unwrap();
        assert_eq!(export_pk(ctx, kp_pk, PublicKeyEncoding::Raw), ek);
        let kp_sk = ctx.keypair_secretkey(kp).unwrap();
        assert_eq!(decapsulate(ctx, kp_sk, &c).unwrap(), k);
        assert_eq!(export_kp(ctx, kp, KeyPairEncoding::Raw), seed);

        // The published ek imports (it passes the FIPS 203 §7.2 checks) and pairs with the seed.
        let pk2 = pk_import(ctx, v.alg, &ek, PublicKeyEncoding::Raw).unwrap();
        ctx.publickey_verify(pk2).unwrap();
        ctx.keypair_from_pk_and_sk(pk2, sk).unwrap();
    }
}

/// ML-KEM-512 example keys of draft-ietf-lamps-kyber-certificates (Appendix C): the seed-form
/// private key imports, re-exports byte for byte, and derives the published public key.
#[test]
fn mlkem512_ietf_pkix_example() {
    const PRIV: &str = "-----BEGIN PRIVATE KEY-----
MFQCAQAwCwYJYIZIAWUDBAQBBEKAQAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZ
GhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=
-----END PRIVATE KEY-----
";
    const PUB: &str = "-----BEGIN PUBLIC KEY-----
MIIDMjALBglghkgBZQMEBAEDggMhADmVgV5ZfRBDVc8pqlMzyTJRhp1bzb5IcST2
Ari2pmwWxHYWSK12XPXYAGtRXpBafwrAdrDGLvoygVPnylcBaZ8TBfHmvG+QsOSb
aTUSts6ZKouAFt38GmYsfj+WGcvYad13GvMIlszVkYrGy3dGbF53mZbWf/mqvJdQ
Pyx7fi0ADYZFD7GAfKTKvaRlgloxx4mht6SRqzhydl0yDQtxkg+iE8lAk0Frg7gS
Tmn2XmLLUADcw3qpoP/3OXDEdy81fSQYnKb1MFVowOI3ajdipoxgXlY8XSCVcuD8
dTLKKUcpU1VntfxBPF6HktJGRTbMgI+YrddGZPFBVm+QFqkKVBgpqYoEZM5BqLtE
wtT6PCwglGByjvFKGnxMm5jRIgO0zDUpFgqasteDj3/2tTrgWqMafWRrevpsRZMl
JqPDdVYZvplMIRwqMcBbNEeDbLIVC+GCna5rBMVTXP9Ubjkrp5dBFyD5JPSQpaxU
lfITVtVQt4KmTBaItrZVvMeEIZekNML2Vjtbfwmni8xIgjJ4NWHRb0y6tnVUAAUH
gVcMZmBLgXrRJSKUc26LAYYaS1p0UZuLb+UUiaUHI5Llh2JscTd2V10zgGocjicy
r5fCaA9RZmMxxOuLvAQxxPloMtrxs8RVKPuhU/bHixwZhwKUfM0zdyekb7U7oR3l
y0GRNGhZUWy2rXJADzzyCbI2rvNaWArIfrPjD6/WaXPKin3SZ1r0H3oXthQzzRr4
D3cIhp9mVIhJeYCxrBCgzctjagDthoGzXkKRJMqANQcluF+DperDpKPMFgCQPmUp
NWC5szblrw1SnawaBIEZMCy3qbzBELlIUb8CEX8ZncSFqFK3Rz8JuDGmgx1bVMC3
kNIlz2u5LZRiomzbM92lEjx6rw4moLg2Ve6ii/OoB0clAY/WuuS2Ac9huqtxp6PT
UZejQ+dLSicsEl1UCJZCbYW3lY07OKa6mH7DciXHtEzbEt3kU5tKsII2NoPwS/eg
nMXEHf6DChsWLgsyQzQ2LwhKFEZ3IzRLrdAA+NjFN8SPmY8FMHzr0e3guBw7xZoG
WhttY7Js
-----END PUBLIC KEY-----
";
    let mut ctx = CryptoCtx::new();
    let sk = sk_import(
        &mut ctx,
        "ML-KEM-512",
        PRIV.as_bytes(),
        SecretKeyEncoding::Pem,
    )
    .unwrap();
    assert_eq!(
        export_sk(&mut ctx, sk, SecretKeyEncoding::Raw),
        (0u8..64).collect::<Vec<_>>()
    );
    assert_eq!(
        export_sk(&mut ctx, sk, SecretKeyEncoding::Pem),
        PRIV.as_bytes()
    );
    let pk = ctx.publickey_from_secretkey(sk).unwrap();
    assert_eq!(
        export_pk(&mut ctx, pk, PublicKeyEncoding::Pem),
        PUB.as_bytes()
    );
    let pk2 = pk_import(
        &mut ctx,
        "ML-KEM-512",
        PUB.as_bytes(),
        PublicKeyEncoding::Pem,
    )
    .unwrap();
    assert_eq!(
        export_pk(&mut ctx, pk2, PublicKeyEncoding::Raw),
        export_pk(&mut ctx, pk, PublicKeyEncoding::Raw)
    );
    let kp = kp_import(
        &mut ctx,
        "ML-KEM-512",
        PRIV.as_bytes(),
        KeyPairEncoding::Pem,
    )
    .unwrap();
    assert_eq!(
        export_kp(&mut ctx, kp, KeyPairEncoding::Pem),
        PRIV.as_bytes()
    );
    // The same through a different ML-KEM parameter set is the wrong algorithm identifier.
    assert_eq!(
        sk_import(
            &mut ctx,
            "ML-KEM-768",
            PRIV.as_bytes(),
            SecretKeyEncoding::Pem
        ),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        pk_import(
            &mut ctx,
            "ML-KEM-768",
            PUB.as_bytes(),
            PublicKeyEncoding::Pem
        ),
        Err(CryptoError::InvalidKey)
    );
}

/// A well-formed ciphertext that was not made for the key is not an error (FIPS 203 implicit
/// rejection): it decapsulates, deterministically, to a different secret.
#[test]
fn mlkem_implicit_rejection_is_not_an_error() {
    let mut ctx = CryptoCtx::new();
    for alg in MLKEM {
        let kp = ctx.keypair_generate(KX, alg, None).unwrap();
        let (pk, sk) = (
            ctx.keypair_publickey(kp).unwrap(),
            ctx.keypair_secretkey(kp).unwrap(),
        );
        let (secret, mut ct) = encapsulate(&mut ctx, pk).unwrap();
        assert_eq!(ct.len(), mlkem_sizes(alg).1);
        ct[0] ^= 1;
        let rejected = decapsulate(&mut ctx, sk, &ct).unwrap();
        assert_eq!(rejected.len(), 32);
        assert_ne!(rejected, secret, "{alg}");
        assert_eq!(decapsulate(&mut ctx, sk, &ct).unwrap(), rejected, "{alg}");
    }
}

// ---------------------------------------------------------------------------------------------
// (3) Round trips: every algorithm × every supported encoding.
// ---------------------------------------------------------------------------------------------

#[test]
fn round_trips_every_algorithm_and_encoding() {
    let mut ctx = CryptoCtx::new();
    for alg in ALL {
        let ctx = &mut ctx;
        let kp = ctx.keypair_generate(KX, alg, None).unwrap();
        let (pk, sk) = (
            ctx.keypair_publickey(kp).unwrap(),
            ctx.keypair_secretkey(kp).unwrap(),
        );
        assert_pair_works(ctx, alg, pk, sk);
        let raw_pk = export_pk(ctx, pk, PublicKeyEncoding::Raw);
        let raw_sk = export_sk(ctx, sk, SecretKeyEncoding::Raw);
        match alg {
            "X25519" => {
                assert_eq!((raw_pk.len(), raw_sk.len()), (32, 32));
                assert_eq!(
                    export_kp(ctx, kp, KeyPairEncoding::Raw),
                    [raw_pk.clone(), raw_sk.clone()].concat()
                );
            }
            _ => {
                assert_eq!((raw_pk.len(), raw_sk.len()), (mlkem_sizes(alg).0, 64));
                assert_eq!(export_kp(ctx, kp, KeyPairEncoding::Raw), raw_sk);
            }
        }

        for enc in KP_ENCODINGS {
            let bytes = export_kp(ctx, kp, enc);
            let kp2 = kp_import(ctx, alg, &bytes, enc).unwrap();
            assert_eq!(export_kp(ctx, kp2, enc), bytes, "{alg} {enc:?}");
            let (pk2, sk2) = (
                ctx.keypair_publickey(kp2).unwrap(),
                ctx.keypair_secretkey(kp2).unwrap(),
            );
            assert_eq!(
                export_pk(ctx, pk2, PublicKeyEncoding::Raw),
                raw_pk,
                "{alg} {enc:?}"
            );
            assert_eq!(
                export_sk(ctx, sk2, SecretKeyEncoding::Raw),
                raw_sk,
                "{alg} {enc:?}"
            );
            // The imported pair works with the original halves.
            assert_pair_works(ctx, alg, pk, sk2);
            assert_pair_works(ctx, alg, pk2, sk);
        }
        for enc in PK_ENCODINGS {
            let bytes = export_pk(ctx, pk, enc);
            let pk2 = pk_import(ctx, alg, &bytes, enc).unwrap();
            assert_eq!(export_pk(ctx, pk2, enc), bytes, "{alg} {enc:?}");
            assert_eq!(
                export_pk(ctx, pk2, PublicKeyEncoding::Raw),
                raw_pk,
                "{alg} {enc:?}"
            );
            ctx.publickey_verify(pk2).unwrap();
            assert_pair_works(ctx, alg, pk2, sk);
        }
        for enc in SK_ENCODINGS {
            let bytes = export_sk(ctx, sk, enc);
            let sk2 = sk_import(ctx, alg, &bytes, enc).unwrap();
            assert_eq!(export_sk(ctx, sk2, enc), bytes, "{alg} {enc:?}");
            assert_eq!(
                export_sk(ctx, sk2, SecretKeyEncoding::Raw),
                raw_sk,
                "{alg} {enc:?}"
            );
            let derived = ctx.publickey_from_secretkey(sk2).unwrap();
            assert_eq!(
                export_pk(ctx, derived, PublicKeyEncoding::Raw),
                raw_pk,
                "{alg} {enc:?}"
            );
            assert_pair_works(ctx, alg, pk, sk2);
            // keypair_from_pk_and_sk with the matching public key.
            let kp3 = ctx.keypair_from_pk_and_sk(pk, sk2).unwrap();
            assert_eq!(
                export_kp(ctx, kp3, KeyPairEncoding::Raw),
                export_kp(ctx, kp, KeyPairEncoding::Raw)
            );
        }
        // PEM labels.
        let pem = String::from_utf8(export_kp(ctx, kp, KeyPairEncoding::Pem)).unwrap();
        assert!(
            pem.starts_with("-----BEGIN PRIVATE KEY-----\n")
                && pem.ends_with("-----END PRIVATE KEY-----\n")
        );
        let pem = String::from_utf8(export_pk(ctx, pk, PublicKeyEncoding::Pem)).unwrap();
        assert!(
            pem.starts_with("-----BEGIN PUBLIC KEY-----\n")
                && pem.ends_with("-----END PUBLIC KEY-----\n")
        );
    }
}

/// Generated keys differ, and names are case-insensitive.
#[test]
fn generation_is_fresh_and_names_are_case_insensitive() {
    let mut ctx = CryptoCtx::new();
    for alg in ALL {
        let a = ctx.keypair_generate(KX, alg, None).unwrap();
        let b = ctx.keypair_generate(KX, &alg.to_lowercase(), None).unwrap();
        assert_ne!(
            export_kp(&mut ctx, a, KeyPairEncoding::Raw),
            export_kp(&mut ctx, b, KeyPairEncoding::Raw)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// (4) Cross-checks against the crates called directly.
// ---------------------------------------------------------------------------------------------

#[test]
fn x25519_cross_check_with_x25519_dalek() {
    let mut ctx = CryptoCtx::new();
    for i in 0..8u8 {
        let kp = ctx.keypair_generate(KX, "X25519", None).unwrap();
        let raw = export_kp(&mut ctx, kp, KeyPairEncoding::Raw);
        let sk_bytes: [u8; 32] = raw[32..].try_into().unwrap();
        let secret = x25519_dalek::StaticSecret::from(sk_bytes);
        assert_eq!(
            x25519_dalek::PublicKey::from(&secret).as_bytes(),
            &raw[..32]
        );

        let peer = x25519_dalek::StaticSecret::from([i.wrapping_mul(37).wrapping_add(1); 32]);
        let peer_pk = x25519_dalek::PublicKey::from(&peer);
        let want = peer.diffie_hellman(&x25519_dalek::PublicKey::from(
            <[u8; 32]>::try_from(&raw[..32]).unwrap(),
        ));
        let pk = pk_import(
            &mut ctx,
            "X25519",
            peer_pk.as_bytes(),
            PublicKeyEncoding::Raw,
        )
        .unwrap();
        let sk = ctx.keypair_secretkey(kp).unwrap();
        assert_eq!(dh(&mut ctx, pk, sk).unwrap(), want.as_bytes());
        assert_eq!(
            x25519_dalek::x25519(sk_bytes, peer_pk.to_bytes()),
            *want.as_bytes()
        );
    }
}

/// Runs the ML-KEM cross-checks for one parameter set `$kem`.
macro_rules! mlkem_cross_check {
    ($ctx:expr, $alg:expr, $kem:ty) => {{
        let ctx: &mut CryptoCtx = $ctx;
        // Host key → crate: the exported seed gives the same ek, and the crate decapsulates
        // what the host encapsulated.
        let kp = ctx.keypair_generate(KX, $alg, None).unwrap();
        let seed = export_kp(ctx, kp, KeyPairEncoding::Raw);
        let dk = DecapsulationKey::<$kem>::from_seed(seed.as_slice().try_into().unwrap());
        let pk = ctx.keypair_publickey(kp).unwrap();
        assert_eq!(
            export_pk(ctx, pk, PublicKeyEncoding::Raw),
            dk.encapsulation_key().to_bytes().as_slice()
        );
        let (secret, ct) = encapsulate(ctx, pk).unwrap();
        assert_eq!(
            dk.decapsulate_slice(&ct).unwrap().as_slice(),
            secret.as_slice()
        );

        // Crate → host: a deterministic encapsulation by the crate decapsulates in the host.
        let m = B32::from([0x42; 32]);
        let (ct, k) = dk.encapsulation_key().encapsulate_deterministic(&m);
        let sk = ctx.keypair_secretkey(kp).unwrap();
        assert_eq!(decapsulate(ctx, sk, ct.as_slice()).unwrap(), k.as_slice());

        // PKCS#8 / SPKI DER are the crate's encodings.
        use ml_kem::pkcs8::{EncodePrivateKey, EncodePublicKey};
        assert_eq!(
            export_sk(ctx, sk, SecretKeyEncoding::Pkcs8),
            dk.to_pkcs8_der().unwrap().as_bytes()
        );
        assert_eq!(
            export_pk(ctx, pk, PublicKeyEncoding::Pkcs8),
            dk.encapsulation_key()
                .to_public_key_der()
                .unwrap()
                .as_bytes()
        );
    }};
}

#[test]
fn mlkem_cross_check_with_ml_kem_crate() {
    let mut ctx = CryptoCtx::new();
    mlkem_cross_check!(&mut ctx, "ML-KEM-512", MlKem512);
    mlkem_cross_check!(&mut ctx, "ML-KEM-768", MlKem768);
    mlkem_cross_check!(&mut ctx, "ML-KEM-1024", MlKem1024);
}

// ---------------------------------------------------------------------------------------------
// (5) Exact errno of each bad input.
// ---------------------------------------------------------------------------------------------

/// Every encoding of a point of small order (order 1, 2, 4 or 8, canonical and non-canonical,
/// top bit clear and set): accepted at import, `invalid_key` from `publickey_verify` and from
/// `kx_dh` (all-zero shared secret). OpenSSL rejects each of them too.
#[test]
fn x25519_small_order_points_are_invalid_key() {
    let small_order = [
        "0000000000000000000000000000000000000000000000000000000000000000", // 0 (order 2)
        "0100000000000000000000000000000000000000000000000000000000000000", // 1 (order 4)
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", // order 8
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157", // order 8
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p - 1 (order 4, twist)
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p ≡ 0
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p + 1 ≡ 1
    ];
    let mut ctx = CryptoCtx::new();
    let kp = ctx.keypair_generate(KX, "X25519", None).unwrap();
    let sk = ctx.keypair_secretkey(kp).unwrap();
    for hex_point in small_order {
        let point = unhex(hex_point);
        let mut high_bit = point.clone();
        high_bit[31] |= 0x80;
        for bytes in [point, high_bit] {
            let pk = pk_import(&mut ctx, "X25519", &bytes, PublicKeyEncoding::Raw).unwrap();
            assert_eq!(
                ctx.publickey_verify(pk),
                Err(CryptoError::InvalidKey),
                "{}",
                hex::encode(&bytes)
            );
            assert_eq!(
                dh(&mut ctx, pk, sk),
                Err(CryptoError::InvalidKey),
                "{}",
                hex::encode(&bytes)
            );
        }
    }
    // Arbitrary u-coordinates (about half of them on the twist) are not of small order.
    for i in 0u32..64 {
        let u: [u8; 32] = sha2::Sha256::digest(i.to_le_bytes()).into();
        let pk = pk_import(&mut ctx, "X25519", &u, PublicKeyEncoding::Raw).unwrap();
        ctx.publickey_verify(pk).unwrap();
        assert_ne!(dh(&mut ctx, pk, sk).unwrap(), [0; 32]);
    }
    // RFC 7748 §6.1's public keys are fine.
    for good in [ALICE_PK, BOB_PK] {
        let pk = pk_import(&mut ctx, "X25519", &unhex(good), PublicKeyEncoding::Raw).unwrap();
        ctx.publickey_verify(pk).unwrap();
    }
}

#[test]
fn cross_family_and_wrong_operation_errors() {
    let mut ctx = CryptoCtx::new();
    let x = ctx.keypair_generate(KX, "X25519", None).unwrap();
    let (x_pk, x_sk) = (
        ctx.keypair_publickey(x).unwrap(),
        ctx.keypair_secretkey(x).unwrap(),
    );
    let m512 = ctx.keypair_generate(KX, "ML-KEM-512", None).unwrap();
    let (m512_pk, m512_sk) = (
        ctx.keypair_publickey(m512).unwrap(),
        ctx.keypair_secretkey(m512).unwrap(),
    );
    let m768 = ctx.keypair_generate(KX, "ML-KEM-768", None).unwrap();
    let (m768_pk, m768_sk) = (
        ctx.keypair_publickey(m768).unwrap(),
        ctx.keypair_secretkey(m768).unwrap(),
    );

    // Keys of different algorithms.
    assert_eq!(ctx.kx_dh(x_pk, m512_sk), Err(CryptoError::IncompatibleKeys));
    assert_eq!(ctx.kx_dh(m512_pk, x_sk), Err(CryptoError::IncompatibleKeys));
    assert_eq!(
        ctx.kx_dh(m512_pk, m768_sk),
        Err(CryptoError::IncompatibleKeys)
    );
    assert_eq!(
        ctx.keypair_from_pk_and_sk(x_pk, m512_sk),
        Err(CryptoError::IncompatibleKeys)
    );
    assert_eq!(
        ctx.keypair_from_pk_and_sk(m512_pk, x_sk),
        Err(CryptoError::IncompatibleKeys)
    );
    assert_eq!(
        ctx.keypair_from_pk_and_sk(m768_pk, m512_sk),
        Err(CryptoError::IncompatibleKeys)
    );

    // Operations the family does not have.
    assert_eq!(
        ctx.kx_dh(m512_pk, m512_sk),
        Err(CryptoError::InvalidOperation)
    );
    assert_eq!(
        ctx.kx_dh(m768_pk, m768_sk),
        Err(CryptoError::InvalidOperation)
    );
    assert_eq!(ctx.kx_encapsulate(x_pk), Err(CryptoError::InvalidOperation));
    assert_eq!(
        ctx.kx_decapsulate(x_sk, &[0; 32]),
        Err(CryptoError::InvalidOperation)
    );

    // Key-exchange key pairs and public keys are not signature keys.
    assert_eq!(ctx.signature_state_open(x), Err(CryptoError::InvalidHandle));
    assert_eq!(
        ctx.signature_state_open(m512),
        Err(CryptoError::InvalidHandle)
    );
    assert_eq!(
        ctx.signature_verification_state_open(x_pk),
        Err(CryptoError::InvalidHandle)
    );
    assert_eq!(
        ctx.signature_verification_state_open(m768_pk),
        Err(CryptoError::InvalidHandle)
    );

    // A key-exchange algorithm under another algorithm type is unknown there.
    assert_eq!(
        ctx.keypair_generate(AlgorithmType::Signatures, "X25519", None),
        Err(CryptoError::UnsupportedAlgorithm)
    );
    assert_eq!(
        ctx.keypair_generate(KX, "ML-KEM-2048", None),
        Err(CryptoError::UnsupportedAlgorithm)
    );
}

#[test]
fn mlkem_wrong_length_ciphertext_is_verification_failed() {
    let mut ctx = CryptoCtx::new();
    for alg in MLKEM {
        let kp = ctx.keypair_generate(KX, alg, None).unwrap();
        let (pk, sk) = (
            ctx.keypair_publickey(kp).unwrap(),
            ctx.keypair_secretkey(kp).unwrap(),
        );
        let (_, ct) = encapsulate(&mut ctx, pk).unwrap();
        let mut longer = ct.clone();
        longer.push(0);
        for bad in [&ct[..ct.len() - 1], &longer[..], &[][..], &ct[..32]] {
            assert_eq!(
                ctx.kx_decapsulate(sk, bad),
                Err(CryptoError::VerificationFailed),
                "{alg} {}",
                bad.len()
            );
        }
        // Another parameter set's ciphertext has the wrong length too.
        let other = if alg == "ML-KEM-768" {
            "ML-KEM-512"
        } else {
            "ML-KEM-768"
        };
        let other_kp = ctx.keypair_generate(KX, other, None).unwrap();
        let other_pk = ctx.keypair_publickey(other_kp).unwrap();
        let (_, other_ct) = encapsulate(&mut ctx, other_pk).unwrap();
        assert_eq!(
            ctx.kx_decapsulate(sk, &other_ct),
            Err(CryptoError::VerificationFailed),
            "{alg}"
        );
    }
}

#[test]
fn garbage_and_wrong_length_keys_are_invalid_key() {
    let mut ctx = CryptoCtx::new();
    let ctx = &mut ctx;
    let garbage: &[u8] = b"\x30\x03\x02\x01\x00 definitely not a key";
    let pem_garbage: &[u8] =
        b"-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n";
    let not_utf8: &[u8] = &[0xff, 0xfe, 0x00, 0x80];
    for alg in ALL {
        for bad in [garbage, pem_garbage, not_utf8, &[][..]] {
            for enc in PK_ENCODINGS {
                assert_eq!(
                    pk_import(ctx, alg, bad, enc),
                    Err(CryptoError::InvalidKey),
                    "{alg} {enc:?}"
                );
            }
            for enc in SK_ENCODINGS {
                assert_eq!(
                    sk_import(ctx, alg, bad, enc),
                    Err(CryptoError::InvalidKey),
                    "{alg} {enc:?}"
                );
            }
            for enc in KP_ENCODINGS {
                assert_eq!(
                    kp_import(ctx, alg, bad, enc),
                    Err(CryptoError::InvalidKey),
                    "{alg} {enc:?}"
                );
            }
        }
    }

    // X25519: raw lengths other than 32 (64 for a key pair).
    for len in [0, 31, 33, 64] {
        assert_eq!(
            pk_import(ctx, "X25519", &vec![9; len], PublicKeyEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
        assert_eq!(
            sk_import(ctx, "X25519", &vec![9; len], SecretKeyEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
    }
    for len in [32, 63, 65] {
        assert_eq!(
            kp_import(ctx, "X25519", &vec![9; len], KeyPairEncoding::Raw),
            Err(CryptoError::InvalidKey)
        );
    }
    // X25519 DER with a truncated key, trailing bytes, or another algorithm (Ed25519, 1.3.101.112).
    let der_sk = [unhex("302e020100300506032b656e04220420"), unhex(ALICE_SK)].concat();
    let der_pk = [unhex("302a300506032b656e032100"), unhex(ALICE_PK)].concat();
    sk_import(ctx, "X25519", &der_sk, SecretKeyEncoding::Pkcs8).unwrap();
    pk_import(ctx, "X25519", &der_pk, PublicKeyEncoding::Pkcs8).unwrap();
    let ed_sk = [unhex("302e020100300506032b657004220420"), unhex(ALICE_SK)].concat();
    let ed_pk = [unhex("302a300506032b6570032100"), unhex(ALICE_PK)].concat();
    assert_eq!(
        sk_import(ctx, "X25519", &ed_sk, SecretKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        pk_import(ctx, "X25519", &ed_pk, PublicKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        sk_import(ctx, "X25519", &der_sk[..47], SecretKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        pk_import(
            ctx,
            "X25519",
            &[&der_pk[..], &[0]].concat(),
            PublicKeyEncoding::Pkcs8
        ),
        Err(CryptoError::InvalidKey)
    );
    // Algorithm identifiers with (NULL) parameters, which RFC 8410 §3 forbids.
    let params_sk = [
        unhex("3030020100300706032b656e050004220420"),
        unhex(ALICE_SK),
    ]
    .concat();
    let params_pk = [unhex("302c300706032b656e0500032100"), unhex(ALICE_PK)].concat();
    assert_eq!(
        sk_import(ctx, "X25519", &params_sk, SecretKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        pk_import(ctx, "X25519", &params_pk, PublicKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    // A PEM of the wrong kind (public key where a private key is expected, and vice versa).
    let kp = ctx.keypair_generate(KX, "X25519", None).unwrap();
    let pk = ctx.keypair_publickey(kp).unwrap();
    let pk_pem = export_pk(ctx, pk, PublicKeyEncoding::Pem);
    let sk_pem = export_kp(ctx, kp, KeyPairEncoding::Pem);
    assert_eq!(
        sk_import(ctx, "X25519", &pk_pem, SecretKeyEncoding::Pem),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        pk_import(ctx, "X25519", &sk_pem, PublicKeyEncoding::Pem),
        Err(CryptoError::InvalidKey)
    );
    // X25519 keys are not ML-KEM keys.
    assert_eq!(
        sk_import(ctx, "ML-KEM-512", &der_sk, SecretKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        pk_import(ctx, "ML-KEM-512", &der_pk, PublicKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );

    for alg in MLKEM {
        let (ek_len, _) = mlkem_sizes(alg);
        let kp = ctx.keypair_generate(KX, alg, None).unwrap();
        let pk = ctx.keypair_publickey(kp).unwrap();
        let ek = export_pk(ctx, pk, PublicKeyEncoding::Raw);
        // Wrong lengths (FIPS 203 §7.2 type check), including another parameter set's ek.
        for len in [0, 32, ek_len - 1, ek_len + 1] {
            assert_eq!(
                pk_import(ctx, alg, &vec![0; len], PublicKeyEncoding::Raw),
                Err(CryptoError::InvalidKey),
                "{alg}"
            );
        }
        for other in MLKEM.into_iter().filter(|o| *o != alg) {
            assert_eq!(
                pk_import(ctx, other, &ek, PublicKeyEncoding::Raw),
                Err(CryptoError::InvalidKey),
                "{alg}"
            );
            let spki = export_pk(ctx, pk, PublicKeyEncoding::Pkcs8);
            assert_eq!(
                pk_import(ctx, other, &spki, PublicKeyEncoding::Pkcs8),
                Err(CryptoError::InvalidKey),
                "{alg}"
            );
            let pkcs8 = export_kp(ctx, kp, KeyPairEncoding::Pkcs8);
            assert_eq!(
                kp_import(ctx, other, &pkcs8, KeyPairEncoding::Pkcs8),
                Err(CryptoError::InvalidKey),
                "{alg}"
            );
        }
        // Algorithm identifiers with NULL parameters (the ML-KEM PKIX draft says absent).
        let spki = export_pk(ctx, pk, PublicKeyEncoding::Pkcs8);
        assert_eq!(&spki[..2], &[0x30, 0x82]);
        assert_eq!(&spki[4..6], &[0x30, 0x0b]);
        let outer = u16::from_be_bytes([spki[2], spki[3]]) + 2;
        let with_params = [
            &[0x30, 0x82][..],
            &outer.to_be_bytes(),
            &[0x30, 0x0d],
            &spki[6..17],
            &[0x05, 0x00],
            &spki[17..],
        ]
        .concat();
        assert_eq!(
            pk_import(ctx, alg, &with_params, PublicKeyEncoding::Pkcs8),
            Err(CryptoError::InvalidKey),
            "{alg}"
        );
        let pkcs8 = export_kp(ctx, kp, KeyPairEncoding::Pkcs8);
        assert_eq!(&pkcs8[..7], &[0x30, 0x54, 0x02, 0x01, 0x00, 0x30, 0x0b]);
        let with_params = [
            &[0x30, 0x56, 0x02, 0x01, 0x00, 0x30, 0x0d][..],
            &pkcs8[7..18],
            &[0x05, 0x00],
            &pkcs8[18..],
        ]
        .concat();
        assert_eq!(
            kp_import(ctx, alg, &with_params, KeyPairEncoding::Pkcs8),
            Err(CryptoError::InvalidKey),
            "{alg}"
        );
        // Sanity: the same surgery without the parameters gives back the valid encodings.
        let without = [
            &[0x30, 0x54, 0x02, 0x01, 0x00, 0x30, 0x0b][..],
            &pkcs8[7..18],
            &pkcs8[18..],
        ]
        .concat();
        kp_import(ctx, alg, &without, KeyPairEncoding::Pkcs8).unwrap();
        // Modulus check (FIPS 203 §7.2): the first 12-bit coefficient set to 4095 ≥ q = 3329.
        let mut bad = ek.clone();
        bad[0] = 0xff;
        bad[1] |= 0x0f;
        assert_eq!(
            pk_import(ctx, alg, &bad, PublicKeyEncoding::Raw),
            Err(CryptoError::InvalidKey),
            "{alg}"
        );
        // Seeds are 64 bytes; the expanded decapsulation key is not accepted.
        let expanded_len = 768 * (ek_len - 32) / 384 + 96;
        for len in [0, 32, 63, 65, expanded_len] {
            assert_eq!(
                sk_import(ctx, alg, &vec![1; len], SecretKeyEncoding::Raw),
                Err(CryptoError::InvalidKey),
                "{alg}"
            );
            assert_eq!(
                kp_import(ctx, alg, &vec![1; len], KeyPairEncoding::Raw),
                Err(CryptoError::InvalidKey),
                "{alg}"
            );
        }
    }
}

#[test]
fn unsupported_encodings() {
    let mut ctx = CryptoCtx::new();
    for alg in ALL {
        let ctx = &mut ctx;
        let kp = ctx.keypair_generate(KX, alg, None).unwrap();
        let (pk, sk) = (
            ctx.keypair_publickey(kp).unwrap(),
            ctx.keypair_secretkey(kp).unwrap(),
        );
        let raw_pk = export_pk(ctx, pk, PublicKeyEncoding::Raw);
        let raw_sk = export_sk(ctx, sk, SecretKeyEncoding::Raw);
        for enc in [PublicKeyEncoding::Sec, PublicKeyEncoding::Local] {
            assert_eq!(
                ctx.publickey_export(pk, enc),
                Err(CryptoError::UnsupportedEncoding),
                "{alg} {enc:?}"
            );
            assert_eq!(
                pk_import(ctx, alg, &raw_pk, enc),
                Err(CryptoError::UnsupportedEncoding),
                "{alg} {enc:?}"
            );
        }
        for enc in [SecretKeyEncoding::Sec, SecretKeyEncoding::Local] {
            assert_eq!(
                ctx.secretkey_export(sk, enc),
                Err(CryptoError::UnsupportedEncoding),
                "{alg} {enc:?}"
            );
            assert_eq!(
                sk_import(ctx, alg, &raw_sk, enc),
                Err(CryptoError::UnsupportedEncoding),
                "{alg} {enc:?}"
            );
        }
        assert_eq!(
            ctx.keypair_export(kp, KeyPairEncoding::Local),
            Err(CryptoError::UnsupportedEncoding),
            "{alg}"
        );
        assert_eq!(
            kp_import(ctx, alg, &raw_sk, KeyPairEncoding::Local),
            Err(CryptoError::UnsupportedEncoding),
            "{alg}"
        );
    }
}

#[test]
fn mismatched_public_and_secret_keys_are_invalid_key() {
    let mut ctx = CryptoCtx::new();
    for alg in ALL {
        let ctx = &mut ctx;
        let a = ctx.keypair_generate(KX, alg, None).unwrap();
        let b = ctx.keypair_generate(KX, alg, None).unwrap();
        let (a_pk, a_sk) = (
            ctx.keypair_publickey(a).unwrap(),
            ctx.keypair_secretkey(a).unwrap(),
        );
        let b_pk = ctx.keypair_publickey(b).unwrap();
        assert_eq!(
            ctx.keypair_from_pk_and_sk(b_pk, a_sk),
            Err(CryptoError::InvalidKey),
            "{alg}"
        );
        ctx.keypair_from_pk_and_sk(a_pk, a_sk).unwrap();
    }

    // X25519 raw key pair whose public half is not the secret half's.
    let mut ctx = CryptoCtx::new();
    let raw = [unhex(BOB_PK), unhex(ALICE_SK)].concat();
    assert_eq!(
        kp_import(&mut ctx, "X25519", &raw, KeyPairEncoding::Raw),
        Err(CryptoError::InvalidKey)
    );
    let raw = [unhex(ALICE_SK), unhex(ALICE_PK)].concat(); // halves swapped
    assert_eq!(
        kp_import(&mut ctx, "X25519", &raw, KeyPairEncoding::Raw),
        Err(CryptoError::InvalidKey)
    );
    // PKCS#8 v2 whose publicKey is not the secret key's.
    let v2 = x25519_pkcs8_v2(&unhex(ALICE_SK), &unhex(BOB_PK));
    assert_eq!(
        kp_import(&mut ctx, "X25519", &v2, KeyPairEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );
    assert_eq!(
        sk_import(&mut ctx, "X25519", &v2, SecretKeyEncoding::Pkcs8),
        Err(CryptoError::InvalidKey)
    );

    // ML-KEM PKCS#8 v2: the matching encapsulation key is accepted, another one is not.
    for alg in MLKEM {
        let a = ctx.keypair_generate(KX, alg, None).unwrap();
        let b = ctx.keypair_generate(KX, alg, None).unwrap();
        let v1 = export_kp(&mut ctx, a, KeyPairEncoding::Pkcs8);
        let a_pk = ctx.keypair_publickey(a).unwrap();
        let b_pk = ctx.keypair_publickey(b).unwrap();
        let (a_ek, b_ek) = (
            export_pk(&mut ctx, a_pk, PublicKeyEncoding::Raw),
            export_pk(&mut ctx, b_pk, PublicKeyEncoding::Raw),
        );
        let good = kp_import(&mut ctx, alg, &pkcs8_v2(&v1, &a_ek), KeyPairEncoding::Pkcs8).unwrap();
        assert_eq!(
            export_kp(&mut ctx, good, KeyPairEncoding::Raw),
            export_kp(&mut ctx, a, KeyPairEncoding::Raw)
        );
        let bad = pkcs8_v2(&v1, &b_ek);
        assert_eq!(
            kp_import(&mut ctx, alg, &bad, KeyPairEncoding::Pkcs8),
            Err(CryptoError::InvalidKey),
            "{alg}"
        );
        assert_eq!(
            sk_import(&mut ctx, alg, &bad, SecretKeyEncoding::Pkcs8),
            Err(CryptoError::InvalidKey),
            "{alg}"
        );
    }
}

/// `Debug` of the context (and so of every key in it) shows no secret key material.
#[test]
fn debug_output_shows_no_secrets() {
    let mut ctx = CryptoCtx::new();
    let x_sk = unhex(ALICE_SK);
    sk_import(&mut ctx, "X25519", &x_sk, SecretKeyEncoding::Raw).unwrap();
    let raw = [unhex(ALICE_PK), x_sk.clone()].concat();
    kp_import(&mut ctx, "X25519", &raw, KeyPairEncoding::Raw).unwrap();
    let seed = unhex(MLKEM_VECTORS[1].seed);
    sk_import(&mut ctx, "ML-KEM-512", &seed, SecretKeyEncoding::Raw).unwrap();
    kp_import(&mut ctx, "ML-KEM-512", &seed, KeyPairEncoding::Raw).unwrap();
    let debug = format!("{ctx:?}").to_lowercase();
    for secret in [&x_sk, &seed[..32].to_vec(), &seed[32..].to_vec()] {
        assert!(!debug.contains(&hex::encode(secret)));
        assert!(!debug.contains(format!("{:?}", &secret[..8]).trim_end_matches(']')));
        assert!(!debug.contains(format!("{:x?}", &secret[..8]).trim_end_matches(']')));
    }
}
