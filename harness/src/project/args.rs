//! Arguments in a project file, turned into ABI values for the parameter they fill.
//!
//! A string argument is one of:
//! - `$Name`: the address of an earlier deployment (on either chain);
//! - `@actor`: an actor's address (`@governor`, `@delegator1`, `@attacker`, …);
//! - `alias($Name)`: the L2 address a retryable ticket from L1 contract `Name` runs as;
//! - `create(@actor, N)`: the address of the contract `@actor` (or `$Name`) creates with
//!   its nonce at `N`, for a constructor that must know a deployment still to come;
//! - `%name`: the value an earlier `view` step read `as = "name"`, for what only the
//!   running chain knows (the current round, a hash a contract computes);
//! - `keccak256(TEXT)`: the hash of `TEXT`, for a `bytes32` such as an access-control role;
//!   `keccak256(FORM)` of any form here hashes the form's packed value instead
//!   (`keccak256(%seed)`, `keccak256(keccak256(seed))`);
//! - `concat(FORM, FORM, …)`: the forms' packed values joined, for a `bytes`;
//! - `merkle_root(FORM, FORM, …)`: the root of a Merkle tree over 32-byte leaves in the
//!   order given, each pair hashed in sorted order as OpenZeppelin's `MerkleProof` verifies
//!   it, an odd node carried up as it is: a snapshot or allowlist root computed off-chain;
//! - `sign(@actor, FORM)`: the actor's signature (65 bytes, `r ‖ s ‖ v`) of a 32-byte
//!   digest as it is, such as an EIP-712 hash a contract computes;
//! - `personal_sign(@actor, FORM)`: its signature as a wallet's `personal_sign` makes it,
//!   of the digest behind EIP-191's `"\x19Ethereum Signed Message:\n32"` prefix;
//! - anything else, read as the parameter's type reads it (`"1000 ether"`, `"0x…"`,
//!   `"a name"`, `"true"`).
//!
//! TOML integers, booleans and arrays fill integer, `bool`, array and tuple (struct)
//! parameters.

use alloy_dyn_abi::{DynSolType, DynSolValue};
use alloy_primitives::{keccak256, Address, B256, I256, U256};
use anyhow::Result;
use toml::Spanned;

use super::file::ProjectFile;
use crate::actors::Actor;
use crate::designs::ContractBook;

/// The values earlier `view` steps read, by the name each was read `as` (`%name`).
pub type Values = std::collections::BTreeMap<String, DynSolValue>;

/// What the arguments of a step may refer to: the deployments and the values read so far.
pub struct Scope<'a> {
    /// The file, for errors at a line.
    pub file: &'a ProjectFile,
    /// The deployments so far, on both chains.
    pub book: &'a ContractBook,
    /// The values read so far.
    pub values: &'a Values,
}

/// `inner` if `text` is `name(inner)`.
fn applied<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    text.strip_prefix(name)?
        .strip_prefix('(')?
        .strip_suffix(')')
}

/// `text` split at the commas outside parentheses, each part trimmed.
fn split_arguments(text: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts
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

    /// The value `text` computes if it is a form (a reference, `%name`, `keccak256(…)`,
    /// `concat(…)`, `sign(…)`, `personal_sign(…)`); `Ok(None)` if it is a literal.
    pub fn form(
        &self,
        text: &str,
        span: std::ops::Range<usize>,
        key: &str,
    ) -> Result<Option<DynSolValue>> {
        let text = text.trim();
        let error = |message: String| self.file.error(span.clone(), key, message);
        if let Some(name) = text.strip_prefix('%') {
            return match self.values.get(name) {
                Some(v) => Ok(Some(v.clone())),
                None => Err(error(format!(
                    "%{name} is not read by an earlier step (a step with view = \"Name.function\" and as = {name:?})"
                ))),
            };
        }
        if let Some(inner) = applied(text, "keccak256") {
            let hash = match self.form(inner, span.clone(), key)? {
                Some(value) => keccak256(value.abi_encode_packed()),
                None => keccak256(inner),
            };
            return Ok(Some(DynSolValue::FixedBytes(hash, 32)));
        }
        if let Some(inner) = applied(text, "concat") {
            let mut joined = Vec::new();
            for part in split_arguments(inner) {
                let value = self.form(part, span.clone(), key)?.ok_or_else(|| {
                    error(format!(
                        "concat() joins forms ($Name, @actor, %name, keccak256(…)), and {part:?} is none"
                    ))
                })?;
                joined.extend(value.abi_encode_packed());
            }
            return Ok(Some(DynSolValue::Bytes(joined)));
        }
        if let Some(inner) = applied(text, "merkle_root") {
            let mut level = Vec::new();
            for part in split_arguments(inner) {
                match self.form(part, span.clone(), key)? {
                    Some(DynSolValue::FixedBytes(word, 32)) => level.push(word),
                    _ => {
                        return Err(error(format!(
                            "merkle_root() takes 32-byte leaves (keccak256(…), %name), and {part:?} is none"
                        )))
                    }
                }
            }
            while level.len() > 1 {
                level = level
                    .chunks(2)
                    .map(|pair| match pair {
                        [a, b] => keccak256([a.min(b).as_slice(), a.max(b).as_slice()].concat()),
                        [odd] => *odd,
                        _ => unreachable!("chunks of two"),
                    })
                    .collect();
            }
            let root = level.first().copied().unwrap_or_default();
            return Ok(Some(DynSolValue::FixedBytes(root, 32)));
        }
        for (name, prefixed) in [("sign", false), ("personal_sign", true)] {
            let Some(inner) = applied(text, name) else {
                continue;
            };
            let usage = || error(format!("{text:?} is not {name}(@actor, DIGEST)"));
            let [who, digest] = split_arguments(inner)[..] else {
                return Err(usage());
            };
            let actor = who
                .strip_prefix('@')
                .and_then(Actor::from_name)
                .ok_or_else(usage)?;
            let digest = match self.form(digest, span.clone(), key)? {
                Some(DynSolValue::FixedBytes(word, 32)) => word,
                Some(DynSolValue::Uint(n, 256)) => B256::from(n),
                _ => {
                    return Err(error(format!(
                    "{name}() signs a 32-byte form (%name, keccak256(…)), and {digest:?} is none"
                )))
                }
            };
            let digest = if prefixed {
                keccak256(
                    [
                        b"\x19Ethereum Signed Message:\n32".as_slice(),
                        digest.as_slice(),
                    ]
                    .concat(),
                )
            } else {
                digest
            };
            let signature = self.file.cast()?.sign(actor, digest).ok_or_else(|| {
                error(format!(
                    "@{} is bound to an address without a key, so crosscheck cannot sign for it",
                    actor.name()
                ))
            })?;
            return Ok(Some(DynSolValue::Bytes(signature.to_vec())));
        }
        Ok(self.address(text, span, key)?.map(DynSolValue::Address))
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
                if let Some(computed) = self.form(text, span.clone(), key)? {
                    let what = match &computed {
                        DynSolValue::Address(_) => "the address",
                        DynSolValue::Bytes(_) => "the bytes",
                        DynSolValue::FixedBytes(..) => "the word",
                        _ => "the value",
                    };
                    return fit(computed, ty).ok_or_else(|| wrong(&format!("{what} {text}")));
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
                DynSolType::Tuple(fields) if fields.len() == items.len() => Ok(DynSolValue::Tuple(
                    items
                        .iter()
                        .zip(fields)
                        .map(|(v, field)| self.read(v, span.clone(), field, key))
                        .collect::<Result<_>>()?,
                )),
                _ => Err(wrong(&format!("an array of {}", items.len()))),
            },
            other => Err(wrong(&format!("a TOML {}", other.type_str()))),
        }
    }
}

