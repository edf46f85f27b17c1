//! `dtcalc completions SHELL`: a completion script on stdout (clap_complete).

use anyhow::Result;
use clap::CommandFactory;

use super::emit;
use crate::cli::{Cli, CompletionsArgs};
use crate::exit::Outcome;

pub fn run(args: CompletionsArgs) -> Result<Outcome> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "dtcalc", &mut out);
    emit(&out)?;
    Ok(Outcome::Success)
}
