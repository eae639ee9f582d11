//! `cargo xtask codegen`: generate the guest's raw bindings (`guest/src/raw.rs`) and the host's
//! import table (`host/src/wasi/imports.rs`) from the witx files in `witx/`, and check that
//! those files give the proposal's core ABI (`witx/abi.txt`).
//!
//! The layout of the generated file is the contract written down in `docs/CONVENTIONS.md`.

use anyhow::{Context, Result, anyhow, bail, ensure};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use witx::{
    BuiltinType, Document, IntRepr, InterfaceFunc, InterfaceFuncParam, Layout, Module, NamedType,
    Type, TypeRef, WasmType,
};

/// The module files, relative to the witx directory. `typenames.witx` is pulled in by their
/// `(use ...)` lines.
pub const MODULE_FILES: [&str; 6] = [
    "wasi_ephemeral_crypto_common.witx",
    "wasi_ephemeral_crypto_asymmetric_common.witx",
    "wasi_ephemeral_crypto_symmetric.witx",
    "wasi_ephemeral_crypto_signatures.witx",
    "wasi_ephemeral_crypto_kx.witx",
    "wasi_ephemeral_crypto_external_secrets.witx",
];

/// Every module name starts with this; the rest names the submodule of `raw`.
const MODULE_PREFIX: &str = "wasi_ephemeral_crypto_";

/// Where the generated bindings live, relative to the workspace root.
const RAW_RS: &str = "guest/src/raw.rs";

/// Where the host's import table lives, relative to the workspace root.
const IMPORTS_RS: &str = "host/src/wasi/imports.rs";

/// The imports that the async linker (`add_to_linker_async`) defines as async host functions:
/// the calls that can leave long work (key generation, streamed input, AEAD messages) for it to
/// finish off the executor (`host/src/offload.rs`). Every other import is a plain host function
/// in both linkers.
pub const ASYNC_IMPORTS: &[(&str, &str)] = &[
    (
        "wasi_ephemeral_crypto_asymmetric_common",
        "keypair_generate",
    ),
    ("wasi_ephemeral_crypto_symmetric", "symmetric_state_absorb"),
    ("wasi_ephemeral_crypto_symmetric", "symmetric_state_encrypt"),
    (
        "wasi_ephemeral_crypto_symmetric",
        "symmetric_state_encrypt_detached",
    ),
    ("wasi_ephemeral_crypto_symmetric", "symmetric_state_decrypt"),
    (
        "wasi_ephemeral_crypto_symmetric",
        "symmetric_state_decrypt_detached",
    ),
    ("wasi_ephemeral_crypto_signatures", "signature_state_update"),
    (
        "wasi_ephemeral_crypto_signatures",
        "signature_verification_state_update",
    ),
];

/// The checked-in core ABI, relative to the workspace root.
const ABI_TXT: &str = "witx/abi.txt";

/// Load the six module files (and, through them, `typenames.witx`).
fn load(witx_dir: &Path) -> Result<Document> {
    let paths: Vec<PathBuf> = MODULE_FILES.iter().map(|f| witx_dir.join(f)).collect();
    witx::load(&paths).map_err(|e| {
        anyhow!(
            "cannot load the witx files in {}: {}",
            witx_dir.display(),
            e.report()
        )
    })
}

fn wasm_type_name(t: WasmType) -> &'static str {
    match t {
        WasmType::I32 => "i32",
        WasmType::I64 => "i64",
        WasmType::F32 => "f32",
        WasmType::F64 => "f64",
    }
}

