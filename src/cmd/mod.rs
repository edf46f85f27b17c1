//! One file per subcommand; each is a short script calling the stages.

mod check;
mod data;
mod report;
mod report_by_area;
mod targets;
mod template;
mod validate;

use std::io::Write;

use anyhow::{Result, anyhow};

use crate::actuals::{ReadOptions, encoding_by_label};
use crate::cli::{Cli, Command, Common, InputArgs, LangArg};
use crate::exit::Outcome;
use crate::lang::Lang;
use crate::targets::{self as tgt, Resolution};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Report(args) => report::run(args),
        Command::Targets(args) => targets::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Template(args) => template::run(args),
        Command::Check(args) => check::run(args),
    }
}

/// How to read data files, from the shared input flags.
fn read_options(input: &InputArgs) -> Result<ReadOptions> {
    let encoding = match &input.encoding {
        None => None,
        Some(label) => Some(encoding_by_label(label).ok_or_else(|| {
            anyhow!("--encoding {label}: unknown encoding; try windows-1258, utf-8 or utf-16le")
        })?),
    };
    Ok(ReadOptions {
        delimiter: input.delimiter,
        encoding,
        sheet: input.sheet.clone(),
        lookback: input.lookback,
    })
}

/// The name of the targets file in messages.
fn targets_name(common: &Common) -> String {
    match &common.targets {
        Some(path) => path.display().to_string(),
        None => "targets.toml (built in)".to_string(),
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
