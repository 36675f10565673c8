use harness::actors::Actor;
use harness::bindings::*;
use harness::chain::ChainId;
fn main() {
    let t = std::time::Instant::now();
    let a = harness::compile::compile_contracts().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    harness::decode::register_abis(&a);
    println!("compiled {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let mut w = match harness::designs::design_a::genesis(&a) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("genesis: {e:#}");
            std::process::exit(1)
        }
    };
    println!("genesis {:?}", t.elapsed());
    let sm = w.addr(ChainId::L2, "L2StakingManager");
    for act in Actor::ALL {
        let l2 = w
            .view(
                ChainId::L2,
                sm,
                &IStaking::pendingStakeCall {
                    delegator: act.address(),
                },
            )
            .unwrap();
        let l1 = w
            .view(
                ChainId::L1,
                w.addr(ChainId::L1, "L1BondingManager"),
                &IStaking::pendingStakeCall {
                    delegator: act.address(),
                },
            )
            .unwrap();
        println!("{act}: L1 {l1} L2 {l2}");
    }
}
