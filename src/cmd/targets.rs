//! `dtcalc targets`: the resolution's targets per pillar.

use anyhow::Result;

use super::{deliver, format, load_targets, look};
use crate::cli::TargetsArgs;
use crate::exit::Outcome;
use crate::report;

pub fn run(args: TargetsArgs) -> Result<Outcome> {
    super::refuse_inputs(args.output.output.as_deref(), &[], &args.common)?;
    let format = format(&args.output)?;
    let resolution = load_targets(&args.common)?;
    let look = look(&args.common, &args.output);
    deliver(&args.output, |out| {
        report::render_targets(out, &resolution, format, look)
    })?;
    Ok(Outcome::Success)
}
