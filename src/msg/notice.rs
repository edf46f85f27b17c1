//! Warnings and notes printed on stderr: they do not stop a run.

use super::list;
use super::problem::MAX_NAMES_SHOWN;
use crate::lang::Lang;
use crate::say;

/// A notice for the person running dtcalc.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Columns no reader knows, ignored.
    IgnoredColumns { file: String, names: Vec<String> },
    /// Rows left out by `--skip-invalid`.
    SkippedRows { rows: u64 },
    /// `validate` did not read the data files: the targets file is broken.
    DataNotChecked,
    /// Problems counted but not listed.
    MoreProblems { n: u64 },
    /// Rows with indicator and year but no value yet (the template's).
    Unfilled { file: String, rows: u64 },
    /// A share's target above 100 %: `place` is `file:line:column`.
    TargetAbove100 {
        place: String,
        id: String,
        value: f64,
    },
    /// Every figure of a `%` indicator in a file is between 0 and 1: the
    /// shares were probably typed as fractions.
    LooksLikeFractions {
        file: String,
        indicator: String,
        example: String,
    },
    /// Indicators the targets file gives no `aggregate` rule: not rolled up.
    NoAggregateRule { indicators: Vec<String> },
    /// Indicators whose rule is `none` (ranks): never rolled up.
    NeverRolledUp { indicators: Vec<String> },
    /// Figures of a share given without numerator and denominator: left out
    /// of its roll-up.
    ShareWithoutParts { indicator: String, figures: u32 },
}

impl Notice {
    /// The notice in `lang`, without the `dtcalc: warning: ` prefix.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Notice::IgnoredColumns { file, names } => {
                let names = list(names, MAX_NAMES_SHOWN, lang);
                say!(lang,
                    en: format!("{file}: ignoring unknown columns: {names}"),
                    vi: format!("{file}: bỏ qua các cột không xác định: {names}"),
                )
            }
            Notice::SkippedRows { rows } => say!(lang,
                en: format!("skipped {rows} invalid row{}", if *rows == 1 { "" } else { "s" }),
                vi: format!("đã bỏ qua {rows} dòng không hợp lệ"),
            ),
            Notice::DataNotChecked => say!(lang,
                en: "data files not checked: the targets file has problems".into(),
                vi: "chưa kiểm tra các tệp dữ liệu: tệp mục tiêu có vấn đề".into(),
            ),
            Notice::NoAggregateRule { indicators } => {
                let ids = list(indicators, MAX_NAMES_SHOWN, lang);
                say!(lang,
                    en: format!("not rolled up, the targets file gives no aggregate rule: {ids}"),
                    vi: format!("không gộp được, tệp mục tiêu không ghi quy tắc aggregate: {ids}"),
                )
            }
            Notice::NeverRolledUp { indicators } => {
                let ids = list(indicators, MAX_NAMES_SHOWN, lang);
                say!(lang,
                    en: format!("not rolled up (aggregate = \"none\": a rank cannot be combined): {ids}"),
                    vi: format!("không gộp (aggregate = \"none\": không thể gộp thứ hạng): {ids}"),
                )
            }
            Notice::ShareWithoutParts { indicator, figures } => say!(lang,
                en: format!(
                    "{figures} figure(s) of {indicator} have no numerator and denominator: a share is rolled up \
                     from its parts, so they count as not given"
                ),
                vi: format!(
                    "{figures} số liệu của {indicator} không có tử số và mẫu số: tỷ lệ chỉ được gộp từ tử số và \
                     mẫu số, nên các số liệu này được coi như chưa có"
                ),
            ),
            Notice::LooksLikeFractions {
                file,
                indicator,
                example,
            } => say!(lang,
                en: format!(
                    "{file}: every figure of {indicator} is between 0 and 1: it looks like fractions; \
                     {example} means {example} %, write {}",
                    times_100(example),
                ),
                vi: format!(
                    "{file}: mọi số liệu của {indicator} đều nằm trong khoảng 0 đến 1: có vẻ là tỷ lệ thập phân; \
                     {example} nghĩa là {example} %, hãy viết {}",
                    times_100(example),
                ),
            ),
            Notice::TargetAbove100 { place, id, value } => say!(lang,
                en: format!("{place}: the target {value} % of {id} is above 100 %, which no share can reach"),
                vi: format!(
                    "{place}: mục tiêu {value} % của {id} lớn hơn 100 %, mức mà không tỷ lệ nào đạt được"
                ),
            ),
            Notice::Unfilled { file, rows } => say!(lang,
                en: format!(
                    "{file}: {rows} row{} not filled in yet (indicator and year, no value) left out",
                    if *rows == 1 { "" } else { "s" }
                ),
                vi: format!("{file}: bỏ qua {rows} dòng chưa điền (có chỉ tiêu và năm, chưa có giá trị)"),
            ),
            Notice::MoreProblems { n } => say!(lang,
                en: format!("... and {n} more problem{}", if *n == 1 { "" } else { "s" }),
                vi: format!("... và {n} vấn đề khác"),
            ),
        }
    }
}

/// `dtcalc: warning: ` in `lang`.
pub fn warning_prefix(lang: Lang) -> &'static str {
    say!(lang, en: "dtcalc: warning: ", vi: "dtcalc: cảnh báo: ")
}

/// `dtcalc: skipped: ` in `lang`, before a row left out by `--skip-invalid`.
pub fn skipped_prefix(lang: Lang) -> &'static str {
    say!(lang, en: "dtcalc: skipped: ", vi: "dtcalc: bỏ qua: ")
}

/// `dtcalc: error: ` in `lang`.
pub fn error_prefix(lang: Lang) -> &'static str {
    say!(lang, en: "dtcalc: error: ", vi: "dtcalc: lỗi: ")
}

/// `0.999` as the percentage it probably means: `99.9`.
fn times_100(example: &str) -> String {
    example.parse::<f64>().map_or_else(
        |_| example.to_string(),
        |v| format!("{}", (v * 1e6).round() / 1e4),
    )
}
