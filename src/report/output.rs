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

use crate::msg::{Failure, Reason};

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
    write_with(Some(path), |out| Ok(out.write_all(bytes)?))
}

/// Writes `bytes` to standard output; fails as [`stdout_usable`] and
/// [`stdout_error`] say.
pub fn to_stdout(bytes: &[u8]) -> Result<()> {
    write_with(None, |out| Ok(out.write_all(bytes)?))
}

/// Runs `render` on a buffered writer to `path` (see the module comment),
/// or to standard output when `None`, so that output is never held whole
/// in memory. A file is complete or untouched: `render` fills a temporary
/// file that replaces it only once `render` has succeeded. A failed write
/// is reported as the system's reason naming `path` (for stdout: a broken
/// pipe is returned as is, for `main` to end quietly); any other error of
/// `render` is returned as it is.
pub fn write_with<F>(path: Option<&Path>, render: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    let Some(path) = path.filter(|p| !is_dash(p)) else {
        stdout_usable()?;
        return Recording::run(io::stdout().lock(), render)
            .map(drop)
            .map_err(|e| e.reported(stdout_error));
    };
    let failed = |e: io::Error| -> anyhow::Error {
        Failure::CannotWrite {
            path: path.display().to_string(),
            reason: Reason::from(e),
        }
        .into()
    };
    let target = target_of(path).map_err(failed)?;
    match fs::metadata(&target) {
        Ok(m) if m.is_file() && read_only(&m.permissions()) => Err(Failure::OutputReadOnly {
            path: path.display().to_string(),
        }
        .into()),
        Ok(m) if m.is_file() => replace(path, &target, Some(m.permissions()), render),
        Ok(_) => in_place(&target, render).map_err(|e| e.reported(failed)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(path, &target, None, render),
        Err(e) => Err(failed(e)),
    }
}

/// Bytes buffered between the renderer and the system.
const BUFFER: usize = 1 << 16;

/// A writer that keeps the first error the system gave, so that a failed
/// render can be told from a failed write.
struct Recording<W: Write> {
    inner: W,
    error: Option<io::Error>,
}

/// Why [`Recording::run`] failed.
enum Failed {
    /// A write failed with this error of the system.
    Write(io::Error),
    /// The renderer failed for its own reason.
    Render(anyhow::Error),
}

impl Failed {
    /// The error to report: a failed write as `write` says, a failed
    /// render as it is.
    fn reported(self, write: impl FnOnce(io::Error) -> anyhow::Error) -> anyhow::Error {
        match self {
            Failed::Write(e) => write(e),
            Failed::Render(e) => e,
        }
    }
}

impl<W: Write> Recording<W> {
    fn new(inner: W) -> Self {
        Recording { inner, error: None }
    }

    fn keep<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        r.map_err(|e| {
            let kind = e.kind();
            self.error.get_or_insert(e);
            io::Error::from(kind)
        })
    }

    /// Runs `render` on `inner`, buffered, and flushes it; gives `inner`
    /// back.
    fn run<F>(inner: W, render: F) -> Result<W, Failed>
    where
        F: FnOnce(&mut dyn Write) -> Result<()>,
    {
        let mut out = io::BufWriter::with_capacity(BUFFER, Recording::new(inner));
        let rendered = render(&mut out);
        let flushed = rendered.and_then(|()| Ok(out.flush()?));
        let (recording, _) = out.into_parts();
        match (flushed, recording.error) {
            (_, Some(e)) => Err(Failed::Write(e)),
            (Err(e), None) => Err(Failed::Render(e)),
            (Ok(()), None) => Ok(recording.inner),
        }
    }
}

impl<W: Write> Write for Recording<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        self.keep(r)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let r = self.inner.write_all(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.keep(r)
    }
}

/// Fails with [`Failure::CannotWriteStdout`] when standard output was
/// closed at start (see [`note_stdout_closed`]); for a command that writes
/// to stdout piece by piece, to call before its first write.
pub fn stdout_usable() -> Result<()> {
    match STDOUT_CLOSED.load(Ordering::Relaxed) {
        true => Err(Failure::CannotWriteStdout {
            reason: Reason::from(io::Error::from_raw_os_error(EBADF)),
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
            reason: Reason::from(e),
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
fn in_place<F>(target: &Path, render: F) -> Result<(), Failed>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    let file = fs::OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(Failed::Write)?;
    Recording::run(file, render).map(drop)
}

/// Writes `target` through a temporary file beside it renamed over it;
/// the file gets `perms` if given. Errors name `path`, as the user gave it.
fn replace<F>(path: &Path, target: &Path, perms: Option<Permissions>, render: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    let failed = |e: io::Error| Failure::CannotWrite {
        path: path.display().to_string(),
        reason: Reason::from(e),
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
            // a new file in an existing directory is never "not found"
            reason: match e.kind() {
                io::ErrorKind::NotFound => Reason::NoDirectory,
                _ => Reason::from(e),
            },
        })?;
    // On error the temporary file is removed when `tmp` is dropped.
    let file = tmp.as_file_mut();
    if let Some(perms) = perms {
        // Set on the open file, so the umask does not apply.
        file.set_permissions(perms).map_err(failed)?;
    }
    Recording::run(&*file, render).map_err(|e| e.reported(|e| failed(e).into()))?;
    file.sync_all().map_err(failed)?;
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
    fn a_render_that_fails_halfway_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        fs::write(&path, "old").unwrap();
        let err = write_with(Some(&path), |out| {
            out.write_all(&[b'x'; 3 * BUFFER])?;
            anyhow::bail!("the renderer's own reason")
        })
        .unwrap_err();
        assert_eq!(format!("{err:#}"), "the renderer's own reason");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file"
        );
        write_with(Some(&path), |out| Ok(out.write_all(&[b'y'; 3 * BUFFER])?)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), vec![b'y'; 3 * BUFFER]);
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
