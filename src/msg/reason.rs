//! Why a file or a stream could not be read or written, after the message
//! that names it (`cannot read data file x.csv: no such file`). The
//! commonest reasons of the system are said in each language; any other is
//! given in the words of the system or library that gave it.

use std::io;

use crate::lang::Lang;
use crate::say;

/// The reason of a failed read or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// An error of the system: its kind, and its text as the system wrote
    /// it (`No such file or directory (os error 2)`), shown as it is when
    /// the kind has no words of its own.
    Io { kind: io::ErrorKind, text: String },
    /// A directory given where a file is wanted.
    IsDirectory,
    /// The directory to write a file in does not exist.
    NoDirectory,
    /// A library's reason, shown as it wrote it.
    Text(String),
}

impl Reason {
    /// A reason given as text by a library, shown as it is.
    pub fn text(text: impl Into<String>) -> Reason {
        Reason::Text(text.into())
    }

    /// The reason in `lang`: a missing file or directory, a denied
    /// permission and a directory in its words; anything else as the
    /// system or library said it.
    pub fn say(&self, lang: Lang) -> &str {
        use io::ErrorKind::*;
        match self {
            Reason::Io { kind: NotFound, .. } => say!(lang,
                en: "no such file",
                vi: "không có tệp này",
            ),
            Reason::Io {
                kind: PermissionDenied,
                ..
            } => say!(lang,
                en: "permission denied",
                vi: "không có quyền truy cập",
            ),
            Reason::Io {
                kind: IsADirectory, ..
            }
            | Reason::IsDirectory => say!(lang,
                en: "it is a directory",
                vi: "đó là một thư mục",
            ),
            Reason::NoDirectory => say!(lang,
                en: "no such directory",
                vi: "không có thư mục này",
            ),
            Reason::Io { text, .. } | Reason::Text(text) => text,
        }
    }
}

/// The system's error: its kind and its text.
impl From<&io::Error> for Reason {
    fn from(e: &io::Error) -> Reason {
        Reason::Io {
            kind: e.kind(),
            text: e.to_string(),
        }
    }
}

/// The system's error: its kind and its text.
impl From<io::Error> for Reason {
    fn from(e: io::Error) -> Reason {
        Reason::from(&e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_reasons_are_said_in_each_language() {
        let missing = Reason::from(&io::Error::from_raw_os_error(2));
        assert!(matches!(
            &missing,
            Reason::Io { kind: io::ErrorKind::NotFound, text } if text.contains("os error 2")
        ));
        assert_eq!(missing.say(Lang::En), "no such file");
        assert_eq!(missing.say(Lang::Vi), "không có tệp này");
        let denied = Reason::from(io::Error::from(io::ErrorKind::PermissionDenied));
        assert_eq!(denied.say(Lang::En), "permission denied");
        assert_eq!(denied.say(Lang::Vi), "không có quyền truy cập");
        for dir in [
            Reason::IsDirectory,
            Reason::from(io::Error::from(io::ErrorKind::IsADirectory)),
        ] {
            assert_eq!(dir.say(Lang::En), "it is a directory");
            assert_eq!(dir.say(Lang::Vi), "đó là một thư mục");
        }
        assert_eq!(Reason::NoDirectory.say(Lang::En), "no such directory");
        assert_eq!(Reason::NoDirectory.say(Lang::Vi), "không có thư mục này");
    }

    #[test]
    fn other_reasons_are_given_as_the_system_or_library_wrote_them() {
        let full = Reason::from(io::Error::other("No space left on device (os error 28)"));
        assert_eq!(full.say(Lang::Vi), "No space left on device (os error 28)");
        assert_eq!(full.say(Lang::En), "No space left on device (os error 28)");
        let sheet = Reason::text("Xml error: unexpected end");
        assert_eq!(sheet.say(Lang::Vi), "Xml error: unexpected end");
        assert_eq!(sheet.say(Lang::En), "Xml error: unexpected end");
    }
}