/// `value` as a value of type `ty`, if it fits: a word fills a `bytes32` or a `uint`, and
/// an unsigned integer either, if it is small enough.
fn fit(value: DynSolValue, ty: &DynSolType) -> Option<DynSolValue> {
    match (value, ty) {
        (DynSolValue::FixedBytes(word, 32), DynSolType::Uint(bits)) => fit(
            DynSolValue::Uint(word.into(), 256),
            &DynSolType::Uint(*bits),
        ),
        (DynSolValue::Uint(n, _), DynSolType::Uint(bits)) => {
            (*bits == 256 || n < (U256::from(1) << *bits)).then_some(DynSolValue::Uint(n, *bits))
        }
        (DynSolValue::Uint(n, _), DynSolType::FixedBytes(32)) => {
            Some(DynSolValue::FixedBytes(B256::from(n), 32))
        }
        (value, ty) => ty.matches(&value).then_some(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::designs::design_d::snapshot::Tree;

    fn with_scope<T>(run: impl FnOnce(&Scope<'_>) -> T) -> T {
        let file =
            ProjectFile::parse(std::path::Path::new("x.toml"), "[sources]\n".into()).unwrap();
        let (book, values) = (ContractBook::default(), Values::new());
        run(&Scope {
            file: &file,
            book: &book,
            values: &values,
        })
    }

    #[test]
    fn merkle_root_is_the_sorted_pair_tree_claim_proofs_verify_against() {
        for n in 1..=7 {
            let leaves: Vec<B256> = (0..n).map(|i| keccak256(format!("leaf {i}"))).collect();
            let text = format!(
                "merkle_root({})",
                (0..n)
                    .map(|i| format!("keccak256(leaf {i})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let root = with_scope(|s| s.form(&text, 0..0, "step.args").unwrap());
            assert_eq!(
                root,
                Some(DynSolValue::FixedBytes(Tree::new(&leaves).root(), 32)),
                "{n} leaves"
            );
        }
        // Two leaves: their hash in sorted order, whichever comes first.
        let (a, b) = (keccak256("leaf 0"), keccak256("leaf 1"));
        let both = keccak256([a.min(b).as_slice(), a.max(b).as_slice()].concat());
        for text in [
            "merkle_root(keccak256(leaf 0), keccak256(leaf 1))",
            "merkle_root(keccak256(leaf 1), keccak256(leaf 0))",
        ] {
            let root = with_scope(|s| s.form(text, 0..0, "step.args").unwrap());
            assert_eq!(root, Some(DynSolValue::FixedBytes(both, 32)), "{text}");
        }
    }

    #[test]
    fn merkle_root_refuses_a_leaf_that_is_not_a_word() {
        let e = with_scope(|s| {
            s.form("merkle_root(keccak256(a), @governor)", 0..0, "step.args")
                .unwrap_err()
                .to_string()
        });
        assert!(
            e.contains("merkle_root() takes 32-byte leaves") && e.contains("\"@governor\""),
            "{e}"
        );
    }
}
