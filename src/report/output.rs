//! Where a finished report goes. A regular file or a new path is written
//! atomically: a temporary file beside it, synced, then renamed over it, so
//! a failure leaves it as it was and no temporary file behind. A symlink is
//! followed and its target written that way; a device or FIFO is written in
//! place; `-` is standard output. An output that is one of the inputs is
//! refused before anything is read.

use std::fs::{self, Metadata, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;

use crate::msg::Failure;

/// Refuses an `--output` that is the same file as one of `inputs` (data
/// files as given, the targets file), by device and inode on Unix and by
/// canonical path elsewhere, so that a symlink or hard link is caught too.
/// `-` (standard input or output) never matches. Call it before reading.
pub fn refuse_inputs<I>(output: &Path, inputs: I) -> Result<()>
where
    I: IntoIterator,
    I::Item: AsRef<Path>,
{
    // Only a regular file is destroyed by a report written over it. A path
    // that cannot be looked up is no input we could read; writing it will
    // say what is wrong.
    let out = match fs::metadata(output) {
        Ok(m) if m.is_file() && !is_dash(output) => m,
        _ => return Ok(()),
    };
    for input in inputs {
        let input = input.as_ref();
        if !is_dash(input) && same_file(output, &out, input) {
            return Err(Failure::OutputIsInput {
                path: output.display().to_string(),
                input: input.display().to_string(),
            }
            .into());
        }
    }
    Ok(())
}

/// Writes `bytes` where `path` says (see the module comment); a failure
/// names `path` as given and gives the system's reason.
///
/// A new file gets the usual permissions (0666 less the umask on Unix);
/// an existing one keeps its own. A read-only one is refused.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    if is_dash(path) {
        return to_stdout(bytes);
    }
    let failed = |e: io::Error| -> anyhow::Error {
        Failure::CannotWrite {
            path: path.display().to_string(),
            reason: e.to_string(),
        }
        .into()
    };
    let target = target_of(path).map_err(failed)?;
    match fs::metadata(&target) {
        Ok(m) if m.is_file() && read_only(&m.permissions()) => Err(Failure::OutputReadOnly {
            path: path.display().to_string(),
        }
        .into()),
        Ok(m) if m.is_file() => replace(path, &target, Some(m.permissions()), bytes),
        Ok(_) => in_place(&target, bytes).map_err(failed),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(path, &target, None, bytes),
        Err(e) => Err(failed(e)),
    }
}

/// Writes `bytes` to standard output in one go; fails as
/// [`stdout_usable`] and [`stdout_error`] say.
pub fn to_stdout(bytes: &[u8]) -> Result<()> {
    stdout_usable()?;
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(stdout_error)
}

/// Fails with [`Failure::CannotWriteStdout`] when standard output was
/// closed at start (see [`note_stdout_closed`]); for a command that writes
/// to stdout piece by piece, to call before its first write.
pub fn stdout_usable() -> Result<()> {
    match STDOUT_CLOSED.load(Ordering::Relaxed) {
        true => Err(Failure::CannotWriteStdout {
            reason: io::Error::from_raw_os_error(EBADF).to_string(),
        }
        .into()),
        false => Ok(()),
    }
}

/// A failed write to stdout: a broken pipe is returned as the I/O error
/// (`main` ends quietly on it), anything else is
/// [`Failure::CannotWriteStdout`] with the system's reason.
pub fn stdout_error(e: io::Error) -> anyhow::Error {
    match e.kind() {
        io::ErrorKind::BrokenPipe => e.into(),
        _ => Failure::CannotWriteStdout {
            reason: e.to_string(),
        }
        .into(),
    }
}

/// Whether standard output was closed when the process started.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// "Bad file descriptor", the same number on Linux, macOS and the BSDs.
const EBADF: i32 = 9;

/// Tells [`to_stdout`] that standard output was closed at start (`>&-`).
/// Rust's runtime puts /dev/null in place of a closed stdout before `main`
/// runs, so writes would succeed unseen; only code run before it (the
/// binary's start-up hook) can tell, and it calls this.
pub fn note_stdout_closed() {
    STDOUT_CLOSED.store(true, Ordering::Relaxed);
}

/// Whether `path` is `-`, standard input or output (`./-` is a file).
fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Whether `input` is the file `output` (whose metadata is `out`). An
/// input that cannot be looked up is left to the reader to report.
#[cfg(unix)]
fn same_file(_output: &Path, out: &Metadata, input: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(input).is_ok_and(|i| (i.dev(), i.ino()) == (out.dev(), out.ino()))
}

/// Whether `input` is the file `output`: the same canonical path (a hard
/// link under another name is not caught; std has no stable file index).
#[cfg(not(unix))]
fn same_file(output: &Path, _out: &Metadata, input: &Path) -> bool {
    match (fs::canonicalize(output), fs::canonicalize(input)) {
        (Ok(o), Ok(i)) => o == i,
        _ => false,
    }
}

