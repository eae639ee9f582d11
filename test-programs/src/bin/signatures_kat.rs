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

use wasicrypt::{
    Error, KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding, Signature, SignatureEncoding,
    SignatureKeyPair, SignaturePublicKey, SignatureSecretKey,
};
use wasicrypt_test_programs::harness::{
    CheckResult, Context, Harness, ensure, ensure_bytes, ensure_eq, ensure_err,
};
use wasicrypt_test_programs::{hex, unhex};

// ---------------------------------------------------------------------------------------------
// Vectors
// ---------------------------------------------------------------------------------------------

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

/// The message every fixed RSA signature signs.
const RSA_MESSAGE: &[u8] = b"wasicrypt: RSA signature test vector";

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

/// Python `cryptography` 48 `key.sign(RSA_MESSAGE, padding.PKCS1v15(), hash)` with the fixture
/// of each size (from `host/tests/ed25519_rsa.rs`, `PKCS1_VECTORS`).
const PKCS1_VECTORS: &[(&str, &str)] = &[
    (
        "RSA_PKCS1_2048_SHA256",
        "1439b26c21ee00e7ab3ffb73ccdc1294fa54e4bdc31f662c507d788cf8a545a1cbb234a573a4c8881b998e0bdaf77f0a13f6a339ebfbd08a960c5a1a3560d42504282debcb294e989c6c89c01a0148cd8875a9f81ed84b24c4a857b61d55ef16d5249935743d64df28155b1e99565e336719ec85de102dac09c339296cb47666d1b6cd340ee6f973a2a5a2b1e24ffa6e5a12db22c605782bfe4a9d9982bb77d8f614c0587b27e818071d9020792f9c617c945c3aba924ae16fb85cc54a2b7cd314b8eef4571cd1f76db8d41377be7653e7909aeea5efbffe1df1c6f3a87226e98f9c106d00728017e1748daeea3687c27b90e95e931dab107fb3b8ef8c35007c",
    ),
    (
        "RSA_PKCS1_2048_SHA384",
        "658db7c0c30d68645ba4985b0a639dc4d7930091d7bea3cbd77fc8631f7422df54297a50cea9cf20c79aa5437c0536b2b0b9a84dac62117500e7fa16739d28d8a5c3fd4ef80f264d270a55d24a320a22d42dc1da6adda7db3c05241514c4cc8e11958a456471ae506028027b5d52aeaba5491b1b5f1e3319b92e0450eb4ca65958d71388d6519c6a6361b7530c1200453f5e4d07889df3ea3be64102dfd1d40f6778bb3acbcdfc823fd7d74d3754762603ad57e0cbe35080d68dc26349bf814951cc308d0e501ea3eb497c02a30437eebc957a3b87be846f347e30ce857824c513202fcf0e19e1518ab845cd7b0e0b7ac1db51fedfcd69cc08b17092cd56d02b",
    ),
    (
        "RSA_PKCS1_2048_SHA512",
        "63086341a59bec0a992decad9ea3eab8a7d71b1ca1a7a2b6dbc208c41f226cc72cc155f05a6bde60f607bfb2fdd62b9b04f63e7d505398aa47fe0147c4ffc69d4dd4d6635dad04a57427e66d5e9e5ca63e67c4d8ed4784a6526c4db64acb7c3c2c8f1c03c47dbd6443c149677bf6f00ca79e265bb567ebe13739de65e236cc175b9f33c3ae9549289e7c467a7dd5f3c775df0eaf3b84607f288e46bf3a297a8d7b505c922e6c6666b9bf118b89e26e5c1a76648c5afe1e48978b40f3d3d1d472c6421babfff12b921ad2de2a80b032301eea3e139d81b154fd4c831e8e1bf1445c0453c71c77e98e8a2b4b43a7719403508f8daa3bb799e6612ce472639e8cc8",
    ),
    (
        "RSA_PKCS1_3072_SHA384",
        "aa0dc89da469b11b64af1679f7e4fdf46447c3ce298fde251646e5038498cc8e838c167a6adba687089865b2534c120f7a2aa303469e4b42c096f697c9964a6cdcddc27b807b2ec8353913bde3146c9f351233d569674f578705e2847bdf863ddca71fc9e1d28fafdc604e09efca90f440e18f6cd6e2870cfd993f5bc227f0d5c4d21d82bd3928d7f25e42e2f38639a7d5707fcd4807d6bd76ef9f99aa670837df3e25e8f332798255e303e30c430c79fd2a33615141630b7c34a956ee348660a4afe8b6385e9bf926ad187068a0b974ba8fc6b2e8c50288e0df79c4b8e327c3464552b451a21842e2491a3bc1437ac0babf2cb62c26a62db34e5647d1e38f65d2d33b77dfd584d6752f690236431a43a42041b5d6575b9187fe52dd346274b8eeb72df22e7d77dc4be32eab5a3111acafc8e868424ea1f37f4bde9a4d7c49c3106380a3b66ad44f04f77050feb3207b1f4450b24cc695380250903221882134072b6d12ca12c10f93c1f7563c9a2479562cbf69fc7322b3992ab50a045e3faa",
    ),
    (
        "RSA_PKCS1_3072_SHA512",
        "aa3f0e0940528ac2049fbcce7e6ddfa5649662c1902939334be148ef9ef343d9527b6e08a4c44cf1b9a9827c6158522797247e746fd0d8724c20fc64298d1a0fb64f1723f532a60997c496ef06da8286441d079651a44dbdde3944f8d050ca5304e14bb229e1ae9ac75abcd5bb2a66d160e396feed4cb75b2607f21bfa4ed0086e0fba6ba6fe760d5671998efaf044e6682503eae354b2b064edd7c87bfac20a7a48133b7731efa1cf75158a0c664892025c16788c3d091733726e1efbaaa83a6f6e8a6ec90aaf1966fe3d7ff0b8eab617c9dc9ca8cb615a1092ef9c46c3c62bde08d179334147c46b6231d8a6c0f531fab78f7a72a240e4236f8a2414df57151a7bef87c9197b92ee06b131de77b70a6098c704c54014d7c5798d9e320ef135e5290dbe5db0c08c99b41156820e65255ee4dfde97dcbcd4eff85b65ae0e7e6d64d5fe23450b6858dc8ecc94ae19cc1109273e7bf173b81f70ad9d531c1e03298e6aee94ddb905657f221a6e7f647eaa4c240c96c61a6da13531c8cab8e50785",
    ),
    (
        "RSA_PKCS1_4096_SHA512",
        "a6b43ff013796647a1d0e19598f3fe2d7ab2a3e26f88727ec96b32002c4271d29970360c0fe6195426b033849528a18bd469a969bdbd6bea4b8829b9e44de63b2e831e053237195d65f290c3a0034aa4ca6968f9bde63ff5e7d248f01df17a60db60f2f41a802cddcf001c9f699c9db61045d3f775729eb79b7a089bee1ac38c067f35741e8912b802804edf9ee7e1edbe73751defd1b11c116a23a2f3fbb11a8b6317d7adec48c8bb01d6d983d309acc5066fc52d521ae9954ad29cdbf8df31e361f432c36acefe155069347cb894e2e97440191e506838c102b2c144556bb95ba25eb975b98127a899530218d75c76bf08341d668141e1ba3b37da8268aa0c7a85b4b91787853fed81dcbc4362402962d3c02d11383d0acefabbc0de0aa4816cc21705f2a69481b6c09f221201a29f4540e8b37330cfa2f33686b884fe21f81a3ec0155291bf15aa01aeb9a1c12439a4eaeaf90478321a249f3e8479a7c13032831e846c7c20c13b02f45720bf3fe24d335caaca9ab3797f698524f09192c5adf371b893f5acb3eb5468c6f2beeddc5d5f26a04b358fa950a143955b8e8c3e1347b4ed5aebb448fed738cfa575b57825d397c628c95dba419769aaab811a071b61fa7030d35096d5f2ab800d98c9e3334e3b8bc60c8b437e72c62329826c957f2ce765544e231b51577e7be94f8fcb638255dbef4c9c534967413a9414c2ce",
    ),
];

