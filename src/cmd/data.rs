//! Reading the data files a command was given: standard input when piped,
//! warnings on stderr, and refusing invalid data.

use std::io::IsTerminal;

use anyhow::{Result, bail};

use super::read_options;
use crate::actuals::Actuals;
use crate::cli::InputArgs;
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
    refuse_invalid(&actuals, skip_invalid)?;
    Ok(actuals)
}

/// Lists the problems on stderr and refuses to compute from invalid data;
/// with `skip_invalid`, leaves the invalid rows out (never whole files).
fn refuse_invalid(actuals: &Actuals, skip_invalid: bool) -> Result<()> {
    if actuals.problems.is_empty() {
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let file_problems = actuals.file_problems().count();
    if !skip_invalid || file_problems > 0 {
        for p in &actuals.problems {
            eprintln!("{p}");
        }
        let n = actuals.problems.len();
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
    for p in &actuals.problems {
        eprintln!("dtcalc: skipped: {p}");
    }
    let n = actuals.rejected_rows;
    eprintln!("dtcalc: warning: skipped {n} invalid row{}", plural(n));
    Ok(())
}
