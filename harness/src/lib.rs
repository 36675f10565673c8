//! crosscheck's machine: two revm chains, a simulated Arbitrum bridge, the designs'
//! deployments, and the campaign that drives them. The invariants it checks live in the
//! `invariants` crate, which knows nothing of revm.
#![warn(missing_docs, unreachable_pub)]

pub mod actors;
pub mod bindings;
pub mod bridge;
pub mod chain;
pub mod compile;
pub mod decode;
pub mod designs;
pub mod inspector;
pub mod names;
pub mod supply_trace;
pub mod world;
