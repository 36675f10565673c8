//! The file's `[calls]`: which of the deployed contracts' functions a campaign calls, and
//! how often. An auditor leaves out what the threat model trusts (an owner's upgrade, a
//! pause), and weights the entry points a review is about; every name is checked against
//! what the genesis deployed.

use anyhow::Result;
use toml::Spanned;

use super::file::{Calls, ProjectFile};
use crate::compile::Artifacts;
use crate::designs::ContractBook;

/// The heaviest weight a function may be given: beyond it, one function would crowd out
/// every other and the campaign would stop exploring.
pub const MAX_WEIGHT: u32 = 100;

/// What `[calls]` says, resolved: for a deployment's function, how many times more often
/// than an unweighted one a campaign calls it (0: never).
#[derive(Debug, Clone, Default)]
pub struct CallRules {
    /// `(deployment, function or None for every function, weight)`.
    rules: Vec<(String, Option<String>, u32)>,
}

impl CallRules {
    /// The weight of `contract.function`: an exclusion wins, then a rule naming the
    /// function, then one naming its whole contract (`Contract.*`), else 1.
    pub fn weight(&self, contract: &str, function: &str) -> u32 {
        let mut whole = None;
        let mut named = None;
        for (c, f, w) in &self.rules {
            let slot = match f {
                _ if c != contract => continue,
                Some(f) if f != function => continue,
                Some(_) => &mut named,
                None => &mut whole,
            };
            if *w == 0 {
                return 0;
            }
            *slot = Some(*w);
        }
        named.or(whole).unwrap_or(1)
    }

    /// Whether the file said anything.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// Checks `calls` against the deployments in `book` and their ABIs (in `artifacts`, or
/// the stand-ins' in `stand_ins`), reporting a name that matches nothing at its line.
pub fn resolve(
    file: &ProjectFile,
    (artifacts, stand_ins): (&Artifacts, &Artifacts),
    book: &ContractBook,
    calls: &Calls,
) -> Result<CallRules> {
    let mut rules = Vec::new();
    let mut target = |text: &Spanned<String>, key: &str, weight: u32| -> Result<()> {
        let (contract, function) = parse(file, book, (artifacts, stand_ins), text, key)?;
        rules.push((contract, function, weight));
        Ok(())
    };
    for text in &calls.exclude {
        target(text, "calls.exclude", 0)?;
    }
    for (name, weight) in &calls.weight {
        let key = format!("calls.weight.{name}");
        let w = *weight.get_ref();
        if !(1..=MAX_WEIGHT).contains(&w) {
            return Err(file.error(
                weight.span(),
                &key,
                format!("{w} is not a weight from 1 to {MAX_WEIGHT} (leave a function out with calls.exclude)"),
            ));
        }
        let text = Spanned::new(weight.span(), name.clone());
        target(&text, &key, w)?;
    }
    Ok(CallRules { rules })
}

/// `Contract.function` or `Contract.*`, as (deployment, function or `None`).
fn parse(
    file: &ProjectFile,
    book: &ContractBook,
    (artifacts, stand_ins): (&Artifacts, &Artifacts),
    text: &Spanned<String>,
    key: &str,
) -> Result<(String, Option<String>)> {
    let at = || text.span();
    let Some((contract, function)) = text.get_ref().split_once('.') else {
        return Err(file.error(
            at(),
            key,
            format!(
                "{:?} is not Contract.function or Contract.*",
                text.get_ref()
            ),
        ));
    };
    let Some((chain, _, _)) = book.iter().find(|(_, n, _)| *n == contract) else {
        let names: Vec<&str> = book.iter().map(|(_, n, _)| n).collect();
        return Err(file.error(
            at(),
            key,
            format!(
                "no deployment {contract:?}; deployments: {}",
                names.join(", ")
            ),
        ));
    };
    if function == "*" {
        return Ok((contract.to_string(), None));
    }
    let abi = book
        .kind(chain, contract)
        .and_then(|kind| artifacts.get(kind).or_else(|_| stand_ins.get(kind)).ok())
        .map(|c| &c.abi);
    if abi.is_some_and(|abi| abi.function(function).is_some()) {
        return Ok((contract.to_string(), Some(function.to_string())));
    }
    Err(file.error(
        at(),
        key,
        format!("{contract} has no function {function:?}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exclusion_wins_then_a_named_function_then_its_contract() {
        let rules = CallRules {
            rules: vec![
                ("Gateway".into(), None, 3),
                ("Gateway".into(), Some("deposit".into()), 7),
                ("Token".into(), Some("transferOwnership".into()), 0),
                ("Admin".into(), None, 0),
                ("Admin".into(), Some("pause".into()), 5),
            ],
        };
        assert_eq!(rules.weight("Gateway", "deposit"), 7);
        assert_eq!(rules.weight("Gateway", "withdraw"), 3);
        assert_eq!(rules.weight("Token", "transferOwnership"), 0);
        assert_eq!(rules.weight("Token", "transfer"), 1);
        assert_eq!(rules.weight("Admin", "pause"), 0);
        assert_eq!(rules.weight("Elsewhere", "f"), 1);
    }
}
