//! `crosscheck encode`: call data for a script's `call` action, from a signature and
//! arguments in which actor and contract names stand for their addresses.

use alloy_dyn_abi::{DynSolType, DynSolValue, JsonAbiExt};
use alloy_json_abi::Function;
use alloy_primitives::Bytes;
use anyhow::{anyhow, Context, Result};

use crate::action::resolve_target;
use crate::chain::ChainId;
use crate::designs::{fresh_world, DesignId};

/// Encodes `signature(args...)`. An argument that names an actor or a contract of
/// `design` (on `chain`, else on the other chain) becomes its address; amounts may use the script syntax
/// (`"1200 LPT"`); a `bytes` argument may itself be a call, written
/// `sig(types)=arg1;arg2`, encoded the same way.
pub fn encode(design: DesignId, chain: ChainId, signature: &str, args: &[String]) -> Result<Bytes> {
    let world = fresh_world(design)?;
    encode_with(
        world.design.cast(),
        &world.contracts,
        chain,
        signature,
        args,
    )
}

fn other(chain: ChainId) -> ChainId {
    match chain {
        ChainId::L1 => ChainId::L2,
        ChainId::L2 => ChainId::L1,
    }
}

fn encode_with(
    cast: &crate::actors::Cast,
    book: &crate::designs::ContractBook,
    chain: ChainId,
    signature: &str,
    args: &[String],
) -> Result<Bytes> {
    let function =
        Function::parse(signature).map_err(|e| anyhow!("bad signature {signature:?}: {e}"))?;
    if function.inputs.len() != args.len() {
        return Err(anyhow!(
            "{} takes {} arguments, got {}",
            function.name,
            function.inputs.len(),
            args.len()
        ));
    }
    let mut values = Vec::new();
    for (param, arg) in function.inputs.iter().zip(args) {
        let ty: DynSolType = param
            .ty
            .parse()
            .map_err(|e| anyhow!("bad type {}: {e}", param.ty))?;
        let value = match ty {
            DynSolType::Address => DynSolValue::Address(
                resolve_target(cast, book, chain, arg)
                    .or_else(|| resolve_target(cast, book, other(chain), arg))
                    .map(Ok)
                    .unwrap_or_else(|| {
                        arg.parse()
                            .map_err(|_| anyhow!("unknown name or address {arg:?}"))
                    })?,
            ),
            DynSolType::Uint(256) => {
                let amount: crate::amount::Amount = arg.parse()?;
                DynSolValue::Uint(
                    amount.resolve(|_| Err(anyhow!("relative amounts need a world")))?,
                    256,
                )
            }
            DynSolType::Bytes if arg.contains(")=") => {
                let (sig, inner) = arg.split_once(")=").expect("checked");
                let inner_args: Vec<String> =
                    inner.split(';').map(|s| s.trim().to_string()).collect();
                DynSolValue::Bytes(
                    encode_with(cast, book, chain, &format!("{sig})"), &inner_args)?.to_vec(),
                )
            }
            ty => ty
                .coerce_str(arg)
                .with_context(|| format!("bad {} argument {arg:?}", param.ty))?,
        };
        values.push(value);
    }
    Ok(function.abi_encode_input(&values)?.into())
}
