//! libFuzzer target for design A: `cargo fuzz run design_a -s none` (stable Rust). See
//! `common.rs` for what a run does.
#![no_main]

#[path = "common.rs"]
mod common;

use harness::designs::DesignId;

libfuzzer_sys::fuzz_target!(
    init: {
        common::target(DesignId::A);
    },
    |data: &[u8]| common::run(DesignId::A, data)
);
