//! Errors that stop a run (exit 2): what could not be done and why, in
//! both languages. The system's reason for an I/O error follows the
//! message, as [`Reason`] says it.

use std::fmt;

use super::{Reason, list};
use crate::lang::Lang;
use crate::say;

/// Why a command could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A data file cannot be read; the system's reason.
    CannotReadData { path: String, reason: Reason },
    /// A directory given as a data file.
    DataIsDirectory { path: String },
    /// Standard input cannot be read; the system's reason.
    CannotReadStdin { reason: Reason },
    /// A targets file cannot be read; the system's reason.
    CannotReadTargets { path: String, reason: Reason },
    /// A directory given as a targets file.
    TargetsIsDirectory { path: String },
    /// The areas file cannot be read; the system's reason.
    CannotReadAreas { path: String, reason: Reason },
    /// `--roll-up` names a level no area of the areas file has.
    UnknownLevel { level: String, known: String },
    /// `--area` names no area of the areas file.
    AreaNotInAreasFile { area: String, file: String },
    /// `--min-coverage` where nothing is rolled up.
    CoverageWithoutRollUp,
    /// One figure of a parent given by areas of two levels (a double count).
    LevelsMixed {
        parent: String,
        indicator: String,
        year: i32,
        first: String,
        second: String,
    },
    /// `--encoding` names no known encoding.
    UnknownEncoding { label: String },
    /// Too many data files for one run.
    TooManyFiles { max: usize },
    /// No data file and standard input is a terminal.
    NoDataFile { command: &'static str },
    /// `validate` without data or targets.
    NothingToValidate,
    /// `--pillar` names no pillar.
    UnknownPillar { pillar: String, known: String },
    /// `--indicator` names no indicator.
    UnknownIndicator { id: String, near: Option<String> },
    /// `--indicator` names one without a target in the year.
    NoTargetInYear { id: String, year: i32, has: String },
    /// `--horizon` is not a target year; `all` says whether `all` is allowed.
    NotATargetYear {
        given: String,
        years: String,
        all: bool,
    },
    /// The resolution has no target year.
    NoTargetYears,
    /// `check` found nothing to judge.
    NothingToCheck { year: i32 },
    /// Problems in the data, nothing computed.
    ProblemsInData { n: u64 },
    /// Problems with whole files under `--skip-invalid`.
    FileProblems { n: u64 },
    /// Rows for several areas without `--area` or `--by area`.
    SeveralAreas { n: usize, some: Vec<String> },
    /// Files with and without an `area` column.
    MixedAreaColumns { with: String, without: String },
    /// `--area` names an area not in the data.
    NoSuchArea { code: String, known: Vec<String> },
    /// `--area` given for data without an `area` column.
    NoAreaColumn { code: String },
    /// Several `--area` without `--by area`.
    OneAreaOnly,
    /// `--by area` in a format it does not have.
    ByAreaFormat,
    /// The `--output` extension tells no format.
    FormatFromExtension { path: String },
    /// A workbook asked for on a terminal.
    WorkbookToTerminal,
    /// A `--years` value that is not a four-digit year.
    NotAFourDigitYear { flag: &'static str, year: i64 },
    /// Writing an output file failed; the system's reason.
    CannotWrite { path: String, reason: Reason },
    /// No file can be made in the output's directory; the system's reason.
    CannotCreateIn {
        path: String,
        dir: String,
        reason: Reason,
    },
    /// Writing to standard output failed; the system's reason.
    CannotWriteStdout { reason: Reason },
    /// The output file is one of the inputs.
    OutputIsInput { path: String, input: String },
    /// The output file is read-only.
    OutputReadOnly { path: String },
}

impl Failure {
    /// The message in `lang`, lower case, no final period.
    pub fn say(&self, lang: Lang) -> String {
        use Failure::*;
        match self {
            CannotReadData { path, reason } => say!(lang,
                en: format!("cannot read data file {path}: {}", reason.say(lang)),
                vi: format!("không đọc được tệp dữ liệu {path}: {}", reason.say(lang)),
            ),
            DataIsDirectory { path } => say!(lang,
                en: format!("cannot read data file {path}: it is a directory"),
                vi: format!("không đọc được tệp dữ liệu {path}: đó là một thư mục"),
            ),
            CannotReadStdin { reason } => say!(lang,
                en: format!("cannot read standard input: {}", reason.say(lang)),
                vi: format!("không đọc được đầu vào chuẩn: {}", reason.say(lang)),
            ),
            CannotReadTargets { path, reason } => say!(lang,
                en: format!("cannot read targets file {path}: {}", reason.say(lang)),
                vi: format!("không đọc được tệp mục tiêu {path}: {}", reason.say(lang)),
            ),
            TargetsIsDirectory { path } => say!(lang,
                en: format!("cannot read targets file {path}: it is a directory"),
                vi: format!("không đọc được tệp mục tiêu {path}: đó là một thư mục"),
            ),
            CannotReadAreas { path, reason } => say!(lang,
                en: format!("cannot read areas file {path}: {}", reason.say(lang)),
                vi: format!("không đọc được tệp địa bàn {path}: {}", reason.say(lang)),
            ),
            UnknownLevel { level, known } => say!(lang,
                en: format!("--roll-up {level}: no area of the areas file has that level (levels: {known})"),
                vi: format!("--roll-up {level}: không địa bàn nào trong tệp địa bàn có cấp này (các cấp: {known})"),
            ),
            AreaNotInAreasFile { area, file } => say!(lang,
                en: format!("--area {area}: not a code of the areas file {file}"),
                vi: format!("--area {area}: không phải là mã trong tệp địa bàn {file}"),
            ),
            CoverageWithoutRollUp => say!(lang,
                en: "--min-coverage applies to a roll-up: give --roll-up LEVEL, or --area CODE to roll up to that area".into(),
                vi: "--min-coverage chỉ dùng khi tổng hợp: thêm --roll-up CẤP, hoặc --area MÃ để tổng hợp lên địa bàn đó".into(),
            ),
            LevelsMixed {
                parent,
                indicator,
                year,
                first,
                second,
            } => say!(lang,
                en: format!(
                    "cannot roll up {indicator} {year} for {parent}: figures come from areas of two levels, \
                     {first} and {second}, and would be counted twice; give figures of one level only"
                ),
                vi: format!(
                    "không thể gộp {indicator} năm {year} cho {parent}: số liệu đến từ địa bàn thuộc hai cấp, \
                     {first} và {second}, nên sẽ bị tính hai lần; hãy chỉ dùng số liệu của một cấp"
                ),
            ),
            UnknownEncoding { label } => say!(lang,
                en: format!("--encoding {label}: unknown encoding; try windows-1258, utf-8 or utf-16le"),
                vi: format!(
                    "--encoding {label}: không biết bảng mã này; hãy thử windows-1258, utf-8 hoặc utf-16le"
                ),
            ),
            TooManyFiles { max } => say!(lang,
                en: format!("more than {max} data files; merge some of them first"),
                vi: format!("nhiều hơn {max} tệp dữ liệu; hãy gộp bớt một số tệp trước"),
            ),
            NoDataFile { command } => say!(lang,
                en: format!(
                    "no data file given; usage: dtcalc {command} DATA.csv (or `-` for standard input)"
                ),
                vi: format!(
                    "chưa có tệp dữ liệu; cách dùng: dtcalc {command} DATA.csv (hoặc `-` cho đầu vào chuẩn)"
                ),
            ),
            NothingToValidate => say!(lang,
                en: "nothing to validate; usage: dtcalc validate DATA... [--targets FILE], or dtcalc validate \
                     --targets FILE"
                    .into(),
                vi: "không có gì để kiểm tra; cách dùng: dtcalc validate DATA... [--targets FILE], hoặc dtcalc \
                     validate --targets FILE"
                    .into(),
            ),
            UnknownPillar { pillar, known } => say!(lang,
                en: format!("unknown pillar \"{pillar}\"; known pillars: {known}"),
                vi: format!("không có trụ cột \"{pillar}\"; các trụ cột: {known}"),
            ),
            UnknownIndicator { id, near } => {
                let hint = near.as_deref().map(|n| {
                    say!(lang,
                        en: format!("; did you mean \"{n}\"?"),
                        vi: format!("; có phải là \"{n}\" không?"),
                    )
                });
                let hint = hint.unwrap_or_default();
                say!(lang,
                    en: format!("unknown indicator \"{id}\"{hint}"),
                    vi: format!("không có chỉ tiêu \"{id}\"{hint}"),
                )
            }
            NoTargetInYear { id, year, has } => say!(lang,
                en: format!("indicator \"{id}\" has no target for {year} (it has: {has})"),
                vi: format!("chỉ tiêu \"{id}\" không có mục tiêu cho năm {year} (chỉ có: {has})"),
            ),
            NotATargetYear { given, years, all } => {
                let all_en = if *all { " or all" } else { "" };
                let all_vi = if *all { " hoặc all" } else { "" };
                say!(lang,
                    en: format!(
                        "--horizon {given}: not a target year of this resolution; expected one of {years}{all_en}"
                    ),
                    vi: format!(
                        "--horizon {given}: không phải năm mục tiêu của nghị quyết này; cần một trong {years}{all_vi}"
                    ),
                )
            }
            NoTargetYears => say!(lang,
                en: "the targets file has no target years".into(),
                vi: "tệp mục tiêu không có năm mục tiêu nào".into(),
            ),
            NothingToCheck { year } => say!(lang,
                en: format!("nothing to check: no selected indicator has a target for {year}"),
                vi: format!("không có gì để kiểm tra: không chỉ tiêu nào được chọn có mục tiêu cho năm {year}"),
            ),
            ProblemsInData { n } => say!(lang,
                en: format!(
                    "{n} problem{} in the data; nothing was computed (--skip-invalid computes from the valid rows)",
                    if *n == 1 { "" } else { "s" }
                ),
                vi: format!("{n} vấn đề trong dữ liệu; chưa tính gì cả (--skip-invalid tính từ các dòng hợp lệ)"),
            ),
            FileProblems { n } => say!(lang,
                en: format!(
                    "{n} problem{} with whole files; --skip-invalid skips rows, not files; nothing was computed",
                    if *n == 1 { "" } else { "s" }
                ),
                vi: format!(
                    "{n} vấn đề với cả tệp; --skip-invalid bỏ qua dòng, không bỏ qua tệp; chưa tính gì cả"
                ),
            ),
            SeveralAreas { n, some } => say!(lang,
                en: format!(
                    "the data is for {n} areas ({}); without --by area a run is about one area: use --by area \
                     for every area, or --area CODE for one",
                    list(some, 3, lang)
                ),
                vi: format!(
                    "dữ liệu thuộc {n} địa bàn ({}); không có --by area thì mỗi lần chạy chỉ dành cho một địa bàn: \
                     dùng --by area cho mọi địa bàn, hoặc --area MÃ cho một địa bàn",
                    list(some, 3, lang)
                ),
            ),
            MixedAreaColumns { with, without } => say!(lang,
                en: format!(
                    "{with} has an area column and {without} has none: its rows belong to no area; add the \
                     area column to {without}"
                ),
                vi: format!(
                    "{with} có cột area còn {without} thì không: các dòng của nó không thuộc địa bàn nào; hãy \
                     thêm cột area vào {without}"
                ),
            ),
            NoSuchArea { code, known } if known.is_empty() => say!(lang,
                en: format!("no area \"{code}\" in the data: it has no figures"),
                vi: format!("không có địa bàn \"{code}\" trong dữ liệu: dữ liệu không có số liệu nào"),
            ),
            NoSuchArea { code, known } => say!(lang,
                en: format!("no area \"{code}\" in the data; its areas: {}", list(known, 10, lang)),
                vi: format!("không có địa bàn \"{code}\" trong dữ liệu; các địa bàn: {}", list(known, 10, lang)),
            ),
            NoAreaColumn { code } => say!(lang,
                en: format!("--area {code}: the data has no area column, so it is for one area only"),
                vi: format!("--area {code}: dữ liệu không có cột area, nên chỉ thuộc một địa bàn"),
            ),
            OneAreaOnly => say!(lang,
                en: "without --by area, --area names one area; to compare several, use --by area --area A \
                     --area B"
                    .into(),
                vi: "không có --by area thì --area chỉ nêu một địa bàn; để so sánh nhiều địa bàn, dùng --by area \
                     --area A --area B"
                    .into(),
            ),
            ByAreaFormat => say!(lang,
                en: "one row per area (--by area, or --roll-up without --area) is available as table, csv, json or xlsx".into(),
                vi: "mỗi địa bàn một dòng (--by area, hoặc --roll-up không có --area) chỉ có ở dạng table, csv, json hoặc xlsx".into(),
            ),
            FormatFromExtension { path } => say!(lang,
                en: format!(
                    "--output {path}: cannot tell the format from the extension; use .txt .md .csv .json \
                     .html or .xlsx, or give --format"
                ),
                vi: format!(
                    "--output {path}: không xác định được định dạng từ phần mở rộng; hãy dùng .txt .md .csv .json \
                     .html hoặc .xlsx, hoặc chỉ rõ --format"
                ),
            ),
            WorkbookToTerminal => say!(lang,
                en: "a workbook is not for the terminal; use --output FILE.xlsx".into(),
                vi: "không thể in tệp bảng tính ra terminal; hãy dùng --output FILE.xlsx".into(),
            ),
            NotAFourDigitYear { flag, year } => say!(lang,
                en: format!("{flag} {year}: not a four-digit year"),
                vi: format!("{flag} {year}: không phải là năm có bốn chữ số"),
            ),
            CannotWrite { path, reason } => say!(lang,
                en: format!("writing {path}: {}", reason.say(lang)),
                vi: format!("khi ghi tệp {path}: {}", reason.say(lang)),
            ),
            CannotCreateIn { path, dir, reason } => say!(lang,
                en: format!("writing {path}: cannot create a file in {dir}: {}", reason.say(lang)),
                vi: format!("khi ghi tệp {path}: không tạo được tệp trong {dir}: {}", reason.say(lang)),
            ),
            OutputIsInput { path, input } => say!(lang,
                en: format!("--output {path} is the input file {input}; writing it would destroy the data"),
                vi: format!("--output {path} chính là tệp đầu vào {input}; ghi vào đó sẽ làm mất dữ liệu"),
            ),
            OutputReadOnly { path } => say!(lang,
                en: format!("--output {path} is read-only; make it writable or choose another file"),
                vi: format!("--output {path} chỉ được đọc; hãy cho phép ghi hoặc chọn tệp khác"),
            ),
            CannotWriteStdout { reason } => say!(lang,
                en: format!("writing to standard output: {}", reason.say(lang)),
                vi: format!("khi ghi ra đầu ra chuẩn: {}", reason.say(lang)),
            ),
        }
    }
}

/// English, for logs and library callers; `main` prints [`Failure::say`].
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for Failure {}
