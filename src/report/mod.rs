//! Renderers: one file per output format. Each takes a writer and the
//! finished assessment; none computes anything.

pub mod area_csv;
pub mod area_json;
pub mod area_table;
pub mod check;
pub mod json;
pub mod progress_json;
pub mod progress_table;
pub mod table;

use crate::area::AreaAssessment;
use crate::calc::Assessment;
use crate::progress::ProgressReport;
use crate::targets::Resolution;

/// Everything a report renderer needs.
pub struct Context<'a> {
    /// The resolution assessed.
    pub resolution: &'a Resolution,
    /// The computed results.
    pub assessment: &'a Assessment,
    /// The data files read, as named on the command line.
    pub files: &'a [String],
    /// Progress towards each target, by the methods asked for.
    pub progress: &'a ProgressReport,
}

/// Everything a per-area (`--by area`) renderer needs.
pub struct AreaContext<'a> {
    /// The resolution assessed.
    pub resolution: &'a Resolution,
    /// The per-area results, already filtered by `--area`, `--top`, `--bottom`.
    pub assessment: &'a AreaAssessment,
    /// The data files read, as named on the command line.
    pub files: &'a [String],
}
