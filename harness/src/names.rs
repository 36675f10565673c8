//! Human names for addresses (actors and contracts), so traces read
//! `delegator1 → L1Migrator.migrate(orchestrator2)` rather than hex.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use alloy_primitives::Address;

fn book() -> &'static RwLock<HashMap<Address, String>> {
    static BOOK: OnceLock<RwLock<HashMap<Address, String>>> = OnceLock::new();
    BOOK.get_or_init(Default::default)
}

/// Gives `address` a name. Deployments are deterministic, so one address always has the
/// same name in a process, whichever world registered it.
pub fn register(address: Address, name: &str) {
    book()
        .write()
        .expect("name book poisoned")
        .insert(address, name.to_string());
}

/// The name of `address`, or its checksummed hex.
pub fn name_of(address: Address) -> String {
    if address == Address::ZERO {
        return "0x0".to_string();
    }
    book()
        .read()
        .expect("name book poisoned")
        .get(&address)
        .cloned()
        .unwrap_or_else(|| address.to_checksum(None))
}

/// `text` with every named address (checksummed or lower-case hex) replaced by its name.
pub fn humanize(text: &str) -> String {
    let book = book().read().expect("name book poisoned");
    let mut out = text.to_string();
    for (address, name) in book.iter() {
        for form in [address.to_checksum(None), format!("{address:#x}")] {
            if out.contains(&form) {
                out = out.replace(&form, name);
            }
        }
    }
    out
}
