//! Known answers and round trips of the key-exchange algorithms through the safe `wasicrypt`
//! API (`KxKeyPair`, `KxPublicKey`, `KxSecretKey`) over real WASI-Crypto hostcalls.
//!
//! Sources of the fixed data (the same vectors the host's own tests use, where they were
//! re-checked with Python `cryptography` 48 / OpenSSL or the `ml-kem` crate):
//! - X25519: RFC 7748 §5.2 (the two single scalar multiplications) and §6.1 (Alice's and Bob's
//!   secret keys, public keys and shared secret K); RFC 8410 encodings of Alice's keys as OpenSSL
//!   writes them (PKCS#8 v1 prefix `302e020100300506032b656e04220420`, SPKI prefix
//!   `302a300506032b656e032100`).
//! - ECDH: RFC 5903 §8.1 (P-256, `P256-SHA256`) and §8.2 (P-384, `P384-SHA384`): i, g^i, r,
//!   g^r and the x-coordinate of g^ir.
//! - ML-KEM: Wycheproof (C2SP/wycheproof `testvectors_v1/mlkem_512_test.json`), tcId 1 (source
//!   "CCTV/strcmp", a ciphertext that takes the implicit-rejection path) and tcId 2 (source
//!   "FIPS 203", "official round 3 seeds 0", a valid ciphertext): seed `d ‖ z`, `ek`, `c`, `K`
//!   (from `host/tests/x25519_mlkem.rs`). Sizes: FIPS 203 Table 3.

use wasicrypt::ErrorKind;
use wasicrypt::{
    Hash, KeyPairEncoding, KxKeyPair, KxPublicKey, KxSecretKey, PublicKeyEncoding,
    SecretKeyEncoding, SignatureKeyPair,
};
use wasicrypt_test_programs::harness::{
    CheckResult, Context, Harness, ensure, ensure_bytes, ensure_eq, ensure_err,
};
use wasicrypt_test_programs::unhex;

// ---------------------------------------------------------------------------------------------
// Vectors
// ---------------------------------------------------------------------------------------------

