//! libFuzzer target for design C: `cargo fuzz run design_c -s none` (stable Rust). See
//! `common.rs` for what a run does.
#![no_main]

#[path = "common.rs"]
mod common;

use harness::designs::DesignId;

libfuzzer_sys::fuzz_target!(
    init: {
        common::target(DesignId::C);
    },
    |data: &[u8]| common::run(DesignId::C, data)
);
