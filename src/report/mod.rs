//! Renderers: one file per output format. Each takes a writer and the
//! finished assessment; none computes anything.

pub mod json;
pub mod table;

use crate::calc::Assessment;
use crate::targets::Resolution;

/// Everything a report renderer needs.
pub struct Context<'a> {
    /// The resolution assessed.
    pub resolution: &'a Resolution,
    /// The computed results.
    pub assessment: &'a Assessment,
    /// The data files read, as named on the command line.
    pub files: &'a [String],
}
