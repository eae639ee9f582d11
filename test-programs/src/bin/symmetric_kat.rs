//! Known-answer tests of the symmetric algorithms through the safe `wasicrypt` API.
//!
//! Every vector below was re-checked with python3 (hashlib, hmac, `blake3`, PyCryptodome, and the
//! `cryptography` package's AESGCM / AESGCMSIV / ChaCha20Poly1305 plus a Python HChaCha20 for
//! XChaCha20-Poly1305) before being written here.

use wasicrypt::ErrorKind;
use wasicrypt::{
    Aead, Cipher, Hash, Hkdf, Hmac, Mac, PasswordHash, PasswordHashCost, Session, SymmetricKey, Xof,
};
use wasicrypt_test_programs::harness::{Context, Harness, ensure_bytes, ensure_eq, ensure_err};
use wasicrypt_test_programs::unhex;

/// FIPS 180-4 / NIST CSRC "Examples with intermediate values": the one-block message "abc".
const ABC: &[u8] = b"abc";
/// NIST example: the 448-bit message (two SHA-256 blocks once padded).
const MSG_448: &[u8] = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
/// NIST example: the 896-bit message (two SHA-512 blocks once padded).
const MSG_896: &[u8] = b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

/// A MAC vector: (algorithm, key, customization, message, tag).
type MacCase = (
    &'static str,
    &'static str,
    Option<&'static [u8]>,
    &'static [u8],
    &'static str,
);
/// An XOF vector: (algorithm, customization, message, output).
type XofCase = (
    &'static str,
    Option<&'static [u8]>,
    &'static [u8],
    &'static str,
);

/// MAC vectors. Sources: SP 800-185 KMAC samples #1, #2, #4;
/// RFC 4493 §4 examples 2 and 4; RFC 4231 test case 2 over SHA3-256 / SHA3-512 (python3 `hmac`).
const MACS: &[MacCase] = &[
    (
        "KMAC-128",
        "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f",
        None,
        &[0, 1, 2, 3],
        "e5780b0d3ea6f7d3a429c5706aa43a00fadbd7d49628839e3187243f456ee14e",
    ),
    (
        "KMAC-128",
        "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f",
        Some(b"My Tagged Application"),
        &[0, 1, 2, 3],
        "3b1fba963cd8b0b59e8c1a6d71888b7143651af8ba0a7070c0979e2811324aa5",
    ),
    (
        "KMAC-256",
        "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f",
        Some(b"My Tagged Application"),
        &[0, 1, 2, 3],
        "20c570c31346f703c9ac36c61c03cb64c3970d0cfc787e9b79599d273a68d2f7f69d4cc3de9d104a351689f27cf6f5951f0103f33f4f24871024d9c27773a8dd",
    ),
    (
        "AES-128-CMAC",
        "2b7e151628aed2a6abf7158809cf4f3c",
        None,
        &[
            0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96, 0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93,
            0x17, 0x2a,
        ],
        "070a16b46b4d4144f79bdd9dd04a287c",
    ),
    (
        "HMAC/SHA3-256",
        "4a656665",
        None,
        b"what do ya want for nothing?",
        "c7d4072e788877ae3596bbb0da73b887c9171f93095b294ae857fbe2645e1ba5",
    ),
    (
        "HMAC/SHA3-512",
        "4a656665",
        None,
        b"what do ya want for nothing?",
        "5a4bfeab6166427c7a3647b747292b8384537cdb89afb3bf5665e4c5e709350b287baec921fd7ca0ee7a0c31d022a95e1fc92ba9d77df883960275beb4e62024",
    ),
];

/// XOF vectors. Sources: FIPS 202 / NIST CSRC SHAKE examples
/// (empty message), SP 800-185 cSHAKE128 sample #1, RFC 9861 §5 (empty message), BLAKE3's
/// `test_vectors.json` (empty input).
const XOFS: &[XofCase] = &[
    (
        "SHAKE-128",
        None,
        b"",
        "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26",
    ),
    (
        "SHAKE-256",
        None,
        b"",
        "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762fd75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be",
    ),
    (
        "CSHAKE-128",
        Some(b"Email Signature"),
        &[0, 1, 2, 3],
        "c1c36925b6409a04f1b504fcbca9d82b4017277cb5ed2b2065fc1d3814d5aaf5",
    ),
    (
        "TURBOSHAKE-128",
        None,
        b"",
        "1e415f1c5983aff2169217277d17bb538cd945a397ddec541f1ce41af2c1b74c",
    ),
    (
        "TURBOSHAKE-256",
        None,
        b"",
        "367a329dafea871c7802ec67f905ae13c57695dc2c6663c61035f59a18f8e7db11edc0e12e91ea60eb6b32df06dd7f002fbafabb6e13ec1cc20d995547600db0",
    ),
    (
        "BLAKE3",
        None,
        b"",
        "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
    ),
];

