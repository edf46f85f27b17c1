//! Command-line interface: clap derive only. Every doc comment here is
//! `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

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
    /// Check data files (and the targets file) and list every problem; exit 1 if any
    Validate(ValidateArgs),
    /// Write an empty data-entry sheet: one row per indicator (and member) and year
    Template(TemplateArgs),
    /// Gate for scripts: exit 0 when every selected indicator passes, 1 when any fails, 2 when it cannot run
    Check(CheckArgs),
    /// Print a shell completion script (how to install it: see the user guide)
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command into a directory
    Man(ManArgs),
}

/// Where `dtcalc man` puts the pages.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write dtcalc.1 and a page per command (dtcalc-report.1, dtcalc-check.1, ...) into this directory, creating it [default: print dtcalc.1 on standard output]
    #[arg(value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
}

/// Where and how output is written; every command that prints a report has it.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: from the --output file's extension (.txt .md .csv .json .html .xlsx), else table]
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Write to this file instead of standard output, atomically (a failed run leaves no file)
    #[arg(long, short, value_name = "FILE", value_hint = ValueHint::FilePath)]
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
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub targets: Option<PathBuf>,

    /// Language of labels and names [default: vi when LC_ALL/LC_MESSAGES/LANG starts with "vi", else en]
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("many").args(["by", "roll_up"]).multiple(true)))]
pub struct ReportArgs {
    /// Data files (CSV, .xlsx, .ods), merged; `-` reads standard input, as does giving none when input is piped
    #[arg(value_name = "DATA")]
    pub data: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    /// Leave out invalid rows (each is listed on stderr) instead of refusing to compute
    #[arg(long)]
    pub skip_invalid: bool,

    #[command(flatten)]
    pub common: Common,

    /// Target year to assess (e.g. 2025), or `all` for every target year
    #[arg(long, default_value = "all", value_name = "YEAR|all")]
    pub horizon: String,

    /// Use figures up to this year [default: the latest year in the data]
    #[arg(long, value_name = "YEAR", value_parser = parse_year)]
    pub as_of: Option<i32>,

    /// Only this pillar (repeatable), e.g. `government`
    #[arg(long, value_name = "ID", value_hint = ValueHint::Other)]
    pub pillar: Vec<String>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Progress method; `%/year` targets always use the annual-target rule
    #[arg(long, value_enum, default_value_t = MethodArg::Growth)]
    pub method: MethodArg,

    /// One summary row per area, ranked by score (data column `area`; a file without it is one area named `all`)
    #[arg(long, value_enum, value_name = "WHAT")]
    pub by: Option<By>,

    /// With --by area: only this area (repeatable; ranks stay those among all areas in the data). Without --by: the full report of this one area of a file with an `area` column
    #[arg(long, value_name = "CODE", value_hint = ValueHint::Other)]
    pub area: Vec<String>,

    /// With --by area or --roll-up: only the areas ranked N or better (all areas tied at the boundary are kept)
    #[arg(long, value_name = "N", requires = "many", conflicts_with = "bottom")]
    pub top: Option<usize>,

    /// With --by area or --roll-up: only the N lowest-ranked areas (all areas tied at the boundary are kept)
    #[arg(long, value_name = "N", requires = "many")]
    pub bottom: Option<usize>,

    #[command(flatten)]
    pub roll: RollUpArgs,
}

/// What `--by` groups the report by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// Every area of the data's `area` column
    Area,
}

/// How data files are read (shared by `report` and `validate`).
#[derive(Debug, Args)]
pub struct InputArgs {
    /// CSV field delimiter [default: detected from the header line: `,` `;` or tab]
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// Encoding of CSV files that have no byte-order mark, e.g. `windows-1258` (Excel "CSV" on Vietnamese Windows) [default: UTF-8]
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Sheet of .xlsx/.ods workbooks to read, hidden or not [default: the first visible sheet]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Years before the resolution's adoption year that data may be for (baselines)
    #[arg(long, value_name = "YEARS", default_value_t = 5)]
    pub lookback: u16,

    /// Decimal mark of CSV values: `,` or `.` [default: `.` in `,`-delimited files; in `;`- and tab-delimited files, told by the file's values]
    #[arg(long, value_name = "MARK", value_parser = parse_decimal)]
    pub decimal: Option<u8>,

