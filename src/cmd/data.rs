//! Reading the data files a command was given: standard input when piped,
//! warnings on stderr, and refusing invalid data.

use std::io::IsTerminal;

use anyhow::{Result, bail};

use super::{read_options, warning};
use crate::actuals::{Actuals, FILE_RULES};
use crate::cli::InputArgs;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::targets::Resolution;

/// The data files to read: as given, else `-` (standard input) when input
/// is piped; an error when nothing is given at a terminal.
pub(super) fn data_paths(data: &[String], command: &str, lang: Lang) -> Result<Vec<String>> {
    if !data.is_empty() {
        return Ok(data.to_vec());
    }
    if std::io::stdin().is_terminal() {
        match lang {
            Lang::Vi => bail!(
                "chưa có tệp dữ liệu; cách dùng: dtcalc {command} DATA.csv (hoặc `-` cho đầu vào chuẩn)"
            ),
            Lang::En => bail!(
                "no data file given; usage: dtcalc {command} DATA.csv (or `-` for standard input)"
            ),
        }
    }
    Ok(vec!["-".to_string()])
}

/// Reads every data file, prints warnings, and refuses invalid data unless
/// `skip_invalid` (then each skipped row is listed on stderr).
pub(super) fn load_actuals(
    data: &[String],
    resolution: &Resolution,
    input: &InputArgs,
    skip_invalid: bool,
    lang: Lang,
) -> Result<Actuals> {
    let actuals = Actuals::load(data, resolution, read_options(input, lang)?)?;
    for w in &actuals.warnings {
        eprintln!("{}{}", warning(lang), w.get(lang));
    }
    let found = Found {
        problems: &actuals.problems,
        more: 0,
        rejected_rows: actuals.rejected_rows,
    };
    refuse_invalid(&found, skip_invalid, lang)?;
    Ok(actuals)
}

/// The problems a reader found: what `refuse_invalid` needs to know.
pub(super) struct Found<'a> {
    /// The problems kept, in file and line order.
    pub problems: &'a [Diagnostic],
    /// Problems counted beyond those kept.
    pub more: usize,
    /// Rows left out because of their problems.
    pub rejected_rows: usize,
}

/// Lists the problems on stderr and refuses to compute from invalid data;
/// with `skip_invalid`, leaves the invalid rows out (never whole files).
pub(super) fn refuse_invalid(found: &Found, skip_invalid: bool, lang: Lang) -> Result<()> {
    let n = found.problems.len() + found.more;
    if n == 0 {
        return Ok(());
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let more = || {
        if found.more > 0 {
            match lang {
                Lang::Vi => eprintln!("... và {} vấn đề khác", found.more),
                Lang::En => eprintln!("... and {} more problems", found.more),
            }
        }
    };
    let file_problems = found
        .problems
        .iter()
        .filter(|d| FILE_RULES.contains(&d.rule))
        .count();
    if !skip_invalid || file_problems > 0 {
        for p in found.problems {
            eprintln!("{}", p.line_in(lang));
        }
        more();
        if skip_invalid {
            match lang {
                Lang::Vi => bail!(
                    "{file_problems} vấn đề với cả tệp; --skip-invalid bỏ qua dòng, không bỏ qua tệp; chưa tính gì cả"
                ),
                Lang::En => bail!(
                    "{file_problems} problem{} with whole files; --skip-invalid skips rows, not files; nothing was computed",
                    plural(file_problems)
                ),
            }
        }
        match lang {
            Lang::Vi => bail!(
                "{n} vấn đề trong dữ liệu; chưa tính gì cả (--skip-invalid tính từ các dòng hợp lệ)"
            ),
            Lang::En => bail!(
                "{n} problem{} in the data; nothing was computed (--skip-invalid computes from the valid rows)",
                plural(n)
            ),
        }
    }
    for p in found.problems {
        let skipped = lang.pick("dtcalc: bỏ qua: ", "dtcalc: skipped: ");
        eprintln!("{skipped}{}", p.line_in(lang));
    }
    more();
    let n = found.rejected_rows;
    match lang {
        Lang::Vi => eprintln!("{}đã bỏ qua {n} dòng không hợp lệ", warning(lang)),
        Lang::En => eprintln!("{}skipped {n} invalid row{}", warning(lang), plural(n)),
    }
    Ok(())
}
