//! libFuzzer target for design B: `cargo fuzz run design_b -s none` (stable Rust). See
//! `common.rs` for what a run does.
#![no_main]

#[path = "common.rs"]
mod common;

use harness::designs::DesignId;

libfuzzer_sys::fuzz_target!(
    init: {
        common::target(DesignId::B);
    },
    |data: &[u8]| common::run(DesignId::B, data)
);
