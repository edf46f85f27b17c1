//! Command-line interface: clap derive only. Every doc comment here is
//! `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Digital-transformation target calculator: attainment, gaps and status of a
/// resolution's targets from actual figures.
#[derive(Debug, Parser)]
#[command(name = "dtcalc", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Attainment, gap and status of every indicator and pillar
    Report(ReportArgs),
    /// List the resolution's targets per pillar
    Targets(TargetsArgs),
    /// Print a shell completion script (install: see README.md)
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `dtcalc man > dtcalc.1`
    Man,
}

/// Where and how output is written; every command that prints a report has it.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: from the --output file's extension (.txt .md .csv .json .html), else table]
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Write to this file instead of standard output, atomically (a failed run leaves no file)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Colour in terminal tables: `auto` colours only a terminal, and not when NO_COLOR is set
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Options every command shares.
#[derive(Debug, Args)]
pub struct Common {
    /// Targets file (TOML); default: the built-in Bình Thuận resolution of 18/3/2022
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,

    /// Language of labels and names [default: vi when LC_ALL/LC_MESSAGES/LANG starts with "vi", else en]
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Data files (CSV); `-` reads standard input, as does giving none when input is piped
    #[arg(value_name = "DATA")]
    pub data: Vec<String>,

    #[command(flatten)]
    pub common: Common,

    /// Target year to assess (e.g. 2025), or `all` for every target year
    #[arg(long, default_value = "all", value_name = "YEAR|all")]
    pub horizon: String,

    /// Use figures up to this year [default: the latest year in the data]
    #[arg(long, value_name = "YEAR")]
    pub as_of: Option<i32>,

    /// Only this pillar (repeatable), e.g. `government`
    #[arg(long, value_name = "ID")]
    pub pillar: Vec<String>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// CSV field delimiter [default: detected from the header line: `,` `;` or tab]
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
}

#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub common: Common,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned tables with bars and colour, for a terminal
    Table,
    /// GitHub-flavoured Markdown tables, for memos and wikis
    #[value(alias = "md")]
    Markdown,
    /// One row per indicator and target year, for spreadsheets
    Csv,
    /// One self-contained HTML page with charts, printable on A4
    Html,
    /// One JSON object for scripts (fields documented in README.md)
    Json,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset
    Auto,
    /// Always colour, even into a pipe or a file
    Always,
    /// Never colour
    Never,
}

/// Languages of human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Vietnamese
    Vi,
    /// English
    En,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\t" | "\\t" | "tab" => Ok(b'\t'),
        _ => Err(format!(
            "\"{s}\" is not a supported delimiter; use , ; or tab"
        )),
    }
}
