//! Located problems in input files (data files and targets files): what is
//! wrong, in both languages, and what was expected (English, for JSON).
//! Each problem names its rule ([`Rule`]); the place is the diagnostic's.

use super::{AreasWrong, Reason, list};
use super::{shown, shown_bare};
use crate::diagnostic::Rule;
use crate::lang::Lang;
use crate::say;

/// Most names of a header listed in a message before "and N more".
pub const MAX_NAMES_SHOWN: usize = 20;

/// Where a duplicated row was first given, as said from the second one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstPlace {
    /// A line of the same file.
    Line(u64),
    /// A cell of the same workbook (`Sheet1!A2`).
    Cell(String),
    /// Another file: `a.csv:2` or `a.xlsx:Sheet1!A2`.
    Elsewhere(String),
}

impl FirstPlace {
    fn say(&self, lang: Lang) -> String {
        match self {
            FirstPlace::Line(n) => say!(lang, en: format!("line {n}"), vi: format!("dòng {n}")),
            FirstPlace::Cell(c) | FirstPlace::Elsewhere(c) => c.clone(),
        }
    }
}

/// Why a workbook cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookFault {
    /// Not a workbook calamine can open; the library's reason.
    CannotOpen(String),
    /// `--sheet` names no sheet of the workbook.
    NoSheet { wanted: String, names: Vec<String> },
    /// The workbook has no sheet, or none visible.
    NoSheets,
    /// The sheet cannot be read; the library's reason.
    CannotReadSheet { name: String, reason: Reason },
    /// The reading library failed on a damaged file.
    Damaged,
}

/// A problem found in an input file.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A workbook that cannot be read.
    Workbook(WorkbookFault),
    /// Bytes that are not UTF-8 (no byte-order mark, no `--encoding`).
    NotUtf8 { byte: u8, column: u64 },
    /// Bytes not valid in the file's encoding (UTF-16, `--encoding`).
    NotValidIn {
        line: u64,
        encoding: String,
        utf16: bool,
    },
    /// No header row.
    EmptyFile,
    /// Required columns missing from the header.
    MissingColumns {
        missing: Vec<&'static str>,
        header: Vec<String>,
    },
    /// A known column twice in the header.
    DuplicateColumn { name: String },
    /// A `numerator` column without `denominator`, or the other way round.
    LonePartColumn {
        given: &'static str,
        lacking: &'static str,
    },
    /// A row with a numerator but no denominator, or the other way round.
    LonePart {
        given: &'static str,
        lacking: &'static str,
    },
    /// A denominator that is not above 0.
    BadDenominator { raw: String },
    /// A value that is not what its numerator and denominator give.
    PartsDisagree { value: String, computed: String },
    /// Numerator and denominator given for a rank.
    PartsOnRank,
    /// A weight that is not a number of 0 or more.
    BadWeight { raw: String },
    /// An area not in the areas file.
    AreaNotListed { area: String, areas_file: String },
    /// An area given a figure for a year it did not exist at the end of.
    AreaNotInForce {
        area: String,
        year: i32,
        /// `valid_from`, when the area began after the year.
        from: Option<String>,
        /// `valid_to` and the successor, when it ended before the year's end.
        to: Option<(String, Option<String>)>,
    },
    /// A line of the areas file that cannot be used; what is wrong.
    AreasLine { what: AreasWrong },
    /// A quote that is never closed; the rest of its line.
    UnclosedQuote { excerpt: String },
    /// A quote in a field that does not start with one.
    StrayQuote { raw: String },
    /// Text after the closing quote of a quoted field.
    TextAfterQuote { raw: String },
    /// A row longer than the limit, in bytes.
    RowTooLong { limit: usize },
    /// The header row is longer than the limit: the file has no usable header.
    HeaderTooLong { limit: usize },
    /// More or fewer fields than the header.
    Ragged { got: usize, want: usize },
    /// Some of the required fields empty (their column names).
    PartlyEmpty { names: Vec<String>, has_area: bool },
    /// An indicator id not in the targets file; the nearest known id.
    UnknownIndicator { id: String, near: Option<String> },
    /// Not a four-digit year.
    BadYear { raw: String },
    /// A date where a year belongs (`2024-01-01`, a date cell).
    DateInYear { date: String, year: i32 },
    /// A workbook formula whose result was never saved.
    FormulaNotSaved,
    /// A year outside the resolution's span.
    YearOutOfSpan {
        year: i32,
        first: i32,
        last: i32,
        adoption: i32,
        lookback: i32,
    },
    /// An empty value.
    EmptyValue { decimal: char },
    /// Not a number.
    NotANumber { raw: String, decimal: char },
    /// `NaN`, `inf`.
    NotFinite { raw: String, decimal: char },
    /// Too large for a 64-bit float.
    TooLarge { raw: String, decimal: char },
    /// A thousands separator, or a decimal mark where it cannot be.
    ThousandsSeparator { raw: String, decimal: char },
    /// A value whose decimal mark the file does not tell (`1.234` in a
    /// `;` file with no other decimal).
    AmbiguousDecimal { raw: String },
    /// A value whose decimal mark is not the one the file uses.
    MixedDecimal {
        raw: String,
        mark: char,
        line: u64,
        other: String,
    },
    /// A rank that is not a whole number of 1 or more.
    NotARank { raw: String },
    /// A percentage outside 0-100.
    OutsidePercent { raw: String },
    /// A `unit` cell contradicting the indicator's unit.
    UnitMismatch {
        unit: String,
        symbol: &'static str,
        fraction: bool,
    },
    /// A breakdown for an indicator without one.
    BreakdownNotAllowed { breakdown: String, id: String },
    /// No breakdown for an indicator with declared members.
    BreakdownMissing { id: String, members: Vec<String> },
    /// No breakdown for an indicator of an open group (each sector).
    BreakdownMissingEach {
        id: String,
        each_en: String,
        each_vi: String,
    },
    /// A breakdown that is not a declared member.
    UnknownMember {
        breakdown: String,
        id: String,
        members: Vec<String>,
    },
    /// The same (area, indicator, year, breakdown) given twice.
    Duplicate {
        area: Option<String>,
        year: i32,
        member: Option<String>,
        first: FirstPlace,
    },
    /// A targets file that is not TOML; the toml crate's text.
    TargetsSyntax { text: String },
    /// A targets file that is not UTF-8.
    TargetsNotUtf8,
    /// An id longer than allowed.
    IdTooLong { chars: usize, max: usize },
    /// An empty id.
    EmptyId,
    /// An id with blanks around it.
    IdBlanks { id: String },
    /// An indicator id given twice, once in another Unicode form.
    DuplicateIndicatorForm { id: String },
    /// A rank target that is not a whole number of 1 or more.
    RankTarget { spec: String },
    /// A target year before the adoption year.
    TargetBeforeAdoption { year: i32, adoption: i32 },
    /// An `aggregate` that is none of the rules.
    UnknownAggregate { given: String },
    /// `aggregate = "weighted"` without a `weight`.
    WeightMissing,
    /// A `weight` with an aggregate other than `weighted`.
    WeightUnused { aggregate: String },
    /// A `weight` that is no column and no indicator of the file.
    UnknownWeight { weight: String },
    /// A rank (or other indicator) given a rule that would combine it.
    RankAggregate { aggregate: String },
    /// `members_vi` not one label per member.
    MemberLabels { labels: usize, members: usize },
    /// A pillar id given twice.
    DuplicatePillar { id: String },
    /// An indicator id given twice.
    DuplicateIndicator { id: String },
    /// An indicator's pillar is not declared.
    UnknownPillar { pillar: String, known: String },
    /// `adopted` is not a date.
    NotADate { adopted: String },
    /// An empty indicator name.
    EmptyName,
    /// An unknown unit.
    UnknownUnit { unit: String },
    /// `members` without `each_vi`/`each_en`.
    MembersWithoutEach,
    /// A member listed twice.
    DuplicateMember { member: String },
    /// A baseline year that is not four digits.
    BaselineYear { year: i64 },
    /// A baseline value that is not finite.
    BaselineValue { value: f64 },
    /// An indicator without targets.
    NoTargets,
    /// A target year that is not four digits.
    TargetYear { raw: String },
    /// A target without a valid comparison.
    BadComparison { spec: String },
    /// A target without a valid number.
    BadTargetNumber { spec: String },
}

