//! The designs crosscheck models. Each is one module implementing [`Design`]: how it is
//! deployed (its genesis), what its parts are called, what its bridge messages mean, and
//! how its own actions (migrate, deposit, withdraw and any extras) map onto its contracts.
//! Everything else, the chains, the relayer, the checker and the campaign, is shared.
//!
//! The folder is layered: [`interface`] (the trait and its words), [`book`] and [`draw`]
//! (what a design is given) at the bottom; the concrete designs and their shared parts
//! ([`deploy`], [`gateway`], [`exit`]) above them; and [`registry`], which names the
//! designs and builds their worlds, on top. The campaign generates a design's own actions
//! through [`Draw`], so designs never reach into the campaign.

pub mod book;
pub mod deploy;
pub mod design_a;
pub mod design_b;
pub mod design_c;
pub mod design_d;
pub mod draw;
pub mod exit;
pub mod gateway;
pub mod interface;
pub mod registry;
pub mod ticket_price;

pub use book::ContractBook;
pub use draw::{Draw, Holding};
pub use exit::{account, away_from, open_locks};
pub use interface::{Carried, Design, LockEvent, Role};
pub use registry::{
    artifacts, fresh_world, genesis_snapshot, script_world, variant_world, DesignId, CONTRACT_NAMES,
};
