//! `--invoke NAME [ARGS]`: call one export with arguments from the command line, print results.

use std::path::Path;

use wasmtime::{Instance, Store, Val, ValType};

use crate::error::{RunError, chain};
use crate::runner::{State, outcome};

/// Calls `_initialize` if the module exports it (a WASI reactor), then the export `name` with
/// `args` parsed as its parameters; prints each result on its own line on stdout. Returns 0, or
/// the guest's status if it exits.
pub fn call(
    store: &mut Store<State>,
    instance: &Instance,
    name: &str,
    args: &[String],
    path: &Path,
) -> Result<u8, RunError> {
    let module = path.display();
    let func = instance.get_func(&mut *store, name).ok_or_else(|| {
        RunError::Load(format!("{module} exports no function `{name}` (--invoke)"))
    })?;
    let ty = func.ty(&*store);
    let params: Vec<ValType> = ty.params().collect();
    if args.len() != params.len() {
        return Err(RunError::Load(format!(
            "`{name}` takes {} argument(s) ({}), got {}",
            params.len(),
            type_list(&params),
            args.len()
        )));
    }
    let values = params
        .iter()
        .zip(args)
        .enumerate()
        .map(|(i, (ty, arg))| {
            parse(ty, arg).ok_or_else(|| {
                RunError::Load(format!(
                    "argument {} of `{name}` must be {}, got `{arg}`",
                    i + 1,
                    type_name(ty)
                ))
            })
        })
        .collect::<Result<Vec<Val>, RunError>>()?;
    let mut results = vec![Val::I32(0); ty.results().len()];

    if name != "_initialize"
        && let Some(init) = instance.get_func(&mut *store, "_initialize")
    {
        let init = init
            .typed::<(), ()>(&*store)
            .map_err(|e| RunError::Load(format!("`_initialize` of {module}: {}", chain(&e))))?;
        if let Err(e) = init.call(&mut *store, ()) {
            return outcome(e);
        }
    }
    if let Err(e) = func.call(&mut *store, &values, &mut results) {
        return outcome(e);
    }
    for value in &results {
        println!("{}", render(value));
    }
    Ok(0)
}

/// Parses a command-line argument as a value of `ty`: integers in decimal (signed, or unsigned
/// up to the type's width) or `0x` hex, floats as decimals (`inf`, `NaN`). Reference and vector
/// parameters cannot be given on the command line.
fn parse(ty: &ValType, arg: &str) -> Option<Val> {
    fn int(arg: &str) -> Option<i128> {
        let (negative, digits) = match arg.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, arg),
        };
        let magnitude = match digits
            .strip_prefix("0x")
            .or_else(|| digits.strip_prefix("0X"))
        {
            Some(hex) => i128::from_str_radix(hex, 16).ok()?,
            None => digits.parse::<i128>().ok()?,
        };
        Some(if negative { -magnitude } else { magnitude })
    }
    match ty {
        ValType::I32 => {
            let n = int(arg)?;
            let value = i32::try_from(n).or_else(|_| u32::try_from(n).map(|u| u as i32));
            value.ok().map(Val::I32)
        }
        ValType::I64 => {
            let n = int(arg)?;
            let value = i64::try_from(n).or_else(|_| u64::try_from(n).map(|u| u as i64));
            value.ok().map(Val::I64)
        }
        ValType::F32 => arg.parse::<f32>().ok().map(|f| Val::F32(f.to_bits())),
        ValType::F64 => arg.parse::<f64>().ok().map(|f| Val::F64(f.to_bits())),
        ValType::V128 | ValType::Ref(_) => None,
    }
}

/// A result as `wasmtime run --invoke` prints it: integers in signed decimal, floats as decimals,
/// v128 as hex, references as `ref` or `null`.
fn render(value: &Val) -> String {
    match value {
        Val::I32(n) => n.to_string(),
        Val::I64(n) => n.to_string(),
        Val::F32(bits) => f32::from_bits(*bits).to_string(),
        Val::F64(bits) => f64::from_bits(*bits).to_string(),
        Val::V128(v) => format!("{:#034x}", v.as_u128()),
        other if other.ref_().is_some_and(|r| r.is_null()) => "null".to_owned(),
        _ => "ref".to_owned(),
    }
}

fn type_name(ty: &ValType) -> String {
    match ty {
        ValType::I32 => "an i32".to_owned(),
        ValType::I64 => "an i64".to_owned(),
        ValType::F32 => "an f32".to_owned(),
        ValType::F64 => "an f64".to_owned(),
        ValType::V128 => "a v128 (not accepted on the command line)".to_owned(),
        ValType::Ref(r) => format!("a {r} (not accepted on the command line)"),
    }
}

fn type_list(types: &[ValType]) -> String {
    let names: Vec<String> = types.iter().map(ToString::to_string).collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_take_decimal_hex_and_unsigned() {
        let i32_of = |s| match parse(&ValType::I32, s) {
            Some(Val::I32(n)) => Some(n),
            _ => None,
        };
        assert_eq!(i32_of("42"), Some(42));
        assert_eq!(i32_of("-7"), Some(-7));
        assert_eq!(i32_of("0x10"), Some(16));
        assert_eq!(i32_of("4294967295"), Some(-1));
        assert_eq!(i32_of("4294967296"), None);
        assert_eq!(i32_of("1.5"), None);
        assert_eq!(i32_of(""), None);
        assert!(matches!(
            parse(&ValType::I64, "-0x8000000000000000"),
            Some(Val::I64(i64::MIN))
        ));
        assert!(matches!(
            parse(&ValType::F64, "2.5"),
            Some(Val::F64(bits)) if f64::from_bits(bits) == 2.5
        ));
        assert!(parse(&ValType::V128, "0").is_none());
    }

    #[test]
    fn results_print_as_wasmtime_does() {
        assert_eq!(render(&Val::I32(-1)), "-1");
        assert_eq!(render(&Val::I64(1 << 40)), "1099511627776");
        assert_eq!(render(&Val::F32(1.5f32.to_bits())), "1.5");
        assert_eq!(render(&Val::F64(0.25f64.to_bits())), "0.25");
    }
}
