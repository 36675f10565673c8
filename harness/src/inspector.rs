//! The one revm inspector crosscheck attaches to both chains. It feeds the mint and burn
//! recorder (always on, the authority invariants need it) and, when a campaign asks for
//! it, EVM edge coverage.

use revm::context_interface::ContextTr;
use revm::interpreter::{CallInputs, CallOutcome, CreateInputs, CreateOutcome};
use revm::primitives::Log;
use revm::Inspector;

use crate::supply_trace::{Frame, SupplyTracer};

/// Records call stacks at mints and burns.
#[derive(Debug, Default, Clone)]
pub struct Recorder {
    /// Mints and burns of the current transaction, with their stacks.
    pub supply: SupplyTracer,
}

impl<CTX: ContextTr> Inspector<CTX> for Recorder {
    fn call(&mut self, context: &mut CTX, inputs: &mut CallInputs) -> Option<CallOutcome> {
        let input = inputs.input.bytes(context);
        let mut selector = [0u8; 4];
        if input.len() >= 4 {
            selector.copy_from_slice(&input[..4]);
        }
        self.supply.enter(Frame {
            caller: inputs.caller,
            target: inputs.target_address,
            selector,
        });
        None
    }

    fn call_end(&mut self, _context: &mut CTX, _inputs: &CallInputs, outcome: &mut CallOutcome) {
        self.supply.exit(outcome.result.is_ok());
    }

    fn create(&mut self, _context: &mut CTX, inputs: &mut CreateInputs) -> Option<CreateOutcome> {
        self.supply.enter(Frame {
            caller: inputs.caller(),
            target: revm::primitives::Address::ZERO,
            selector: [0; 4],
        });
        None
    }

    fn create_end(
        &mut self,
        _context: &mut CTX,
        _inputs: &CreateInputs,
        outcome: &mut CreateOutcome,
    ) {
        self.supply.exit(outcome.result.is_ok());
    }

    fn log(&mut self, _context: &mut CTX, log: Log) {
        self.supply
            .log(log.address, log.data.topics(), log.data.data.as_ref());
    }
}
