//! libFuzzer target for design D: `cargo fuzz run design_d -s none` (stable Rust). See
//! `common.rs` for what a run does.
#![no_main]

#[path = "common.rs"]
mod common;

use harness::designs::DesignId;

libfuzzer_sys::fuzz_target!(
    init: {
        common::target(DesignId::D);
    },
    |data: &[u8]| common::run(DesignId::D, data)
);
