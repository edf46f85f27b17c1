//! `dtcalc template`: write an empty data-entry sheet, never half a file.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{emit, lang, load_targets};
use crate::cli::{SheetFormat, TemplateArgs};
use crate::exit::Outcome;
use crate::lang::{Lang, Text};
use crate::template;

pub fn run(args: TemplateArgs) -> Result<Outcome> {
    let lang = lang(&args.common);
    let resolution = load_targets(&args.common)?;
    let years = if args.years.is_empty() {
        vec![last_calendar_year()]
    } else {
        args.years.clone()
    };
    for y in &years {
        if !(1000..=9999).contains(y) {
            bail!(
                "{}",
                Text::new(
                    format!("--years {y}: not a four-digit year"),
                    format!("--years {y}: không phải là năm có bốn chữ số")
                )
                .get(lang)
            );
        }
    }
    let rows = template::rows(&resolution, &years, lang);
    let bytes = match args.format {
        SheetFormat::Csv => template::to_csv(&rows)?,
        SheetFormat::Xlsx => template::to_xlsx(&rows)?,
    };
    match &args.output {
        Some(path) => write_atomically(path, &bytes, lang)?,
        None if args.format == SheetFormat::Xlsx && std::io::stdout().is_terminal() => {
            bail!(lang.pick(
                "không thể in tệp bảng tính ra terminal; hãy dùng --output FILE.xlsx",
                "a workbook is not for the terminal; use --output FILE.xlsx"
            ))
        }
        None => emit(&bytes)?,
    }
    Ok(Outcome::Success)
}

/// Writes to a temporary file beside `path` and renames it over `path`, so
/// that a reader never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8], lang: Lang) -> Result<()> {
    let shown = path.display();
    let cannot = lang.pick("không ghi được", "cannot write");
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| {
        let why = lang.pick("không tạo được tệp trong", "cannot create a file in");
        format!("{cannot} {shown}: {why} {}", dir.display())
    })?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("{cannot} {shown}"))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{cannot} {shown}"))?;
    Ok(())
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
