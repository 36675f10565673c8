//! A project's genesis story: after its steps, the actions of a JSON file (`story =
//! "genesis.json"`, a list of actions in the script format) run on the assembled world, so
//! that a genesis can wait, send and deliver bridge messages, and call contracts as any
//! actor, which a step, run on one chain before the bridge is watching, cannot. Every
//! action must succeed; the first that does not is the genesis's error.

use anyhow::Result;

use super::file::ProjectFile;
use crate::action::Action;
use crate::world::World;

/// Runs the story `file` names, if any, on `world`.
pub fn run(file: &ProjectFile, world: &mut World) -> Result<()> {
    let Some(story) = &file.spec.story else {
        return Ok(());
    };
    let path = file.dir().join(story.get_ref());
    let text = std::fs::read_to_string(&path).map_err(|e| {
        file.error(
            story.span(),
            "story",
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let actions: Vec<Action> = serde_json::from_str(&text).map_err(|e| {
        file.error(
            story.span(),
            "story",
            format!("{}: not a list of actions: {e}", path.display()),
        )
    })?;
    for (i, action) in actions.iter().enumerate() {
        world.begin_step();
        let status = world
            .apply(action)
            .map_err(|e| file.error(story.span(), "story", format!("action {}: {e:#}", i + 1)))?;
        if !status.is_ok() {
            // Refused by the contracts (or the bridge they drive): a finding about them,
            // as a refused step is, not a fault of the file.
            let refused = crate::chain::TxFailed {
                what: format!("action {} ({action})", i + 1),
                reason: format!("did not succeed: {status}"),
            };
            return Err(file.context(refused.into(), story.span(), "story"));
        }
    }
    world.begin_step();
    Ok(())
}
