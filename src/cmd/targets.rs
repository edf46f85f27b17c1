//! `dtcalc targets`: the resolution's targets per pillar.

use anyhow::{Result, bail};

use super::{emit, lang, load_targets, width};
use crate::cli::{Format, TargetsArgs};
use crate::exit::Outcome;
use crate::report;

pub fn run(args: TargetsArgs) -> Result<Outcome> {
    let resolution = load_targets(&args.common)?;
    let mut out = Vec::new();
    match args.format {
        Format::Table => {
            report::table::render_targets(&mut out, &resolution, lang(&args.common), width())?
        }
        Format::Json => report::json::render_targets(&mut out, &resolution)?,
        Format::Csv => bail!("--format csv is not available for targets; use table or json"),
    }
    emit(&out)?;
    Ok(Outcome::Success)
}