/// The file that writing `path` reaches: `path` itself unless it is a
/// symlink; then the file it leads to, which may not exist yet.
fn target_of(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match fs::metadata(path) {
            Ok(_) => fs::canonicalize(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(dangling(path)),
            // a loop of links: the system says so
            Err(e) => Err(e),
        },
        _ => Ok(path.to_path_buf()),
    }
}

/// Where a chain of symlinks that leads to no file ends: the file to create.
fn dangling(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // Bounded as the system bounds it: the links may change meanwhile.
    for _ in 0..40 {
        // Not a link (or gone): this is the name to create.
        let Ok(link) = fs::read_link(&path) else {
            break;
        };
        path = match path.parent() {
            Some(dir) => dir.join(link),
            None => link,
        };
    }
    path
}

/// Whether an existing regular file must not be overwritten: no write
/// permission for its owner (Unix), the read-only attribute (elsewhere).
fn read_only(perms: &Permissions) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        perms.mode() & 0o200 == 0
    }
    #[cfg(not(unix))]
    {
        perms.readonly()
    }
}

/// Writes a device, FIFO or socket where it is; a directory fails here.
fn in_place(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).open(target)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Writes `target` through a temporary file beside it renamed over it;
/// the file gets `perms` if given. Errors name `path`, as the user gave it.
fn replace(path: &Path, target: &Path, perms: Option<Permissions>, bytes: &[u8]) -> Result<()> {
    let failed = |e: io::Error| Failure::CannotWrite {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // `make_in` and the `File` give the system's errors as they are; the
    // rest of `tempfile` adds the temporary file's name to them.
    let mut tmp = tempfile::Builder::new()
        .prefix(".dtcalc-")
        .suffix(".tmp")
        .make_in(dir, create)
        .map_err(|e| Failure::CannotCreateIn {
            path: path.display().to_string(),
            dir: dir.display().to_string(),
            reason: e.to_string(),
        })?;
    // On error the temporary file is removed when `tmp` is dropped.
    let file = tmp.as_file_mut();
    if let Some(perms) = perms {
        // Set on the open file, so the umask does not apply.
        file.set_permissions(perms).map_err(failed)?;
    }
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(failed)?;
    tmp.persist(target).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Creates a new file with the usual permissions (0666 less the umask on
/// Unix), not a temporary file's private 0600.
fn create(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
    options.open(path)
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
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/r.md");
        let err = write_atomically(&path, b"x").unwrap_err();
        let text = format!("{err:#}");
        assert!(
            text.contains("r.md") && !text.contains(".dtcalc-"),
            "{text}"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn read_only_file_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        fs::write(&path, "old").unwrap();
        let mut perms = fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&path, perms).unwrap();
        let err = write_atomically(&path, b"new").unwrap_err();
        let failure = err.downcast_ref::<Failure>();
        assert!(
            matches!(failure, Some(Failure::OutputReadOnly { .. })),
            "{err:#}"
        );
        assert_eq!(fs::read(&path).unwrap(), b"old");
    }

    /// `refuse_inputs` for an output named `out` among `inputs`, in `dir`.
    fn refused(dir: &Path, out: &str, inputs: &[&str]) -> bool {
        let inputs: Vec<PathBuf> = inputs
            .iter()
            .map(|i| match *i {
                "-" => PathBuf::from("-"),
                i => dir.join(i),
            })
            .collect();
        refuse_inputs(&dir.join(out), &inputs).is_err()
    }

    #[test]
    fn output_that_is_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.csv"), "a").unwrap();
        fs::write(d.join("b.csv"), "b").unwrap();
        assert!(refused(d, "a.csv", &["b.csv", "a.csv"]));
        assert!(!refused(d, "a.csv", &["b.csv", "-"]));
        assert!(!refused(d, "new.csv", &["a.csv", "new.csv"]), "no file yet");
        assert!(refuse_inputs(Path::new("-"), ["-"]).is_ok());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("a.csv", d.join("link.csv")).unwrap();
            fs::hard_link(d.join("a.csv"), d.join("hard.csv")).unwrap();
            assert!(refused(d, "link.csv", &["a.csv"]));
            assert!(refused(d, "a.csv", &["link.csv"]));
            assert!(refused(d, "hard.csv", &["a.csv"]));
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("real")).unwrap();
        fs::write(d.join("real/r.md"), "old").unwrap();
        std::os::unix::fs::symlink("real/r.md", d.join("link.md")).unwrap();
        std::os::unix::fs::symlink("real/new.md", d.join("dangling.md")).unwrap();
        write_atomically(&d.join("link.md"), b"new").unwrap();
        write_atomically(&d.join("dangling.md"), b"made").unwrap();
        assert_eq!(fs::read(d.join("real/r.md")).unwrap(), b"new");
        assert_eq!(fs::read(d.join("real/new.md")).unwrap(), b"made");
        for link in ["link.md", "dangling.md"] {
            let m = fs::symlink_metadata(d.join(link)).unwrap();
            assert!(m.file_type().is_symlink(), "{link}");
        }
        assert_eq!(fs::read_dir(d.join("real")).unwrap().count(), 2);
    }
}