/// (algorithm, message name, message, digest).
/// Sources: NIST CSRC examples SHA256.pdf, SHA384.pdf, SHA512.pdf, SHA512_256.pdf ("abc" and the
/// two-block message of each family). The SHA-384/512/512-256 digests of the 448-bit message are
/// not NIST examples; they were computed with python3 `hashlib`.
const HASHES: &[(&str, &str, &[u8], &str)] = &[
    // FIPS 202 / NIST CSRC SHA3 examples and RFC 7693 appendices A and B ("abc").
    (
        "SHA3-256",
        "abc",
        ABC,
        "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
    ),
    (
        "SHA3-512",
        "abc",
        ABC,
        "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
    ),
    (
        "BLAKE2B-512",
        "abc",
        ABC,
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
    ),
    (
        "BLAKE2S-256",
        "abc",
        ABC,
        "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
    ),
    (
        "SHA-256",
        "abc",
        ABC,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    ),
    (
        "SHA-256",
        "448-bit",
        MSG_448,
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ),
    (
        "SHA-384",
        "abc",
        ABC,
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    ),
    (
        "SHA-384",
        "448-bit",
        MSG_448,
        "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b",
    ),
    (
        "SHA-384",
        "896-bit",
        MSG_896,
        "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039",
    ),
    (
        "SHA-512",
        "abc",
        ABC,
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
         2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    ),
    (
        "SHA-512",
        "448-bit",
        MSG_448,
        "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335\
         96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445",
    ),
    (
        "SHA-512",
        "896-bit",
        MSG_896,
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018\
         501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
    ),
    (
        "SHA-512/256",
        "abc",
        ABC,
        "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
    ),
    (
        "SHA-512/256",
        "448-bit",
        MSG_448,
        "bde8e1f9f19bb9fd3406c90ec6bc47bd36d8ada9f11880dbc8a22a7078b6a461",
    ),
    (
        "SHA-512/256",
        "896-bit",
        MSG_896,
        "3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a",
    ),
];

/// (case, key, data, [HMAC-SHA-256, HMAC-SHA-384, HMAC-SHA-512] tags as hex).
type HmacCase = (u32, Vec<u8>, &'static [u8], [&'static str; 3]);

