//! Arguments in a project file, turned into ABI values for the parameter they fill.
//!
//! A string argument is one of:
//! - `$Name`: the address of an earlier deployment (on either chain);
//! - `@actor`: an actor's address (`@governor`, `@delegator1`, `@attacker`, …);
//! - `alias($Name)`: the L2 address a retryable ticket from L1 contract `Name` runs as;
//! - `create(@actor, N)`: the address of the contract `@actor` (or `$Name`) creates with
//!   its nonce at `N`, for a constructor that must know a deployment still to come;
//! - `keccak256(TEXT)`: the hash of `TEXT`, for a `bytes32` such as an access-control role;
//! - anything else, read as the parameter's type reads it (`"1000 ether"`, `"0x…"`,
//!   `"a name"`, `"true"`).
//!
//! TOML integers, booleans and arrays fill integer, `bool` and array parameters.

use alloy_dyn_abi::{DynSolType, DynSolValue};
use alloy_primitives::{Address, I256, U256};
use anyhow::Result;
use toml::Spanned;

use super::file::ProjectFile;
use crate::actors::Actor;
use crate::designs::ContractBook;

/// What the arguments of a step may refer to: the deployments so far.
pub struct Scope<'a> {
    /// The file, for errors at a line.
    pub file: &'a ProjectFile,
    /// The deployments so far, on both chains.
    pub book: &'a ContractBook,
}

impl Scope<'_> {
    /// The address `text` names, if it is a reference (`$Name`, `@actor`, `alias($Name)`);
    /// `Ok(None)` if it is a literal.
    pub fn address(
        &self,
        text: &str,
        span: std::ops::Range<usize>,
        key: &str,
    ) -> Result<Option<Address>> {
        if let Some(inner) = text
            .strip_prefix("alias(")
            .and_then(|t| t.strip_suffix(')'))
        {
            let Some(address) = self.address(inner, span.clone(), key)? else {
                return Err(self.file.error(
                    span,
                    key,
                    format!("alias() takes a $reference, not {inner:?}"),
                ));
            };
            return Ok(Some(crate::bridge::apply_alias(address)));
        }
        if let Some(inner) = text
            .strip_prefix("create(")
            .and_then(|t| t.strip_suffix(')'))
        {
            let usage = || {
                self.file.error(
                    span.clone(),
                    key,
                    format!("{text:?} is not create(@actor, nonce) or create($Name, nonce)"),
                )
            };
            let (who, nonce) = inner.split_once(',').ok_or_else(usage)?;
            let nonce: u64 = nonce.trim().parse().map_err(|_| usage())?;
            let creator = self
                .address(who.trim(), span.clone(), key)?
                .ok_or_else(usage)?;
            return Ok(Some(creator.create(nonce)));
        }
        if let Some(name) = text.strip_prefix('$') {
            return self
                .deployment(name)
                .map(Some)
                .ok_or_else(|| self.file.error(span, key, format!("${name} is used before its deployment (no earlier step deploys a contract as {name:?})")));
        }
        if let Some(name) = text.strip_prefix('@') {
            let cast = self.file.cast()?;
            return Actor::from_name(name)
                .map(|a| Some(cast.address(a)))
                .ok_or_else(|| {
                    let names: Vec<&str> = Actor::ALL.iter().map(|a| a.name()).collect();
                    self.file.error(
                        span,
                        key,
                        format!("unknown actor @{name}; actors: {}", names.join(", ")),
                    )
                });
        }
        Ok(None)
    }

    /// The address `text` names, which must be a reference (`$Name`, `@actor` or
    /// `alias($Name)`), for the key `key`.
    pub fn reference(&self, text: &Spanned<String>, key: &str) -> Result<Address> {
        self.address(text.get_ref(), text.span(), key)?
            .ok_or_else(|| {
                self.file.error(
                    text.span(),
                    key,
                    format!("{:?} is not an @actor or a $reference", text.get_ref()),
                )
            })
    }

    /// The address of the deployment named `name`, on whichever chain it is.
    pub fn deployment(&self, name: &str) -> Option<Address> {
        self.book
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(_, _, a)| a)
    }

    /// `value` as a value of type `ty`, for the argument at `key`.
    pub fn value(
        &self,
        value: &Spanned<toml::Value>,
        ty: &DynSolType,
        key: &str,
    ) -> Result<DynSolValue> {
        self.read(value.get_ref(), value.span(), ty, key)
    }

    fn read(
        &self,
        value: &toml::Value,
        span: std::ops::Range<usize>,
        ty: &DynSolType,
        key: &str,
    ) -> Result<DynSolValue> {
        let wrong = |what: &str| {
            self.file.error(
                span.clone(),
                key,
                format!(
                    "{what} cannot fill a parameter of type {}",
                    ty.sol_type_name()
                ),
            )
        };
        match value {
            toml::Value::String(text) => {
                if let Some(address) = self.address(text, span.clone(), key)? {
                    return match ty {
                        DynSolType::Address => Ok(DynSolValue::Address(address)),
                        _ => Err(wrong(&format!("the address {text}"))),
                    };
                }
                if let Some(preimage) = text
                    .strip_prefix("keccak256(")
                    .and_then(|t| t.strip_suffix(')'))
                {
                    let hash = alloy_primitives::keccak256(preimage);
                    return match ty {
                        DynSolType::FixedBytes(32) => Ok(DynSolValue::FixedBytes(hash, 32)),
                        DynSolType::Uint(bits) => Ok(DynSolValue::Uint(hash.into(), *bits)),
                        _ => Err(wrong(&format!("the hash {text}"))),
                    };
                }
                ty.coerce_str(text).map_err(|e| {
                    self.file.error(
                        span.clone(),
                        key,
                        format!("{text:?} is not a {}: {e}", ty.sol_type_name()),
                    )
                })
            }
            toml::Value::Integer(n) => match ty {
                DynSolType::Uint(bits) if *n >= 0 => {
                    Ok(DynSolValue::Uint(U256::from(*n as u64), *bits))
                }
                DynSolType::Int(bits) => Ok(DynSolValue::Int(
                    I256::try_from(*n).expect("i64 fits"),
                    *bits,
                )),
                _ => Err(wrong(&format!("the integer {n}"))),
            },
            toml::Value::Boolean(b) => match ty {
                DynSolType::Bool => Ok(DynSolValue::Bool(*b)),
                _ => Err(wrong(&format!("the boolean {b}"))),
            },
            toml::Value::Array(items) => match ty {
                DynSolType::Array(inner) => Ok(DynSolValue::Array(
                    items
                        .iter()
                        .map(|v| self.read(v, span.clone(), inner, key))
                        .collect::<Result<_>>()?,
                )),
                DynSolType::FixedArray(inner, len) if *len == items.len() => {
                    Ok(DynSolValue::FixedArray(
                        items
                            .iter()
                            .map(|v| self.read(v, span.clone(), inner, key))
                            .collect::<Result<_>>()?,
                    ))
                }
                _ => Err(wrong(&format!("an array of {}", items.len()))),
            },
            other => Err(wrong(&format!("a TOML {}", other.type_str()))),
        }
    }
}
