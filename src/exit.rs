//! Exit codes are an interface: 0 ok, 1 the check said no, 2 could not run.

/// What a command's outcome means for the calling script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0: the command ran and everything is fine.
    Success,
    /// 1: the command ran and the check said no (e.g. invalid data in `validate`).
    CheckFailed,
}

/// Exit code when the command could not run (usage, unreadable or invalid input).
pub const COULD_NOT_RUN: u8 = 2;

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::CheckFailed => 1,
        }
    }
}
