//! One file per subcommand; each is a short script calling the stages.

mod check;
mod report;
mod targets;

use std::io::Write;

use anyhow::Result;

use crate::cli::{Cli, Command, Common, LangArg};
use crate::exit::Outcome;
use crate::lang::Lang;
use crate::targets::{self as tgt, Resolution};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Report(args) => report::run(args),
        Command::Targets(args) => targets::run(args),
        Command::Check(args) => check::run(args),
    }
}

/// The resolution named by `--targets`, or the built-in one.
fn load_targets(common: &Common) -> Result<Resolution> {
    match &common.targets {
        Some(path) => tgt::load(path),
        None => tgt::parse(tgt::BUILTIN, "targets.toml (built in)"),
    }
}

/// The language asked for, else the environment's.
fn lang(common: &Common) -> Lang {
    match common.lang {
        Some(LangArg::Vi) => Lang::Vi,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

/// Width for tables: the terminal's when stdout is one, else `COLUMNS`,
/// else 100.
fn width() -> u16 {
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|&w: &u16| w >= 40)
    };
    comfy_table::Table::new()
        .width()
        .or_else(columns)
        .unwrap_or(100)
}

/// Writes rendered output to stdout in one go.
fn emit(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}
