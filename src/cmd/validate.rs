//! `dtcalc validate`: check data files (or just the targets file) and list
//! every problem; exit 1 when there is any.

use anyhow::{Result, bail};

use super::{emit, lang, load_targets, read_options, targets_name, warning};
use crate::actuals::Actuals;
use crate::cli::{ValidateArgs, ValidateFormat};
use crate::diagnostic::Localized;
use crate::exit::Outcome;
use crate::validate::{self, Findings};

pub fn run(args: ValidateArgs) -> Result<Outcome> {
    let lang = lang(&args.common);
    let options = read_options(&args.input, lang)?;
    if args.data.is_empty() && args.common.targets.is_none() {
        bail!(lang.pick(
            "không có gì để kiểm tra; cách dùng: dtcalc validate DATA... [--targets FILE], hoặc dtcalc validate --targets FILE",
            "nothing to validate; usage: dtcalc validate DATA... [--targets FILE], or dtcalc validate --targets FILE"
        ));
    }
    let mut problems = Vec::new();
    let mut data_files = 0;
    match load_targets(&args.common) {
        Ok(resolution) if !args.data.is_empty() => {
            let actuals = Actuals::load(&args.data, &resolution, options)?;
            for w in &actuals.warnings {
                eprintln!("{}{}", warning(lang), w.get(lang));
            }
            data_files = actuals.files.len();
            problems = actuals.problems;
        }
        Ok(_) => {}
        // A targets file with problems is a finding; one that cannot be
        // read at all means validate could not run.
        Err(err) => match err.downcast::<Localized>() {
            Ok(found) => {
                problems = found.problems.0;
                if !args.data.is_empty() {
                    eprintln!(
                        "{}{}",
                        warning(lang),
                        lang.pick(
                            "chưa kiểm tra các tệp dữ liệu: tệp mục tiêu có vấn đề",
                            "data files not checked: the targets file has problems"
                        )
                    );
                }
            }
            Err(err) => return Err(err),
        },
    }
    let targets = targets_name(&args.common);
    let findings = Findings {
        problems: &problems,
        data_files,
        targets: &targets,
    };
    let mut out = Vec::new();
    match args.format {
        ValidateFormat::Text => validate::text::render(&mut out, &findings, lang)?,
        ValidateFormat::Json => validate::json::render(&mut out, &findings)?,
        ValidateFormat::Github => validate::github::render(&mut out, &findings, lang)?,
    }
    emit(&out)?;
    Ok(if problems.is_empty() {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}
