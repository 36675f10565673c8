//! A project's genesis: crosscheck's Arbitrum stand-ins first (so that `$Inbox`,
//! `$Bridge`, `$Outbox` and `$ArbSys` can be referred to), then the file's steps in order.
//! Every mistake is reported at the line of the key that made it.

use alloy_dyn_abi::{DynSolType, DynSolValue, FunctionExt, Specifier};
use alloy_json_abi::{Function, Param};
use alloy_primitives::{Address, Bytes};
use anyhow::Result;
use toml::Spanned;

use super::args::{Scope, Values};
use super::file::{ProjectFile, Step};
use crate::actors::Actor;
use crate::bridge::BridgeAddresses;
use crate::chain::{Chain, ChainId};
use crate::compile::Artifacts;
use crate::designs::deploy::{self, Deployer};
use crate::designs::ContractBook;

/// Gas for one genesis call: ample for any wiring call.
const GENESIS_GAS: u64 = 30_000_000;

/// Both chains after a project's genesis.
pub struct Deployed {
    /// Ethereum.
    pub l1: Chain,
    /// Arbitrum.
    pub l2: Chain,
    /// Every deployment, the stand-ins' and the project's, by chain and name.
    pub book: ContractBook,
    /// Where the stand-ins are.
    pub arbitrum: BridgeAddresses,
    /// What the `view` steps read, by name.
    pub values: Values,
}

/// Runs the genesis of `file`: the stand-ins from `ours` (before the first step, or where a
/// `stand_ins` step places them), then each step with the project's `artifacts`.
pub fn run(file: &ProjectFile, artifacts: &Artifacts, ours: &Artifacts) -> Result<Deployed> {
    let governor = file.cast()?.address(Actor::Governor);
    let (l1, l2) = deploy::chains_for(file.cast()?);
    let placed = placed_stand_ins(file)?;
    let mut out = Deployed {
        l1,
        l2,
        book: ContractBook::default(),
        arbitrum: BridgeAddresses::default(),
        values: Values::new(),
    };
    if placed.is_none() {
        place_stand_ins(&mut out, ours, governor)?;
        out.l1.send_ok(
            governor,
            out.arbitrum.bridge,
            &crate::bindings::IBridge::setInboxAndOutboxCall {
                inbox: out.arbitrum.inbox,
                outbox: out.arbitrum.outbox,
            },
        )?;
    }
    for (i, step) in file.spec.step.iter().enumerate() {
        if placed == Some(i) {
            place_stand_ins(&mut out, ours, governor)?;
            continue;
        }
        run_step(file, artifacts, ours, &mut out, step, i)?;
    }
    if let Some(i) = placed {
        require_wired(file, &mut out, i)?;
    }
    Ok(out)
}

/// The index of the step that places the stand-ins, if one does (and only one may); such a
/// step has no other key.
fn placed_stand_ins(file: &ProjectFile) -> Result<Option<usize>> {
    let mut placed = None;
    for (i, step) in file.spec.step.iter().enumerate() {
        let Some(flag) = &step.stand_ins else {
            continue;
        };
        if !*flag.get_ref() {
            return Err(file.error(
                flag.span(),
                "step.stand_ins",
                "the stand-ins go before the first step unless a step places them; say stand_ins = true or leave the step out",
            ));
        }
        if placed.is_some() {
            return Err(file.error(
                flag.span(),
                "step.stand_ins",
                "the stand-ins are already placed by an earlier step",
            ));
        }
        if let Some((key, _)) = other_keys(step).into_iter().find(|(_, set)| *set) {
            return Err(file.error(
                flag.span(),
                key,
                "a stand_ins step places crosscheck's Arbitrum stand-ins and takes no other key",
            ));
        }
        placed = Some(i);
    }
    Ok(placed)
}