/// Python `cryptography` 48 `key.sign(RSA_MESSAGE, padding.PSS(MGF1(hash), DIGEST_LENGTH),
/// hash)` with the fixture of each size (from `host/tests/ed25519_rsa.rs`, `PSS_VECTORS`).
const PSS_VECTORS: &[(&str, &str)] = &[
    (
        "RSA_PSS_2048_SHA256",
        "4268e1a8c5dbdba26e4264922f9194a9d41b1ec4a119f96dff38a290dc1d8c496bb8fd97b062b5b9fe15a6613fd8d2bc3c9aede50ccae0a5a7a266623183add1bf9b9e64231cae43e60e2dfa281c2f6ea809658bc8d366a08fb5d4a737bc326290c3dcf807c0e7b84fdd7a282b7dd6a24e3496876f58e921875b11cb7f6da8e98e58ad878fd38f03ebd487576156493ed406e07991b4ee91385dffa1bb86445465c039e72bee86428ec254a5c593ade48b8d19baacee8bf01bf996ebafd7e94fa56a6bdc041cadeefce092d445a566e6767ba814b635d94cc01c07d72654e01723e284a343610b773e08eb222cd03900fdc85a0657a725339a6b657994eb039e",
    ),
    (
        "RSA_PSS_2048_SHA384",
        "55e903ee07035c0145597c044e601afb2eb68ef16fe69cc234e79afa8a9be0392c10b70d37d30cbc438589c42b7c93bd4cdf07f2ec50ad3a9b31ed070e06942138a3c88acac9fde7e366c1b5883991a74bcebfed315f77dfd1a2d5f54a4ed0f679cafe3a5fc44255a66f6cd616aa6021a343ed87092eeaf2929830804dd33cafea1107f607a484e7555fa6c31b460288929545a51c76507ad3c18f9badc11cb329e72ac3d511722e0054628fee7e8079f2352db678167f939e54352bc63fdaff0fd130da02616428f2188a33faa42efe0c3bd0f3935d01b3dbeb6208b13eafda8cfa4964671e67333708e45911821117e792dbcc11fe19ebe31a280876e2ec28",
    ),
    (
        "RSA_PSS_2048_SHA512",
        "446ba6393e8839aad0e1d8bb381c34a678f7b13b59e1512b70aa0c866499c6078f4deedde026867d4d948b98b44a047627830d7f15975573850bcc5e9d851bf52e58c8d482889b1194bbfb8ddfc25f26e47e4aaaec01eeafa3ea441e75eafd99e88ba4b43f85e0b085368146a7198ffff64365bea83e68323394a4d5ab50904d21c7082b69a0aee7786b8691a174cc49411a44ebca9b399b0c3eaa7e05cb6910eabacf8dc6c77ebbaaf1552a3f83b5fbbd38419513eea89707c685dc110cbb42e177bb2e18901b3c3c488f55b385c2d0e6b9d48a1c1e82a81577dad6de11a0ea551df9fe97bbd172f2f27380bcb54edfacd16e1f849ea83ae3aa3f40cd8e363c",
    ),
    (
        "RSA_PSS_3072_SHA384",
        "8c7de3e63dbccd5255408847f07443655406ba096d64fe5ba118207a0ce6c2de9ed498160bdaa156644f1cdc8c4c599a51556728d21fcc0bcd0ce1d4aa91d777836f6cc626a643dc0efad03aae514716a9e62770dda42a78d9c43217e2e594de56b6ebc05b8444c7c0104db9fdb0ba1af868629d799ad980b23a70efcc3fbb4c9a22fad392db4f91fa8c3f9fa58a000d76d98d24d78e78ac5585543f3d4b43e0eb865c8d99678f2f5930b611138b07c54b05bac7be654b974ccc4aa68d4d3204a4910195b57f535284ac4532d96f18117db8278bd69b0d53b4696b70cde337af195659589416f49d021cf7637c1bad6912ee9a964d4135258e8c9d43764730718c5720154c1f4fbb08f47080425d2321b5c8650de4a839d7397d7f02e917ff83056fd3189f2cc840e7fc9224aabc87e0b24d3defad8fd5df8af2967d55c66bb96a4f1e0024d267932ecfbfd4844343ca90c8add40f42ff39aa1518a1763f86543ba02835183f185bda5754c2455bccde0f61f7e4b65e4cc3b0483ead43ac6f07",
    ),
    (
        "RSA_PSS_3072_SHA512",
        "4a06f71791f8cc0f3f6ad3d4e356faa6c680ebc9b93067d4097858b7d59c890c7920507e2abf1abc97334ed9b3a1917804b95e07dd047a69df2a02cc9006f396bb2de1dd816c09c00fbe9fc09ec64df3bd27d0fa9a25a6e2d59fad08fa61b66b530daaee0e2efbb2aa88ff6c5cc53fc65131a69e39700abda2af653e1535e4e8bfe83266d1633a592217cad6d88ffe7eed5e79c8f0de0369e4217e06ceeed4af58854c8113ff0236a4c183666ea8fdc92c7f0944f88bdc755bc62e948bee372e4746d532bd7022d4a59d0a6dd4ae16769becf12b3d5d5f59d61471eb235a36217477ecb3c78b5e483fe05945798880951783a508f0d384e675a02176bfb0b2b50e85e867ee94e5856ccb227eaf42c5e72a05d912c8acf2b8ca0de4d987efd708ae408686455db25f067352ed589b623f986ab7734208cb076e06b7facbcf91795e1efe7abd3e8b2440fcbceab9e727ec7d9781af7186b6bfc09f88c2fd0d47f26aa23bf32dfd2ad60b777cd04169b4c27bb317ad1c107461f91db8ec73f2fce6",
    ),
    (
        "RSA_PSS_4096_SHA512",
        "c7323a0377270517bdfb611b3ef3e13ae4d19ed3ed66a42fb2ea089da6a61a00f9d6084e34c356089aab2df8ee5d5f812a939753813e5941689cde59c0a5c31fcba78594c27528df663cda7041cf1282c8bb599d322d2b023ef6bf691a5a125f8ba13b4b7c8fe17e42ce900965cd49dd996e4c628343948ad9bcaea9733caecfe16756585fbd3c9cdbb4b26df3be96d5c27bd4f5f5626dc532e1324c06a19a9ca2ae56a0d501487e22b50b8a4e2c5bd3d5b09ba4e322ea2780def3b91122a8ab020e16b1793b218ef31d16cd4cc92e128905f28b01e447ca6435049a343928a9711cc4f32570105cd32aeda98c87e780579554a2622e4b925df9e4f85e5e01d168f9c5fadd04b00178a48a93a644923807c24bc834a8698944ae0f529a26d209de489530e3a14686a44a261edd2b101459bebff0d50757ce371bcf8784b20f44a0eb62e0a9aff6068ee182fb2fc4ed79a2a31b2e4496fcb6e5053f3b44b68f889b820d43a2b0a6d82c8f668eb86773dea8d6b772d7a5a8ca448fa22c073b4549ad1c6982bc1571a93087814334afbce4180e554a76787db2af64095eb3913fe9c0b75bb1097b164dc22890229199368ad646d0569eb8b72fc9e945e65a3cf8d311a14e13f343fca4431601ddcf35454ce2d10feeac8b1aca34a0f196dfad097ba2ba3fe6c469c6089ee6c14ff853c61e51a329f2898bee97553046b566862c46",
    ),
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
        Error::VerificationFailed,
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
    streaming_checks(&mut h);
    h.run();
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
                Error::VerificationFailed,
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
                    Error::VerificationFailed,
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
                    Error::VerificationFailed,
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
