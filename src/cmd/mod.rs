//! One file per subcommand; each is a short script calling the stages.

mod check;
mod completions;
mod data;
mod man;
mod report;
mod report_by_area;
mod targets;
mod template;
mod validate;

use std::io::{IsTerminal, Write};

use anyhow::{Result, anyhow, bail};

use crate::actuals::{ReadOptions, encoding_by_label};
use crate::cli::{
    Cli, ColorChoice, Command, Common, Format as FormatArg, InputArgs, LangArg, OutputArgs,
};
use crate::diagnostic::{Diagnostics, Localized};
use crate::exit::Outcome;
use crate::lang::Lang;
use crate::report::{Format, Look, output};
use crate::targets::{self as tgt, Resolution};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Report(args) => report::run(args),
        Command::Targets(args) => targets::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Template(args) => template::run(args),
        Command::Check(args) => check::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man => man::run(),
    }
}

/// How to read data files, from the shared input flags.
fn read_options(input: &InputArgs, lang: Lang) -> Result<ReadOptions> {
    let encoding = match &input.encoding {
        None => None,
        Some(label) => Some(encoding_by_label(label).ok_or_else(|| match lang {
            Lang::Vi => anyhow!(
                "--encoding {label}: không biết bảng mã này; hãy thử windows-1258, utf-8 hoặc utf-16le"
            ),
            Lang::En => {
                anyhow!("--encoding {label}: unknown encoding; try windows-1258, utf-8 or utf-16le")
            }
        })?),
    };
    Ok(ReadOptions {
        delimiter: input.delimiter,
        encoding,
        sheet: input.sheet.clone(),
        lookback: input.lookback,
        lang,
    })
}

/// The name of the targets file in messages.
fn targets_name(common: &Common) -> String {
    match &common.targets {
        Some(path) => path.display().to_string(),
        None => lang(common)
            .pick("targets.toml (có sẵn)", "targets.toml (built in)")
            .to_string(),
    }
}

/// The resolution named by `--targets`, or the built-in one.
///
/// A targets file with problems fails with [`Localized`] diagnostics, printed
/// in the language asked for.
fn load_targets(common: &Common) -> Result<Resolution> {
    let loaded = match &common.targets {
        Some(path) => tgt::load_in(path, lang(common)),
        None => tgt::parse(tgt::BUILTIN, &targets_name(common)),
    };
    loaded.map_err(|err| match err.downcast::<Diagnostics>() {
        Ok(problems) => anyhow::Error::new(Localized {
            problems,
            lang: lang(common),
        }),
        Err(err) => err,
    })
}

/// The language of a parsed command line's messages (for `main`).
pub fn lang_of(cli: &Cli) -> Lang {
    let common = match &cli.command {
        Command::Report(a) => &a.common,
        Command::Targets(a) => &a.common,
        Command::Validate(a) => &a.common,
        Command::Template(a) => &a.common,
        Command::Check(a) => &a.common,
        Command::Completions(_) | Command::Man => return Lang::from_env(),
    };
    lang(common)
}

/// `dtcalc: warning: ` in the language.
fn warning(lang: Lang) -> &'static str {
    lang.pick("dtcalc: cảnh báo: ", "dtcalc: warning: ")
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

/// The format asked for with `--format`, else the one the `--output` file's
/// extension names, else the table.
fn format(args: &OutputArgs, lang: Lang) -> Result<Format> {
    if let Some(f) = args.format {
        return Ok(match f {
            FormatArg::Table => Format::Table,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Csv => Format::Csv,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
        });
    }
    match &args.output {
        None => Ok(Format::Table),
        Some(path) => match Format::from_extension(path) {
            Some(f) => Ok(f),
            None => bail!(
                "--output {}: {}",
                path.display(),
                lang.pick(
                    "không xác định được định dạng từ phần mở rộng; hãy dùng .txt .md .csv .json hoặc .html, hoặc chỉ rõ --format",
                    "cannot tell the format from the extension; use .txt .md .csv .json or .html, or give --format"
                )
            ),
        },
    }
}

/// Whether to colour: `always`, `never`, or for `auto` only when writing to
/// a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.
fn color(args: &OutputArgs) -> bool {
    match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && !set("NO_COLOR")
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// How human formats look for these options.
fn look(common: &Common, args: &OutputArgs) -> Look {
    Look {
        lang: lang(common),
        width: width(),
        color: color(args),
    }
}

/// Writes a finished report to the `--output` file (atomically) or stdout.
fn deliver(args: &OutputArgs, bytes: &[u8], lang: Lang) -> Result<()> {
    match &args.output {
        Some(path) => output::write_atomically(path, bytes, lang),
        None => emit(bytes),
    }
}