/// RFC 7748 §5.2: (scalar k, u-coordinate, X25519(k, u)). The second u has its top bit set,
/// which RFC 7748 §5 says to ignore.
const RFC7748_5_2: [(&str, &str, &str); 2] = [
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

// RFC 7748 §6.1.
const ALICE_SK: &str = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const ALICE_PK: &str = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
const BOB_SK: &str = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const BOB_PK: &str = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
const ALICE_BOB_K: &str = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
/// Alice's public key as SubjectPublicKeyInfo PEM (RFC 8410 §4), as OpenSSL 3.0 writes it.
const ALICE_PK_PEM: &str = "-----BEGIN PUBLIC KEY-----\n\
    MCowBQYDK2VuAyEAhSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=\n\
    -----END PUBLIC KEY-----\n";

/// RFC 5903 §8: (section, algorithm, i, g^i, r, g^r, x-coordinate of g^ir). Points are SEC 1
/// uncompressed (`04 ‖ x ‖ y`).
const RFC5903: [(&str, &str, &str, &str, &str, &str, &str); 2] = [
    (
        "§8.1",
        "P256-SHA256",
        "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
        "04dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180\
         5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3",
        "c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
        "04d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63\
         56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab",
        "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de",
    ),
    (
        "§8.2",
        "P384-SHA384",
        "099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655\
         e35b538041e649ee3faef896783ab194",
        "04667842d7d180ac2cde6f74f37551f55755c7645c20ef73e31634fe72b4c55ee6\
         de3ac808acb4bdb4c88732aee95f41aa9482ed1fc0eeb9cafc4984625ccfc23f\
         65032149e0e144ada024181535a0f38eeb9fcff3c2c947dae69b4c634573a81c",
        "41cb0779b4bdb85d47846725fbec3c9430fab46cc8dc5060855cc9bda0aa2942\
         e0308312916b8ed2960e4bd55a7448fc",
        "04e558dbef53eecde3d3fccfc1aea08a89a987475d12fd950d83cfa41732bc509d\
         0d1ac43a0336def96fda41d0774a3571dcfbec7aacf3196472169e838430367f\
         66eebe3c6e70c416dd5f0c68759dd1fff83fa40142209dff5eaad96db9e6386c",
        "11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4\
         d603135569b9e9d09cf5d4a270f59746",
    ),
];

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

const MLKEM_VECTORS: [MlKemVector; 2] = [
    MlKemVector {
        alg: "ML-KEM-512",
        tc_id: 1,
        seed: "a3896e30892230a6c1dff667f8caee759ff84a08e3462ae484fcbca9971d7959cdc6c5ec65f10a5a24b5145aac863232ee3b2229ca3a6c4b9c8a2dafc315d9d4",
        ek: "871b108fd980108768612345f2fc7317216f55576f914c3ede67878ea89046d636572ca78fd67a4efc9b68e462853b2ae8dab001b6059c390916fccf45bba50b85b7e12504ef931c52030a4efb31ce978866ea0bece660b16700d9ca4fb8eca335cb2395478e6bf845eba6161765c479e0a3c0b64773b0a8f9191789e0b939cbbce7f80317e569a96c7c3ba2596aabca4298c2383ab539a05232f990af03b936d18cb6378363523ccdb75ef237ccf9774776ba0e219c97726c6f82b3168e49081d7b358f6c2dda287796a99775e60de716ae28385b8270451b3a2b8dbb267a8a37266c70718ac30303cad7e5908d0b09897bbfb18c25975bc9f46909df4b3451dbca7a3498eb253bb4246721685b762086b903b6f6a86b2db894cd59567ac9b18a82c5fa67306ef3cd7aa5c82d46aa73111f837c2eadca7b1bf6ba81f769e0530d44b21f5ab161a159014c14ad7292b638b86e548a5c0de9300df1416e619afbb01a77588cd3e1a17546be6af108f8d3ad87429f6dba298d8119a4594310f874def0a9f3f5a20748cde73218e91b428a629e6cb24e611300d9155f6d16c6398b7d2615a0bf486b9ac1c32be69b2212baff1c5ccbb0c247075536f2bc28caa954064bf5f3963060ada289ab5a58628959347356a7ba4c84051a65547a3b56a738eb9acc0d62213cf1291006a502ec7296b42e989905a08393278480290887958c4155a975d37194d25b146344b012318a3aa98060c64946191a871408f6a0917cab9227b956e4dc8081c96b50927944381631237302a0c960a33678a268f2139ca0b5b44203863cba6d2ab37c78b369a4ba5256e173a274567b536cb0d5b6d47b3d8ad738fc022792112a4ca09389b9c1317b2342a5c4a444c73f36468529806842b5297482fb001ceb28b1be8299e612985957bf7ac16cf7e609fe532a33f25690186616762c680b1cb1e986c5f55c37a49bc32219faa8ada839937ac56f7587ac51a12abfc8be413a9b915b4c455ab1e2dba776dc8633083646f7cd95437b129095e75510dff58fa4cc6c3f4531211a3a161418b7da4e6ec8388b0197993898783d963d109590d4ac0092189baabef63fcc3df15b0ab3099078c9580b198e11",
        c: "00ec7fcdb617629fead7f43cf59a7d3a0b946b5c5f472407812c15c44249e52974483eb31fb6ce5e15728708ef24f78bb61bb5c8b6ebb4e8a96e5b898e069c499c44a57efb0907234597e810f4de40d85d6eacd775b83400937ac863cfe5d406469b8d3ca4f6dbe0aced60fbecb32588f1ddaaa08ba5c5b177ab51b548d8ae2218eb2d9b02b31cb4bb6e7754b6a74856316ad3e0394025f750412023a74ab851fc03171cada993c6469fa254b5d384edab1efe8f2efb6eba37c7ba7434bb243331938849114ad398cf91038fb96c30a712f47e1c7183956838d487016f023bd9900a94c606edaa42bf0e67f2aedd03f5a581e55af29e24af061ba73da64c3869d7598a0c95c3c8330ecb4481cab2c85ccaaa366f99f3bafc980362f4d701a233d0967ded78e4f1874b42cda774b888d31f1671d6567d1636d5b2bcc117e2a256f343541c3e173e900b6d6c71bcd55479d23dee6b54e2fe32303c7955fa5f567894605ed75e65e54858222c0d065ba9231fcd82ab86af63c242d10d1d30b4176e2bb8169fbd7f03cfa044098853382083284ef8cecf05f9d0bd3d9af84f6df551e3d11e9281794d36a619f61e47901ea0dd695782241250f0b5c2a20d76d3afefcb11d015179d6a9a74121c448e315f507cb29add40da4eb05cae27320c4b18a25d7af24ac7b0bdf7382143d4d02db3e7d016f9ff5638e0df7968f785ac8000c7545a1a70d6fd43cc3ba28d82e9eb6ccb391e094ba85a49ad6e9f8fd8faa9954062a5df13c69847bee485bc6624b40b8128fe911231b4ef9b4a22ced4f8140df65a5b8180665128273fde02955a65921f0d1be139fbe1edf0ac01db1d2a5ffd95d63d33b0a7627cab4bcd37647238c80197d4fa88a7e34d4caa066dba2ae6fefff6a1e804a72d49ed443c29b2db313fdf25d98d0dee992befc4572f8b1eee0db7227b6e202ef69ea8340ae3690fc064d3edfd8d067934db3061767e4857e805e888294efa7248743fcaa1e01acdaf491de408c58869bc9624c951103c079793be1edfa9442df4dece40eabb99e9b01410fc0108b26a13cd424cd9a9de5bafa1fc",
        k: "cf3bcfeb2679cb43658fcdcd01aa1505bcea1e72a165ccac7bfb66d9dc0c0e90",
    },
    MlKemVector {
        alg: "ML-KEM-512",
        tc_id: 2,
        seed: "7c9935a0b07694aa0c6d10e4db6b1add2fd81a25ccb148032dcd739936737f2d8626ed79d451140800e03b59b956f8210e556067407d13dc90fa9e8b872bfb8f",
        ek: "400865ed10b619aa5811139bc086825782b2b7124f757c83ae794444bc78a47896acf1262c81351077893bfc56f90449c2fa5f6e586dd37c0b9b581992638cb7e7bcbbb99afe4781d80a50e69463fbd988722c3635423e27466c71dcc674527ccd728968cbcdc00c5c9035bb0af2c9922c7881a41dd2875273925131230f6ca59e9136b39f956c93b3b2d14c641b089e07d0a840c893ecd76bbf92c805456668d07c621491c5c054991a656f511619556eb97782e27a3c785124c70b0daba6c624d18e0f9793f96ba9e1599b17b30dccc0b4f3766a07b23b257309cd76aba072c2b9c9744394c6ab9cb6c54a97b5c57861a58dc0a03519832ee32a07654a070c0c8c4e8648addc355f274fc6b92a087b3f9751923e44274f858c49caba72b65851b3adc48936955097cad9553f5a263f1844b52a020ff7ca89e881a01b95d957a3153c0a5e0a1ccd66b1821a2b8632546e24c7cbbc4cb08808cac37f7da6b16f8aced052cdb2564948f1ab0f768a0d3286ccc7c3749c63c781530fa1ae670542855004a645b522881ec1412bdae342085a9dd5f8126af96bbdb0c1af69a15562cb2a155a100309d1b641d08b2d4ed17bfbf0bc04265f9b10c108f850309504d772811bba8e2be16249aa737d879fc7fb255ee7a6a0a753bd93741c61658ec074f6e002b019345769113cc013ff7494ba8378b11a172260aaa53421bde03a35589d57e322fefa4100a4743926ab7d62258b87b31ccbb5e6b89cb10b271aa05d994bb5708b23ab327ecb93c0f3156869f0883da2064f795e0e2ab7d3c64d61d2303fc3a29e1619923ca801e59fd752ca6e7649d303c9d20788e1214651b06995eb260c929a1344a849b25ca0a01f1eb52913686bba619e23714464031a78439287fca78f4c0476223eea61b7f25a7ce42cca901b2aea129817894ba3470823854f3e5b28d86ba979e54671862d90470b1e7838972a81a48107d6ac0611406b21fbcce1db7702ea9dd6ba6e40527b9dc663f3c93bad056dc28511f66c3e0b928db8879d22c592685cc775a6cd574ac3bce3b27591c821929076358a2200b377365f7efb9e40c3bf0ff0432986ae4bc1a242ce9921aa9e22448819585dea308eb039",
        c: "113db2dd06871235e7bc36c9dcaa528fc26ce5db9ecc1dc32e957d7ffb3c7429d50c3c3577a515d3183a1b9d267b936b7eb8f543a3afb77765ca7938f78aa6438ce80a06a6966d0d06af75ba3e0d4f37bac73369f5a729f73e85729edd97c8c2a8cc2619e4cf7b6091869e909fd47d9709149204b0837d8d6f25d267972be63bad34b544523c01c09de3b1fa1d6b7b059eee9e652062fe870f68c68005339ea181e1d0767c152aeb38faf0f9245ae59d5cb0d2b7f201229ed97020d0623a46100d097b0ce1154e028ae6194de05de97dd9ae2e85ffd25d95eb22effe5ba19cd807c530ebaa9fe9f642ccacff47ed15c22bfe3036ebf8ad9c8ed23240aeebaa24d135755100b85ecee3174906e46312062ceecac75de5275256c2c1a653fd6915b1b30c8ecbb6fd4280437453173a96238bc7d108892343e033bcd98e437e789fc5bebaa12b2634b51ed0d589f11143a021d8ecce594fdd48dae84c8063ef3581bc378a48da4e51bb175b0db47f9dcf99318c30225ca7fa79c879bf1c9397b5ccc5efad94c500ed7f9f385d088e34932221fc0fc9afe51f6875548131697695478abdc8736f10095a6b92ec679fe0e2ae5d8b335355d58dae4d4f0b17aa5d1e52f1d45584a892c34ce4b04fcd00981d51caa16064bad92d019dc3aded919684112b29daa28b9dae09b86b21a93310d5fbc6527b224b9ce87d2782bb294673f0ec06f26b087652a18d6ad7b1c93303ef0561c0fc9cd4f678f606f192cf5df92b1548f5dd2687edbeccfc6d4e9de4bd50d3c74fb275abd9b3e90277db4a0069c0a2a7136f50cead4b2f1995faaf168040e9e4beb7c5722049d6da6402992fcea45097df7c1c20fb068222000576935a0806773451921f54c55fbf593a4f147c1fef3acaf0cfa907ae48c8c06312cfdf5186904bec7fed4ed933c9256ab04cbfa03a967c1f7ead4ab40df116be660e27ca2b543526d4b9684c31e1e42383b969f896299d71390cc85b703202acadecfa8c40965c08c53b5671e0d59455bc5a8586c655db8c2ade4ba8877f19b6000e18f8feadda7ede8fe80aa662d694c6d8c33b52",
        k: "319839e82ab6b222de7b619e80da8391522bbb37677018494a4742c53f9abfdf",
    },
];

/// X-Wing: the first vector of draft-connolly-cfrg-xwing-kem's `spec/test-vectors.json` (as in
/// `host/tests/data/xwing_test_vectors.json`): secret key, SHA-256 of the 1216-byte public key,
/// ciphertext and shared secret.
const XWING_SK: &str = "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26";
const XWING_PK_SHA256: &str = "2e816deebcd76c5c80d0cd2d174478871658e8e2ff42bc9d4a6e486372e856bb";
const XWING_CT: &str = "b83aa828d4d62b9a83ceffe1d3d3bb1ef31264643c070c5798927e41fb07914a273f8f96e7826cd5375a283d7da885304c5de0516a0f0654243dc5b97f8bfeb831f68251219aabdd723bc6512041acbaef8af44265524942b902e68ffd23221cda70b1b55d776a92d1143ea3a0c475f63ee6890157c7116dae3f62bf72f60acd2bb8cc31ce2ba0de364f52b8ed38c79d719715963a5dd3842d8e8b43ab704e4759b5327bf027c63c8fa857c4908d5a8a7b88ac7f2be394d93c3706ddd4e698cc6ce370101f4d0213254238b4a2e8821b6e414a1cf20f6c1244b699046f5a01caa0a1a55516300b40d2048c77cc73afba79afeea9d2c0118bdf2adb8870dc328c5516cc45b1a2058141039e2c90a110a9e16b318dfb53bd49a126d6b73f215787517b8917cc01cabd107d06859854ee8b4f9861c226d3764c87339ab16c3667d2f49384e55456dd40414b70a6af841585f4c90c68725d57704ee8ee7ce6e2f9be582dbee985e038ffc346ebfb4e22158b6c84374a9ab4a44e1f91de5aac5197f89bc5e5442f51f9a5937b102ba3beaebf6e1c58380a4a5fedce4a4e5026f88f528f59ffd2db41752b3a3d90efabe463899b7d40870c530c8841e8712b733668ed033adbfafb2d49d37a44d4064e5863eb0af0a08d47b3cc888373bc05f7a33b841bc2587c57eb69554e8a3767b7506917b6b70498727f16eac1a36ec8d8cfaf751549f2277db277e8a55a9a5106b23a0206b4721fa9b3048552c5bd5b594d6e247f38c18c591aea7f56249c72ce7b117afcc3a8621582f9cf71787e183dee09367976e98409ad9217a497df888042384d7707a6b78f5f7fb8409e3b535175373461b776002d799cbad62860be70573ecbe13b246e0da7e93a52168e0fb6a9756b895ef7f0147a0dc81bfa644b088a9228160c0f9acf1379a2941cd28c06ebc80e44e17aa2f8177010afd78a97ce0868d1629ebb294c5151812c583daeb88685220f4da9118112e07041fcc24d5564a99fdbde28869fe0722387d7a9a4d16e1cc8555917e09944aa5ebaaaec2cf62693afad42a3f518fce67d273cc6c9fb5472b380e8573ec7de06a3ba2fd5f931d725b493026cb0acbd3fe62d00e4c790d965d7a03a3c0b4222ba8c2a9a16e2ac658f572ae0e746eafc4feba023576f08942278a041fb82a70a595d5bacbf297ce2029898a71e5c3b0d1c6228b485b1ade509b35fbca7eca97b2132e7cb6bc465375146b7dceac969308ac0c2ac89e7863eb8943015b24314cafb9c7c0e85fe543d56658c213632599efabfc1ec49dd8c88547bb2cc40c9d38cbd3099b4547840560531d0188cd1e9c23a0ebee0a03d5577d66b1d2bcb4baaf21cc7fef1e03806ca96299df0dfbc56e1b2b43e4fc20c37f834c4af62127e7dae86c3c25a2f696ac8b589dec71d595bfbe94b5ed4bc07d800b330796fda89edb77be0294136139354eb8cd37591578f9c600dd9be8ec6219fdd507adf3397ed4d68707b8d13b24ce4cd8fb22851bfe9d632407f31ed6f7cb1600de56f17576740ce2a32fc5145030145cfb97e63e0e41d354274a079d3e6fb2e15";
const XWING_SS: &str = "d2df0522128f09dd8e2c92b1e905c793d8f57a54c3da25861f10bf4ca613e384";

/// (algorithm, `ek` bytes, ciphertext bytes): FIPS 203 Table 3.
const MLKEM: [(&str, usize, usize); 3] = [
    ("ML-KEM-512", 800, 768),
    ("ML-KEM-768", 1184, 1088),
    ("ML-KEM-1024", 1568, 1568),
];

/// Every key-exchange algorithm, with the `Raw` key pair length and whether it has `Sec` keys.
const ALL: [(&str, usize, bool); 6] = [
    ("X25519", 64, false),
    ("P256-SHA256", 32, true),
    ("P384-SHA384", 48, true),
    ("ML-KEM-512", 64, false),
    ("ML-KEM-768", 64, false),
    ("ML-KEM-1024", 64, false),
];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn is_kem(alg: &str) -> bool {
    alg.starts_with("ML-KEM") || alg == "X-WING"
}

/// Checks that `pk` and `sk` agree on a secret: DH both ways against a fresh peer, or
/// encapsulate to `pk` and decapsulate with `sk`.
fn pair_works(alg: &str, pk: &KxPublicKey, sk: &KxSecretKey) -> CheckResult {
    if is_kem(alg) {
        let (secret, ct) = pk.encapsulate().ctx("encapsulate")?;
        ensure_eq("shared secret length", secret.len(), 32)?;
        ensure_bytes(
            "decapsulated secret",
            &sk.decapsulate(&ct).ctx("decapsulate")?,
            &secret,
        )
    } else {
        let peer = KxKeyPair::generate(alg).ctx("generate peer")?;
        let ours = peer
            .public_key()
            .ctx("peer pk")?
            .dh(sk)
            .ctx("dh(peer pk, sk)")?;
        let theirs = pk
            .dh(&peer.secret_key().ctx("peer sk")?)
            .ctx("dh(pk, peer sk)")?;
        ensure_bytes("shared secret both ways", &ours, &theirs)
    }
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

fn main() {
    let mut h = Harness::new();
    x25519_checks(&mut h);
    ecdh_checks(&mut h);
    mlkem_checks(&mut h);
    xwing_checks(&mut h);
    round_trip_checks(&mut h);
    h.run();
}

fn x25519_checks(h: &mut Harness) {
    for (i, (k, u, want)) in RFC7748_5_2.into_iter().enumerate() {
        h.check(
            format!("X25519 RFC 7748 §5.2 vector {}: X25519(k, u)", i + 1),
            move || {
                let sk = KxSecretKey::import("X25519", &unhex(k)?, SecretKeyEncoding::Raw)
                    .ctx("import k")?;
                let pk = KxPublicKey::import("X25519", &unhex(u)?, PublicKeyEncoding::Raw)
                    .ctx("import u")?;
                pk.validate().ctx("publickey_verify")?;
                ensure_bytes("X25519(k, u)", &pk.dh(&sk).ctx("dh")?, &unhex(want)?)?;
                // Keys are kept as given: the scalar unclamped, the u-coordinate unmasked.
                ensure_bytes(
                    "k re-export",
                    &sk.export(SecretKeyEncoding::Raw).ctx("export")?,
                    &unhex(k)?,
                )?;
                ensure_bytes(
                    "u re-export",
                    &pk.export(PublicKeyEncoding::Raw).ctx("export")?,
                    &unhex(u)?,
                )
            },
        );
    }
    h.check(
        "X25519 RFC 7748 §6.1: public keys derived from Alice's and Bob's secret keys",
        || {
            let alice = KxSecretKey::import("X25519", &unhex(ALICE_SK)?, SecretKeyEncoding::Raw)
                .ctx("import Alice's secret key")?;
            let bob = KxSecretKey::import("X25519", &unhex(BOB_SK)?, SecretKeyEncoding::Raw)
                .ctx("import Bob's secret key")?;
            ensure_bytes(
                "Alice's public key",
                &alice
                    .public_key()
                    .ctx("public_key")?
                    .export(PublicKeyEncoding::Raw)
                    .ctx("export")?,
                &unhex(ALICE_PK)?,
            )?;
            ensure_bytes(
                "Bob's public key",
                &bob.public_key()
                    .ctx("public_key")?
                    .export(PublicKeyEncoding::Raw)
                    .ctx("export")?,
                &unhex(BOB_PK)?,
            )
        },
    );
    h.check(
        "X25519 RFC 7748 §6.1: shared secret K both ways (imported public keys)",
        || {
            let alice_sk = KxSecretKey::import("X25519", &unhex(ALICE_SK)?, SecretKeyEncoding::Raw)
                .ctx("import Alice's secret key")?;
            let bob_sk = KxSecretKey::import("X25519", &unhex(BOB_SK)?, SecretKeyEncoding::Raw)
                .ctx("import Bob's secret key")?;
            let alice_pk = KxPublicKey::import("X25519", &unhex(ALICE_PK)?, PublicKeyEncoding::Raw)
                .ctx("import Alice's public key")?;
            let bob_pk = KxPublicKey::import("X25519", &unhex(BOB_PK)?, PublicKeyEncoding::Raw)
                .ctx("import Bob's public key")?;
            let k = unhex(ALICE_BOB_K)?;
            ensure_bytes("X25519(a, B)", &bob_pk.dh(&alice_sk).ctx("dh")?, &k)?;
            ensure_bytes("X25519(b, A)", &alice_pk.dh(&bob_sk).ctx("dh")?, &k)
        },
    );
    h.check("X25519 RFC 7748 §6.1: key pair raw = pk ‖ sk", || {
        let raw = [unhex(ALICE_PK)?, unhex(ALICE_SK)?].concat();
        let alice =
            KxKeyPair::import("X25519", &raw, KeyPairEncoding::Raw).ctx("import key pair raw")?;
        ensure_bytes(
            "key pair raw export",
            &alice.export(KeyPairEncoding::Raw).ctx("export")?,
            &raw,
        )?;
        ensure_bytes(
            "key pair public key",
            &alice
                .public_key()
                .ctx("public_key")?
                .export(PublicKeyEncoding::Raw)
                .ctx("export")?,
            &unhex(ALICE_PK)?,
        )?;
        ensure_bytes(
            "key pair secret key",
            &alice
                .secret_key()
                .ctx("secret_key")?
                .export(SecretKeyEncoding::Raw)
                .ctx("export")?,
            &unhex(ALICE_SK)?,
        )?;
        let bob_pk = KxPublicKey::import("X25519", &unhex(BOB_PK)?, PublicKeyEncoding::Raw)
            .ctx("import Bob's public key")?;
        ensure_bytes(
            "X25519(a, B)",
            &bob_pk
                .dh(&alice.secret_key().ctx("secret_key")?)
                .ctx("dh")?,
            &unhex(ALICE_BOB_K)?,
        )
    });
    h.check(
        "X25519 RFC 8410: Alice's keys in PKCS#8 and SPKI, byte for byte as OpenSSL",
        || {
            let sk = KxSecretKey::import("X25519", &unhex(ALICE_SK)?, SecretKeyEncoding::Raw)
                .ctx("import")?;
            let pk = sk.public_key().ctx("public_key")?;
            let pkcs8 = [unhex("302e020100300506032b656e04220420")?, unhex(ALICE_SK)?].concat();
            let spki = [unhex("302a300506032b656e032100")?, unhex(ALICE_PK)?].concat();
            ensure_bytes(
                "secret key pkcs8",
                &sk.export(SecretKeyEncoding::Pkcs8).ctx("export")?,
                &pkcs8,
            )?;
            ensure_bytes(
                "public key pkcs8 (SPKI)",
                &pk.export(PublicKeyEncoding::Pkcs8).ctx("export")?,
                &spki,
            )?;
            let kp = KxKeyPair::from_pk_and_sk(&pk, &sk).ctx("keypair_from_pk_and_sk")?;
            ensure_bytes(
                "key pair pkcs8",
                &kp.export(KeyPairEncoding::Pkcs8).ctx("export")?,
                &pkcs8,
            )?;
            ensure_bytes(
                "public key pem",
                &pk.export(PublicKeyEncoding::Pem).ctx("export")?,
                ALICE_PK_PEM.as_bytes(),
            )
        },
    );
}

fn ecdh_checks(h: &mut Harness) {
    for (section, alg, i, gi, r, gr, gir) in RFC5903 {
        h.check(
            format!("{alg} RFC 5903 {section}: g^i and g^r from the raw secret keys"),
            move || {
                let si =
                    KxSecretKey::import(alg, &unhex(i)?, SecretKeyEncoding::Raw).ctx("import i")?;
                let sr =
                    KxSecretKey::import(alg, &unhex(r)?, SecretKeyEncoding::Raw).ctx("import r")?;
                ensure_bytes(
                    "g^i",
                    &si.public_key()
                        .ctx("public_key")?
                        .export(PublicKeyEncoding::Sec)
                        .ctx("export")?,
                    &unhex(gi)?,
                )?;
                ensure_bytes(
                    "g^r",
                    &sr.public_key()
                        .ctx("public_key")?
                        .export(PublicKeyEncoding::Sec)
                        .ctx("export")?,
                    &unhex(gr)?,
                )
            },
        );
        h.check(
            format!("{alg} RFC 5903 {section}: x-coordinate of g^ir both ways"),
            move || {
                let si =
                    KxSecretKey::import(alg, &unhex(i)?, SecretKeyEncoding::Raw).ctx("import i")?;
                let sr =
                    KxSecretKey::import(alg, &unhex(r)?, SecretKeyEncoding::Raw).ctx("import r")?;
                let pi = KxPublicKey::import(alg, &unhex(gi)?, PublicKeyEncoding::Sec)
                    .ctx("import g^i")?;
                let pr = KxPublicKey::import(alg, &unhex(gr)?, PublicKeyEncoding::Raw)
                    .ctx("import g^r")?;
                pi.validate().ctx("validate g^i")?;
                pr.validate().ctx("validate g^r")?;
                let want = unhex(gir)?;
                ensure_bytes("dh(g^r, i)", &pr.dh(&si).ctx("dh")?, &want)?;
                ensure_bytes("dh(g^i, r)", &pi.dh(&sr).ctx("dh")?, &want)?;
                // The same through a key pair imported from the raw scalar.
                let kp = KxKeyPair::import(alg, &unhex(i)?, KeyPairEncoding::Raw)
                    .ctx("import key pair raw")?;
                ensure_bytes(
                    "dh(g^r, key pair i)",
                    &pr.dh(&kp.secret_key().ctx("secret_key")?).ctx("dh")?,
                    &want,
                )
            },
        );
        h.check(
            format!("{alg} RFC 5903 {section}: a compressed g^r gives the same secret"),
            move || {
                let gr = unhex(gr)?;
                let field = (gr.len() - 1) / 2;
                let mut compressed = vec![if gr[gr.len() - 1] & 1 == 0 {
                    0x02
                } else {
                    0x03
                }];
                compressed.extend_from_slice(&gr[1..=field]);
                let pr = KxPublicKey::import(alg, &compressed, PublicKeyEncoding::Sec)
                    .ctx("import compressed")?;
                ensure_bytes(
                    "uncompressed export",
                    &pr.export(PublicKeyEncoding::Sec).ctx("export")?,
                    &gr,
                )?;
                let si =
                    KxSecretKey::import(alg, &unhex(i)?, SecretKeyEncoding::Raw).ctx("import i")?;
                ensure_bytes("dh", &pr.dh(&si).ctx("dh")?, &unhex(gir)?)
            },
        );
    }
    h.check(
        "P256-SHA256 and ECDSA_P256_SHA256 share key encodings (SEC 1 / PKCS#8)",
        || {
            let ecdsa =
                SignatureKeyPair::generate("ECDSA_P256_SHA256").ctx("generate ECDSA key")?;
            let der = ecdsa.export(KeyPairEncoding::Pkcs8).ctx("export")?;
            let kp = KxKeyPair::import("P256-SHA256", &der, KeyPairEncoding::Pkcs8)
                .ctx("import as ECDH")?;
            ensure_bytes(
                "public key",
                &kp.public_key()
                    .ctx("public_key")?
                    .export(PublicKeyEncoding::Sec)
                    .ctx("export")?,
                &ecdsa
                    .public_key()
                    .ctx("public_key")?
                    .export(PublicKeyEncoding::Sec)
                    .ctx("export")?,
            )?;
            pair_works(
                "P256-SHA256",
                &kp.public_key().ctx("pk")?,
                &kp.secret_key().ctx("sk")?,
            )
        },
    );
}

fn mlkem_checks(h: &mut Harness) {
    for v in MLKEM_VECTORS {
        let MlKemVector {
            alg,
            tc_id,
            seed,
            ek,
            c,
            k,
        } = v;
        h.check(
            format!("{alg} Wycheproof tcId {tc_id}: seed d ‖ z gives ek; c decapsulates to K"),
            move || {
                let (seed, ek, c, k) = (unhex(seed)?, unhex(ek)?, unhex(c)?, unhex(k)?);
                let sk =
                    KxSecretKey::import(alg, &seed, SecretKeyEncoding::Raw).ctx("import seed")?;
                ensure_bytes(
                    "ek",
                    &sk.public_key()
                        .ctx("public_key")?
                        .export(PublicKeyEncoding::Raw)
                        .ctx("export")?,
                    &ek,
                )?;
                ensure_bytes("K", &sk.decapsulate(&c).ctx("decapsulate")?, &k)?;
                ensure_bytes(
                    "seed re-export",
                    &sk.export(SecretKeyEncoding::Raw).ctx("export")?,
                    &seed,
                )
            },
        );
        h.check(
            format!("{alg} Wycheproof tcId {tc_id}: through a key pair and the published ek"),
            move || {
                let (seed, ek, c, k) = (unhex(seed)?, unhex(ek)?, unhex(c)?, unhex(k)?);
                let kp = KxKeyPair::import(alg, &seed, KeyPairEncoding::Raw)
                    .ctx("import key pair raw")?;
                ensure_bytes(
                    "key pair raw export",
                    &kp.export(KeyPairEncoding::Raw).ctx("export")?,
                    &seed,
                )?;
                ensure_bytes(
                    "K",
                    &kp.secret_key()
                        .ctx("secret_key")?
                        .decapsulate(&c)
                        .ctx("decapsulate")?,
                    &k,
                )?;
                let pk = KxPublicKey::import(alg, &ek, PublicKeyEncoding::Raw).ctx("import ek")?;
                pk.validate().ctx("publickey_verify")?;
                let sk =
                    KxSecretKey::import(alg, &seed, SecretKeyEncoding::Raw).ctx("import seed")?;
                let joined = KxKeyPair::from_pk_and_sk(&pk, &sk).ctx("keypair_from_pk_and_sk")?;
                ensure_bytes(
                    "joined pair export",
                    &joined.export(KeyPairEncoding::Raw).ctx("export")?,
                    &seed,
                )?;
                pair_works(alg, &pk, &sk)
            },
        );
    }
    for (alg, ek_len, ct_len) in MLKEM {
        h.check(
            format!("{alg}: generate, encapsulate ({ct_len}-byte ciphertext), decapsulate"),
            move || {
                let kp = KxKeyPair::generate(alg).ctx("generate")?;
                let pk = kp.public_key().ctx("public_key")?;
                let sk = kp.secret_key().ctx("secret_key")?;
                ensure_eq(
                    "ek length",
                    pk.export(PublicKeyEncoding::Raw).ctx("export")?.len(),
                    ek_len,
                )?;
                ensure_eq(
                    "seed length",
                    sk.export(SecretKeyEncoding::Raw).ctx("export")?.len(),
                    64,
                )?;
                let (secret, ct) = pk.encapsulate().ctx("encapsulate")?;
                ensure_eq("K length", secret.len(), 32)?;
                ensure_eq("ciphertext length", ct.len(), ct_len)?;
                ensure_bytes(
                    "decapsulated K",
                    &sk.decapsulate(&ct).ctx("decapsulate")?,
                    &secret,
                )?;
                let (secret2, ct2) = pk.encapsulate().ctx("encapsulate again")?;
                ensure(
                    secret2 != secret && ct2 != ct,
                    "two encapsulations are equal: m is not random",
                )?;
                // A ciphertext of the right length made for nobody: implicit rejection (FIPS 203
                // §6.3), a different secret and no error.
                let mut tampered = ct.clone();
                tampered[0] ^= 1;
                let rejected = sk
                    .decapsulate(&tampered)
                    .ctx("decapsulate a tampered ciphertext")?;
                ensure_eq("implicit-rejection K length", rejected.len(), 32)?;
                ensure(
                    rejected != secret,
                    "a tampered ciphertext decapsulated to the sender's K",
                )
            },
        );
        h.check(
            format!("{alg}: encapsulate to an exported and re-imported ek"),
            move || {
                let kp = KxKeyPair::generate(alg).ctx("generate")?;
                let ek = kp
                    .public_key()
                    .ctx("public_key")?
                    .export(PublicKeyEncoding::Raw)
                    .ctx("export")?;
                let pk = KxPublicKey::import(alg, &ek, PublicKeyEncoding::Raw).ctx("import ek")?;
                pair_works(alg, &pk, &kp.secret_key().ctx("secret_key")?)
            },
        );
    }
}

fn xwing_checks(h: &mut Harness) {
    h.check(
        "X-WING draft vector 1: public key and decapsulation",
        || {
            let sk = KxSecretKey::import("X-WING", &unhex(XWING_SK)?, SecretKeyEncoding::Raw)
                .ctx("import sk")?;
            let pk = sk.public_key().ctx("publickey_from_secretkey")?;
            let pk_raw = pk.export(PublicKeyEncoding::Raw).ctx("export pk")?;
            ensure_eq("public key length", pk_raw.len(), 1216)?;
            ensure_bytes(
                "SHA-256(public key)",
                &Hash::hash("SHA-256", &pk_raw, 32).ctx("hash")?,
                &unhex(XWING_PK_SHA256)?,
            )?;
            let ct = unhex(XWING_CT)?;
            ensure_bytes(
                "shared secret",
                &sk.decapsulate(&ct).ctx("decapsulate")?,
                &unhex(XWING_SS)?,
            )?;
            let mut tampered = ct.clone();
            tampered[1119] ^= 1;
            let other = sk.decapsulate(&tampered).ctx("decapsulate tampered")?;
            ensure(
                other != unhex(XWING_SS)?,
                "a tampered ciphertext gives another secret",
            )?;
            ensure_err(
                "short ciphertext",
                sk.decapsulate(&ct[..1119]),
                ErrorKind::VerificationFailed,
            )
        },
    );
    h.check(
        "X-WING generate, encapsulate, decapsulate; raw encodings only",
        || {
            let kp = KxKeyPair::generate("X-WING").ctx("generate")?;
            let seed = kp.export(KeyPairEncoding::Raw).ctx("export")?;
            ensure_eq("seed length", seed.len(), 32)?;
            let pk = kp.public_key().ctx("pk")?;
            pair_works("X-WING", &pk, &kp.secret_key().ctx("sk")?)?;
            ensure_err(
                "pkcs8 export",
                kp.export(KeyPairEncoding::Pkcs8),
                ErrorKind::UnsupportedEncoding,
            )
        },
    );
}

fn round_trip_checks(h: &mut Harness) {
    for (alg, kp_raw_len, sec) in ALL {
        h.check(
            format!(
                "{alg}: round trip every key pair encoding (raw {kp_raw_len} bytes, pkcs8, pem)"
            ),
            move || {
                let kp = KxKeyPair::generate(alg).ctx("generate")?;
                let pk = kp.public_key().ctx("public_key")?;
                for enc in [
                    KeyPairEncoding::Raw,
                    KeyPairEncoding::Pkcs8,
                    KeyPairEncoding::Pem,
                ] {
                    let bytes = kp.export(enc).ctx(&format!("export {enc:?}"))?;
                    if enc == KeyPairEncoding::Raw {
                        ensure_eq("raw length", bytes.len(), kp_raw_len)?;
                    }
                    if enc == KeyPairEncoding::Pem {
                        ensure(
                            bytes.starts_with(b"-----BEGIN PRIVATE KEY-----\n"),
                            "PEM label",
                        )?;
                    }
                    let kp2 =
                        KxKeyPair::import(alg, &bytes, enc).ctx(&format!("import {enc:?}"))?;
                    ensure_bytes(
                        &format!("{enc:?} re-export"),
                        &kp2.export(enc).ctx("re-export")?,
                        &bytes,
                    )?;
                    pair_works(alg, &pk, &kp2.secret_key().ctx("secret_key")?)?;
                }
                Ok(())
            },
        );
        h.check(
            format!(
                "{alg}: round trip every public key encoding (raw, pkcs8, pem{})",
                if sec { ", sec" } else { "" }
            ),
            move || {
                let kp = KxKeyPair::generate(alg).ctx("generate")?;
                let pk = kp.public_key().ctx("public_key")?;
                let sk = kp.secret_key().ctx("secret_key")?;
                let mut encodings = vec![
                    PublicKeyEncoding::Raw,
                    PublicKeyEncoding::Pkcs8,
                    PublicKeyEncoding::Pem,
                ];
                if sec {
                    encodings.push(PublicKeyEncoding::Sec);
                }
                for enc in encodings {
                    let bytes = pk.export(enc).ctx(&format!("export {enc:?}"))?;
                    let pk2 =
                        KxPublicKey::import(alg, &bytes, enc).ctx(&format!("import {enc:?}"))?;
                    pk2.validate().ctx("publickey_verify")?;
                    ensure_bytes(
                        &format!("{enc:?} re-export"),
                        &pk2.export(enc).ctx("re-export")?,
                        &bytes,
                    )?;
                    pair_works(alg, &pk2, &sk)?;
                }
                Ok(())
            },
        );
        h.check(
            format!(
                "{alg}: round trip every secret key encoding (raw, pkcs8, pem{})",
                if sec { ", sec" } else { "" }
            ),
            move || {
                let kp = KxKeyPair::generate(alg).ctx("generate")?;
                let pk = kp.public_key().ctx("public_key")?;
                let sk = kp.secret_key().ctx("secret_key")?;
                let mut encodings = vec![
                    SecretKeyEncoding::Raw,
                    SecretKeyEncoding::Pkcs8,
                    SecretKeyEncoding::Pem,
                ];
                if sec {
                    encodings.push(SecretKeyEncoding::Sec);
                }
                let pk_bytes = pk.export(PublicKeyEncoding::Pkcs8).ctx("export pk")?;
                for enc in encodings {
                    let bytes = sk.export(enc).ctx(&format!("export {enc:?}"))?;
                    let sk2 =
                        KxSecretKey::import(alg, &bytes, enc).ctx(&format!("import {enc:?}"))?;
                    ensure_bytes(
                        &format!("{enc:?} re-export"),
                        &sk2.export(enc).ctx("re-export")?,
                        &bytes,
                    )?;
                    let derived = sk2.public_key().ctx("public_key")?;
                    ensure_bytes(
                        "derived public key",
                        &derived.export(PublicKeyEncoding::Pkcs8).ctx("export")?,
                        &pk_bytes,
                    )?;
                    let joined =
                        KxKeyPair::from_pk_and_sk(&pk, &sk2).ctx("keypair_from_pk_and_sk")?;
                    pair_works(alg, &pk, &joined.secret_key().ctx("secret_key")?)?;
                }
                Ok(())
            },
        );
    }
    h.check(
        "X25519: generated key pairs agree both ways; the name is case-insensitive",
        || {
            let a = KxKeyPair::generate("x25519").ctx("generate")?;
            let b = KxKeyPair::generate("X25519").ctx("generate")?;
            let ab = b
                .public_key()
                .ctx("pk")?
                .dh(&a.secret_key().ctx("sk")?)
                .ctx("dh")?;
            let ba = a
                .public_key()
                .ctx("pk")?
                .dh(&b.secret_key().ctx("sk")?)
                .ctx("dh")?;
            ensure_eq("length", ab.len(), 32)?;
            ensure_bytes("shared secret", &ab, &ba)
        },
    );
}
