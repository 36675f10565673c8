//! Files a campaign leaves behind, written so that an interruption or a second writer never
//! leaves half of one.

use std::path::Path;

use anyhow::{Context, Result};

/// Writes `contents` to `path` atomically: into a temporary file beside it, then renamed
/// over it. A reader sees the old file or the new one, never a torn one, and a process
/// killed mid-write leaves at most a `.tmp` file, which no loader reads.
pub fn write_atomic(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path
        .file_name()
        .with_context(|| format!("{} names no file", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.{}-{:?}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&tmp, contents.as_ref())
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}", path.display())
    })
}

/// Checks that `dir` exists or can be made, and that a file can be written in it, so that
/// a campaign learns it cannot save its findings before it finds any rather than after.
pub fn check_writable(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("corpus folder {} cannot be created", dir.display()))?;
    let probe = dir.join(format!(".crosscheck-write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"")
        .with_context(|| format!("corpus folder {} is not writable", dir.display()))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Where crosscheck keeps what a run leaves behind when not told where:
/// `target/crosscheck/<sub>` at the workspace root (whatever `CARGO_TARGET_DIR` says, so
/// that a campaign's corpus is found again beside the checkout).
pub fn default_output_dir(sub: &str) -> std::path::PathBuf {
    crate::compile::contracts_dir()
        .parent()
        .expect("contracts/ lives inside the workspace")
        .join("target/crosscheck")
        .join(sub)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("crosscheck-files-{}", std::process::id()));
        let path = dir.join("f.json");
        write_atomic(&path, "one").unwrap();
        write_atomic(&path, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("f.json")]);
        check_writable(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_under_a_file_is_not_writable() {
        let file =
            std::env::temp_dir().join(format!("crosscheck-files-{}-plain", std::process::id()));
        std::fs::write(&file, "").unwrap();
        let err = check_writable(&file.join("corpus"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot be created"), "{err}");
        std::fs::remove_file(&file).unwrap();
    }
}
