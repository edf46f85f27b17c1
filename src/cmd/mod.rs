//! One file per subcommand; each is a short script calling the stages:
//! read (`data.rs`), choose the areas (`areas.rs`), assess, render.

mod areas;
mod check;
mod completions;
mod data;
mod man;
mod report;
mod report_by_area;
mod targets;
mod template;
mod validate;

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;

use crate::cli::{
    Cli, ColorChoice, Command, Common, Format as FormatArg, LangArg, MethodArg, OutputArgs,
};
use crate::diagnostic::Diagnostics;
use crate::exit::Outcome;
use crate::lang::Lang;
use crate::msg::{Failure, Word, warning_prefix};
use crate::progress::Method;
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
        Command::Man(args) => man::run(args),
    }
}

/// The name of the targets file in messages.
fn targets_name(common: &Common) -> String {
    match &common.targets {
        Some(path) => path.display().to_string(),
        None => Word::BuiltinTargets.say(lang(common)).to_string(),
    }
}

/// The resolution named by `--targets`, or the built-in one. A targets
/// file with problems fails with its [`Diagnostics`]; its warnings (a
/// share's target above 100 %) go to stderr.
fn load_targets(common: &Common) -> Result<Resolution> {
    let resolution = match &common.targets {
        Some(path) => tgt::load(path),
        None => tgt::parse(tgt::BUILTIN, &targets_name(common)),
    }?;
    let lang = lang(common);
    for w in &resolution.warnings {
        eprintln!("{}{}", warning_prefix(lang), w.say(lang));
    }
    Ok(resolution)
}

/// Checks `--pillar` ids and gives their indices.
fn pillars(resolution: &Resolution, ids: &[String]) -> Result<Vec<usize>> {
    ids.iter()
        .map(|p| {
            resolution.pillar_index(p).ok_or_else(|| {
                let known: Vec<&str> = resolution.pillars.iter().map(|p| p.id.as_str()).collect();
                Failure::UnknownPillar {
                    pillar: p.clone(),
                    known: known.join(", "),
                }
                .into()
            })
        })
        .collect()
}

/// The progress methods for `--method`, the primary first.
fn methods(arg: MethodArg) -> Vec<Method> {
    match arg {
        MethodArg::Growth => vec![Method::Growth],
        MethodArg::Anticipated => vec![Method::Anticipated],
        MethodArg::Linear => vec![Method::Linear],
        MethodArg::All => vec![Method::Growth, Method::Anticipated, Method::Linear],
    }
}

/// The language of a parsed command line's messages (for `main`).
pub fn lang_of(cli: &Cli) -> Lang {
    let common = match &cli.command {
        Command::Report(a) => &a.common,
        Command::Targets(a) => &a.common,
        Command::Validate(a) => &a.common,
        Command::Template(a) => &a.common,
        Command::Check(a) => &a.common,
        Command::Completions(_) | Command::Man(_) => return Lang::from_env(),
    };
    lang(common)
}

/// An error that stops a run, in `lang`: a [`Failure`], a targets file's
/// [`Diagnostics`], or another error in its own words.
pub fn error_text(err: &anyhow::Error, lang: Lang) -> String {
    if let Some(f) = err.downcast_ref::<Failure>() {
        return f.say(lang);
    }
    if let Some(d) = err.downcast_ref::<Diagnostics>() {
        return d.say(lang);
    }
    format!("{err:#}")
}

/// The language asked for, else the environment's.
fn lang(common: &Common) -> Lang {
    match common.lang {
        Some(LangArg::Vi) => Lang::Vi,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

/// Width of terminal tables: the terminal's, else `COLUMNS`, else 100.
fn width() -> u16 {
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|&w: &u16| w >= 40)
    };
    comfy_table::Table::new()
        .width()
        .filter(|&w| w >= 40)
        .or_else(columns)
        .unwrap_or(100)
}

/// Writes rendered output to stdout in one go.
fn emit(bytes: &[u8]) -> Result<()> {
    output::to_stdout(bytes)
}

/// Refuses an `--output` file that is a data file or the targets file;
/// called before anything is read.
fn refuse_inputs(out: Option<&Path>, data: &[String], common: &Common) -> Result<()> {
    match out {
        Some(out) => output::refuse_inputs(
            out,
            data.iter().map(Path::new).chain(common.targets.as_deref()),
        ),
        None => Ok(()),
    }
}

/// The format asked for with `--format`, else the one the `--output` file's
/// extension names, else the table. A workbook is refused on a terminal
/// (before any data is read); a pipe or a file takes it.
fn format(args: &OutputArgs) -> Result<Format> {
    let format = format_asked(args)?;
    let to_stdout = args.output.as_ref().is_none_or(|p| is_dash(p));
    if format == Format::Xlsx && to_stdout && std::io::stdout().is_terminal() {
        return Err(Failure::WorkbookToTerminal.into());
    }
    Ok(format)
}

/// Whether an `--output` path is `-`, standard output.
fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The format `--format` or the `--output` extension asks for; `-o -`
/// is standard output, where the table is the default.
fn format_asked(args: &OutputArgs) -> Result<Format> {
    if let Some(f) = args.format {
        return Ok(match f {
            FormatArg::Table => Format::Table,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Csv => Format::Csv,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
            FormatArg::Xlsx => Format::Xlsx,
        });
    }
    match &args.output {
        None => Ok(Format::Table),
        Some(path) if is_dash(path) => Ok(Format::Table),
        Some(path) => Format::from_extension(path).ok_or_else(|| {
            Failure::FormatFromExtension {
                path: path.display().to_string(),
            }
            .into()
        }),
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
            args.output.as_ref().is_none_or(|p| is_dash(p))
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

/// Renders a report straight into the `--output` file (which is replaced
/// only once the report is complete) or stdout.
fn deliver<F>(args: &OutputArgs, render: F) -> Result<()>
where
    F: FnOnce(&mut dyn std::io::Write) -> Result<()>,
{
    output::write_with(args.output.as_deref(), render)
}
