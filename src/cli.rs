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
    /// Gate for scripts: exit 0 when every selected indicator passes, 1 when any fails, 2 when it cannot run
    Check(CheckArgs),
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

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// CSV field delimiter [default: detected from the header line: `,` `;` or tab]
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// Progress method; `%/year` targets always use the annual-target rule
    #[arg(long, value_enum, default_value_t = MethodArg::Growth)]
    pub method: MethodArg,
}

#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub common: Common,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Progress-assessment methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Required vs actual growth (Statistics Canada / Open SDG): ratio R and score
    Growth,
    /// Anticipated progress (UN Statistics Division, SDG Progress Chart 2023): ratio Q
    Anticipated,
    /// Linear pace: least-squares slope against the pace still required
    Linear,
    /// All three, growth first (growth decides summaries and `check`)
    All,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Data files (CSV); `-` reads standard input, as does giving none when input is piped
    #[arg(value_name = "DATA")]
    pub data: Vec<String>,

    #[command(flatten)]
    pub common: Common,

    /// Target year to check against [default: the earliest target year]
    #[arg(long, value_name = "YEAR")]
    pub horizon: Option<i32>,

    /// What each indicator must show: `met` (the target is met now), `substantial` (met or on track), `moderate` (at least moderate progress) [default: met, unless only --min-attainment is given]
    #[arg(long, value_enum)]
    pub require: Option<RequireArg>,

    /// Minimum attainment in % each indicator must reach (e.g. 90)
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    pub min_attainment: Option<f64>,

    /// Only this pillar (repeatable)
    #[arg(long, value_name = "ID")]
    pub pillar: Vec<String>,

    /// Only this indicator (repeatable)
    #[arg(long, value_name = "ID")]
    pub indicator: Vec<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Indicators without data pass instead of failing
    #[arg(long)]
    pub allow_missing: bool,

    /// Progress method for `--require substantial|moderate`
    #[arg(long, value_enum, default_value_t = MethodArg::Growth)]
    pub method: MethodArg,

    /// Use figures up to this year [default: the latest year in the data]
    #[arg(long, value_name = "YEAR")]
    pub as_of: Option<i32>,

    /// CSV field delimiter [default: detected from the header line]
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
}

/// What `check` requires of each indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RequireArg {
    /// The target is met by the latest figure
    Met,
    /// Target achieved or on track (substantial progress)
    Substantial,
    /// At least moderate progress
    Moderate,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per failing indicator and a summary
    Text,
    /// One JSON object
    Json,
}

fn parse_percent(s: &str) -> Result<f64, String> {
    s.trim()
        .trim_end_matches('%')
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| format!("\"{s}\" is not a percentage; expected e.g. 90"))
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned tables for people
    Table,
    /// One JSON object for scripts (fields documented in README.md)
    Json,
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
