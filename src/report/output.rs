//! Writes a finished report to a file atomically: a temporary file beside
//! the target, synced, then renamed over it. A failure at any point leaves
//! the target as it was and no temporary file behind.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::msg::Failure;

/// Writes `bytes` to `path` atomically; a failure names `path` and gives
/// the system's reason.
///
/// The new file gets the usual permissions (0666 less the umask on Unix),
/// not the temporary file's private 0600.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |e: std::io::Error| Failure::CannotWrite {
        path: path.display().to_string(),
        reason: reason(&e),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dtcalc-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // On error the temporary file is removed when `tmp` is dropped.
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Failure::CannotCreateIn {
            path: path.display().to_string(),
            dir: dir.display().to_string(),
            reason: reason(&e),
        })?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// The system's reason for an I/O error, without the temporary file's
/// name that `tempfile` adds (the user named another file).
fn reason(e: &std::io::Error) -> String {
    e.get_ref()
        .and_then(|inner| inner.source())
        .map_or_else(|| e.to_string(), ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/r.md");
        let err = write_atomically(&path, b"x").unwrap_err();
        assert!(format!("{err:#}").contains("r.md"), "{err:#}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
