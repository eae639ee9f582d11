//! The wasm boundary, driven from the host: a module generated from `witx/abi.txt` imports all
//! 78 WASI-Crypto functions with their exact core signatures and re-exports them, so these tests
//! can call every hostcall with hostile pointers, lengths and handles and check the errno.

mod common;

use common::State;
use wasmtime::{Engine, Instance, Memory, Store, Val};

/// `crypto_errno` values (proposal, `$crypto_errno`).
const SUCCESS: i32 = 0;
const GUEST_ERROR: i32 = 1;
const UNSUPPORTED_FEATURE: i32 = 3;
const UNSUPPORTED_ALGORITHM: i32 = 6;
const INVALID_KEY: i32 = 8;
const INVALID_HANDLE: i32 = 15;
const OVERFLOW: i32 = 16;
const INVALID_TAG: i32 = 21;

/// One line of abi.txt: module, function, core parameter types.
fn abi() -> Vec<(String, String, Vec<String>)> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/witx/abi.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (module, rest) = line.split_once(' ').unwrap();
            let func = rest.split('(').next().unwrap().to_string();
            let params = rest
                .split("core=([")
                .nth(1)
                .unwrap()
                .split(']')
                .next()
                .unwrap();
            let params = params
                .split(", ")
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            (module.to_string(), func, params)
        })
        .collect()
}

/// A module importing every function of abi.txt and exporting a wrapper of it as
/// `module.function`, plus a one-page memory.
fn instantiate() -> (Store<State>, Instance, Memory) {
    let mut wat = String::from("(module\n");
    let abi = abi();
    for (i, (module, func, params)) in abi.iter().enumerate() {
        wat += &format!(
            "  (import \"{module}\" \"{func}\" (func $f{i} (param {}) (result i32)))\n",
            params.join(" ")
        );
    }
    // Exported through a wasm wrapper, so each call comes from inside the instance (which is
    // where wiggle finds the memory).
    for (i, (module, func, params)) in abi.iter().enumerate() {
        let gets: String = (0..params.len())
            .map(|p| format!("local.get {p} "))
            .collect();
        wat += &format!(
            "  (func (export \"{module}.{func}\") (param {}) (result i32) {gets}call $f{i})\n",
            params.join(" ")
        );
    }
    wat += "  (memory (export \"memory\") 1))\n";
    let engine = Engine::default();
    let module = wasmtime::Module::new(&engine, wat::parse_str(&wat).unwrap()).unwrap();
    let (linker, mut store) = common::linked(&engine, wasicrypt_host::CryptoCtx::new());
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let memory = instance.get_memory(&mut store, "memory").unwrap();
    (store, instance, memory)
}

/// Calls `module.function` with i32/i64 arguments; `Err` if it trapped.
fn call(
    store: &mut Store<State>,
    instance: &Instance,
    name: &str,
    args: &[Val],
) -> wasmtime::Result<i32> {
    let f = instance
        .get_func(&mut *store, name)
        .unwrap_or_else(|| panic!("no export {name}"));
    let mut result = [Val::I32(0)];
    f.call(&mut *store, args, &mut result)?;
    Ok(result[0].unwrap_i32())
}

fn i(v: i32) -> Val {
    Val::I32(v)
}

const SYM: &str = "wasi_ephemeral_crypto_symmetric";
const COMMON: &str = "wasi_ephemeral_crypto_common";
const PAGE: i32 = 65536;

fn put(store: &mut Store<State>, memory: &Memory, at: usize, bytes: &[u8]) {
    memory.write(&mut *store, at, bytes).unwrap();
}

fn read_u32(store: &Store<State>, memory: &Memory, at: usize) -> u32 {
    let mut b = [0; 4];
    memory.read(store, at, &mut b).unwrap();
    u32::from_le_bytes(b)
}

#[test]
fn abi_lists_78_functions_and_all_of_them_link() {
    assert_eq!(abi().len(), 78);
    let (mut store, instance, _) = instantiate();
    assert!(
        instance
            .get_func(&mut store, "wasi_ephemeral_crypto_kx.kx_dh")
            .is_some()
    );
}