/// Every key of a step but `stand_ins` and `advance`, and whether it is set.
fn other_keys(step: &Step) -> [(&'static str, bool); 13] {
    [
        ("step.chain", step.chain.is_some()),
        ("step.deploy", step.deploy.is_some()),
        ("step.as", step.name.is_some()),
        ("step.call", step.call.is_some()),
        ("step.view", step.view.is_some()),
        ("step.fund", step.fund.is_some()),
        ("step.args", !step.args.is_empty()),
        ("step.libraries", !step.libraries.is_empty()),
        ("step.abi", step.abi.is_some()),
        ("step.initialize", step.initialize.is_some()),
        ("step.init_args", !step.init_args.is_empty()),
        ("step.from", step.from.is_some()),
        ("step.value", step.value.is_some()),
    ]
}

/// The stand-ins, deployed and owned by the project's governor (so that its file wires
/// them as it wires its own contracts).
fn place_stand_ins(out: &mut Deployed, ours: &Artifacts, governor: Address) -> Result<()> {
    let mut stand_ins = Deployer::new(ours).from(governor);
    out.arbitrum = stand_ins.arbitrum(&mut out.l1, &mut out.l2)?;
    let placed: Vec<(ChainId, String, Address, Option<String>)> = stand_ins
        .book
        .iter()
        .map(|(c, n, a)| {
            (
                c,
                n.to_string(),
                a,
                stand_ins.book.kind(c, n).map(String::from),
            )
        })
        .collect();
    for (chain, name, address, kind) in placed {
        out.book.insert(chain, &name, address);
        if let Some(kind) = kind {
            out.book.set_kind(chain, &name, &kind);
        }
    }
    Ok(())
}

/// A file that places the stand-ins wires them too; a bridge without its inbox and
/// outbox would refuse every ticket and message, which would look like the project's bug.
fn require_wired(file: &ProjectFile, out: &mut Deployed, placed: usize) -> Result<()> {
    let bridge = out.arbitrum.bridge;
    let inbox = out
        .l1
        .view(bridge, &crate::bindings::IBridge::inboxCall {})?;
    let outbox = out
        .l1
        .view(bridge, &crate::bindings::IBridge::activeOutboxCall {})?;
    if inbox != out.arbitrum.inbox || outbox != out.arbitrum.outbox {
        let flag = file.spec.step[placed]
            .stand_ins
            .as_ref()
            .expect("the placing step");
        return Err(file.error(
            flag.span(),
            "step.stand_ins",
            "the stand-ins are placed here but never wired: add a step calling Bridge.setInboxAndOutbox with [\"$Inbox\", \"$Outbox\"]",
        ));
    }
    Ok(())
}

fn run_step(
    file: &ProjectFile,
    artifacts: &Artifacts,
    ours: &Artifacts,
    out: &mut Deployed,
    step: &Step,
    i: usize,
) -> Result<()> {
    let kinds = [
        step.deploy.is_some(),
        step.call.is_some(),
        step.view.is_some(),
        step.fund.is_some(),
        step.advance.is_some(),
    ];
    let at = [
        step.chain.as_ref().map(Spanned::span),
        step.deploy.as_ref().map(Spanned::span),
        step.call.as_ref().map(Spanned::span),
        step.view.as_ref().map(Spanned::span),
        step.fund.as_ref().map(Spanned::span),
        step.advance.as_ref().map(Spanned::span),
    ]
    .into_iter()
    .flatten()
    .next()
    .unwrap_or(0..0);
    if kinds.iter().filter(|k| **k).count() != 1 {
        return Err(file.error(
            at,
            &format!("step {}", i + 1),
            "a step does exactly one of deploy, call, view, fund, advance and stand_ins",
        ));
    }
    if let Some(seconds) = &step.advance {
        if let Some((key, _)) = other_keys(step).into_iter().find(|(_, set)| *set) {
            return Err(file.error(
                seconds.span(),
                key,
                "an advance step moves both clocks and takes no other key",
            ));
        }
        let s = *seconds.get_ref();
        crate::world::advance_clocks(&mut out.l1, &mut out.l2, s, s);
        return Ok(());
    }
    let Some(chain) = &step.chain else {
        return Err(file.error(
            at,
            "step.chain",
            "missing: say where the step runs, l1 or l2",
        ));
    };
    let chain = match chain.get_ref().as_str() {
        "l1" | "L1" => ChainId::L1,
        "l2" | "L2" => ChainId::L2,
        other => {
            return Err(file.error(
                chain.span(),
                "step.chain",
                format!("{other:?} is not a chain; chains: l1, l2"),
            ))
        }
    };
    let from = match &step.from {
        Some(f) => Scope {
            file,
            book: &out.book,
            values: &out.values,
        }
        .reference(f, "step.from")?,
        None => file.cast()?.address(Actor::Governor),
    };
    let value = match &step.value {
        Some(v) => match DynSolType::Uint(256).coerce_str(v.get_ref()) {
            Ok(DynSolValue::Uint(n, _)) => Some(n),
            _ => {
                return Err(file.error(
                    v.span(),
                    "step.value",
                    format!(
                        "{:?} is not an amount of wei (\"10 ether\", \"1000\")",
                        v.get_ref()
                    ),
                ))
            }
        },
        None => None,
    };
    if let Some(contract) = &step.deploy {
        if value.is_some() {
            return Err(file.error(
                at.clone(),
                "step.value",
                "a deployment sends no ETH; fund the contract in a step of its own",
            ));
        }
        return deploy(file, (artifacts, ours), out, step, (chain, from), contract);
    }
    for (key, set) in [
        ("step.libraries", !step.libraries.is_empty()),
        ("step.abi", step.abi.is_some()),
        ("step.initialize", step.initialize.is_some()),
        ("step.init_args", !step.init_args.is_empty()),
    ] {
        if set {
            return Err(file.error(at.clone(), key, "only a deploy step takes it"));
        }
    }
    if let Some(view) = &step.view {
        return read(file, (artifacts, ours), out, step, chain, view);
    }
    if let Some(name) = &step.name {
        return Err(file.error(
            name.span(),
            "step.as",
            "only a deploy step (the deployment's name) and a view step (the value's) take it",
        ));
    }
    if let Some(call) = &step.call {
        let value = value.unwrap_or_default();
        return send(
            file,
            (artifacts, ours),
            out,
            (chain, from),
            call,
            &step.args,
            value,
            "step.call",
        );
    }
    let fund = step.fund.as_ref().expect("one kind is set");
    let who = Scope {
        file,
        book: &out.book,
        values: &out.values,
    }
    .reference(fund, "step.fund")?;
    let Some(wei) = value else {
        return Err(file.error(
            fund.span(),
            "step.value",
            "a fund step needs the balance to set, as value = \"10 ether\"",
        ));
    };
    chain_mut(out, chain).set_balance(who, wei);
    Ok(())
}

/// A deploy step: the contract (linked, with its constructor's arguments) deployed on
/// `chain` from `from`, recorded under its name and ABI, and initialized if asked.
fn deploy(
    file: &ProjectFile,
    (artifacts, ours): (&Artifacts, &Artifacts),
    out: &mut Deployed,
    step: &Step,
    (chain, from): (ChainId, Address),
    contract: &Spanned<String>,
) -> Result<()> {
    let name = step.name.as_ref().unwrap_or(contract);
    let stand_ins_later = out.arbitrum.bridge == Address::ZERO;
    if stand_ins_later && super::design::STAND_INS.contains(&name.get_ref().as_str()) {
        // Placing the stand-ins would rebind the name, and later `$Bridge` arguments would
        // silently mean ours rather than this deployment.
        return Err(file.error(
            name.span(),
            "step.as",
            format!(
                "{:?} is the name of crosscheck's Arbitrum stand-in, which a later stand_ins step places; give this one another name with `as`",
                name.get_ref()
            ),
        ));
    }
    if let Some((c, _, _)) = out.book.iter().find(|(_, n, _)| n == name.get_ref()) {
        return Err(file.error(
            name.span(),
            "step.as",
            format!(
                "{:?} is already deployed on {c}; give this one another name with `as`",
                name.get_ref()
            ),
        ));
    }
    let Ok(compiled) = artifacts.get(contract.get_ref()) else {
        return Err(file.error(
            contract.span(),
            "step.deploy",
            format!(
                "unknown contract {:?}; the sources define {}",
                contract.get_ref(),
                deployable(artifacts).join(", ")
            ),
        ));
    };
    let kind = match &step.abi {
        Some(abi) if artifacts.get(abi.get_ref()).is_err() => {
            return Err(file.error(
                abi.span(),
                "step.abi",
                format!("unknown contract {:?}", abi.get_ref()),
            ))
        }
        Some(abi) => abi.get_ref(),
        None => contract.get_ref(),
    };
    let scope = Scope {
        file,
        book: &out.book,
        values: &out.values,
    };
    let inputs = compiled
        .abi
        .constructor
        .as_ref()
        .map(|c| c.inputs.as_slice())
        .unwrap_or_default();
    let what = format!("{}'s constructor", contract.get_ref());
    let encoded = encode_args(&scope, inputs, &step.args, &what, contract.span())?;
    let mut code = creation_code(&scope, artifacts, step, contract)?;
    code.extend_from_slice(&encoded);
    let address = chain_mut(out, chain)
        .deploy(from, Bytes::from(code))
        .map_err(|e| {
            file.error(
                contract.span(),
                "step.deploy",
                format!("{} did not deploy on {chain}: {e:#}", contract.get_ref()),
            )
        })?;
    out.book.insert(chain, name.get_ref(), address);
    out.book.set_kind(chain, name.get_ref(), kind);
    if let Some(init) = &step.initialize {
        let call = Spanned::new(
            init.span(),
            format!("{}.{}", name.get_ref(), init.get_ref()),
        );
        let zero = Default::default();
        send(
            file,
            (artifacts, ours),
            out,
            (chain, from),
            &call,
            &step.init_args,
            zero,
            "step.initialize",
        )?;
    }
    Ok(())
}

/// A view step: `view` (`Name.function`) called on `chain` without committing, its output
/// kept as `%name` for later arguments: what only the running chain knows, such as the
/// current round or a hash a contract computes for a signature.
fn read(
    file: &ProjectFile,
    (artifacts, ours): (&Artifacts, &Artifacts),
    out: &mut Deployed,
    step: &Step,
    chain: ChainId,
    view: &Spanned<String>,
) -> Result<()> {
    let Some(name) = &step.name else {
        return Err(file.error(
            view.span(),
            "step.as",
            "missing: a view step names the value it reads (as = \"round\", then \"%round\")",
        ));
    };
    for (key, set) in [
        ("step.from", step.from.is_some()),
        ("step.value", step.value.is_some()),
    ] {
        if set {
            return Err(file.error(
                view.span(),
                key,
                "a view step only reads, as no one and with no ETH",
            ));
        }
    }
    if out.values.contains_key(name.get_ref()) {
        return Err(file.error(
            name.span(),
            "step.as",
            format!("%{} is already read by an earlier step", name.get_ref()),
        ));
    }
    let (to, function) =
        resolve_call(file, (artifacts, ours), &out.book, chain, view, "step.view")?;
    let scope = Scope {
        file,
        book: &out.book,
        values: &out.values,
    };
    let encoded = encode_args(
        &scope,
        &function.inputs,
        &step.args,
        view.get_ref(),
        view.span(),
    )?;
    let mut data = function.selector().to_vec();
    data.extend_from_slice(&encoded);
    let returned = chain_mut(out, chain)
        .view_raw(to, Bytes::from(data))
        .map_err(|e| file.context(e, view.span(), "step.view"))?;
    let mut outputs = function.abi_decode_output(&returned).map_err(|e| {
        file.error(
            view.span(),
            "step.view",
            format!(
                "{} returned what its ABI does not decode: {e}",
                view.get_ref()
            ),
        )
    })?;
    let value = match outputs.len() {
        1 => outputs.remove(0),
        0 => {
            return Err(file.error(
                view.span(),
                "step.view",
                format!("{} returns nothing to read", view.get_ref()),
            ))
        }
        _ => DynSolValue::Tuple(outputs),
    };
    out.values.insert(name.get_ref().clone(), value);
    Ok(())
}

/// Sends `call` (`Name.function`) with `args` and `value` on `chain` from `from`; it must
/// succeed, or the error names `key`'s line and the decoded revert.
#[allow(clippy::too_many_arguments)]
fn send(
    file: &ProjectFile,
    (artifacts, ours): (&Artifacts, &Artifacts),
    out: &mut Deployed,
    (chain, from): (ChainId, Address),
    call: &Spanned<String>,
    args: &[Spanned<toml::Value>],
    value: alloy_primitives::U256,
    key: &str,
) -> Result<()> {
    let (to, function) = resolve_call(file, (artifacts, ours), &out.book, chain, call, key)?;
    let scope = Scope {
        file,
        book: &out.book,
        values: &out.values,
    };
    let encoded = encode_args(&scope, &function.inputs, args, call.get_ref(), call.span())?;
    let mut data = function.selector().to_vec();
    data.extend_from_slice(&encoded);
    let outcome = chain_mut(out, chain).call(from, to, Bytes::from(data), value, GENESIS_GAS)?;
    outcome
        .require_ok(call.get_ref())
        .map_err(|e| file.context(e, call.span(), key))
}

/// The creation code of `contract` for `step`: as compiled, or with each library it uses
/// linked to the deployment `step.libraries` names for it.
fn creation_code(
    scope: &Scope<'_>,
    artifacts: &Artifacts,
    step: &Step,
    contract: &Spanned<String>,
) -> Result<Vec<u8>> {
    let file = scope.file;
    let name = contract.get_ref();
    let Some(unlinked) = artifacts.unlinked(name) else {
        if let Some((library, at)) = step.libraries.iter().next() {
            return Err(file.error(
                at.span(),
                "step.libraries",
                format!("{name} links no library {library}"),
            ));
        }
        let code = &artifacts.get(name)?.bytecode;
        if code.is_empty() {
            return Err(file.error(
                contract.span(),
                "step.deploy",
                format!("{name} has no code to deploy (an interface or an abstract contract)"),
            ));
        }
        return Ok(code.to_vec());
    };
    let needed = unlinked.libraries();
    if let Some((library, at)) = step
        .libraries
        .iter()
        .find(|(l, _)| !needed.contains(&l.as_str()))
    {
        return Err(file.error(
            at.span(),
            "step.libraries",
            format!(
                "{name} links no library {library}; it links {}",
                needed.join(", ")
            ),
        ));
    }
    let mut linked = Vec::new();
    for library in &needed {
        let Some(at) = step.libraries.get(*library) else {
            return Err(file.error(
                contract.span(),
                "step.deploy",
                format!("{name} needs library {library} linked: deploy it first, then add libraries = {{ {library} = \"$Name\" }}"),
            ));
        };
        linked.push((*library, scope.reference(at, "step.libraries")?));
    }
    Ok(unlinked.linked(&linked)?.to_vec())
}

/// The contracts of `artifacts` that have code to deploy (not interfaces or abstract ones).
fn deployable(artifacts: &Artifacts) -> Vec<&str> {
    let mut names: Vec<&str> = artifacts
        .iter()
        .filter(|(n, c)| !c.bytecode.is_empty() || artifacts.unlinked(n).is_some())
        .map(|(n, _)| n)
        .collect();
    names.sort_unstable();
    names
}

fn chain_mut(out: &mut Deployed, chain: ChainId) -> &mut Chain {
    match chain {
        ChainId::L1 => &mut out.l1,
        ChainId::L2 => &mut out.l2,
    }
}

/// The address and ABI function of `Name.function` (or `Name.function(types)`) on `chain`.
fn resolve_call<'a>(
    file: &ProjectFile,
    (artifacts, ours): (&'a Artifacts, &'a Artifacts),
    book: &ContractBook,
    chain: ChainId,
    call: &Spanned<String>,
    key: &str,
) -> Result<(Address, &'a Function)> {
    let text = call.get_ref();
    let Some((name, function)) = text.split_once('.') else {
        return Err(file.error(call.span(), key, format!("{text:?} is not Name.function")));
    };
    let to = book.get(chain, name).map_err(|_| {
        let elsewhere = book.iter().find(|(_, n, _)| *n == name).map(|(c, _, _)| c);
        let why = match elsewhere {
            Some(c) => format!("{name} is deployed on {c}, not {chain}"),
            None => format!("no earlier step deploys a contract as {name:?} on {chain}"),
        };
        file.error(call.span(), key, why)
    })?;
    let kind = book.kind(chain, name).unwrap_or(name);
    // A stand-in the file placed itself is wired by the file, through the stand-in's ABI.
    let abi = &artifacts
        .get(kind)
        .or_else(|_| ours.get(kind))
        .map_err(|_| file.error(call.span(), key, format!("{name} has no ABI")))?
        .abi;
    let (fname, signature) = match function.split_once('(') {
        Some((f, _)) => (f, Some(function)),
        None => (function, None),
    };
    let overloads = abi.function(fname).map(Vec::as_slice).unwrap_or_default();
    let chosen: Vec<&Function> = overloads
        .iter()
        .filter(|f| signature.is_none_or(|s| f.signature() == s))
        .collect();
    match chosen.as_slice() {
        [one] => Ok((to, one)),
        [] if overloads.is_empty() => Err(file.error(
            call.span(),
            key,
            format!("{kind} has no function {fname:?}"),
        )),
        [] => Err(file.error(
            call.span(),
            key,
            format!(
                "{kind} has no {function}; it has {}",
                overloads
                    .iter()
                    .map(|f| f.signature())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        many => Err(file.error(
            call.span(),
            key,
            format!(
                "{kind}.{fname} is overloaded; name one: {}",
                many.iter()
                    .map(|f| f.signature())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// `args` ABI-encoded as `params`, for `what` (a constructor or a function), or an error
/// naming the arity or the argument that does not fit.
fn encode_args(
    scope: &Scope<'_>,
    params: &[Param],
    args: &[Spanned<toml::Value>],
    what: &str,
    span: std::ops::Range<usize>,
) -> Result<Vec<u8>> {
    if params.len() != args.len() {
        let wanted: Vec<String> = params
            .iter()
            .map(|p| format!("{} {}", p.ty, p.name).trim().to_string())
            .collect();
        return Err(scope.file.error(
            span,
            "step.args",
            format!(
                "{what} takes {} argument(s) ({}), {} given",
                params.len(),
                wanted.join(", "),
                args.len()
            ),
        ));
    }
    let mut values = Vec::new();
    for (i, (param, arg)) in params.iter().zip(args).enumerate() {
        let ty = param.resolve().map_err(|e| {
            scope.file.error(
                arg.span(),
                "step.args",
                format!("parameter {} of {what}: {e}", i + 1),
            )
        })?;
        values.push(scope.value(arg, &ty, &format!("step.args[{i}]"))?);
    }
    Ok(DynSolValue::Tuple(values).abi_encode_params())
}