impl Problem {
    /// The rule this problem breaks.
    pub fn rule(&self) -> Rule {
        use Problem::*;
        match self {
            Workbook(_) => Rule::Unreadable,
            NotUtf8 { .. } | NotValidIn { .. } => Rule::Encoding,
            EmptyFile => Rule::EmptyFile,
            MissingColumns { .. } | LonePartColumn { .. } => Rule::MissingColumn,
            LonePart { .. }
            | BadDenominator { .. }
            | PartsDisagree { .. }
            | PartsOnRank
            | BadWeight { .. } => Rule::BadParts,
            AreaNotListed { .. } => Rule::UnknownArea,
            AreaNotInForce { .. } => Rule::AreaNotInForce,
            AreasLine { .. } => Rule::AreasInvalid,
            DuplicateColumn { .. } => Rule::DuplicateColumn,
            UnclosedQuote { .. } | StrayQuote { .. } | TextAfterQuote { .. } => {
                Rule::MalformedQuote
            }
            RowTooLong { .. } => Rule::RowTooLong,
            HeaderTooLong { .. } => Rule::MissingColumn,
            Ragged { .. } => Rule::RaggedRow,
            PartlyEmpty { .. } => Rule::PartlyEmptyRow,
            UnknownIndicator { .. } => Rule::UnknownIndicator,
            BadYear { .. } | DateInYear { .. } => Rule::BadYear,
            FormulaNotSaved => Rule::FormulaNotSaved,
            YearOutOfSpan { .. } => Rule::YearOutOfSpan,
            EmptyValue { .. } | NotANumber { .. } => Rule::NotANumber,
            NotFinite { .. } | TooLarge { .. } => Rule::NotFinite,
            ThousandsSeparator { .. } => Rule::ThousandsSeparator,
            AmbiguousDecimal { .. } | MixedDecimal { .. } => Rule::DecimalMark,
            NotARank { .. } | OutsidePercent { .. } => Rule::OutOfRange,
            UnitMismatch { .. } => Rule::UnitMismatch,
            BreakdownNotAllowed { .. } => Rule::BreakdownNotAllowed,
            BreakdownMissing { .. } | BreakdownMissingEach { .. } => Rule::BreakdownMissing,
            UnknownMember { .. } => Rule::UnknownMember,
            Duplicate { .. } => Rule::Duplicate,
            TargetsSyntax { .. } => Rule::TargetsSyntax,
            TargetsNotUtf8 => Rule::Encoding,
            IdTooLong { .. }
            | EmptyId
            | IdBlanks { .. }
            | DuplicateIndicatorForm { .. }
            | RankTarget { .. }
            | TargetBeforeAdoption { .. }
            | UnknownAggregate { .. }
            | WeightMissing
            | WeightUnused { .. }
            | UnknownWeight { .. }
            | RankAggregate { .. }
            | MemberLabels { .. }
            | DuplicatePillar { .. }
            | DuplicateIndicator { .. }
            | UnknownPillar { .. }
            | NotADate { .. }
            | EmptyName
            | UnknownUnit { .. }
            | MembersWithoutEach
            | DuplicateMember { .. }
            | BaselineYear { .. }
            | BaselineValue { .. }
            | NoTargets
            | TargetYear { .. }
            | BadComparison { .. }
            | BadTargetNumber { .. } => Rule::TargetsInvalid,
        }
    }

