//! How a script file names its project: by the project file's path relative to the
//! script's own folder, so that a failure, a coverage corpus or a regression corpus
//! travels with the project (a fresh clone in CI, an auditor's finding sent to the
//! client) instead of naming a folder of the machine that wrote it.
//!
//! Reading and writing a script happen inside [`within`], which makes the script's folder
//! the one relative paths are read from and written against. Outside it (a `--design`
//! argument, a label in a report) a project is named by its absolute path, and a relative
//! one is read from the working directory.

use std::cell::RefCell;
use std::path::{Component, Path, PathBuf};

thread_local! {
    /// The folder of the script being read or written on this thread, if any.
    static FOLDER: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// Runs `f` with `folder` (a script file's folder, absolute) as the one a project's path
/// is read from and written relative to.
pub fn within<T>(folder: &Path, f: impl FnOnce() -> T) -> T {
    let before = FOLDER.with(|s| s.replace(Some(folder.to_path_buf())));
    let out = f();
    FOLDER.with(|s| *s.borrow_mut() = before);
    out
}

/// Where a project path read from a script is: relative to the script's folder when it
/// names a file there, else as given (relative to the working directory).
pub(crate) fn locate(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    FOLDER
        .with(|s| s.borrow().as_ref().map(|folder| folder.join(path)))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| path.to_path_buf())
}

/// How a script names the project file at `path` (absolute): relative to the script's
/// folder inside [`within`], else absolute.
pub(crate) fn written(path: &Path) -> PathBuf {
    FOLDER
        .with(|s| s.borrow().as_ref().map(|folder| relative(path, folder)))
        .unwrap_or_else(|| path.to_path_buf())
}

/// `to` as a path from the folder `from` (both absolute): up to their common ancestor,
/// then down.
fn relative(to: &Path, from: &Path) -> PathBuf {
    let to: Vec<Component> = to.components().collect();
    let from: Vec<Component> = from.components().collect();
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for part in &to[common..] {
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_written_from_the_script_s_folder_and_read_back() {
        let project = Path::new("/work/client/bridge/crosscheck.toml");
        let folder = Path::new("/work/client/bridge/corpus/failures");
        let written = within(folder, || written(project));
        assert_eq!(written, Path::new("../../crosscheck.toml"));
        assert_eq!(
            relative(project, Path::new("/tmp/x")),
            Path::new("../../work/client/bridge/crosscheck.toml")
        );
        assert_eq!(
            relative(project, Path::new("/work/client/bridge")),
            Path::new("crosscheck.toml")
        );
        // Outside a script, a path stays absolute.
        assert_eq!(super::written(project), project);
    }

    #[test]
    fn a_relative_path_is_read_from_the_script_s_folder_when_the_file_is_there() {
        let dir = std::env::temp_dir().join(format!("crosscheck-relative-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("failures")).unwrap();
        std::fs::write(dir.join("crosscheck.toml"), "").unwrap();
        let found = within(&dir.join("failures"), || {
            locate(Path::new("../crosscheck.toml"))
        });
        assert_eq!(found, dir.join("failures/../crosscheck.toml"));
        // No such file there: as given, for the working directory to answer.
        let missing = within(&dir, || locate(Path::new("elsewhere.toml")));
        assert_eq!(missing, Path::new("elsewhere.toml"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
