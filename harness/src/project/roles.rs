//! The file's `[roles]`, checked against what the genesis deployed: each names a
//! deployment on its own chain, and each call path names a deployment and a function it
//! has.

use alloy_primitives::Address;
use anyhow::Result;
use toml::Spanned;

use super::file::{ChainRoles, OneOrMany, ProjectFile};
use crate::chain::ChainId;
use crate::compile::Artifacts;
use crate::designs::ContractBook;

/// One chain's roles, resolved to addresses.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// The conserved tokens, in the file's order (the i-th of each chain are a pair).
    pub tokens: Vec<Address>,
    /// The escrow holders.
    pub escrow: Vec<Address>,
    /// The gateways, in the file's order (the i-th of each chain are counterparts).
    pub gateways: Vec<Address>,
    /// Call paths allowed to mint: each frame a (contract, function name).
    pub mint: Vec<Vec<(Address, String)>>,
    /// Call paths allowed to burn.
    pub burn: Vec<Vec<(Address, String)>>,
    /// Call paths whose mints are inflation.
    pub inflation: Vec<Vec<(Address, String)>>,
}

/// Resolves `roles` of `chain` against `book`, reporting a role that names no deployment
/// of that chain at its line.
pub fn resolve(
    file: &ProjectFile,
    artifacts: &Artifacts,
    book: &ContractBook,
    chain: ChainId,
    roles: &ChainRoles,
) -> Result<Resolved> {
    let key = |k: &str| format!("roles.{}.{k}", chain.to_string().to_lowercase());
    let one = |name: &Spanned<String>, k: &str| -> Result<Address> {
        deployment(file, book, chain, name, &key(k))
    };
    let paths = |list: &[Spanned<String>], k: &str| -> Result<Vec<Vec<(Address, String)>>> {
        list.iter()
            .map(|path| {
                path.get_ref()
                    .split('>')
                    .map(|frame| {
                        let frame = frame.trim();
                        let Some((name, function)) = frame.split_once('.') else {
                            return Err(file.error(
                                path.span(),
                                &key(k),
                                format!("{frame:?} is not Contract.function"),
                            ));
                        };
                        let named = Spanned::new(path.span(), name.to_string());
                        let address = deployment(file, book, chain, &named, &key(k))?;
                        let kind = book.kind(chain, name).unwrap_or(name);
                        let has = artifacts
                            .get(kind)
                            .map(|c| c.abi.function(function).is_some())
                            .unwrap_or(false);
                        if !has {
                            return Err(file.error(
                                path.span(),
                                &key(k),
                                format!("{kind} has no function {function:?}"),
                            ));
                        }
                        Ok((address, function.to_string()))
                    })
                    .collect()
            })
            .collect()
    };
    // A token or gateway list: each named once, each a deployment of this chain.
    let pairs = |list: &Option<Spanned<OneOrMany>>, k: &str| -> Result<Vec<Address>> {
        let Some(list) = list else {
            return Ok(Vec::new());
        };
        let names = list.get_ref().list();
        if let Some(twice) = names
            .iter()
            .enumerate()
            .find_map(|(i, n)| names[..i].contains(n).then_some(n))
        {
            return Err(file.error(
                list.span(),
                &key(k),
                format!("{twice} is named twice; each {k} is one pair's"),
            ));
        }
        names
            .into_iter()
            .map(|name| one(&Spanned::new(list.span(), name.to_string()), k))
            .collect()
    };
    Ok(Resolved {
        tokens: pairs(&roles.token, "token")?,
        escrow: roles
            .escrow
            .iter()
            .map(|e| one(e, "escrow"))
            .collect::<Result<_>>()?,
        gateways: pairs(&roles.gateway, "gateway")?,
        mint: paths(&roles.mint, "mint")?,
        burn: paths(&roles.burn, "burn")?,
        inflation: paths(&roles.inflation, "inflation")?,
    })
}

/// Refuses token or gateway lists that do not pair up: the i-th L1 token and the i-th
/// L2 token are a bridged pair, and so are the i-th gateways, so when both chains name
/// them they name as many.
pub fn check_pairs(file: &ProjectFile, l1: &ChainRoles, l2: &ChainRoles) -> Result<()> {
    for (k, one, two) in [
        ("token", &l1.token, &l2.token),
        ("gateway", &l1.gateway, &l2.gateway),
    ] {
        let (Some(one), Some(two)) = (one, two) else {
            continue;
        };
        let (n1, n2) = (one.get_ref().list().len(), two.get_ref().list().len());
        if n1 != n2 {
            return Err(file.error(
                two.span(),
                &format!("roles.l2.{k}"),
                format!(
                    "names {n2} {k}{} and roles.l1.{k} {n1}; the i-th of each chain are a pair",
                    if n2 == 1 { "" } else { "s" }
                ),
            ));
        }
    }
    Ok(())
}

fn deployment(
    file: &ProjectFile,
    book: &ContractBook,
    chain: ChainId,
    name: &Spanned<String>,
    key: &str,
) -> Result<Address> {
    book.get(chain, name.get_ref()).map_err(|_| {
        let why = match book.iter().find(|(_, n, _)| n == name.get_ref()) {
            Some((c, _, _)) => format!("{} is deployed on {c}, not {chain}", name.get_ref()),
            None => format!("no step deploys a contract as {:?}", name.get_ref()),
        };
        file.error(name.span(), key, why)
    })
}
