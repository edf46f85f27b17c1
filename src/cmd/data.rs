//! Reading the data files a command was given: standard input when piped,
//! warnings on stderr, and refusing invalid data.

use std::io::IsTerminal;

use anyhow::{Result, bail};

use super::read_options;
use crate::actuals::{Actuals, FILE_RULES};
use crate::cli::InputArgs;
use crate::diagnostic::Diagnostic;
use crate::targets::Resolution;

/// The data files to read: as given, else `-` (standard input) when input
/// is piped; an error when nothing is given at a terminal.
pub(super) fn data_paths(data: &[String], command: &str) -> Result<Vec<String>> {
    if !data.is_empty() {
        return Ok(data.to_vec());
    }
    if std::io::stdin().is_terminal() {
        bail!("no data file given; usage: dtcalc {command} DATA.csv (or `-` for standard input)");
    }
    Ok(vec!["-".to_string()])
}

/// Reads every data file, prints warnings, and refuses invalid data unless
/// `skip_invalid` (then each skipped row is listed on stderr).
pub(super) fn load_actuals(
    data: &[String],
    resolution: &Resolution,
    input: &InputArgs,
    skip_invalid: bool,
) -> Result<Actuals> {
    let actuals = Actuals::load(data, resolution, read_options(input)?)?;
    for w in &actuals.warnings {
        eprintln!("dtcalc: warning: {w}");
    }
    let found = Found {
        problems: &actuals.problems,
        more: 0,
        rejected_rows: actuals.rejected_rows,
    };
    refuse_invalid(&found, skip_invalid)?;
    Ok(actuals)
}

/// The problems a reader found: what `refuse_invalid` needs to know.
pub(super) struct Found<'a> {
    /// The problems kept, in file and line order.
    pub problems: &'a [Diagnostic],
    /// Problems counted beyond those kept.
    pub more: usize,
    /// Rows left out because of their problems.
    pub rejected_rows: usize,
}

/// Lists the problems on stderr and refuses to compute from invalid data;
/// with `skip_invalid`, leaves the invalid rows out (never whole files).
pub(super) fn refuse_invalid(found: &Found, skip_invalid: bool) -> Result<()> {
    let n = found.problems.len() + found.more;
    if n == 0 {
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let more = || {
        if found.more > 0 {
            eprintln!("... and {} more problems", found.more);
        }
    };
    let file_problems = found
        .problems
        .iter()
        .filter(|d| FILE_RULES.contains(&d.rule))
        .count();
    if !skip_invalid || file_problems > 0 {
        for p in found.problems {
            eprintln!("{p}");
        }
        more();
        if skip_invalid {
            bail!(
                "{file_problems} problem{} with whole files; --skip-invalid skips rows, not files; nothing was computed",
                plural(file_problems)
            );
        }
        bail!(
            "{n} problem{} in the data; nothing was computed (--skip-invalid computes from the valid rows)",
            plural(n)
        );
    }
    for p in found.problems {
        eprintln!("dtcalc: skipped: {p}");
    }
    more();
    let n = found.rejected_rows;
    eprintln!("dtcalc: warning: skipped {n} invalid row{}", plural(n));
    Ok(())
}