    /// What was expected instead, in a few English words (JSON's
    /// `expected`); `None` where the message says it all.
    pub fn expected(&self) -> Option<String> {
        use Problem::*;
        let number = |d: char| {
            let ex = if d == ',' { "87,5" } else { "87.5" };
            format!("a number such as {ex} or {ex}%")
        };
        Some(match self {
            NotUtf8 { .. } => "UTF-8 text, or --encoding NAME".into(),
            NotValidIn { encoding, .. } => format!("text in {encoding}"),
            EmptyFile => "a header row: indicator, year, value".into(),
            MissingColumns { .. } => "columns indicator, year, value".into(),
            LonePartColumn { .. } => "both numerator and denominator columns, or neither".into(),
            LonePart { .. } => "both numerator and denominator, or neither".into(),
            BadDenominator { .. } => "a denominator above 0".into(),
            PartsDisagree { computed, .. } => format!("{computed}, or no value"),
            PartsOnRank => "a rank as value only".into(),
            BadWeight { .. } => "a weight of 0 or more".into(),
            AreaNotListed { .. } => "an area code of the areas file".into(),
            AreaNotInForce { .. } => "an area in force at the end of the year".into(),
            AreasLine { what } => what.expected().into(),
            DuplicateColumn { .. } => "each column once".into(),
            UnclosedQuote { .. } => "a closing quote before the end of the field".into(),
            StrayQuote { .. } | TextAfterQuote { .. } => {
                "a field wholly in quotes, with inner quotes doubled".into()
            }
            RowTooLong { limit } | HeaderTooLong { limit } => {
                format!("a row of at most {limit} bytes")
            }
            Ragged { want, .. } => format!("{want} fields, like the header"),
            PartlyEmpty { has_area: true, .. } => {
                "area, indicator, year and value all filled in".into()
            }
            PartlyEmpty { .. } => "indicator, year and value all filled in".into(),
            UnknownIndicator { .. } => "an indicator id from the targets file".into(),
            BadYear { .. } => "a four-digit year such as 2024".into(),
            DateInYear { year, .. } => format!("the year {year}"),
            FormulaNotSaved => "a value, or a formula whose result is saved".into(),
            YearOutOfSpan { first, last, .. } => format!("a year from {first} to {last}"),
            EmptyValue { decimal }
            | NotANumber { decimal, .. }
            | NotFinite { decimal, .. }
            | TooLarge { decimal, .. }
            | ThousandsSeparator { decimal, .. } => number(*decimal),
            AmbiguousDecimal { .. } => "a decimal mark the file settles, or --decimal".into(),
            MixedDecimal { mark, .. } => {
                let other = if *mark == '.' { ',' } else { '.' };
                format!("\"{other}\" as the decimal mark, as in the rest of the file")
            }
            NotARank { .. } => "a whole number of 1 or more".into(),
            OutsidePercent { .. } => "a percentage from 0 to 100".into(),
            UnitMismatch { symbol, .. } => format!("\"{symbol}\" or empty"),
            BreakdownNotAllowed { .. } => "an empty breakdown".into(),
            BreakdownMissing { members, .. } | UnknownMember { members, .. } => {
                format!("one of: {}", members.join(", "))
            }
            BreakdownMissingEach { each_en, .. } => format!("the {each_en} the figure is for"),
            Duplicate { .. } => {
                "one row per area, indicator, year and breakdown across all files".into()
            }
            _ => return None,
        })
    }