/// RFC 4231 §4.2, §4.3, §4.7 and §4.8 (test cases 1, 2, 6, 7): (case, key, data,
/// [HMAC-SHA-256, HMAC-SHA-384, HMAC-SHA-512]).
fn hmac_cases() -> Vec<HmacCase> {
    vec![
        (
            1,
            vec![0x0b; 20],
            b"Hi There",
            [
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c\
                 faea9ea9076ede7f4af152e8b2fa9cb6",
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde\
                 daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
            ],
        ),
        (
            2,
            b"Jefe".to_vec(),
            b"what do ya want for nothing?",
            [
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e\
                 8e2240ca5e69e2c78b3239ecfab21649",
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554\
                 9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
            ],
        ),
        (
            6,
            vec![0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
            [
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6\
                 0c2ef6ab4030fe8296248df163f44952",
                "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352\
                 6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
            ],
        ),
        (
            7,
            vec![0xaa; 131],
            b"This is a test using a larger than block-size key and a larger than block-size data. \
              The key needs to be hashed before being used by the HMAC algorithm.",
            [
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5\
                 a678cc31e799176d3860e6110c46523e",
                "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944\
                 b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
            ],
        ),
    ]
}

/// (case, IKM, salt, info, L, [(hash, PRK hex, OKM hex); 3]).
type HkdfCase = (
    u32,
    Vec<u8>,
    Vec<u8>,
    Vec<u8>,
    usize,
    [(&'static str, &'static str, &'static str); 3],
);

/// HKDF test cases: (case, IKM, salt, info, L, [(hash, PRK, OKM)]).
///
/// The SHA-256 rows are RFC 5869 Appendix A.1-A.3 (test cases 1-3). The SHA-384 and SHA-512 rows
/// use the same inputs; their PRK/OKM were computed with python3 (hashlib + hmac implementing
/// RFC 5869 §2.2-2.3 directly), since RFC 5869 has no SHA-384/512 vectors.
fn hkdf_cases() -> Vec<HkdfCase> {
    vec![
        (
            1,
            vec![0x0b; 22],
            (0x00..=0x0c).collect(),
            (0xf0..=0xf9).collect(),
            42,
            [
                (
                    "SHA-256",
                    "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                    "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                ),
                (
                    "SHA-384",
                    "704b39990779ce1dc548052c7dc39f303570dd13fb39f7acc564680bef80e8de\
                     c70ee9a7e1f3e293ef68eceb072a5ade",
                    "9b5097a86038b805309076a44b3a9f38063e25b516dcbf369f394cfab43685f748b6457763e4f0204fc5",
                ),
                (
                    "SHA-512",
                    "665799823737ded04a88e47e54a5890bb2c3d247c7a4254a8e61350723590a26\
                     c36238127d8661b88cf80ef802d57e2f7cebcf1e00e083848be19929c61b4237",
                    "832390086cda71fb47625bb5ceb168e4c8e26a1a16ed34d9fc7fe92c1481579338da362cb8d9f925d7cb",
                ),
            ],
        ),
        (
            2,
            (0x00..=0x4f).collect(),
            (0x60..=0xaf).collect(),
            (0xb0..=0xff).collect(),
            82,
            [
                (
                    "SHA-256",
                    "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                    "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c\
                     59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71\
                     cc30c58179ec3e87c14c01d5c1f3434f1d87",
                ),
                (
                    "SHA-384",
                    "b319f6831dff9314efb643baa29263b30e4a8d779fe31e9c901efd7de737c85b\
                     62e676d4dc87b0895c6a7dc97b52cebb",
                    "484ca052b8cc724fd1c4ec64d57b4e818c7e25a8e0f4569ed72a6a05fe0649ee\
                     bf69f8d5c832856bf4e4fbc17967d54975324a94987f7f41835817d8994fdbd6\
                     f4c09c5500dca24a56222fea53d8967a8b2e",
                ),
                (
                    "SHA-512",
                    "35672542907d4e142c00e84499e74e1de08be86535f924e022804ad775dde27e\
                     c86cd1e5b7d178c74489bdbeb30712beb82d4f97416c5a94ea81ebdf3e629e4a",
                    "ce6c97192805b346e6161e821ed165673b84f400a2b514b2fe23d84cd189ddf1\
                     b695b48cbd1c8388441137b3ce28f16aa64ba33ba466b24df6cfcb021ecff235\
                     f6a2056ce3af1de44d572097a8505d9e7a93",
                ),
            ],
        ),
        (
            3,
            vec![0x0b; 22],
            Vec::new(),
            Vec::new(),
            42,
            [
                (
                    "SHA-256",
                    "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                    "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
                ),
                (
                    "SHA-384",
                    "10e40cf072a4c5626e43dd22c1cf727d4bb140975c9ad0cbc8e45b40068f8f0b\
                     a57cdb598af9dfa6963a96899af047e5",
                    "c8c96e710f89b0d7990bca68bcdec8cf854062e54c73a7abc743fade9b242daacc1cea5670415b52849c",
                ),
                (
                    "SHA-512",
                    "fd200c4987ac491313bd4a2a13287121247239e11c9ef82802044b66ef357e5b\
                     194498d0682611382348572a7b1611de54764094286320578a863f36562b0df6",
                    "f5fa02b18298a72a8c23898a8703472c6eb179dc204c03425c970e3b164bf90fff22d04836d0e2343bac",
                ),
            ],
        ),
    ]
}

/// An AEAD known answer: all fields hex.
struct AeadVector {
    name: &'static str,
    algorithm: &'static str,
    key: &'static str,
    nonce: &'static str,
    ad: &'static str,
    plaintext: &'static str,
    ciphertext: &'static str,
    tag: &'static str,
}

/// GCM spec key of test cases 3/4 (and, doubled, 15/16).
const GCM_K3: &str = "feffe9928665731c6d6a8f9467308308";
const GCM_K15: &str = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
const GCM_IV: &str = "cafebabefacedbaddecaf888";
const GCM_P64: &str = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72\
                       1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
const GCM_P60: &str = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72\
                       1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
const GCM_A: &str = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
/// RFC 8439 §2.8.2 / draft-irtf-cfrg-xchacha-03 §A.3.1 plaintext ("Ladies and Gentlemen of the
/// class of '99: ..."), 114 bytes, as hex.
const SUNSCREEN: &str = "4c616469657320616e642047656e746c656d656e206f662074686520636c6173\
                         73206f66202739393a204966204920636f756c64206f6666657220796f75206f\
                         6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73\
                         637265656e20776f756c642062652069742e";

const AEADS: &[AeadVector] = &[
    // draft-irtf-cfrg-aegis-aead, test vector 1 of AEGIS-128L and of AEGIS-256.
    AeadVector {
        name: "AEGIS-128L tv1",
        algorithm: "AEGIS-128L",
        key: "10010000000000000000000000000000",
        nonce: "10000200000000000000000000000000",
        ad: "",
        plaintext: "00000000000000000000000000000000",
        ciphertext: "c1c0e58bd913006feba00f4b3cc3594e",
        tag: "abe0ece80c24868a226a35d16bdae37a",
    },
    AeadVector {
        name: "AEGIS-256 tv1",
        algorithm: "AEGIS-256",
        key: "1001000000000000000000000000000000000000000000000000000000000000",
        nonce: "1000020000000000000000000000000000000000000000000000000000000000",
        ad: "",
        plaintext: "00000000000000000000000000000000",
        ciphertext: "754fc3d8c973246dcc6d741412a4b236",
        tag: "3fe91994768b332ed7f570a19ec5896e",
    },
    // RFC 8452 appendix C.1 and C.2: AAD 01, plaintext 0200000000000000.
    AeadVector {
        name: "AES-128-GCM-SIV rfc8452 C.1",
        algorithm: "AES-128-GCM-SIV",
        key: "01000000000000000000000000000000",
        nonce: "030000000000000000000000",
        ad: "01",
        plaintext: "0200000000000000",
        ciphertext: "1e6daba35669f427",
        tag: "3b0a1a2560969cdf790d99759abd1508",
    },
    AeadVector {
        name: "AES-256-GCM-SIV rfc8452 C.2",
        algorithm: "AES-256-GCM-SIV",
        key: "0100000000000000000000000000000000000000000000000000000000000000",
        nonce: "030000000000000000000000",
        ad: "01",
        plaintext: "0200000000000000",
        ciphertext: "1de22967237a8132",
        tag: "91213f267e3b452f02d01ae33e4ec854",
    },
    // McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 2, 3, 4 (128-bit key)
    // and 14, 15, 16 (256-bit key).
    AeadVector {
        name: "AES-128-GCM tc2",
        algorithm: "AES-128-GCM",
        key: "00000000000000000000000000000000",
        nonce: "000000000000000000000000",
        ad: "",
        plaintext: "00000000000000000000000000000000",
        ciphertext: "0388dace60b6a392f328c2b971b2fe78",
        tag: "ab6e47d42cec13bdf53a67b21257bddf",
    },
    AeadVector {
        name: "AES-128-GCM tc3",
        algorithm: "AES-128-GCM",
        key: GCM_K3,
        nonce: GCM_IV,
        ad: "",
        plaintext: GCM_P64,
        ciphertext: "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e\
                     21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
        tag: "4d5c2af327cd64a62cf35abd2ba6fab4",
    },
    AeadVector {
        name: "AES-128-GCM tc4",
        algorithm: "AES-128-GCM",
        key: GCM_K3,
        nonce: GCM_IV,
        ad: GCM_A,
        plaintext: GCM_P60,
        ciphertext: "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e\
                     21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
        tag: "5bc94fbc3221a5db94fae95ae7121a47",
    },
    AeadVector {
        name: "AES-256-GCM tc14",
        algorithm: "AES-256-GCM",
        key: "0000000000000000000000000000000000000000000000000000000000000000",
        nonce: "000000000000000000000000",
        ad: "",
        plaintext: "00000000000000000000000000000000",
        ciphertext: "cea7403d4d606b6e074ec5d3baf39d18",
        tag: "d0d1c8a799996bf0265b98b5d48ab919",
    },
    AeadVector {
        name: "AES-256-GCM tc15",
        algorithm: "AES-256-GCM",
        key: GCM_K15,
        nonce: GCM_IV,
        ad: "",
        plaintext: GCM_P64,
        ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa\
                     8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
        tag: "b094dac5d93471bdec1a502270e3cc6c",
    },
    AeadVector {
        name: "AES-256-GCM tc16",
        algorithm: "AES-256-GCM",
        key: GCM_K15,
        nonce: GCM_IV,
        ad: GCM_A,
        plaintext: GCM_P60,
        ciphertext: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa\
                     8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
        tag: "76fc6ece0f4e1768cddf8853bb2d551b",
    },
    // RFC 8439 §2.8.2 (AEAD_CHACHA20_POLY1305 test vector).
    AeadVector {
        name: "CHACHA20-POLY1305 rfc8439",
        algorithm: "CHACHA20-POLY1305",
        key: "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
        nonce: "070000004041424344454647",
        ad: "50515253c0c1c2c3c4c5c6c7",
        plaintext: SUNSCREEN,
        ciphertext: "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6\
                     3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36\
                     92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc\
                     3ff4def08e4b7a9de576d26586cec64b6116",
        tag: "1ae10b594f09e26a7e902ecbd0600691",
    },
    // draft-irtf-cfrg-xchacha-03 §A.3.1 (AEAD_XChaCha20_Poly1305 test vector).
    AeadVector {
        name: "XCHACHA20-POLY1305 draft-03",
        algorithm: "XCHACHA20-POLY1305",
        key: "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
        nonce: "404142434445464748494a4b4c4d4e4f5051525354555657",
        ad: "50515253c0c1c2c3c4c5c6c7",
        plaintext: SUNSCREEN,
        ciphertext: "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb\
                     731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452\
                     2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9\
                     21f9664c97637da9768812f615c68b13b52e",
        tag: "c0875924c1c7987947deafd8780acf49",
    },
];

fn main() {
    let mut h = Harness::new();

    for &(algorithm, msg_name, msg, digest) in HASHES {
        h.check(format!("{algorithm} {msg_name}"), move || {
            let want = unhex(digest)?;
            let got = Hash::hash(algorithm, msg, want.len()).ctx("hash")?;
            ensure_bytes("one-shot", &got, &want)?;
            // Streaming, split at an odd place.
            let mut hash = Hash::new(algorithm).ctx("new")?;
            let (a, b) = msg.split_at(msg.len() / 3);
            hash.update(a).ctx("update 1")?;
            hash.update(b).ctx("update 2")?;
            let got = hash.finalize(want.len()).ctx("finalize")?;
            ensure_bytes("streaming", &got, &want)
        });
    }

    for (case, key, data, tags) in hmac_cases() {
        for (algorithm, tag) in ["HMAC/SHA-256", "HMAC/SHA-384", "HMAC/SHA-512"]
            .into_iter()
            .zip(tags)
        {
            let key = key.clone();
            h.check(format!("{algorithm} rfc4231 tc{case}"), move || {
                let want = unhex(tag)?;
                let got = Hmac::mac(algorithm, &key, data).ctx("mac")?;
                ensure_bytes("tag", &got, &want)?;
                let key = SymmetricKey::import(algorithm, &key).ctx("import")?;
                let mut mac = Hmac::new(algorithm, &key).ctx("new")?;
                mac.update(data).ctx("update")?;
                mac.verify(&want).ctx("verify")
            });
        }
    }

    for &(algorithm, key, customization, data, tag) in MACS {
        h.check(
            format!("{algorithm} {}", tag.get(..8).unwrap_or(tag)),
            move || {
                let (key, want) = (unhex(key)?, unhex(tag)?);
                let imported = SymmetricKey::import(algorithm, &key).ctx("import")?;
                let open = || match customization {
                    Some(s) => Mac::with_customization(algorithm, &imported, s),
                    None => Mac::new(algorithm, &imported),
                };
                // A tag taken midway covers the input so far, and input goes on.
                let (a, b) = data.split_at(data.len() / 2);
                let mut prefix = open().ctx("new")?;
                prefix.update(a).ctx("update")?;
                let mut mac = open().ctx("new")?;
                mac.update(a).ctx("update 1")?;
                ensure_bytes(
                    "tag so far",
                    &mac.tag().ctx("tag")?,
                    &prefix.finalize().ctx("finalize")?,
                )?;
                mac.update(b).ctx("update 2")?;
                ensure_bytes("tag", &mac.tag().ctx("tag")?, &want)?;
                if customization.is_none() {
                    ensure_bytes(
                        "one-shot",
                        &Mac::mac(algorithm, &key, data).ctx("mac")?,
                        &want,
                    )?;
                }
                mac.verify(&want).ctx("verify")
            },
        );
    }

    for &(algorithm, customization, data, out) in XOFS {
        h.check(
            format!("{algorithm} {}", out.get(..8).unwrap_or(out)),
            move || {
                let want = unhex(out)?;
                let new = || match customization {
                    Some(s) => Xof::with_customization(algorithm, s),
                    None => Xof::new(algorithm),
                };
                let mut xof = new().ctx("new")?;
                xof.update(data).ctx("update")?;
                ensure_bytes("one read", &xof.read_vec(want.len()).ctx("read")?, &want)?;
                // Reads continue the stream.
                let mut xof = new().ctx("new")?;
                xof.update(data).ctx("update")?;
                let mut got = xof.read_vec(7).ctx("read 1")?;
                got.extend(xof.read_vec(want.len() - 7).ctx("read 2")?);
                ensure_bytes("two reads", &got, &want)?;
                ensure_err(
                    "update after read",
                    xof.update(b"x"),
                    ErrorKind::InvalidOperation,
                )
            },
        );
    }

    h.check("BLAKE3 keyed (test_vectors.json, 1025 bytes)", || {
        let input: Vec<u8> = (0..1025).map(|i| (i % 251) as u8).collect();
        let key =
            SymmetricKey::import("BLAKE3", b"whats the Elvish word for friend").ctx("import")?;
        let want = unhex("357dc55de0c7e382c900fd6e320acc04146be01db6a8ce7210b7189bd664ea69")?;
        let mut xof = Xof::keyed("BLAKE3", &key).ctx("keyed")?;
        xof.update(&input).ctx("update")?;
        ensure_bytes("output", &xof.read_vec(32).ctx("read")?, &want)?;
        let mut mac = Mac::new("BLAKE3", &key).ctx("mac")?;
        mac.update(&input).ctx("update")?;
        mac.verify(&want).ctx("verify")
    });

    // The Argon2 reference implementation's test.c (t = 2, m = 64 MiB, p = 1, "password",
    // "somesalt"), and RFC 7914 §11 for PBKDF2-HMAC-SHA-256.
    let argon2_cost = PasswordHashCost {
        ops_limit: Some(2),
        memory_limit: Some(64 << 20),
        parallelism: Some(1),
    };
    h.check("ARGON2-ID-13 reference test vector, PHC string", move || {
        let want = unhex("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7")?;
        let got = PasswordHash::derive_key("ARGON2-ID-13", b"password", b"somesalt", &argon2_cost, 32)
            .ctx("derive_key")?;
        ensure_bytes("raw", &got, &want)?;
        let phc = PasswordHash::hash("ARGON2-ID-13", b"password", b"somesalt", &argon2_cost)
            .ctx("hash")?;
        let want_phc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        ensure_bytes("PHC string", phc.as_bytes(), want_phc.as_bytes())?;
        PasswordHash::verify(&phc, b"password").ctx("verify")?;
        ensure_err("wrong password", PasswordHash::verify(&phc, b"passw0rd"), ErrorKind::InvalidTag)?;
        ensure_err(
            "not a PHC string",
            PasswordHash::verify("argon2id", b"password"),
            ErrorKind::UnsupportedEncoding,
        )
    });
    h.check("PBKDF2-HMAC/SHA-256 rfc7914 c=1, PHC string", || {
        let cost = PasswordHashCost {
            ops_limit: Some(1),
            ..PasswordHashCost::default()
        };
        let want = unhex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")?;
        let got = PasswordHash::derive_key("PBKDF2-HMAC/SHA-256", b"passwd", b"salt", &cost, 64)
            .ctx("derive_key")?;
        ensure_bytes("raw", &got, &want)?;
        let cost = PasswordHashCost {
            ops_limit: Some(1000),
            ..PasswordHashCost::default()
        };
        let phc = PasswordHash::hash("PBKDF2-HMAC/SHA-256", b"password", b"somesalt", &cost)
            .ctx("hash")?;
        let want_phc = "$pbkdf2-sha256$i=1000,l=32$c29tZXNhbHQ$j4Aa14inUtOh7Sg/D7hH54ohymuHNQD4+ccfhepGWAY";
        ensure_bytes("PHC string", phc.as_bytes(), want_phc.as_bytes())?;
        PasswordHash::verify(&phc, b"password").ctx("verify")?;
        ensure_err("wrong password", PasswordHash::verify(&phc, b"Password"), ErrorKind::InvalidTag)
    });

    h.check("XOODYAK-128 hash mode: NIST LWC hash KAT, count 1", || {
        let mut session = Session::new("XOODYAK-128", None, None).ctx("new")?;
        session.absorb(b"").ctx("absorb")?;
        let want = unhex("ea152f2b47bce24efb66c479d4adf17bd324d806e85ff75ee369ee50dc8f8bd1")?;
        ensure_bytes("digest", &session.squeeze(32).ctx("squeeze")?, &want)?;
        ensure_err(
            "encrypt in hash mode",
            session.encrypt(b"x"),
            ErrorKind::InvalidOperation,
        )
    });
    h.check("XOODYAK-160 sessions agree", || {
        let key = SymmetricKey::generate("XOODYAK-160", None).ctx("generate")?;
        ensure_eq("key length", key.export().ctx("export")?.len(), 20)?;
        let mut alice = Session::new("XOODYAK-160", Some(&key), Some(b"n")).ctx("alice")?;
        let mut bob = Session::new("XOODYAK-160", Some(&key), Some(b"n")).ctx("bob")?;
        let sealed = alice.encrypt(b"hello").ctx("encrypt")?;
        ensure_bytes("opened", &bob.decrypt(&sealed).ctx("decrypt")?, b"hello")?;
        alice.ratchet().ctx("ratchet")?;
        bob.ratchet().ctx("ratchet")?;
        ensure_bytes(
            "tags",
            &alice.squeeze_tag().ctx("tag")?,
            &bob.squeeze_tag().ctx("tag")?,
        )?;
        let mut bad = alice.encrypt(b"again").ctx("encrypt")?;
        bad[0] ^= 1;
        ensure_err("tampered", bob.decrypt(&bad), ErrorKind::InvalidTag)
    });

    // SP 800-38A F.2.1 (CBC; the last block is the PKCS#7 padding block, computed with
    // `cryptography`) and F.5.1 (CTR), first two blocks.
    for (algorithm, iv, ct) in [
        (
            "AES-128-CBC",
            "000102030405060708090a0b0c0d0e0f",
            "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b255e21d7100b988ffec32feeafaf23538",
        ),
        (
            "AES-128-CTR",
            "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
            "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff",
        ),
    ] {
        h.check(format!("{algorithm} sp800-38a"), move || {
            let key = SymmetricKey::import(algorithm, &unhex("2b7e151628aed2a6abf7158809cf4f3c")?)
                .ctx("import")?;
            let (iv, want) = (unhex(iv)?, unhex(ct)?);
            let pt = unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51")?;
            let mut cipher = Cipher::new(algorithm, &key, &iv).ctx("new")?;
            ensure_bytes("ciphertext", &cipher.encrypt(&pt).ctx("encrypt")?, &want)?;
            ensure_err(
                "second encryption",
                cipher.encrypt(&pt),
                ErrorKind::NonceRequired,
            )?;
            ensure_bytes("plaintext", &cipher.decrypt(&want).ctx("decrypt")?, &pt)
        });
    }
    h.check("AES-128-CBC bad padding -> invalid_tag", || {
        let key = SymmetricKey::import("AES-128-CBC", &[1; 16]).ctx("import")?;
        let mut cipher = Cipher::new("AES-128-CBC", &key, &[2; 16]).ctx("new")?;
        let mut ct = cipher.encrypt(b"attack at dawn").ctx("encrypt")?;
        ct[15] ^= 0x01;
        ensure_err("decrypt", cipher.decrypt(&ct), ErrorKind::InvalidTag)?;
        ensure_err(
            "decrypt 15 bytes",
            cipher.decrypt(&ct[..15]),
            ErrorKind::InvalidTag,
        )
    });

    for (case, ikm, salt, info, len, rows) in hkdf_cases() {
        for (hash, prk, okm) in rows {
            let (ikm, salt, info) = (ikm.clone(), salt.clone(), info.clone());
            let source = if hash == "SHA-256" {
                "rfc5869"
            } else {
                "python"
            };
            h.check(format!("HKDF-{hash} {source} tc{case}"), move || {
                let prk_want = unhex(prk)?;
                let okm_want = unhex(okm)?;
                let prk_key = Hkdf::extract(hash, &ikm, &salt).ctx("extract")?;
                let prk_got = prk_key.export().ctx("export PRK")?;
                ensure_bytes("PRK", &prk_got, &prk_want)?;
                let okm_got = Hkdf::expand(&prk_key, &info, len).ctx("expand")?;
                ensure_bytes("OKM", &okm_got, &okm_want)?;
                // Expand from an imported PRK, and the one-shot form.
                let imported = SymmetricKey::import(format!("HKDF-EXPAND/{hash}"), &prk_want)
                    .ctx("import PRK")?;
                let okm_got = Hkdf::expand(&imported, &info, len).ctx("expand imported")?;
                ensure_bytes("OKM (imported PRK)", &okm_got, &okm_want)?;
                let okm_got = Hkdf::derive(hash, &ikm, &salt, &info, len).ctx("derive")?;
                ensure_bytes("OKM (derive)", &okm_got, &okm_want)
            });
        }
    }

    for v in AEADS {
        h.check(format!("{} seal", v.name), move || {
            let (key, nonce, ad, pt, ct, tag) = decode(v)?;
            let key = SymmetricKey::import(v.algorithm, &key).ctx("import")?;
            let sealed = Aead::new(v.algorithm, &key, &nonce, &ad)
                .ctx("new")?
                .seal(&pt)
                .ctx("seal")?;
            ensure_bytes(
                "ciphertext || tag",
                &sealed,
                &[ct.as_slice(), &tag].concat(),
            )?;
            let (ct_got, tag_got) = Aead::new(v.algorithm, &key, &nonce, &ad)
                .ctx("new")?
                .seal_detached(&pt)
                .ctx("seal_detached")?;
            ensure_bytes("detached ciphertext", &ct_got, &ct)?;
            ensure_bytes("detached tag", &tag_got, &tag)
        });
        h.check(format!("{} open", v.name), move || {
            let (key, nonce, ad, pt, ct, tag) = decode(v)?;
            let key = SymmetricKey::import(v.algorithm, &key).ctx("import")?;
            let mut aead = Aead::new(v.algorithm, &key, &nonce, &ad).ctx("new")?;
            let opened = aead.open(&[ct.as_slice(), &tag].concat()).ctx("open")?;
            ensure_bytes("plaintext", &opened, &pt)?;
            let opened = aead.open_detached(&ct, &tag).ctx("open_detached")?;
            ensure_bytes("plaintext (detached)", &opened, &pt)
        });
        h.check(
            format!("{} flipped bit -> invalid_tag", v.name),
            move || {
                let (key, nonce, ad, _pt, ct, tag) = decode(v)?;
                let key = SymmetricKey::import(v.algorithm, &key).ctx("import")?;
                let sealed = [ct.as_slice(), &tag].concat();
                // A bit of the ciphertext, a bit of the tag, then a bit of the associated data.
                for position in [0, sealed.len() - 1] {
                    let mut bad = sealed.clone();
                    bad[position] ^= 0x01;
                    let mut aead = Aead::new(v.algorithm, &key, &nonce, &ad).ctx("new")?;
                    ensure_err(
                        &format!("open with byte {position} flipped"),
                        aead.open(&bad),
                        ErrorKind::InvalidTag,
                    )?;
                    let mut aead = Aead::new(v.algorithm, &key, &nonce, &ad).ctx("new")?;
                    let (bad_ct, bad_tag) = bad.split_at(ct.len());
                    ensure_err(
                        &format!("open_detached with byte {position} flipped"),
                        aead.open_detached(bad_ct, bad_tag),
                        ErrorKind::InvalidTag,
                    )?;
                }
                let mut bad_ad = ad.clone();
                match bad_ad.first_mut() {
                    Some(byte) => *byte ^= 0x01,
                    None => bad_ad.push(0x00),
                }
                let mut aead = Aead::new(v.algorithm, &key, &nonce, &bad_ad).ctx("new")?;
                ensure_err(
                    "open with other associated data",
                    aead.open(&sealed),
                    ErrorKind::InvalidTag,
                )
            },
        );
    }

    h.run();
}

type Decoded = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>);

fn decode(v: &AeadVector) -> Result<Decoded, String> {
    Ok((
        unhex(v.key)?,
        unhex(v.nonce)?,
        unhex(v.ad)?,
        unhex(v.plaintext)?,
        unhex(v.ciphertext)?,
        unhex(v.tag)?,
    ))
}