#[test]
fn out_of_bounds_inputs_are_guest_error() {
    let (mut store, inst, mem) = instantiate();
    let s = &mut store;
    put(s, &mem, 0, b"SHA-256");
    let out = 64;
    // Algorithm name outside memory, or running past its end.
    let open = format!("{SYM}.symmetric_state_open");
    put(s, &mem, 32, &[1, 0, 0, 0, 0, 0, 0, 0]); // opt_* = none
    assert_eq!(
        call(s, &inst, &open, &[i(PAGE - 3), i(7), i(32), i(32), i(out)]).unwrap(),
        GUEST_ERROR
    );
    assert_eq!(
        call(s, &inst, &open, &[i(-16), i(7), i(32), i(32), i(out)]).unwrap(),
        GUEST_ERROR
    );
    // Not UTF-8.
    put(s, &mem, 16, &[0xff, 0xfe]);
    assert_eq!(
        call(s, &inst, &open, &[i(16), i(2), i(32), i(32), i(out)]).unwrap(),
        GUEST_ERROR
    );
    assert_eq!(
        call(s, &inst, &open, &[i(0), i(7), i(32), i(32), i(out)]).unwrap(),
        SUCCESS
    );
    let st = read_u32(s, &mem, out as usize) as i32;
    // Absorb / squeeze with ranges outside memory.
    let absorb = format!("{SYM}.symmetric_state_absorb");
    assert_eq!(
        call(s, &inst, &absorb, &[i(st), i(PAGE - 10), i(11)]).unwrap(),
        GUEST_ERROR
    );
    assert_eq!(
        call(s, &inst, &absorb, &[i(st), i(0), i(-1)]).unwrap(),
        GUEST_ERROR
    );
    let squeeze = format!("{SYM}.symmetric_state_squeeze");
    assert_eq!(
        call(s, &inst, &squeeze, &[i(st), i(PAGE - 31), i(32)]).unwrap(),
        GUEST_ERROR
    );
    assert_eq!(
        call(s, &inst, &squeeze, &[i(st), i(PAGE - 32), i(32)]).unwrap(),
        SUCCESS
    );
    // Key import, options, tag verify.
    let import = format!("{SYM}.symmetric_key_import");
    assert_eq!(
        call(s, &inst, &import, &[i(0), i(7), i(PAGE), i(1), i(out)]).unwrap(),
        GUEST_ERROR
    );
    let opts_set = format!("{COMMON}.options_set");
    assert_eq!(
        call(s, &inst, &opts_set, &[i(1), i(0), i(5), i(PAGE - 1), i(2)]).unwrap(),
        GUEST_ERROR
    );
    // The handle survives all of this.
    assert_eq!(
        call(s, &inst, &squeeze, &[i(st), i(200), i(32)]).unwrap(),
        SUCCESS
    );
}

