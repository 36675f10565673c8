//! Turning revert data and call data into readable text, using the ABIs of every compiled
//! contract (registered once per process by [`register_abis`]).

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use alloy_dyn_abi::{DynSolValue, JsonAbiExt};
use alloy_json_abi::{Error as AbiError, Function};
use alloy_primitives::{hex, U256};

use crate::compile::Artifacts;

#[derive(Default)]
struct Registry {
    errors: HashMap<[u8; 4], AbiError>,
    functions: HashMap<[u8; 4], Function>,
    /// What a function's token amounts are called, where not LPT (a project's own token).
    units: HashMap<[u8; 4], &'static str>,
}

fn registry() -> &'static RwLock<Registry> {
    static REGISTRY: OnceLock<RwLock<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

/// Makes every error and function of `artifacts` decodable, their token amounts in LPT.
pub fn register_abis(artifacts: &Artifacts) {
    register_abis_in(artifacts, "LPT");
}

/// Makes every error and function of `artifacts` decodable, their token amounts named
/// `unit` (a project's contracts move its own token, not LPT).
pub fn register_abis_in(artifacts: &Artifacts, unit: &'static str) {
    let mut reg = registry().write().expect("abi registry poisoned");
    for (_, contract) in artifacts.iter() {
        for error in contract.abi.errors() {
            reg.errors.insert(error.selector().0, error.clone());
        }
        for function in contract.abi.functions() {
            let selector = function.selector().0;
            reg.functions.insert(selector, function.clone());
            if unit == "LPT" {
                reg.units.remove(&selector);
            } else {
                reg.units.insert(selector, unit);
            }
        }
    }
}

/// A readable reason for revert data: `Error(string)`, `Panic(uint256)` or a custom error
/// of a registered contract, with its arguments.
pub fn revert_reason(data: &[u8]) -> String {
    if data.is_empty() {
        return "no reason".to_string();
    }
    if data.len() < 4 {
        return format!("0x{}", hex::encode(data));
    }
    let selector: [u8; 4] = data[..4].try_into().expect("four bytes");
    let body = &data[4..];
    match selector {
        // Error(string)
        [0x08, 0xc3, 0x79, 0xa0] => {
            match alloy_dyn_abi::DynSolType::String.abi_decode_params(body) {
                Ok(DynSolValue::String(s)) => s,
                _ => format!("0x{}", hex::encode(data)),
            }
        }
        // Panic(uint256)
        [0x4e, 0x48, 0x7b, 0x71] if body.len() == 32 => {
            format!("panic 0x{:x}", U256::from_be_slice(body))
        }
        _ => {
            let reg = registry().read().expect("abi registry poisoned");
            match reg.errors.get(&selector) {
                Some(error) => match error.abi_decode_input(body) {
                    Ok(values) => format!("{}({})", error.name, format_values(&reg, &values)),
                    Err(_) => error.name.clone(),
                },
                None => format!("0x{}", hex::encode(data)),
            }
        }
    }
}

/// A readable form of call data: `name(args)` for a registered function.
pub fn call_description(data: &[u8]) -> String {
    if data.len() < 4 {
        return format!("0x{}", hex::encode(data));
    }
    let reg = registry().read().expect("abi registry poisoned");
    describe_call(&reg, data)
}

fn describe_call(reg: &Registry, data: &[u8]) -> String {
    if data.len() < 4 {
        return format!("0x{}", hex::encode(data));
    }
    let selector: [u8; 4] = data[..4].try_into().expect("four bytes");
    match reg.functions.get(&selector) {
        Some(f) => match f.abi_decode_input(&data[4..]) {
            Ok(values) => {
                let args: Vec<String> = values
                    .iter()
                    .zip(&f.inputs)
                    .map(
                        |(v, p)| match (v, amount_unit(&p.name, reg.units.get(&selector))) {
                            (DynSolValue::Uint(u, _), Some(unit)) => {
                                format!("{} {unit}", crate::ledger::exact_units(*u))
                            }
                            _ => format_value(reg, v),
                        },
                    )
                    .collect();
                format!("{}({})", f.name, args.join(", "))
            }
            Err(_) => format!("{}(<undecodable>)", f.name),
        },
        None => format!("0x{}", hex::encode(data)),
    }
}

/// The unit of a parameter whose name says it is an amount of tokens or ether, so that a
/// decoded call reads `1.5 LPT` where the ledger does, not `1500000000000000000`. ETH where
/// the name says fees or ETH (the fee pools and `migrateETH` hold ether); LPT (or the
/// function's registered `token` unit) otherwise.
fn amount_unit(name: &str, token: Option<&&'static str>) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    let amount = ["amount", "stake", "fees", "value", "balance", "supply"]
        .iter()
        .any(|w| name.contains(w));
    match amount {
        false => None,
        true if name.contains("fee") || name.contains("eth") => Some("ETH"),
        true => Some(token.copied().unwrap_or("LPT")),
    }
}

fn format_values(reg: &Registry, values: &[DynSolValue]) -> String {
    values
        .iter()
        .map(|v| format_value(reg, v))
        .collect::<Vec<_>>()
        .join(", ")
}

fn format_value(reg: &Registry, v: &DynSolValue) -> String {
    match v {
        DynSolValue::Address(a) => crate::names::name_of(*a),
        DynSolValue::Uint(u, _) => u.to_string(),
        DynSolValue::Bool(b) => b.to_string(),
        DynSolValue::String(s) => format!("{s:?}"),
        DynSolValue::Bytes(b) if b.len() >= 4 && reg.functions.contains_key(&b[..4]) => {
            describe_call(reg, b)
        }
        // Revert data wrapped in another revert (the Outbox's `CallFailed(index, data)`).
        DynSolValue::Bytes(b) if b.len() >= 4 && reg.errors.contains_key(&b[..4]) => {
            let error = &reg.errors[&b[..4]];
            match error.abi_decode_input(&b[4..]) {
                Ok(values) => format!("{}({})", error.name, format_values(reg, &values)),
                Err(_) => error.name.clone(),
            }
        }
        DynSolValue::Bytes(b) => format!("0x{}", hex::encode(b)),
        DynSolValue::FixedBytes(w, n) => format!("0x{}", hex::encode(&w[..*n])),
        DynSolValue::Array(xs) | DynSolValue::FixedArray(xs) | DynSolValue::Tuple(xs) => {
            format!("[{}]", format_values(reg, xs))
        }
        other => format!("{other:?}"),
    }
}
