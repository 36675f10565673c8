//! The one revm inspector crosscheck attaches to both chains. It feeds the mint and burn
//! recorder (always on, the authority invariants need it) and, when a campaign asks for
//! it, EVM edge coverage.

use revm::bytecode::opcode;
use revm::context_interface::ContextTr;
use revm::interpreter::interpreter_types::{InputsTr, Jumps};
use revm::interpreter::{CallInputs, CallOutcome, CreateInputs, CreateOutcome, Interpreter};
use revm::primitives::Log;
use revm::Inspector;

use crate::coverage::EdgeRecorder;
use crate::supply_trace::{Frame, SupplyTracer};

/// Records call stacks at token transfers and, when enabled, edge coverage.
#[derive(Debug, Default, Clone)]
pub struct Recorder {
    /// Token transfers of the current transaction, with their stacks.
    pub supply: SupplyTracer,
    /// Edge coverage and comparison operands.
    pub coverage: EdgeRecorder,
    /// Whether to watch for opcodes that read the block environment or an ETH balance
    /// (while a view whose result will be cached runs).
    pub watch_reads: bool,
    /// Whether the block environment was read since `watch_reads` was set.
    pub block_read: bool,
    /// Whether an ETH balance was read since `watch_reads` was set.
    pub balance_read: bool,
    /// Whether to record line coverage (see [`crate::line_coverage`]).
    pub lines: bool,
    /// Where to record every call frame, with the chain it runs on (see
    /// [`crate::call_log`]); `None` records nothing.
    pub calls: Option<(crate::chain::ChainId, crate::call_log::CallLog)>,
}

impl<CTX: ContextTr> Inspector<CTX> for Recorder {
    fn step(&mut self, interp: &mut Interpreter, _context: &mut CTX) {
        if self.watch_reads {
            let op = interp.bytecode.opcode();
            self.balance_read |= matches!(op, opcode::BALANCE | opcode::SELFBALANCE);
            self.block_read |= matches!(
                op,
                opcode::NUMBER
                    | opcode::TIMESTAMP
                    | opcode::BLOCKHASH
                    | opcode::COINBASE
                    | opcode::DIFFICULTY
                    | opcode::GASLIMIT
                    | opcode::BASEFEE
                    | opcode::BLOBBASEFEE
                    | opcode::BLOBHASH
            );
        }
        if self.lines {
            record_lines(interp);
        }
        if !self.coverage.enabled {
            return;
        }
        let op = interp.bytecode.opcode();
        let code = || {
            interp
                .input
                .bytecode_address()
                .copied()
                .unwrap_or_else(|| interp.input.target_address())
        };
        match op {
            opcode::JUMPI => {
                if let (Ok(_), Ok(cond)) = (interp.stack.peek(0), interp.stack.peek(1)) {
                    self.coverage
                        .branch(code(), interp.bytecode.pc(), !cond.is_zero());
                }
            }
            opcode::JUMP => {
                if let Ok(target) = interp.stack.peek(0) {
                    self.coverage
                        .jump(code(), interp.bytecode.pc(), target.saturating_to());
                }
            }
            opcode::EQ | opcode::LT | opcode::GT | opcode::SLT | opcode::SGT => {
                if let (Ok(a), Ok(b)) = (interp.stack.peek(0), interp.stack.peek(1)) {
                    let pc = interp.bytecode.pc();
                    self.coverage.compare(code(), pc, op == opcode::EQ, a, b);
                }
            }
            _ => {}
        }
    }

    fn call(&mut self, context: &mut CTX, inputs: &mut CallInputs) -> Option<CallOutcome> {
        let input = inputs.input.bytes(context);
        let mut selector = [0u8; 4];
        if input.len() >= 4 {
            selector.copy_from_slice(&input[..4]);
        }
        if let Some((chain, log)) = &self.calls {
            log.push(crate::call_log::RecordedCall {
                chain: *chain,
                caller: inputs.caller,
                target: inputs.target_address,
                selector,
                depth: self.supply.depth(),
            });
        }
        let value = if inputs.transfers_value() {
            inputs.call_value()
        } else {
            revm::primitives::U256::ZERO
        };
        self.supply.enter(
            Frame {
                caller: inputs.caller,
                target: inputs.target_address,
                selector,
            },
            value,
        );
        None
    }

    fn call_end(&mut self, _context: &mut CTX, _inputs: &CallInputs, outcome: &mut CallOutcome) {
        self.supply.exit(outcome.result.is_ok());
    }

    fn create(&mut self, _context: &mut CTX, inputs: &mut CreateInputs) -> Option<CreateOutcome> {
        self.supply.enter(
            Frame {
                caller: inputs.caller(),
                target: revm::primitives::Address::ZERO,
                selector: [0; 4],
            },
            revm::primitives::U256::ZERO,
        );
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

/// Basic-block entries and branch outcomes for line coverage: a frame's first instruction
/// and every `JUMPDEST` start a block, and so does a `JUMPI`'s fall-through.
fn record_lines(interp: &Interpreter) {
    let pc = interp.bytecode.pc();
    let op = interp.bytecode.opcode();
    if pc != 0 && op != opcode::JUMPDEST && op != opcode::JUMPI {
        return;
    }
    let code = interp
        .input
        .bytecode_address()
        .copied()
        .unwrap_or_else(|| interp.input.target_address());
    if pc == 0 || op == opcode::JUMPDEST {
        crate::line_coverage::record::block(code, pc);
    }
    if op == opcode::JUMPI {
        if let Ok(cond) = interp.stack.peek(1) {
            crate::line_coverage::record::branch(code, pc, !cond.is_zero());
        }
    }
}