#[test]
fn bad_handles_names_and_lengths_through_the_abi() {
    let (mut store, inst, mem) = instantiate();
    let s = &mut store;
    put(s, &mem, 0, b"AES-256-GCMNOPE");
    let out = 64;
    let import = format!("{SYM}.symmetric_key_import");
    assert_eq!(
        call(s, &inst, &import, &[i(11), i(4), i(100), i(32), i(out)]).unwrap(),
        UNSUPPORTED_ALGORITHM
    );
    assert_eq!(
        call(s, &inst, &import, &[i(0), i(11), i(100), i(31), i(out)]).unwrap(),
        INVALID_KEY
    );
    assert_eq!(
        call(s, &inst, &import, &[i(0), i(11), i(100), i(32), i(out)]).unwrap(),
        SUCCESS
    );
    let key = read_u32(s, &mem, out as usize) as i32;
    for (func, args) in [
        ("symmetric_state_absorb", vec![i(key), i(0), i(1)]),
        ("symmetric_state_close", vec![i(key)]),
        ("symmetric_tag_close", vec![i(key)]),
        ("symmetric_key_close", vec![i(0x7ead_beef)]),
    ] {
        assert_eq!(
            call(s, &inst, &format!("{SYM}.{func}"), &args).unwrap(),
            INVALID_HANDLE,
            "{func}"
        );
    }
    assert_eq!(
        call(
            s,
            &inst,
            &format!("{COMMON}.array_output_len"),
            &[i(key), i(out)]
        )
        .unwrap(),
        INVALID_HANDLE
    );
    // Export, then pull into a buffer that runs past memory: guest_error, and the output survives.
    assert_eq!(
        call(
            s,
            &inst,
            &format!("{SYM}.symmetric_key_export"),
            &[i(key), i(out)]
        )
        .unwrap(),
        SUCCESS
    );
    let ao = read_u32(s, &mem, out as usize) as i32;
    let pull = format!("{COMMON}.array_output_pull");
    assert_eq!(
        call(s, &inst, &pull, &[i(ao), i(PAGE - 8), i(32), i(out)]).unwrap(),
        GUEST_ERROR
    );
    assert_eq!(
        call(s, &inst, &pull, &[i(ao), i(300), i(32), i(out)]).unwrap(),
        SUCCESS
    );
    assert_eq!(read_u32(s, &mem, out as usize), 32);
    let mut raw = [0; 32];
    mem.read(&*s, 300, &mut raw).unwrap();
    let mut original = [0; 32];
    mem.read(&*s, 100, &mut original).unwrap();
    assert_eq!(raw, original);
}

#[test]
fn decrypt_in_place_and_zeroing_through_the_abi() {
    let (mut store, inst, mem) = instantiate();
    let s = &mut store;
    let out = 64;
    put(s, &mem, 0, b"CHACHA20-POLY1305nonce");
    put(s, &mem, 1000, &[7; 32]); // key
    put(s, &mem, 1100, &[9; 12]); // nonce
    assert_eq!(
        call(
            s,
            &inst,
            &format!("{SYM}.symmetric_key_import"),
            &[i(0), i(17), i(1000), i(32), i(out)]
        )
        .unwrap(),
        0
    );
    let key = read_u32(s, &mem, out as usize);
    assert_eq!(
        call(s, &inst, &format!("{COMMON}.options_open"), &[i(1), i(out)]).unwrap(),
        0
    );
    let opts = read_u32(s, &mem, out as usize);
    assert_eq!(
        call(
            s,
            &inst,
            &format!("{COMMON}.options_set"),
            &[i(opts as i32), i(17), i(5), i(1100), i(12)]
        )
        .unwrap(),
        0
    );
    let mut opt_key = [0u8; 8];
    opt_key[4..].copy_from_slice(&key.to_le_bytes());
    let mut opt_opts = [0u8; 8];
    opt_opts[4..].copy_from_slice(&opts.to_le_bytes());
    put(s, &mem, 200, &opt_key);
    put(s, &mem, 208, &opt_opts);
    let open = format!("{SYM}.symmetric_state_open");
    assert_eq!(
        call(s, &inst, &open, &[i(0), i(17), i(200), i(208), i(out)]).unwrap(),
        0
    );
    let st = read_u32(s, &mem, out as usize) as i32;
    // Encrypt 40 bytes in place at 2000: output overlaps input exactly.
    let msg: Vec<u8> = (0..40).collect();
    put(s, &mem, 2000, &msg);
    let enc = format!("{SYM}.symmetric_state_encrypt");
    assert_eq!(
        call(
            s,
            &inst,
            &enc,
            &[i(st), i(2000), i(55), i(2000), i(40), i(out)]
        )
        .unwrap(),
        OVERFLOW
    );
    assert_eq!(
        call(
            s,
            &inst,
            &enc,
            &[i(st), i(2000), i(56), i(2000), i(40), i(out)]
        )
        .unwrap(),
        0
    );
    assert_eq!(read_u32(s, &mem, out as usize), 56);
    // Decrypt in place, shifted by one byte (partial overlap).
    let dec = format!("{SYM}.symmetric_state_decrypt");
    assert_eq!(
        call(
            s,
            &inst,
            &dec,
            &[i(st), i(2001), i(40), i(2000), i(56), i(out)]
        )
        .unwrap(),
        0
    );
    let mut back = [0; 40];
    mem.read(&*s, 2001, &mut back).unwrap();
    assert_eq!(back.to_vec(), msg);
    // A forged ciphertext: invalid_tag and the output buffer is zeroed.
    put(s, &mem, 3000, &[0x55; 56]);
    put(s, &mem, 4000, &[0xaa; 40]);
    assert_eq!(
        call(
            s,
            &inst,
            &dec,
            &[i(st), i(4000), i(40), i(3000), i(56), i(out)]
        )
        .unwrap(),
        INVALID_TAG
    );
    let mut zeroed = [1; 40];
    mem.read(&*s, 4000, &mut zeroed).unwrap();
    assert_eq!(zeroed, [0; 40]);
}

