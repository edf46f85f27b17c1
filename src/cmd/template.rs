//! `dtcalc template`: write an empty data-entry sheet, never half a file.

use std::io::IsTerminal;

use anyhow::Result;

use super::{emit, lang, load_targets};
use crate::cli::{SheetFormat, TemplateArgs};
use crate::exit::Outcome;
use crate::msg::Failure;
use crate::report::output;
use crate::template;

pub fn run(args: TemplateArgs) -> Result<Outcome> {
    super::refuse_inputs(args.output.as_deref(), &[], &args.common)?;
    let lang = lang(&args.common);
    let resolution = load_targets(&args.common)?;
    let mut years = if args.years.is_empty() {
        vec![last_calendar_year()]
    } else {
        args.years.clone()
    };
    for &y in &years {
        if !(1000..=9999).contains(&y) {
            return Err(Failure::NotAFourDigitYear {
                flag: "--years",
                year: i64::from(y),
            }
            .into());
        }
    }
    years.sort_unstable();
    years.dedup();
    let rows = template::rows(&resolution, &years, lang);
    let xlsx = |p: &std::path::PathBuf| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    };
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(path)) if xlsx(path) => SheetFormat::Xlsx,
        (None, _) => SheetFormat::Csv,
    };
    let bytes = match format {
        SheetFormat::Csv => template::to_csv(&rows)?,
        SheetFormat::Xlsx => template::to_xlsx(&rows)?,
    };
    match &args.output {
        Some(path) if !super::is_dash(path) => output::write_atomically(path, &bytes)?,
        _ if format == SheetFormat::Xlsx && std::io::stdout().is_terminal() => {
            return Err(Failure::WorkbookToTerminal.into());
        }
        _ => emit(&bytes)?,
    }
    Ok(Outcome::Success)
}

/// The calendar year before the current one (UTC), the usual year to
/// collect figures for.
fn last_calendar_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // 31,556,952 s is the mean Gregorian year (365.2425 days); close enough
    // to tell the year, off by at most a day around New Year.
    1970 + (secs / 31_556_952) as i32 - 1
}