    /// The message in `lang`: lower case, no final period.
    pub fn say(&self, lang: Lang) -> String {
        use Problem::*;
        let v = |raw: &str| shown(raw, lang);
        match self {
            Workbook(fault) => fault.say(lang),
            NotUtf8 { byte, column } => say!(lang,
                en: format!(
                    "not valid UTF-8 (byte 0x{byte:02x} at character {column} of the line); \
                     a \"CSV\" saved by Excel on Vietnamese Windows is read with --encoding windows-1258, \
                     or save it as \"CSV UTF-8\""
                ),
                vi: format!(
                    "không phải UTF-8 hợp lệ (byte 0x{byte:02x} ở ký tự {column} của dòng); \
                     tệp \"CSV\" lưu bằng Excel trên Windows tiếng Việt được đọc với --encoding windows-1258, \
                     hoặc hãy lưu lại dưới dạng \"CSV UTF-8\""
                ),
            ),
            NotValidIn {
                line,
                encoding,
                utf16,
            } => say!(lang,
                en: format!(
                    "line {line} is not valid {encoding}{}",
                    if *utf16 {
                        "; the file is cut short or not really UTF-16: save it again from the spreadsheet"
                    } else {
                        ""
                    }
                ),
                vi: format!(
                    "dòng {line} không phải là {encoding} hợp lệ{}",
                    if *utf16 {
                        "; tệp bị cắt ngắn hoặc không thực sự là UTF-16: hãy lưu lại từ bảng tính"
                    } else {
                        ""
                    }
                ),
            ),
            EmptyFile => say!(lang,
                en: "the file is empty; expected a header row with the columns indicator, year, value".into(),
                vi: "tệp trống; cần một dòng tiêu đề với các cột indicator, year, value".into(),
            ),
            MissingColumns { missing, header } => say!(lang,
                en: format!(
                    "missing required column{} {}; the header has: {}",
                    if missing.len() > 1 { "s" } else { "" },
                    missing.join(", "),
                    list(header, MAX_NAMES_SHOWN, lang)
                ),
                vi: format!(
                    "thiếu cột bắt buộc {}; dòng tiêu đề có: {}",
                    missing.join(", "),
                    list(header, MAX_NAMES_SHOWN, lang)
                ),
            ),
            DuplicateColumn { name } => say!(lang,
                en: format!("column {name} appears twice in the header"),
                vi: format!("cột {name} xuất hiện hai lần trong dòng tiêu đề"),
            ),
            UnclosedQuote { excerpt: ex } => {
                let ex = excerpt(ex);
                say!(lang,
                    en: format!(
                        "quote opened here is never closed, so the rest of the file would be read as one field: {ex}; \
                         close the quote or remove it"
                    ),
                    vi: format!(
                        "dấu ngoặc kép mở ở đây không được đóng, nên phần còn lại của tệp sẽ bị đọc thành một trường: {ex}; \
                         hãy đóng dấu ngoặc hoặc xoá nó"
                    ),
                )
            }
            StrayQuote { raw } => {
                let (ex, fixed) = (
                    excerpt(raw),
                    excerpt(&format!("\"{}\"", raw.replace('"', "\"\""))),
                );
                say!(lang,
                    en: format!(
                        "stray quote in a field that does not start with one: {ex}; put the whole field in quotes \
                         with the quotes inside doubled ({fixed}) or remove the quote"
                    ),
                    vi: format!(
                        "dấu ngoặc kép lạc trong một trường không bắt đầu bằng dấu ngoặc kép: {ex}; hãy đặt cả trường \
                         trong ngoặc kép và nhân đôi các dấu ngoặc bên trong ({fixed}) hoặc xoá dấu ngoặc"
                    ),
                )
            }
            TextAfterQuote { raw } => {
                let ex = excerpt(raw);
                say!(lang,
                    en: format!(
                        "text after a closing quote: {ex}; remove the quotes, or put the whole field in quotes \
                         with the quotes inside doubled"
                    ),
                    vi: format!(
                        "có chữ sau dấu ngoặc kép đóng: {ex}; hãy bỏ dấu ngoặc, hoặc đặt cả trường trong ngoặc kép \
                         và nhân đôi các dấu ngoặc bên trong"
                    ),
                )
            }
            RowTooLong { limit } => say!(lang,
                en: format!(
                    "the row is longer than {} MiB; a data row is a few dozen characters: is this really a data file?",
                    limit >> 20
                ),
                vi: format!(
                    "dòng dài hơn {} MiB; một dòng dữ liệu chỉ vài chục ký tự: đây có thật là tệp dữ liệu không?",
                    limit >> 20
                ),
            ),
            HeaderTooLong { limit } => say!(lang,
                en: format!(
                    "the header row is longer than {} MiB, so the file has no usable header; expected a header row \
                     with the columns indicator, year, value",
                    limit >> 20
                ),
                vi: format!(
                    "dòng tiêu đề dài hơn {} MiB, nên tệp không có dòng tiêu đề dùng được; cần một dòng tiêu đề với \
                     các cột indicator, year, value",
                    limit >> 20
                ),
            ),
            LonePartColumn { given, lacking } => say!(lang,
                en: format!("the header has a {given} column but no {lacking} column; give both or neither"),
                vi: format!("dòng tiêu đề có cột {given} nhưng không có cột {lacking}; hãy có cả hai hoặc không có cột nào"),
            ),
            LonePart { given, lacking } => say!(lang,
                en: format!("the row has a {given} but no {lacking}; give both or neither"),
                vi: format!("dòng có {given} nhưng không có {lacking}; hãy ghi cả hai hoặc không ghi"),
            ),
            BadDenominator { raw } => say!(lang,
                en: format!("{} is not above 0", v(raw)),
                vi: format!("{} không lớn hơn 0", v(raw)),
            ),
            PartsDisagree { value, computed } => say!(lang,
                en: format!("{value} is not what numerator and denominator give: {computed}"),
                vi: format!("{value} không khớp với tử số và mẫu số, vốn cho {computed}"),
            ),
            PartsOnRank => say!(lang,
                en: "a rank has no numerator and denominator; give its value only".into(),
                vi: "thứ hạng không có tử số và mẫu số; chỉ ghi giá trị".into(),
            ),
            BadWeight { raw } => say!(lang,
                en: format!("{} is not a number of 0 or more", v(raw)),
                vi: format!("{} không phải là số từ 0 trở lên", v(raw)),
            ),
            AreaNotListed { area, areas_file } => say!(lang,
                en: format!("{} is not in the areas file {areas_file}", v(area)),
                vi: format!("{} không có trong tệp địa bàn {areas_file}", v(area)),
            ),
            AreaNotInForce {
                area,
                year,
                from: Some(from),
                ..
            } => say!(lang,
                en: format!("{} begins on {from}, after {year}; its figures start with {}", v(area), year + 1),
                vi: format!("{} bắt đầu từ {from}, sau năm {year}; số liệu của nó bắt đầu từ năm {}", v(area), year + 1),
            ),
            AreaNotInForce {
                area,
                year,
                to: Some((to, Some(successor))),
                ..
            } => say!(lang,
                en: format!("{} ended on {to}; a figure for {year} belongs to {successor}, the area it then lay within", v(area)),
                vi: format!("{} kết thúc ngày {to}; số liệu năm {year} thuộc về {successor}, đơn vị chứa nó sau đó", v(area)),
            ),
            AreaNotInForce { area, year, .. } => say!(lang,
                en: format!("{} did not exist at the end of {year}", v(area)),
                vi: format!("{} không còn tồn tại vào cuối năm {year}", v(area)),
            ),
            AreasLine { what } => what.say(lang),
            Ragged { got, want } => say!(lang,
                en: format!(
                    "the row has {got} field{}; the header has {want}",
                    if *got == 1 { "" } else { "s" }
                ),
                vi: format!("dòng có {got} trường; dòng tiêu đề có {want}"),
            ),
            PartlyEmpty { names, .. } => say!(lang,
                en: format!(
                    "the row has no {}; fill {} in or delete the row",
                    names.join(", "),
                    if names.len() == 1 { "it" } else { "them" }
                ),
                vi: format!("dòng không có {}; hãy điền vào hoặc xoá dòng", names.join(", ")),
            ),
            UnknownIndicator {
                id,
                near: Some(near),
            } => say!(lang,
                en: format!("unknown indicator {}; did you mean \"{near}\"?", v(id)),
                vi: format!("không có chỉ tiêu {}; có phải là \"{near}\" không?", v(id)),
            ),
            UnknownIndicator { id, near: None } => say!(lang,
                en: format!("unknown indicator {}; `dtcalc targets` lists the known ids", v(id)),
                vi: format!(
                    "không có chỉ tiêu {}; `dtcalc targets` liệt kê các mã chỉ tiêu đã biết",
                    v(id)
                ),
            ),
            BadYear { raw } => say!(lang,
                en: format!("{} is not a four-digit year", v(raw)),
                vi: format!("{} không phải là năm có bốn chữ số", v(raw)),
            ),
            DateInYear { date, year } => say!(lang,
                en: format!("a date, {date}, where a year belongs; type the year {year}"),
                vi: format!("là một ngày, {date}, ở chỗ cần ghi năm; hãy gõ năm {year}"),
            ),
            FormulaNotSaved => say!(lang,
                en: "the cell holds a formula whose result was never saved; open and save the file in Excel or \
                     LibreOffice"
                    .into(),
                vi: "ô chứa công thức mà kết quả chưa từng được lưu; hãy mở và lưu lại tệp bằng Excel hoặc \
                     LibreOffice"
                    .into(),
            ),
            YearOutOfSpan {
                year,
                first,
                last,
                adoption,
                lookback,
            } => say!(lang,
                en: format!(
                    "{year} is outside the resolution's years {first}-{last} (adopted {adoption}, with a \
                     {lookback}-year look-back, to the last target year {last}); a typing mistake? \
                     (--lookback widens the span)"
                ),
                vi: format!(
                    "{year} nằm ngoài các năm của nghị quyết {first}-{last} (ban hành năm {adoption}, tính lùi \
                     {lookback} năm, đến năm mục tiêu cuối cùng {last}); có gõ nhầm không? \
                     (--lookback mở rộng khoảng năm)"
                ),
            ),
            EmptyValue { .. } => say!(lang,
                en: "is empty; expected a number".into(),
                vi: "để trống; cần một số".into(),
            ),
            NotANumber { raw, .. } => say!(lang,
                en: format!("{} is not a number", v(raw)),
                vi: format!("{} không phải là số", v(raw)),
            ),
            NotFinite { raw, .. } => say!(lang,
                en: format!("{} is not a finite number; expected a figure", v(raw)),
                vi: format!("{} không phải là số hữu hạn; cần một con số", v(raw)),
            ),
            TooLarge { raw, .. } => say!(lang,
                en: format!("{} is too large to be a finite number", v(raw)),
                vi: format!("{} quá lớn, không phải là số hữu hạn", v(raw)),
            ),
            ThousandsSeparator { raw, decimal } => say!(lang,
                en: format!(
                    "{} looks like it has a thousands separator; write the number without one, with \"{decimal}\" \
                     as the decimal separator",
                    v(raw)
                ),
                vi: format!(
                    "{} có vẻ có dấu phân cách hàng nghìn; hãy viết số không có dấu đó, dùng \"{decimal}\" làm dấu \
                     thập phân",
                    v(raw)
                ),
            ),
            AmbiguousDecimal { raw } => say!(lang,
                en: format!(
                    "{} could be a decimal or a thousand written with a separator, and no other value in the file \
                     tells which mark is the decimal one; give --decimal . or --decimal ,",
                    v(raw)
                ),
                vi: format!(
                    "{} có thể là số thập phân hoặc số hàng nghìn có dấu phân cách, và không giá trị nào khác trong \
                     tệp cho biết dấu nào là dấu thập phân; hãy dùng --decimal . hoặc --decimal ,",
                    v(raw)
                ),
            ),
            MixedDecimal {
                raw,
                mark,
                line,
                other,
            } => say!(lang,
                en: format!(
                    "{} has \"{mark}\" as its decimal mark, but line {line} has the other one ({}); a file must use \
                     one decimal mark",
                    v(raw),
                    v(other)
                ),
                vi: format!(
                    "{} dùng \"{mark}\" làm dấu thập phân, nhưng dòng {line} dùng dấu kia ({}); một tệp chỉ được \
                     dùng một dấu thập phân",
                    v(raw),
                    v(other)
                ),
            ),
            NotARank { raw } => say!(lang,
                en: format!("{} is not a rank; expected a whole number of 1 or more", v(raw)),
                vi: format!("{} không phải là thứ hạng; cần một số nguyên từ 1 trở lên", v(raw)),
            ),
            OutsidePercent { raw } => say!(lang,
                en: format!("{} is outside 0-100, the range of a percentage", v(raw)),
                vi: format!("{} nằm ngoài 0-100, khoảng giá trị của một tỷ lệ phần trăm", v(raw)),
            ),
            UnitMismatch {
                unit,
                symbol,
                fraction,
            } => say!(lang,
                en: format!(
                    "unit {} contradicts the indicator's unit \"{symbol}\"{}",
                    v(unit),
                    if *fraction {
                        "; a fraction such as 0.875 must be written as the percentage 87.5"
                    } else {
                        ""
                    }
                ),
                vi: format!(
                    "đơn vị {} mâu thuẫn với đơn vị \"{symbol}\" của chỉ tiêu{}",
                    v(unit),
                    if *fraction {
                        "; một tỷ lệ như 0.875 phải được viết thành phần trăm 87.5"
                    } else {
                        ""
                    }
                ),
            ),
            BreakdownNotAllowed { breakdown, id } => say!(lang,
                en: format!("breakdown {} given, but {id} has no breakdown; leave it empty", v(breakdown)),
                vi: format!("có phân tổ {}, nhưng {id} không có phân tổ; hãy để trống", v(breakdown)),
            ),
            BreakdownMissing { id, members } => say!(lang,
                en: format!(
                    "{id} has a target for each of {}; breakdown must name one of them",
                    members.join(", ")
                ),
                vi: format!(
                    "{id} có mục tiêu riêng cho từng đối tượng {}; cột breakdown phải ghi một trong số đó",
                    members.join(", ")
                ),
            ),
            BreakdownMissingEach {
                id,
                each_en,
                each_vi,
            } => say!(lang,
                en: format!("{id} has a target for each {each_en}; breakdown must name it"),
                vi: format!("{id} có mục tiêu cho từng {each_vi}; cột breakdown phải ghi rõ"),
            ),
            UnknownMember {
                breakdown,
                id,
                members,
            } => say!(lang,
                en: format!(
                    "{} is not a member of {id}; expected one of: {}",
                    v(breakdown),
                    members.join(", ")
                ),
                vi: format!("{} không thuộc {id}; cần một trong: {}", v(breakdown), members.join(", ")),
            ),
            Duplicate {
                area,
                year,
                member,
                first,
            } => {
                let area = area.as_deref().map(|a| {
                    say!(lang,
                        en: format!(", area {}", shown_bare(a, lang)),
                        vi: format!(", địa bàn {}", shown_bare(a, lang)),
                    )
                });
                let member = member.as_deref().map(|m| {
                    say!(lang,
                        en: format!(", breakdown {}", shown_bare(m, lang)),
                        vi: format!(", phân tổ {}", shown_bare(m, lang)),
                    )
                });
                let (area, member) = (area.unwrap_or_default(), member.unwrap_or_default());
                let first = first.say(lang);
                say!(lang,
                    en: format!(
                        "duplicate row for this indicator{area}, year {year}{member}: already given at {first}"
                    ),
                    vi: format!("dòng trùng lặp cho chỉ tiêu này{area}, năm {year}{member}: đã có ở {first}"),
                )
            }
            // The toml crate's own text stays as it gives it (English);
            // the Vietnamese frames it.
            TargetsSyntax { text } => say!(lang,
                en: text.clone(),
                vi: format!("lỗi cú pháp TOML: {text}"),
            ),
            TargetsNotUtf8 => say!(lang,
                en: "not valid UTF-8; save the targets file as UTF-8".into(),
                vi: "không phải UTF-8 hợp lệ; hãy lưu tệp mục tiêu dạng UTF-8".into(),
            ),
            IdTooLong { chars, max } => say!(lang,
                en: format!("id is {chars} characters long; at most {max} are allowed"),
                vi: format!("mã dài {chars} ký tự; tối đa {max} ký tự"),
            ),
            EmptyId => say!(lang,
                en: "the id is empty".into(),
                vi: "mã để trống".into(),
            ),
            IdBlanks { id } => say!(lang,
                en: format!("id {} has blanks around it; write it without them", v(id)),
                vi: format!("mã {} có khoảng trắng ở đầu hoặc cuối; hãy bỏ chúng", v(id)),
            ),
            DuplicateIndicatorForm { id } => say!(lang,
                en: format!(
                    "duplicate indicator id \"{id}\": the same id is written earlier with its accents in another \
                     Unicode form"
                ),
                vi: format!(
                    "trùng mã chỉ tiêu \"{id}\": mã này đã được viết trước đó với dấu ở dạng Unicode khác"
                ),
            ),
            RankTarget { spec } => say!(lang,
                en: format!("\"{spec}\" is not a rank target; a rank is a whole number of 1 or more"),
                vi: format!("\"{spec}\" không phải là mục tiêu thứ hạng; thứ hạng là số nguyên từ 1 trở lên"),
            ),
            TargetBeforeAdoption { year, adoption } => say!(lang,
                en: format!("target year {year} is before the resolution's adoption in {adoption}"),
                vi: format!("năm mục tiêu {year} trước năm ban hành nghị quyết {adoption}"),
            ),
            UnknownAggregate { given } => say!(lang,
                en: format!("aggregate \"{given}\" is not a rule; expected ratio, weighted, sum or none"),
                vi: format!("aggregate \"{given}\" không phải là quy tắc; cần ratio, weighted, sum hoặc none"),
            ),
            WeightMissing => say!(lang,
                en: "aggregate = \"weighted\" needs a weight: a column (denominator, weight) or an indicator id".into(),
                vi: "aggregate = \"weighted\" cần weight: một cột (denominator, weight) hoặc mã chỉ tiêu".into(),
            ),
            WeightUnused { aggregate } => say!(lang,
                en: format!("a weight is only for aggregate = \"weighted\", not \"{aggregate}\""),
                vi: format!("weight chỉ dùng với aggregate = \"weighted\", không dùng với \"{aggregate}\""),
            ),
            UnknownWeight { weight } => say!(lang,
                en: format!("weight \"{weight}\" is neither a column (denominator, weight) nor another indicator of this file"),
                vi: format!("weight \"{weight}\" không phải là cột (denominator, weight) cũng không phải chỉ tiêu khác của tệp này"),
            ),
            RankAggregate { aggregate } => say!(lang,
                en: format!("a rank cannot be combined across areas (aggregate \"{aggregate}\"); write aggregate = \"none\""),
                vi: format!("không thể gộp thứ hạng của nhiều địa bàn (aggregate \"{aggregate}\"); hãy ghi aggregate = \"none\""),
            ),
            MemberLabels { labels, members } => say!(lang,
                en: format!("members_vi has {labels} labels for {members} members; give one per member, in the same order"),
                vi: format!("members_vi có {labels} tên cho {members} thành phần; cần một tên cho mỗi thành phần, cùng thứ tự"),
            ),
            DuplicatePillar { id } => say!(lang,
                en: format!("duplicate pillar id \"{id}\""),
                vi: format!("trùng mã trụ cột \"{id}\""),
            ),
            DuplicateIndicator { id } => say!(lang,
                en: format!("duplicate indicator id \"{id}\""),
                vi: format!("trùng mã chỉ tiêu \"{id}\""),
            ),
            UnknownPillar { pillar, known } => say!(lang,
                en: format!("unknown pillar \"{pillar}\" (known: {known})"),
                vi: format!("không có trụ cột \"{pillar}\" (các trụ cột: {known})"),
            ),
            NotADate { adopted } => say!(lang,
                en: format!("\"{adopted}\" is not a date; expected YYYY-MM-DD"),
                vi: format!("\"{adopted}\" không phải là ngày; cần dạng YYYY-MM-DD"),
            ),
            EmptyName => say!(lang,
                en: "indicator name is empty".into(),
                vi: "tên chỉ tiêu để trống".into(),
            ),
            UnknownUnit { unit } => say!(lang,
                en: format!("unknown unit \"{unit}\"; expected \"%\", \"%/year\", \"rank\" or \"number\""),
                vi: format!("không có đơn vị \"{unit}\"; cần \"%\", \"%/year\", \"rank\" hoặc \"number\""),
            ),
            MembersWithoutEach => say!(lang,
                en: "members are listed but each_vi/each_en (what they are members of) is missing".into(),
                vi: "có liệt kê members nhưng thiếu each_vi/each_en (các thành phần đó thuộc loại gì)".into(),
            ),
            DuplicateMember { member } => say!(lang,
                en: format!("duplicate member \"{member}\""),
                vi: format!("trùng thành phần \"{member}\""),
            ),
            BaselineYear { year } => say!(lang,
                en: format!("baseline year {year} is not a four-digit year"),
                vi: format!("năm cơ sở {year} không phải là năm có bốn chữ số"),
            ),
            BaselineValue { value } => say!(lang,
                en: format!("baseline value {value} is not a finite number"),
                vi: format!("giá trị cơ sở {value} không phải là số hữu hạn"),
            ),
            NoTargets => say!(lang,
                en: "no targets; expected e.g. { 2025 = \">= 80\" }".into(),
                vi: "chưa có mục tiêu nào; cần dạng { 2025 = \">= 80\" }".into(),
            ),
            TargetYear { raw } => say!(lang,
                en: format!("target year \"{raw}\" is not a four-digit year"),
                vi: format!("năm mục tiêu \"{raw}\" không phải là năm có bốn chữ số"),
            ),
            BadComparison { spec } => say!(lang,
                en: format!("\"{spec}\" has no valid comparison; {}", target_example(lang)),
                vi: format!("\"{spec}\" không có phép so sánh hợp lệ; {}", target_example(lang)),
            ),
            BadTargetNumber { spec } => say!(lang,
                en: format!("\"{spec}\" has no valid number; {}", target_example(lang)),
                vi: format!("\"{spec}\" không có số hợp lệ; {}", target_example(lang)),
            ),
        }
    }
}

