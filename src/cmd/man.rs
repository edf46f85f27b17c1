//! `dtcalc man`: the man page (roff) on stdout, from the same clap
//! definitions as `--help` (clap_mangen).

use anyhow::Result;
use clap::CommandFactory;

use super::emit;
use crate::cli::Cli;
use crate::exit::Outcome;

pub fn run() -> Result<Outcome> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    emit(&out)?;
    Ok(Outcome::Success)
}
