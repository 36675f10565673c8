//! The file's `[roles]`, checked against what the genesis deployed: each names a
//! deployment on its own chain, and each call path names a deployment and a function it
//! has.

use alloy_primitives::Address;
use anyhow::Result;
use toml::Spanned;

use super::file::{ChainRoles, ProjectFile};
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
    /// The gateway.
    pub gateway: Option<Address>,
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
    Ok(Resolved {
        tokens: match &roles.token {
            None => Vec::new(),
            Some(tokens) => {
                let names = tokens.get_ref().list();
                if let Some(twice) = names
                    .iter()
                    .enumerate()
                    .find_map(|(i, n)| names[..i].contains(n).then_some(n))
                {
                    return Err(file.error(
                        tokens.span(),
                        &key("token"),
                        format!("{twice} is named twice; each token is one pair's"),
                    ));
                }
                names
                    .into_iter()
                    .map(|name| one(&Spanned::new(tokens.span(), name.to_string()), "token"))
                    .collect::<Result<_>>()?
            }
        },
        escrow: roles
            .escrow
            .iter()
            .map(|e| one(e, "escrow"))
            .collect::<Result<_>>()?,
        gateway: roles
            .gateway
            .as_ref()
            .map(|g| one(g, "gateway"))
            .transpose()?,
        mint: paths(&roles.mint, "mint")?,
        burn: paths(&roles.burn, "burn")?,
        inflation: paths(&roles.inflation, "inflation")?,
    })
}

/// Refuses token lists that do not pair up: the i-th L1 token and the i-th L2 token are a
/// bridged pair, so when both chains name tokens they name as many.
pub fn check_pairs(file: &ProjectFile, l1: &ChainRoles, l2: &ChainRoles) -> Result<()> {
    let (Some(t1), Some(t2)) = (&l1.token, &l2.token) else {
        return Ok(());
    };
    let (n1, n2) = (t1.get_ref().list().len(), t2.get_ref().list().len());
    if n1 == n2 {
        return Ok(());
    }
    Err(file.error(
        t2.span(),
        "roles.l2.token",
        format!(
            "names {n2} token{} and roles.l1.token {n1}; the i-th of each chain are a bridged pair",
            if n2 == 1 { "" } else { "s" }
        ),
    ))
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