impl WorkbookFault {
    fn say(&self, lang: Lang) -> String {
        match self {
            WorkbookFault::CannotOpen(e) => say!(lang,
                en: format!("cannot read the workbook (is it really an .xlsx, .xls or .ods file?): {e}"),
                vi: format!("không đọc được sổ tính (có thật là tệp .xlsx, .xls hoặc .ods không?): {e}"),
            ),
            WorkbookFault::NoSheet { wanted, names } => say!(lang,
                en: format!("no sheet named \"{wanted}\"; the workbook has: {}", names.join(", ")),
                vi: format!("không có trang tính tên \"{wanted}\"; sổ tính có: {}", names.join(", ")),
            ),
            WorkbookFault::NoSheets => say!(lang,
                en: "the workbook has no sheet".into(),
                vi: "sổ tính không có trang tính nào".into(),
            ),
            WorkbookFault::CannotReadSheet { name, reason } => say!(lang,
                en: format!("cannot read sheet \"{name}\": {}", reason.say(lang)),
                vi: format!("không đọc được trang tính \"{name}\": {}", reason.say(lang)),
            ),
            WorkbookFault::Damaged => say!(lang,
                en: "the workbook is damaged and cannot be read; open it in a spreadsheet program and save it again"
                    .into(),
                vi: "sổ tính bị hỏng và không đọc được; hãy mở nó bằng chương trình bảng tính và lưu lại".into(),
            ),
        }
    }
}