fn wasm_list(types: &[WasmType]) -> String {
    types
        .iter()
        .map(|t| wasm_type_name(*t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line per function, in the format of `witx/abi.txt`, sorted:
/// `MODULE FUNC(PARAM,...) core=([PARAMS])->[RESULTS]`.
pub fn abi_lines(witx_dir: &Path) -> Result<Vec<String>> {
    let doc = load(witx_dir)?;
    let mut lines = Vec::new();
    for module in doc.modules() {
        for func in module.funcs() {
            let (params, results) = func.wasm_signature();
            let names: Vec<&str> = func.params.iter().map(|p| p.name.as_str()).collect();
            lines.push(format!(
                "{} {}({}) core=([{}])->[{}]",
                module.name.as_str(),
                func.name.as_str(),
                names.join(","),
                wasm_list(&params),
                wasm_list(&results)
            ));
        }
    }
    lines.sort();
    Ok(lines)
}

// ---------------------------------------------------------------------------------------------
// Naming

/// `opt_options_u` -> `OptOptionsU`.
fn camel(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `crypto_errno` -> `CRYPTO_ERRNO`.
fn shouty(name: &str) -> String {
    name.to_ascii_uppercase()
}

/// A witx identifier as a Rust identifier.
fn ident(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "static", "struct", "super", "trait", "true",
        "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final",
        "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
    ];
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// The submodule of `raw` that holds the functions of a witx module.
fn submodule_name(module: &Module) -> Result<String> {
    let name = module.name.as_str();
    let short = name
        .strip_prefix(MODULE_PREFIX)
        .with_context(|| format!("module `{name}` does not start with `{MODULE_PREFIX}`"))?;
    Ok(ident(short))
}

// ---------------------------------------------------------------------------------------------
// Types

fn int_repr(repr: IntRepr) -> &'static str {
    match repr {
        IntRepr::U8 => "u8",
        IntRepr::U16 => "u16",
        IntRepr::U32 => "u32",
        IntRepr::U64 => "u64",
    }
}

fn builtin(b: BuiltinType) -> &'static str {
    match b {
        BuiltinType::Char => "char",
        BuiltinType::U8 { .. } => "u8",
        BuiltinType::U16 => "u16",
        BuiltinType::U32 {
            lang_ptr_size: true,
        } => "usize",
        BuiltinType::U32 {
            lang_ptr_size: false,
        } => "u32",
        BuiltinType::U64 => "u64",
        BuiltinType::S8 => "i8",
        BuiltinType::S16 => "i16",
        BuiltinType::S32 => "i32",
        BuiltinType::S64 => "i64",
        BuiltinType::F32 => "f32",
        BuiltinType::F64 => "f64",
    }
}

/// The Rust spelling of a value of this type in a signature: the alias of a named type
/// (`Options`, `Version`), except that pointer-sized `size` is written `usize`.
fn value_type(tref: &TypeRef) -> Result<String> {
    match tref {
        TypeRef::Name(nt) => match &**nt.type_() {
            Type::Builtin(
                b @ BuiltinType::U32 {
                    lang_ptr_size: true,
                },
            ) => Ok(builtin(*b).to_string()),
            _ if is_primitive_alias(nt) => Ok(nt.name.as_str().to_string()),
            _ => Ok(camel(nt.name.as_str())),
        },
        TypeRef::Value(ty) => match &**ty {
            Type::Builtin(b) => Ok(builtin(*b).to_string()),
            other => bail!("an anonymous {} type cannot be used here", other.kind()),
        },
    }
}

/// A typename that only names a builtin after itself, like `(typename $u64 u64)` (witx wants
/// named result types). It gets no alias; signatures use the builtin.
fn is_primitive_alias(nt: &NamedType) -> bool {
    matches!(&nt.tref, TypeRef::Value(ty)
        if matches!(&**ty, Type::Builtin(b) if builtin(*b) == nt.name.as_str()))
}

/// The core wasm type a scalar witx type is passed as.
fn core_scalar(tref: &TypeRef) -> Result<WasmType> {
    Ok(match &**tref.type_() {
        Type::Builtin(BuiltinType::U64 | BuiltinType::S64) => WasmType::I64,
        Type::Builtin(BuiltinType::F32) => WasmType::F32,
        Type::Builtin(BuiltinType::F64) => WasmType::F64,
        Type::Builtin(_) | Type::Handle(_) | Type::Pointer(_) | Type::ConstPointer(_) => {
            WasmType::I32
        }
        Type::Variant(v) => match v.tag_repr {
            IntRepr::U64 if v.is_enum() => WasmType::I64,
            _ => WasmType::I32,
        },
        other => bail!("a {} cannot be passed as a scalar", other.kind()),
    })
}

/// `///` lines for a witx doc string, indented by `indent`.
fn doc_lines(out: &mut String, docs: &str, indent: &str) {
    let lines: Vec<&str> = docs.trim_end().lines().collect();
    for line in lines {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

/// Word-wrap `text` into lines of at most `width` characters (longer words stay whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Width of generated doc text: functions end up indented by 8 spaces inside `extern` blocks,
/// and `/// ` takes 4 more; keep the lines within 100 columns.
const DOC_WIDTH: usize = 100 - 8 - 4;

/// A `- ` list item of a doc comment, wrapped, with its continuation lines indented.
fn doc_item(out: &mut String, text: &str) {
    for (i, line) in wrap(text, DOC_WIDTH - 2).iter().enumerate() {
        let bullet = if i == 0 { "- " } else { "  " };
        let _ = writeln!(out, "/// {bullet}{line}");
    }
}

/// A plain paragraph of a doc comment, wrapped.
fn doc_paragraph(out: &mut String, text: &str) {
    for line in wrap(text, DOC_WIDTH) {
        let _ = writeln!(out, "/// {line}");
    }
}

/// A `some`/`none` variant over a handle: its payload type, checked against the layout that the
/// conventions promise (8 bytes, `u8` tag at 0, handle at 4, `some` = 0, `none` = 1).
fn option_payload<'a>(nt: &NamedType, v: &'a witx::Variant) -> Result<&'a TypeRef> {
    let name = nt.name.as_str();
    ensure!(
        v.cases.len() == 2 && v.cases[0].name == "some" && v.cases[1].name == "none",
        "variant `{name}` is not of the form (case $some T) (case $none)"
    );
    ensure!(
        v.tag_repr == IntRepr::U8,
        "variant `{name}` must have a u8 tag"
    );
    ensure!(
        v.cases[1].tref.is_none(),
        "the `none` case of `{name}` must not carry a value"
    );
    let payload = v.cases[0]
        .tref
        .as_ref()
        .with_context(|| format!("the `some` case of `{name}` must carry a handle"))?;
    ensure!(
        matches!(&**payload.type_(), Type::Handle(_)),
        "the `some` case of `{name}` must carry a handle"
    );
    ensure!(
        v.mem_size() == 8 && v.mem_align() == 4 && v.payload_offset() == 4,
        "variant `{name}` does not have the 8-byte layout (tag at 0, handle at 4)"
    );
    Ok(payload)
}

/// Type aliases, constants and option structs, at the top of `raw`.
fn gen_types(doc: &Document, out: &mut String) -> Result<()> {
    let mut opt_tags_written = false;
    for nt in doc.typenames() {
        if is_primitive_alias(&nt) {
            continue;
        }
        let name = nt.name.as_str();
        let rust_name = camel(name);
        match &nt.tref {
            TypeRef::Name(target) => {
                doc_lines(out, &nt.docs, "");
                let _ = writeln!(
                    out,
                    "pub type {rust_name} = {};\n",
                    camel(target.name.as_str())
                );
            }
            TypeRef::Value(ty) => match &**ty {
                Type::Handle(_) => {
                    doc_lines(out, &nt.docs, "");
                    let _ = writeln!(out, "pub type {rust_name} = u32;\n");
                }
                Type::Builtin(b) => {
                    doc_lines(out, &nt.docs, "");
                    let _ = writeln!(out, "pub type {rust_name} = {};\n", builtin(*b));
                }
                Type::Variant(v) if v.is_enum() => {
                    doc_lines(out, &nt.docs, "");
                    let _ = writeln!(out, "pub type {rust_name} = {};\n", int_repr(v.tag_repr));
                    for (value, case) in v.cases.iter().enumerate() {
                        doc_lines(out, &case.docs, "");
                        let _ = writeln!(
                            out,
                            "pub const {}_{}: {rust_name} = {value};\n",
                            shouty(name),
                            shouty(case.name.as_str())
                        );
                    }
                }
                Type::Variant(v) => {
                    let payload = option_payload(&nt, v)?;
                    let handle_type = value_type(payload)?;
                    if !opt_tags_written {
                        opt_tags_written = true;
                        out.push_str(
                            "/// Tag of an optional handle (such as [`OptOptions`]) that carries \
                             a handle.\n\
                             pub const OPT_SOME: u8 = 0;\n\n\
                             /// Tag of an optional handle (such as [`OptOptions`]) that carries \
                             nothing.\n\
                             pub const OPT_NONE: u8 = 1;\n\n",
                        );
                    }
                    doc_lines(out, &nt.docs, "");
                    let _ = write!(
                        out,
                        "#[repr(C)]\n\
                         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
                         pub struct {rust_name} {{\n\
                         /// [`OPT_SOME`] or [`OPT_NONE`].\n\
                         pub tag: u8,\n\
                         /// The handle; only meaningful when `tag` is [`OPT_SOME`].\n\
                         pub handle: {handle_type},\n\
                         }}\n\n\
                         impl {rust_name} {{\n\
                         /// A value that carries `handle`.\n\
                         pub const fn some(handle: {handle_type}) -> Self {{\n\
                         Self {{ tag: OPT_SOME, handle }}\n\
                         }}\n\n\
                         /// A value that carries no handle.\n\
                         pub const fn none() -> Self {{\n\
                         Self {{ tag: OPT_NONE, handle: 0 }}\n\
                         }}\n\
                         }}\n\n\
                         const _: () = assert!(core::mem::size_of::<{rust_name}>() == 8);\n\
                         const _: () = assert!(core::mem::offset_of!({rust_name}, tag) == 0);\n\
                         const _: () = assert!(core::mem::offset_of!({rust_name}, handle) == 4);\n\n"
                    );
                }
                other => bail!(
                    "typename `{name}`: {} types are not supported by the generator",
                    other.kind()
                ),
            },
        }
        for c in doc.constants().filter(|c| c.ty == nt.name) {
            if c.docs.trim().is_empty() {
                // witx drops the comments in front of `(@witx const ...)`.
                let _ = writeln!(
                    out,
                    "/// The reserved value `{}` of [`{rust_name}`] (see there).",
                    c.name.as_str()
                );
            } else {
                doc_lines(out, &c.docs, "");
            }
            let _ = writeln!(
                out,
                "pub const {}_{}: {rust_name} = {:#x};\n",
                shouty(name),
                shouty(c.name.as_str()),
                c.value
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Functions

/// One Rust parameter of a lowered function.
struct RustParam {
    name: String,
    ty: String,
    core: WasmType,
}

/// A witx function lowered to the Rust signature of its core import.
struct Lowered {
    params: Vec<RustParam>,
    errno_type: String,
    not_implemented: String,
    safety: Vec<String>,
}

fn is_size(tref: &TypeRef) -> bool {
    matches!(
        &**tref.type_(),
        Type::Builtin(BuiltinType::U32 {
            lang_ptr_size: true
        })
    )
}

/// The parameter right after `index` if it is a `size`, i.e. the length of a pointer.
fn length_param(func: &InterfaceFunc, index: usize) -> Option<&InterfaceFuncParam> {
    func.params.get(index + 1).filter(|p| is_size(&p.tref))
}

/// Extra safety requirements that the types alone do not tell.
fn extra_safety(func: &str) -> Option<&'static str> {
    match func {
        "options_set_guest_buffer" => Some(
            "The host may write to `buffer` for as long as operations created with these \
             options run: the buffer must stay valid, and must not be read or written by the \
             guest, until they are all closed.",
        ),
        _ => None,
    }
}

fn lower(func: &InterfaceFunc) -> Result<Lowered> {
    let fname = func.name.as_str();
    let mut params = Vec::new();
    let mut safety = Vec::new();

    for (i, p) in func.params.iter().enumerate() {
        let name = ident(p.name.as_str());
        let len_of = |what: &str| match length_param(func, i) {
            Some(len) => format!(
                "`{name}` must be valid for {what} of `{}` bytes.",
                len.name.as_str()
            ),
            None => format!("`{name}` must be valid for {what} for as long as the host needs it."),
        };
        match &**p.tref.type_() {
            Type::List(elem) if matches!(&**elem.type_(), Type::Builtin(BuiltinType::Char)) => {
                let ptr = format!("{}_ptr", p.name.as_str());
                let len = format!("{}_len", p.name.as_str());
                safety.push(format!(
                    "`{ptr}` must be valid for reads of `{len}` bytes (the host rejects text \
                     that is not UTF-8)."
                ));
                params.push(RustParam {
                    name: ptr,
                    ty: "*const u8".into(),
                    core: WasmType::I32,
                });
                params.push(RustParam {
                    name: len,
                    ty: "usize".into(),
                    core: WasmType::I32,
                });
            }
            Type::ConstPointer(pointee) => {
                safety.push(len_of("reads"));
                params.push(RustParam {
                    name,
                    ty: format!("*const {}", value_type(pointee)?),
                    core: WasmType::I32,
                });
            }
            Type::Pointer(pointee) => {
                safety.push(len_of("writes"));
                params.push(RustParam {
                    name,
                    ty: format!("*mut {}", value_type(pointee)?),
                    core: WasmType::I32,
                });
            }
            Type::Variant(v) if !v.is_enum() => {
                let TypeRef::Name(nt) = &p.tref else {
                    bail!("`{fname}`: parameter `{name}` needs a named variant type");
                };
                let ty = camel(nt.name.as_str());
                safety.push(format!(
                    "`{name}` must point to an initialized, properly aligned [`{ty}`]."
                ));
                params.push(RustParam {
                    name,
                    ty: format!("*const {ty}"),
                    core: WasmType::I32,
                });
            }
            Type::List(_) | Type::Record(_) => {
                bail!("`{fname}`: parameter `{name}` has a type the generator does not support")
            }
            _ => params.push(RustParam {
                name,
                ty: value_type(&p.tref)?,
                core: core_scalar(&p.tref)?,
            }),
        }
    }

    ensure!(
        func.results.len() == 1,
        "`{fname}` must have exactly one result, an `expected`"
    );
    let Type::Variant(result) = &**func.results[0].tref.type_() else {
        bail!("the result of `{fname}` must be an `expected`");
    };
    let (ok, err) = result
        .as_expected()
        .with_context(|| format!("the result of `{fname}` must be an `expected`"))?;
    let err = err.with_context(|| format!("the result of `{fname}` has no error type"))?;
    let TypeRef::Name(err_nt) = err else {
        bail!("the error type of `{fname}` must be a named enum");
    };
    let Type::Variant(err_enum) = &**err_nt.type_() else {
        bail!("the error type of `{fname}` must be an enum");
    };
    ensure!(
        err_enum.is_enum() && err_enum.cases.iter().any(|c| c.name == "not_implemented"),
        "the error type of `{fname}` must be an enum with a `not_implemented` case"
    );
    let errno_type = camel(err_nt.name.as_str());
    let not_implemented = format!("{}_NOT_IMPLEMENTED", shouty(err_nt.name.as_str()));

    let mut outputs = Vec::new();
    if let Some(ok) = ok {
        match &**ok.type_() {
            Type::Record(r) if r.is_tuple() => {
                for (i, m) in r.members.iter().enumerate() {
                    outputs.push((format!("result{i}_ptr"), value_type(&m.tref)?));
                }
            }
            _ => outputs.push(("result_ptr".to_string(), value_type(ok)?)),
        }
    }
    for (name, ty) in outputs {
        safety.push(format!(
            "`{name}` must be valid for writes of one properly aligned `{ty}` (written only on \
             success)."
        ));
        params.push(RustParam {
            name,
            ty: format!("*mut {ty}"),
            core: WasmType::I32,
        });
    }

    if let Some(extra) = extra_safety(fname) {
        safety.push(extra.to_string());
    }

    // The Rust signature must be the core signature that the witx crate computes.
    let (core_params, core_results) = func.wasm_signature();
    let ours: Vec<WasmType> = params.iter().map(|p| p.core).collect();
    ensure!(
        ours == core_params,
        "`{fname}`: generated parameters [{}] do not match the core signature [{}]",
        wasm_list(&ours),
        wasm_list(&core_params)
    );
    ensure!(
        core_results == [WasmType::I32] && core_scalar(err)? == WasmType::I32,
        "`{fname}` must return a single i32 errno"
    );

    Ok(Lowered {
        params,
        errno_type,
        not_implemented,
        safety,
    })
}

/// The docs of a function, followed by its `# Safety` section.
fn function_docs(out: &mut String, func: &InterfaceFunc, lowered: &Lowered) {
    doc_lines(out, &func.docs, "");
    if func.params.iter().any(|p| !p.docs.trim().is_empty()) {
        out.push_str("///\n/// # Parameters\n///\n");
        for p in func.params.iter().filter(|p| !p.docs.trim().is_empty()) {
            doc_item(out, &format!("`{}`: {}", p.name.as_str(), p.docs));
        }
    }
    out.push_str("///\n/// # Safety\n///\n");
    if lowered.safety.is_empty() {
        doc_paragraph(
            out,
            "This function takes no pointers; it is `unsafe` only because it is a raw import \
             from the host.",
        );
    } else {
        for line in &lowered.safety {
            doc_item(out, line);
        }
    }
}

fn signature(func: &InterfaceFunc, lowered: &Lowered) -> String {
    let params = lowered
        .params
        .iter()
        .map(|p| format!("{}: {}", p.name, p.ty))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "pub unsafe fn {}({params}) -> {}",
        ident(func.name.as_str()),
        lowered.errno_type
    )
}

fn gen_module(module: &Module, out: &mut String) -> Result<()> {
    let module_name = module.name.as_str();
    let sub = submodule_name(module)?;
    let funcs: Vec<_> = module.funcs().collect();
    let lowered = funcs
        .iter()
        .map(|f| lower(f))
        .collect::<Result<Vec<_>>>()
        .with_context(|| format!("in module `{module_name}`"))?;

    doc_lines(out, &module.docs, "");
    if !module.docs.trim().is_empty() {
        out.push_str("///\n");
    }
    let _ = writeln!(
        out,
        "/// Imports of the `{module_name}` module.\npub mod {sub} {{\nuse super::*;\n"
    );

    let _ = writeln!(
        out,
        "#[cfg(target_arch = \"wasm32\")]\n\
         #[link(wasm_import_module = \"{module_name}\")]\n\
         unsafe extern \"C\" {{"
    );
    for (i, (func, low)) in funcs.iter().zip(&lowered).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        function_docs(out, func, low);
        let _ = writeln!(out, "{};", signature(func, low));
    }
    out.push_str("}\n\n");

    for (func, low) in funcs.iter().zip(&lowered) {
        function_docs(out, func, low);
        let names = low
            .params
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>();
        let discard = match names.as_slice() {
            [] => String::new(),
            [one] => format!("let _ = {one};\n"),
            many => format!("let _ = ({});\n", many.join(", ")),
        };
        // The signature is fixed by the ABI; clippy's default limit is 7 parameters. The allow
        // sits on the function rather than the module so that it cannot clash with an allow
        // that `lib.rs` puts on `mod raw`.
        let allow = if low.params.len() > 7 {
            "#[allow(clippy::too_many_arguments)]\n"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "#[cfg(not(target_arch = \"wasm32\"))]\n{allow}{} {{\n{discard}{}\n}}\n",
            signature(func, low),
            low.not_implemented
        );
    }
    out.push_str("}\n\n");
    Ok(())
}

/// Format Rust source with `rustfmt --edition 2024` (or `$RUSTFMT`).
fn rustfmt(source: &str, cwd: &Path) -> Result<String> {
    let program = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(&program)
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", program.to_string_lossy()))?;
    let mut stdin = child.stdin.take().context("rustfmt has no stdin")?;
    let input = source.to_string();
    // Write from another thread so that a large output cannot dead-lock the pipes.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().context("rustfmt failed")?;
    writer
        .join()
        .map_err(|_| anyhow!("the thread feeding rustfmt panicked"))?
        .context("cannot feed rustfmt")?;
    ensure!(
        output.status.success(),
        "rustfmt rejected the generated code ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).context("rustfmt printed invalid UTF-8")
}

/// The complete, formatted text of `guest/src/raw.rs`.
pub fn generate_raw(witx_dir: &Path) -> Result<String> {
    let doc = load(witx_dir)?;
    let mut out = String::new();
    let header = [
        "Raw WASI-Crypto bindings: the types, constants and host imports of the six \
         `wasi_ephemeral_crypto_*` modules.",
        "GENERATED FILE, DO NOT EDIT. It is generated by `cargo xtask codegen` from the witx \
         files in `witx/`: change those and run the generator again (`cargo xtask codegen \
         --check` verifies that this file is current).",
        "Every function returns a `CryptoErrno` (`CRYPTO_ERRNO_SUCCESS` on success) and \
         writes its results through trailing out-pointers. On `wasm32` the functions are \
         imported from the host; on other targets they are stubs that return \
         `CRYPTO_ERRNO_NOT_IMPLEMENTED`, so that the crate builds and lints natively.",
    ];
    for (i, paragraph) in header.iter().enumerate() {
        if i > 0 {
            out.push_str("//!\n");
        }
        for line in wrap(paragraph, 96) {
            let _ = writeln!(out, "//! {line}");
        }
    }
    out.push('\n');
    gen_types(&doc, &mut out)?;
    for module in doc.modules() {
        gen_module(&module, &mut out)?;
    }
    rustfmt(&out, witx_dir)
}

/// A short description of how two texts differ, line by line.
fn describe_difference(on_disk: &str, fresh: &str) -> String {
    const MAX_LINES: usize = 40;
    let old: Vec<&str> = on_disk.lines().collect();
    let new: Vec<&str> = fresh.lines().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let removed = &old[prefix..old.len() - suffix];
    let added = &new[prefix..new.len() - suffix];
    let mut text = format!(
        "first difference at line {} ({} line(s) on disk, {} line(s) generated):\n",
        prefix + 1,
        removed.len(),
        added.len()
    );
    for line in removed.iter().take(MAX_LINES) {
        let _ = writeln!(text, "- {line}");
    }
    if removed.len() > MAX_LINES {
        let _ = writeln!(text, "- ... ({} more)", removed.len() - MAX_LINES);
    }
    for line in added.iter().take(MAX_LINES) {
        let _ = writeln!(text, "+ {line}");
    }
    if added.len() > MAX_LINES {
        let _ = writeln!(text, "+ ... ({} more)", added.len() - MAX_LINES);
    }
    if removed.is_empty() && added.is_empty() {
        text.push_str("(the files differ only in line endings or a final newline)\n");
    }
    text
}

/// The complete, formatted text of `host/src/wasi/imports.rs`: a `macro_rules!` table of every
/// import (module, function, core parameters and result), for the host's linker glue.
pub fn generate_imports(witx_dir: &Path) -> Result<String> {
    let doc = load(witx_dir)?;
    let mut out = String::new();
    let header = [
        "The core-wasm signature of every WASI-Crypto import, as a table for the linker glue.",
        "GENERATED FILE, DO NOT EDIT. It is generated by `cargo xtask codegen` from the witx \
         files in `witx/` (`cargo xtask codegen --check` verifies that it is current).",
        "`for_each_import!(callback)` calls `callback!` once with every module and function: \
         `module { [sync|async] function(arg0: i32, ...) -> i32; ... }`. `async` marks the \
         functions that the async linker defines as async host functions (they can leave long \
         work for it to finish off the executor).",
    ];
    for (i, paragraph) in header.iter().enumerate() {
        if i > 0 {
            out.push_str("//!\n");
        }
        for line in wrap(paragraph, 96) {
            let _ = writeln!(out, "//! {line}");
        }
    }
    out.push_str(
        "\nmacro_rules! for_each_import {\n    ($callback:ident) => {\n        $callback! {\n",
    );
    let mut async_seen = 0;
    for module in doc.modules() {
        let _ = writeln!(out, "            {} {{", module.name.as_str());
        for func in module.funcs() {
            let (params, results) = func.wasm_signature();
            ensure!(
                results == [WasmType::I32],
                "{}: expected one i32 result (the errno)",
                func.name.as_str()
            );
            let is_async = ASYNC_IMPORTS
                .iter()
                .any(|(m, f)| *m == module.name.as_str() && *f == func.name.as_str());
            async_seen += usize::from(is_async);
            let args: Vec<String> = params
                .iter()
                .enumerate()
                .map(|(i, t)| format!("arg{i}: {}", wasm_type_name(*t)))
                .collect();
            let _ = writeln!(
                out,
                "                {} {}({}) -> i32;",
                if is_async { "async" } else { "sync" },
                ident(func.name.as_str()),
                args.join(", ")
            );
        }
        out.push_str("            }\n");
    }
    ensure!(
        async_seen == ASYNC_IMPORTS.len(),
        "ASYNC_IMPORTS names a function the witx does not have"
    );
    out.push_str("        }\n    };\n}\n\npub(crate) use for_each_import;\n");
    rustfmt(&out, witx_dir)
}

/// Writes `fresh` to `path`, or with `check`, fails if the file on disk differs from it.
fn write_or_check(workspace_root: &Path, relative: &str, fresh: &str, check: bool) -> Result<()> {
    let path = workspace_root.join(relative);
    if check {
        let on_disk = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        if on_disk != fresh {
            bail!(
                "{} is out of date; run `cargo xtask codegen`.\n{}",
                path.display(),
                describe_difference(&on_disk, fresh)
            );
        }
        println!("{} is up to date", path.display());
    } else {
        std::fs::write(&path, fresh).with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Generate `guest/src/raw.rs` and `host/src/wasi/imports.rs`, or with `check`, fail if a file
/// on disk is not what the generator produces. Either way, first make sure the witx still gives
/// `witx/abi.txt`.
pub fn run(workspace_root: &Path, check: bool) -> Result<()> {
    let witx_dir = workspace_root.join("witx");
    let abi_path = workspace_root.join(ABI_TXT);
    let expected_abi = std::fs::read_to_string(&abi_path)
        .with_context(|| format!("cannot read {}", abi_path.display()))?;
    let abi = abi_lines(&witx_dir)?;
    let expected: Vec<&str> = expected_abi.lines().collect();
    if abi != expected {
        let ours = abi.join("\n") + "\n";
        bail!(
            "the witx in {} no longer gives the core ABI of {}: {}",
            witx_dir.display(),
            abi_path.display(),
            describe_difference(&expected_abi, &ours)
        );
    }
    write_or_check(workspace_root, RAW_RS, &generate_raw(&witx_dir)?, check)?;
    write_or_check(
        workspace_root,
        IMPORTS_RS,
        &generate_imports(&witx_dir)?,
        check,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn workspace_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives in the workspace")
            .to_path_buf()
    }

    fn abi_txt() -> String {
        std::fs::read_to_string(workspace_root().join(ABI_TXT)).expect("witx/abi.txt is readable")
    }

    /// `module function` -> the core parameter types, from `witx/abi.txt`.
    fn abi_table() -> BTreeMap<(String, String), Vec<String>> {
        abi_txt()
            .lines()
            .map(|line| {
                let (module, rest) = line.split_once(' ').expect("module name");
                let (func, rest) = rest.split_once('(').expect("function name");
                let (_, core) = rest.split_once("core=([").expect("core signature");
                let (params, _) = core.split_once("])").expect("end of core params");
                let params = params
                    .split(", ")
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect();
                ((module.to_string(), func.to_string()), params)
            })
            .collect()
    }

    #[test]
    fn abi_matches_checked_in_abi_txt() {
        let ours = abi_lines(&workspace_root().join("witx")).unwrap();
        let text = abi_txt();
        let expected: Vec<&str> = text.lines().collect();
        assert_eq!(expected.len(), 78, "witx/abi.txt should list 78 functions");
        assert_eq!(ours.len(), expected.len(), "number of functions");
        for (i, (a, b)) in ours.iter().zip(&expected).enumerate() {
            assert_eq!(a, b, "line {} of witx/abi.txt", i + 1);
        }
    }

    #[test]
    fn checked_in_raw_rs_is_current() {
        let root = workspace_root();
        let fresh = generate_raw(&root.join("witx")).unwrap();
        if let Err(e) = write_or_check(&root, RAW_RS, &fresh, true) {
            panic!("{e:#}");
        }
    }

    #[test]
    fn checked_in_imports_rs_is_current() {
        let root = workspace_root();
        let fresh = generate_imports(&root.join("witx")).unwrap();
        if let Err(e) = write_or_check(&root, IMPORTS_RS, &fresh, true) {
            panic!("{e:#}");
        }
        let entries: Vec<&str> = fresh
            .lines()
            .map(str::trim_start)
            .filter(|l| l.ends_with(") -> i32;") && !l.starts_with("//"))
            .collect();
        assert_eq!(entries.len(), 78);
        let asyncs = entries.iter().filter(|l| l.starts_with("async ")).count();
        assert_eq!(asyncs, ASYNC_IMPORTS.len());
        assert!(
            entries
                .iter()
                .all(|l| l.starts_with("sync ") || l.starts_with("async "))
        );
    }

    /// Every import declared in raw.rs is a function of abi.txt, in the right module and with
    /// the right core parameters, and all 78 are there.
    #[test]
    fn raw_rs_imports_are_exactly_abi_txt() {
        let generated = generate_raw(&workspace_root().join("witx")).unwrap();
        let table = abi_table();
        assert_eq!(table.len(), 78);

        let mut seen = BTreeMap::new();
        let mut module: Option<String> = None;
        let mut in_extern = false;
        let mut pending: Option<String> = None;
        for line in generated.lines() {
            let trimmed = line.trim();
            if let Some(rest) = trimmed.strip_prefix("#[link(wasm_import_module = \"") {
                module = Some(rest.split('"').next().unwrap().to_string());
                continue;
            }
            if trimmed.starts_with("unsafe extern \"C\" {") {
                assert!(module.is_some(), "extern block without wasm_import_module");
                in_extern = true;
                continue;
            }
            if !in_extern {
                continue;
            }
            if trimmed == "}" && pending.is_none() {
                in_extern = false;
                module = None;
                continue;
            }
            if trimmed.starts_with("pub unsafe fn ") {
                pending = Some(String::new());
            }
            if let Some(sig) = pending.as_mut() {
                sig.push_str(trimmed);
                sig.push(' ');
                if trimmed.ends_with(';') {
                    let sig = pending.take().unwrap();
                    let rest = sig.strip_prefix("pub unsafe fn ").unwrap();
                    let (name, rest) = rest.split_once('(').unwrap();
                    let (params, _) = rest.rsplit_once(')').unwrap();
                    let core: Vec<String> = params
                        .split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(|p| {
                            let ty = p.split_once(':').unwrap().1.trim();
                            match ty {
                                "u64" | "Version" | "Timestamp" => "i64".to_string(),
                                _ => "i32".to_string(),
                            }
                        })
                        .collect();
                    let key = (module.clone().unwrap(), name.to_string());
                    assert!(
                        seen.insert(key.clone(), core).is_none(),
                        "{key:?} is declared twice"
                    );
                }
            }
        }
        for (key, core) in &seen {
            let expected = table
                .get(key)
                .unwrap_or_else(|| panic!("{key:?} is not in witx/abi.txt"));
            assert_eq!(core, expected, "core parameters of {key:?}");
        }
        assert_eq!(seen.len(), 78, "raw.rs should import all 78 functions");
    }

    /// The checks above can fail: a copy of the witx with one parameter changed from `u64` to
    /// `size` no longer gives abi.txt, and generates different bindings.
    #[test]
    fn a_changed_witx_is_detected() {
        let root = workspace_root();
        let copy = std::env::temp_dir().join(format!("wasicrypt-codegen-{}", std::process::id()));
        std::fs::create_dir_all(&copy).unwrap();
        for entry in std::fs::read_dir(root.join("witx")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "witx") {
                std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
            }
        }
        let common = copy.join("wasi_ephemeral_crypto_common.witx");
        let text = std::fs::read_to_string(&common).unwrap();
        assert!(text.contains("(param $value $u64)"));
        std::fs::write(
            &common,
            text.replace("(param $value $u64)", "(param $value $size)"),
        )
        .unwrap();

        let changed = abi_lines(&copy).unwrap();
        let original = abi_lines(&root.join("witx")).unwrap();
        let generated = generate_raw(&copy).unwrap();
        std::fs::remove_dir_all(&copy).unwrap();

        let differing: Vec<_> = changed.iter().filter(|l| !original.contains(l)).collect();
        assert_eq!(
            differing,
            [
                "wasi_ephemeral_crypto_common options_set_u64(handle,name,value) \
              core=([i32, i32, i32, i32])->[i32]"
            ]
        );
        assert_ne!(generated, generate_raw(&root.join("witx")).unwrap());
    }

    #[test]
    fn naming_helpers() {
        assert_eq!(camel("opt_symmetric_key_u"), "OptSymmetricKeyU");
        assert_eq!(shouty("crypto_errno"), "CRYPTO_ERRNO");
        assert_eq!(ident("type"), "r#type");
        assert_eq!(ident("handle"), "handle");
    }

    #[test]
    fn difference_is_reported() {
        let text = describe_difference("a\nb\nc\n", "a\nx\nc\n");
        assert!(text.contains("line 2"), "{text}");
        assert!(text.contains("- b") && text.contains("+ x"), "{text}");
    }
}