#[test]
fn managed_key_functions_are_unsupported_feature() {
    let (mut store, inst, _) = instantiate();
    let s = &mut store;
    let asym = "wasi_ephemeral_crypto_asymmetric_common";
    assert_eq!(
        call(s, &inst, &format!("{asym}.keypair_close"), &[i(1)]).unwrap(),
        INVALID_HANDLE
    );
    let r = call(
        s,
        &inst,
        &format!("{asym}.keypair_from_id"),
        &[i(1), i(0), i(0), Val::I64(0), i(64)],
    );
    assert_eq!(r.unwrap(), UNSUPPORTED_FEATURE);
    // An unknown key is `invalid_handle` before "no identifier", for every `*_id`, as for
    // `symmetric_key_id` (`keypair_id` once answered `unsupported_feature`).
    for id in [
        format!("{asym}.keypair_id"),
        format!("{SYM}.symmetric_key_id"),
    ] {
        let r = call(s, &inst, &id, &[i(77), i(0), i(32), i(64), i(72)]);
        assert_eq!(r.unwrap(), INVALID_HANDLE, "{id}");
    }
    put_none_and_call(s, &inst);
    let sym_managed = call(
        s,
        &inst,
        &format!("{SYM}.symmetric_key_from_id"),
        &[i(1), i(0), i(0), Val::I64(0), i(64)],
    );
    assert_eq!(sym_managed.unwrap(), UNSUPPORTED_FEATURE);
    let ext = "wasi_ephemeral_crypto_external_secrets";
    let r = call(
        s,
        &inst,
        &format!("{ext}.external_secret_decapsulate"),
        &[i(1), i(0), i(0), i(64)],
    );
    assert_eq!(r.unwrap(), UNSUPPORTED_FEATURE);
}

fn put_none_and_call(s: &mut Store<State>, inst: &Instance) {
    let r = call(
        s,
        inst,
        &format!("{COMMON}.secrets_manager_open"),
        &[i(32), i(64)],
    );
    // Memory is zero at 32: tag 0 = some(handle 0), an options handle that does not exist.
    assert_eq!(r.unwrap(), INVALID_HANDLE);
}

#[test]
fn malformed_abi_values_trap_without_harming_the_host() {
    let (mut store, inst, _) = instantiate();
    // wiggle lowers enums strictly: an out-of-range algorithm_type is a trap, not an errno.
    let r = call(
        &mut store,
        &inst,
        &format!("{COMMON}.options_open"),
        &[i(7), i(64)],
    );
    assert!(r.is_err());
    // So are the pointers wiggle dereferences itself: a result pointer or an `opt_options`
    // pointer outside memory.
    let r = call(
        &mut store,
        &inst,
        &format!("{COMMON}.options_open"),
        &[i(1), i(PAGE - 2)],
    );
    assert!(r.is_err());
    let r = call(
        &mut store,
        &inst,
        &format!("{COMMON}.secrets_manager_open"),
        &[i(PAGE - 4), i(64)],
    );
    assert!(r.is_err());
    // The store is still usable after the traps.
    let r = call(
        &mut store,
        &inst,
        &format!("{COMMON}.options_open"),
        &[i(1), i(64)],
    );
    assert_eq!(r.unwrap(), SUCCESS);
}