    /// Areas file (CSV: code, name, parent, and optionally level, valid_from, valid_to): every area of the data must be in it and exist at the end of its row's year; with --roll-up, or --area naming a parent, parents' figures are computed from the areas they hold
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub areas: Option<PathBuf>,
}

/// A roll-up: parents' figures computed from the areas they hold.
#[derive(Debug, Args)]
pub struct RollUpArgs {
    /// Compute the figures of every area of this level (e.g. `province`) in force at the as-of year's end, from the areas the --areas file places under it; one row per area unless --area names one
    #[arg(long, value_name = "LEVEL", requires = "areas", value_hint = ValueHint::Other)]
    pub roll_up: Option<String>,

    /// The share of its areas a rolled-up figure must come from, else the figure is incomplete and withheld [default: 100]
    #[arg(long, value_name = "PCT", requires = "areas", value_parser = parse_coverage)]
    pub min_coverage: Option<f64>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Data files (CSV, .xlsx, .ods); `-` reads standard input. None: check only the targets file
    #[arg(value_name = "DATA")]
    pub data: Vec<String>,

    #[command(flatten)]
    pub common: Common,

    #[command(flatten)]
    pub input: InputArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    #[command(flatten)]
    pub common: Common,

    /// Years to make rows for, comma-separated or repeated [default: last calendar year]
    #[arg(long, value_name = "YEAR", value_delimiter = ',')]
    pub years: Vec<i32>,

    /// Sheet format [default: xlsx for an --output file ending in .xlsx, else csv]
    #[arg(long, value_enum)]
    pub format: Option<SheetFormat>,

    /// Write to this file (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// One line per problem (`file:line:col: rule: message`) and a count
    Text,
    /// A JSON array of problems for scripts
    Json,
    /// GitHub Actions workflow annotations (`::error file=...`)
    Github,
}

/// Formats of `template`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// UTF-8 CSV with a byte-order mark (Excel opens it with the accents right)
    Csv,
    /// Excel workbook
    Xlsx,
}

#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub common: Common,

    #[command(flatten)]
    pub output: OutputArgs,
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
    /// Data files (CSV, .xlsx, .ods), merged; `-` reads standard input, as does giving none when input is piped
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
    #[arg(long, value_name = "ID", value_hint = ValueHint::Other)]
    pub pillar: Vec<String>,

    /// Only this indicator (repeatable)
    #[arg(long, value_name = "ID", value_hint = ValueHint::Other)]
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
    #[arg(long, value_name = "YEAR", value_parser = parse_year)]
    pub as_of: Option<i32>,

    /// Check every area (data column `area`); exit 1 when any area fails, naming it
    #[arg(long, value_enum, value_name = "WHAT")]
    pub by: Option<By>,

    /// The area to check (a file with several areas); with --by area: only these areas (repeatable)
    #[arg(long, value_name = "CODE", value_hint = ValueHint::Other)]
    pub area: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub roll: RollUpArgs,
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

fn parse_coverage(s: &str) -> Result<f64, String> {
    parse_percent(s)
        .ok()
        .filter(|v| *v <= 100.0)
        .ok_or_else(|| {
            format!("\"{s}\" is not a share of areas; expected a percentage from 0 to 100")
        })
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
    /// Aligned tables with bars and colour, for a terminal
    Table,
    /// GitHub-flavoured Markdown tables, for memos and wikis
    #[value(alias = "md")]
    Markdown,
    /// One row per indicator and target year, for spreadsheets (with --by area: one per area, pillar and target year)
    Csv,
    /// One self-contained HTML page with charts, printable on A4
    Html,
    /// One JSON object for scripts (fields documented in the user guide and docs/schema/)
    Json,
    /// Excel workbook: a summary sheet and a sheet per pillar, in the --lang language (with --by area: one row per area, pillar and target year); not printed to a terminal
    Xlsx,
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

fn parse_decimal(s: &str) -> Result<u8, String> {
    match s {
        "," | "comma" => Ok(b','),
        "." | "point" | "dot" => Ok(b'.'),
        _ => Err(format!("\"{s}\" is not a decimal mark; use , or .")),
    }
}

fn parse_year(s: &str) -> Result<i32, String> {
    s.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1000..=9999).contains(y))
        .ok_or_else(|| format!("\"{s}\" is not a four-digit year"))
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
