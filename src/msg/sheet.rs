//! Words of the Excel workbooks (`--format xlsx`): sheet names, column
//! headings and labels, in both languages. Status words, progress-class
//! labels, pillar and indicator names are those every human format uses
//! (`report::text`, `progress::class`, the targets file).

use crate::lang::Lang;
use crate::say;
use crate::targets::Unit;

/// A worksheet named by the program (pillar sheets take the pillar's name).
/// Each name is a valid Excel sheet name: at most 31 characters, none of
/// `[ ] : * ? / \`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// Pillar summaries per target year, with title and sources.
    Summary,
    /// The resolution's targets.
    Targets,
    /// One row per area, pillar and target year.
    Areas,
    /// Title, sources and as-of year of a per-area workbook.
    About,
}

impl Sheet {
    /// Every sheet, for tests of the names.
    pub const ALL: [Sheet; 4] = [Sheet::Summary, Sheet::Targets, Sheet::Areas, Sheet::About];

    /// The sheet's name in `lang`.
    pub fn say(self, lang: Lang) -> &'static str {
        match self {
            Sheet::Summary => say!(lang, en: "Summary", vi: "Tổng hợp"),
            Sheet::Targets => say!(lang, en: "Targets", vi: "Mục tiêu"),
            Sheet::Areas => say!(lang, en: "Areas", vi: "Địa bàn"),
            Sheet::About => say!(lang, en: "About", vi: "Thông tin"),
        }
    }
}

/// A column heading of a workbook table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The pillar's name.
    Pillar,
    /// Indicators with a target that year.
    WithTarget,
    /// Of those, indicators with data.
    WithData,
    /// Of those, indicators met.
    Met,
    /// Mean attainment of indicators with data, each capped at 100 %.
    MeanAttainment,
    /// Resolution items all of whose indicators are met.
    ItemsMet,
    /// Resolution items with a target.
    Items,
    /// The indicator's id.
    Indicator,
    /// The indicator's name.
    Name,
    /// The indicator's unit.
    Unit,
    /// The year the target is due.
    TargetYear,
    /// `≥`, `>`, `≤` or `<`.
    Comparison,
    /// The target value.
    Target,
    /// The figure used.
    Actual,
    /// The year of that figure.
    ActualYear,
    /// Attainment, as a percentage.
    Attainment,
    /// Still to go, in the indicator's unit.
    Gap,
    /// Met, not met, no data...
    Status,
    /// For per-member targets, the member with the worst figure.
    WorstMember,
    /// Declared members without a figure.
    MissingMembers,
    /// The primary method's progress class.
    Progress,
    /// The area, as written in the data.
    Area,
    /// Mean of the pillar means of an area.
    Score,
    /// Rank of an area by score.
    Rank,
}

impl Column {
    /// The heading in `lang`.
    pub fn say(self, lang: Lang) -> &'static str {
        use Column::*;
        match self {
            Pillar => say!(lang, en: "Pillar", vi: "Trụ cột"),
            WithTarget => say!(lang, en: "With target", vi: "Có mục tiêu"),
            WithData => say!(lang, en: "With data", vi: "Có số liệu"),
            Met => say!(lang, en: "Met", vi: "Đạt"),
            MeanAttainment => say!(lang, en: "Mean attained", vi: "Mức đạt TB"),
            ItemsMet => say!(lang, en: "Items met", vi: "Mục tiêu NQ đạt"),
            Items => say!(lang, en: "Items", vi: "Mục tiêu NQ"),
            Indicator => say!(lang, en: "Indicator", vi: "Mã chỉ tiêu"),
            Name => say!(lang, en: "Name", vi: "Tên chỉ tiêu"),
            Unit => say!(lang, en: "Unit", vi: "Đơn vị"),
            TargetYear => say!(lang, en: "Target year", vi: "Năm mục tiêu"),
            Comparison => say!(lang, en: "Comparison", vi: "So sánh"),
            Target => say!(lang, en: "Target", vi: "Mục tiêu"),
            Actual => say!(lang, en: "Actual", vi: "Thực hiện"),
            ActualYear => say!(lang, en: "Year of actual", vi: "Năm số liệu"),
            Attainment => say!(lang, en: "Attained", vi: "Mức đạt"),
            Gap => say!(lang, en: "Gap", vi: "Còn thiếu"),
            Status => say!(lang, en: "Status", vi: "Trạng thái"),
            WorstMember => say!(lang, en: "Worst member", vi: "Thành phần thấp nhất"),
            MissingMembers => say!(lang, en: "Missing members", vi: "Thành phần thiếu"),
            Progress => say!(lang, en: "Progress", vi: "Tiến độ"),
            Area => say!(lang, en: "Area", vi: "Địa bàn"),
            Score => say!(lang, en: "Score", vi: "Điểm"),
            Rank => say!(lang, en: "Rank", vi: "Hạng"),
        }
    }
}

/// A label before a value on the summary or about sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Who issued the resolution.
    Issuer,
    /// The adoption date.
    Adopted,
    /// The data files read.
    DataFiles,
    /// The year figures are used up to.
    AsOf,
    /// The target years assessed.
    TargetYears,
    /// In place of the as-of year when there is no figure at all.
    NoData,
}

impl Label {
    /// The label in `lang`.
    pub fn say(self, lang: Lang) -> &'static str {
        match self {
            Label::Issuer => say!(lang, en: "Issued by", vi: "Cơ quan ban hành"),
            Label::Adopted => say!(lang, en: "Adopted", vi: "Ngày ban hành"),
            Label::DataFiles => say!(lang, en: "Data files", vi: "Tệp số liệu"),
            Label::AsOf => say!(lang, en: "Figures as of", vi: "Số liệu tính đến năm"),
            Label::TargetYears => say!(lang, en: "Target years", vi: "Năm mục tiêu"),
            Label::NoData => say!(lang, en: "no data", vi: "không có số liệu"),
        }
    }
}

/// The heading of one target year's summary table: "Targets for 2025".
pub fn targets_for(lang: Lang, year: i32) -> String {
    say!(lang,
        en: format!("Targets for {year}"),
        vi: format!("Mục tiêu năm {year}"),
    )
}

/// An indicator's unit in words.
pub fn unit(lang: Lang, unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "%",
        Unit::PercentPerYear => say!(lang, en: "%/year", vi: "%/năm"),
        Unit::Rank => say!(lang, en: "rank", vi: "thứ hạng"),
        Unit::Number => say!(lang, en: "number", vi: "số"),
    }
}