/// How a target is written, for the targets-file messages.
fn target_example(lang: Lang) -> &'static str {
    say!(lang,
        en: "expected a comparison and a number, e.g. \">= 80\", \"> 80\" or \"<= 20\"",
        vi: "cần một phép so sánh và một số, ví dụ \">= 80\", \"> 80\" hoặc \"<= 20\"",
    )
}

/// The raw text of a field for a message, in «», shortened past 40
/// characters (the text may itself hold quotes).
fn excerpt(raw: &str) -> String {
    let short: String = raw.chars().take(40).collect();
    if short.len() < raw.len() {
        format!("«{short}…»")
    } else {
        format!("«{short}»")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_fields_are_shortened_in_quote_messages() {
        assert_eq!(excerpt(&"x".repeat(50)), format!("«{}…»", "x".repeat(40)));
        assert_eq!(excerpt("ab"), "«ab»");
    }

    #[test]
    fn a_duplicate_names_the_first_place_in_the_language() {
        let p = Problem::Duplicate {
            area: Some("A".into()),
            year: 2024,
            member: Some("households".into()),
            first: FirstPlace::Line(2),
        };
        assert_eq!(
            p.say(Lang::En),
            "duplicate row for this indicator, area A, year 2024, breakdown households: already given at line 2"
        );
        assert_eq!(
            p.say(Lang::Vi),
            "dòng trùng lặp cho chỉ tiêu này, địa bàn A, năm 2024, phân tổ households: đã có ở dòng 2"
        );
    }
}
