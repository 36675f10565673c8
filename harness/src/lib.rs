//! crosscheck's machine: two revm chains, a simulated Arbitrum bridge, the designs'
//! deployments, and the campaign that drives them. The invariants it checks live in the
//! `invariants` crate, which knows nothing of revm.
#![warn(missing_docs, unreachable_pub)]

pub mod action;
pub mod actors;
pub mod amount;
pub mod bench;
pub mod bindings;
pub mod bridge;
pub mod call_log;
pub mod campaign;
pub mod chain;
pub mod checker;
pub mod compile;
pub mod coverage;
pub mod decode;
pub mod demo;
pub mod designs;
pub mod encode;
pub mod explore;
pub mod files;
pub mod foundry;
pub mod genesis;
pub mod ghost;
pub mod inspector;
pub mod ledger;
pub mod lens;
pub mod line_coverage;
pub mod mutants;
pub mod names;
pub mod prebuilt;
pub mod project;
pub mod read_cache;
pub mod report;
pub mod run;
pub mod sarif;
pub mod script;
pub mod step;
pub mod supply_trace;
pub mod transcript;
pub mod world;
pub mod world_view;
