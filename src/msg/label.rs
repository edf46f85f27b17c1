//! Labels, headings, legends and sentences of the human reports (terminal
//! table, Markdown, HTML, `--by area` and `dtcalc check`), in both
//! languages.
//!
//! Fixed words are [`Label`]s; words around a number or a name are
//! [`Heading`]s and [`Phrase`]s; the legends under a report are
//! [`Legend`]s; `dtcalc check` speaks in [`CheckLine`]s. Units and dates
//! follow the language ([`with_unit`], [`date`]). Names that come from the
//! targets file are data and are not here.

use crate::calc::Status;
use crate::lang::Lang;
use crate::say;
use crate::targets::Unit;

/// A fixed word or label of the human reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The language tag of an HTML page (`<html lang="…">`).
    LangTag,
    /// Column: the indicator.
    Indicator,
    /// Column: the year of the figure.
    Year,
    /// Column: the figure.
    Actual,
    /// Column: the target.
    Target,
    /// Column: the attainment.
    Attained,
    /// Column: the gap.
    Gap,
    /// Column: the status.
    Status,
    /// Column: the pillar.
    Pillar,
    /// Column: indicators with a target.
    WithTarget,
    /// Column: indicators with a figure.
    WithData,
    /// Column: indicators met.
    Met,
    /// Column: the mean attainment.
    MeanAttained,
    /// Column: items of the resolution met.
    ItemsMet,
    /// Column of the headline: met out of those with a target.
    MetOfWithTarget,
    /// Column of the headline: the indicators furthest from their target.
    FurthestFromTarget,
    /// The total over every pillar.
    AllPillars,
    /// Heading of the summaries.
    Summary,
    /// Where the as-of year would be, when there is no figure at all.
    NoData,
    /// Before the worst member of a per-member indicator.
    Worst,
    /// Before the members without a figure.
    Missing,
    /// Before a year list of a yearly target missed.
    ShortIn,
    /// HTML title block: the resolution.
    Resolution,
    /// HTML title block: the as-of year.
    FiguresAsOf,
    /// HTML title block: the data files.
    DataFiles,
    /// Progress column: baseline over latest figure (two lines).
    BaselineLatest,
    /// Progress column: required over observed pace (two lines).
    RequiredObserved,
    /// Progress column and title.
    Progress,
    /// Title of the progress class counts.
    ProgressByClass,
    /// A baseline taken from the targets file.
    FromTargetsFile,
    /// A baseline from the latest figure before adoption.
    BeforeAdoption,
    /// A baseline from the earliest figure after adoption.
    AfterAdoption,
    /// The pace a yearly target requires.
    EveryYear,
    /// Before a progress score.
    Score,
    /// `--by area`: the rank column.
    Rank,
    /// `--by area`: the area column.
    Area,
    /// `--by area`: the score column.
    AreaScore,
}

impl Label {
    /// The label in `lang`.
    pub fn say(self, lang: Lang) -> &'static str {
        match self {
            Label::LangTag => say!(lang, en: "en", vi: "vi"),
            Label::Indicator => say!(lang, en: "Indicator", vi: "Chỉ tiêu"),
            Label::Year => say!(lang, en: "Year", vi: "Năm"),
            Label::Actual => say!(lang, en: "Actual", vi: "Thực hiện"),
            Label::Target => say!(lang, en: "Target", vi: "Mục tiêu"),
            Label::Attained => say!(lang, en: "Attained", vi: "Mức đạt"),
            Label::Gap => say!(lang, en: "Gap", vi: "Còn thiếu"),
            Label::Status => say!(lang, en: "Status", vi: "Trạng thái"),
            Label::Pillar => say!(lang, en: "Pillar", vi: "Trụ cột"),
            Label::WithTarget => say!(lang, en: "With target", vi: "Có mục tiêu"),
            Label::WithData => say!(lang, en: "With data", vi: "Có số liệu"),
            Label::Met => say!(lang, en: "Met", vi: "Đạt"),
            Label::MeanAttained => say!(lang, en: "Mean attained", vi: "Mức đạt TB"),
            Label::ItemsMet => say!(lang, en: "Items met", vi: "Mục tiêu NQ đạt"),
            Label::MetOfWithTarget => say!(lang, en: "Met / with target", vi: "Đạt / có mục tiêu"),
            Label::FurthestFromTarget => {
                say!(lang, en: "Furthest from target", vi: "Xa mục tiêu nhất")
            }
            Label::AllPillars => say!(lang, en: "All pillars", vi: "Tất cả trụ cột"),
            Label::Summary => say!(lang, en: "Summary", vi: "Tổng hợp"),
            Label::NoData => say!(lang, en: "no data", vi: "không có số liệu"),
            Label::Worst => say!(lang, en: "worst:", vi: "thấp nhất:"),
            Label::Missing => say!(lang, en: "missing:", vi: "thiếu:"),
            Label::ShortIn => say!(lang, en: "short in:", vi: "năm không đạt:"),
            Label::Resolution => say!(lang, en: "Resolution", vi: "Nghị quyết"),
            Label::FiguresAsOf => say!(lang, en: "Figures as of", vi: "Tính đến năm"),
            Label::DataFiles => say!(lang, en: "Data files", vi: "Số liệu"),
            Label::BaselineLatest => say!(lang, en: "Baseline\nLatest", vi: "Gốc\nMới nhất"),
            Label::RequiredObserved => {
                say!(lang, en: "Required\nObserved", vi: "Cần đạt\nThực tế")
            }
            Label::Progress => say!(lang, en: "Progress", vi: "Tiến độ"),
            Label::ProgressByClass => say!(lang, en: "Progress by class", vi: "Tiến độ theo nhóm"),
            Label::FromTargetsFile => say!(lang, en: "(targets file)", vi: "(tệp mục tiêu)"),
            Label::BeforeAdoption => {
                say!(lang, en: "(before adoption)", vi: "(trước năm ban hành)")
            }
            Label::AfterAdoption => say!(lang, en: "(after adoption)", vi: "(sau năm ban hành)"),
            Label::EveryYear => say!(lang, en: "every year", vi: "mỗi năm"),
            Label::Score => say!(lang, en: "score", vi: "điểm"),
            Label::Rank => say!(lang, en: "Rank", vi: "Hạng"),
            Label::Area => say!(lang, en: "Area", vi: "Địa bàn"),
            Label::AreaScore => say!(lang, en: "Score", vi: "Điểm"),
        }
    }
}

/// The status of a result in words.
pub fn status(lang: Lang, s: Status) -> &'static str {
    match s {
        Status::Met => say!(lang, en: "met", vi: "đạt"),
        Status::NotMet => say!(lang, en: "not met", vi: "chưa đạt"),
        Status::Incomplete => say!(lang, en: "incomplete", vi: "thiếu thành phần"),
        Status::NoData => say!(lang, en: "no data", vi: "chưa có số liệu"),
        Status::NoTarget => say!(lang, en: "no target", vi: "không có mục tiêu"),
    }
}

/// A number already in `lang`'s style with its unit: `87.5%` / `87,5 %`,
/// `7.3%/yr` / `7,3 %/năm`; ranks and plain numbers bare.
pub fn with_unit(lang: Lang, unit: Unit, n: &str) -> String {
    match unit {
        Unit::Percent => say!(lang, en: format!("{n}%"), vi: format!("{n} %")),
        Unit::PercentPerYear => say!(lang, en: format!("{n}%/yr"), vi: format!("{n} %/năm")),
        Unit::Rank | Unit::Number => n.to_string(),
    }
}

/// What follows a pace in the indicator's unit per year: ` pp/yr` for
/// percentages (percentage points), `/yr` otherwise.
pub fn per_year(lang: Lang, unit: Unit) -> &'static str {
    match unit {
        Unit::Percent | Unit::PercentPerYear => say!(lang, en: " pp/yr", vi: " điểm %/năm"),
        Unit::Rank | Unit::Number => say!(lang, en: "/yr", vi: "/năm"),
    }
}

/// A date of the targets file (`YYYY-MM-DD`) as the language writes it:
/// `2022-03-18` in English, `18/03/2022` in Vietnamese. Anything else is
/// shown as written.
pub fn date(lang: Lang, iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => say!(lang,
            en: iso.to_string(),
            vi: format!("{d}/{m}/{y}"),
        ),
        _ => iso.to_string(),
    }
}

/// A heading with a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading<'a> {
    /// `Targets for 2025`.
    TargetsFor(i32),
    /// `At a glance · targets for 2025`.
    AtAGlance(i32),
    /// `Progress by class · 2025 · Statistics Canada / Open SDG`.
    ProgressByClass(i32, &'a str),
    /// `--by area`: `Areas, targets for 2025`.
    AreasFor(i32),
    /// Progress column: `Projected 2025`.
    Projected(i32),
}

impl Heading<'_> {
    /// The heading in `lang`.
    pub fn say(self, lang: Lang) -> String {
        match self {
            Heading::TargetsFor(y) => say!(lang,
                en: format!("Targets for {y}"),
                vi: format!("Mục tiêu năm {y}"),
            ),
            Heading::AtAGlance(y) => say!(lang,
                en: format!("At a glance · targets for {y}"),
                vi: format!("Tóm tắt · mục tiêu năm {y}"),
            ),
            Heading::ProgressByClass(y, method) => {
                format!("{} · {y} · {method}", Label::ProgressByClass.say(lang))
            }
            Heading::AreasFor(y) => say!(lang,
                en: format!("Areas, targets for {y}"),
                vi: format!("Các địa bàn, mục tiêu năm {y}"),
            ),
            Heading::Projected(y) => say!(lang,
                en: format!("Projected {y}"),
                vi: format!("Dự báo {y}"),
            ),
        }
    }
}

/// A phrase around figures or names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrase<'a> {
    /// Under the title: adoption date (already in the language's style),
    /// data files, as-of year (`None`: no figure at all).
    Provenance {
        adopted: &'a str,
        files: &'a str,
        as_of: Option<i32>,
    },
    /// Under the `--by area` title: data files and as-of year.
    AreaProvenance { files: &'a str, as_of: Option<i32> },
    /// Under an indicator table: an indicator without a target that year.
    Untargeted {
        year: i32,
        name: &'a str,
        id: &'a str,
    },
    /// A per-member indicator: what its target applies to.
    AppliesToEach(&'a str),
    /// A strict target reached but not passed: the value it must exceed.
    MustExceed(&'a str),
    /// A strict target reached but not passed: the value it must be below.
    MustBeBelow(&'a str),
    /// The chart's target line: `target 100%`.
    TargetLine(&'a str),
    /// A rolled-up figure: how many of its areas gave it, and the share of
    /// the denominator they hold (already in the language's style).
    Coverage {
        areas: u32,
        of: u32,
        share: Option<&'a str>,
    },
}

impl Phrase<'_> {
    /// The phrase in `lang`.
    pub fn say(self, lang: Lang) -> String {
        let as_of =
            |y: Option<i32>| y.map_or_else(|| Label::NoData.say(lang).into(), |y| y.to_string());
        match self {
            Phrase::Provenance {
                adopted,
                files,
                as_of: y,
            } => {
                let y = as_of(y);
                say!(lang,
                    en: format!("Adopted {adopted} · data: {files} · figures as of {y}"),
                    vi: format!("Ban hành {adopted} · số liệu: {files} · tính đến năm {y}"),
                )
            }
            Phrase::AreaProvenance { files, as_of: y } => {
                let y = as_of(y);
                say!(lang,
                    en: format!("Data: {files} · figures as of {y}"),
                    vi: format!("Số liệu: {files} · tính đến năm {y}"),
                )
            }
            Phrase::Untargeted { year, name, id } => say!(lang,
                en: format!("No target in the resolution for {year}: {name} ({id})"),
                vi: format!("Nghị quyết không đặt mục tiêu năm {year}: {name} ({id})"),
            ),
            Phrase::AppliesToEach(what) => say!(lang,
                en: format!("applies to each: {what}"),
                vi: format!("áp dụng cho từng: {what}"),
            ),
            Phrase::MustExceed(v) => say!(lang,
                en: format!("must exceed {v}"),
                vi: format!("phải trên {v}"),
            ),
            Phrase::MustBeBelow(v) => say!(lang,
                en: format!("must be below {v}"),
                vi: format!("phải dưới {v}"),
            ),
            Phrase::TargetLine(v) => say!(lang,
                en: format!("target {v}"),
                vi: format!("mục tiêu {v}"),
            ),
            Phrase::Coverage { areas, of, share } => {
                let share =
                    |words: &str| share.map(|s| format!(", {s} {words}")).unwrap_or_default();
                say!(lang,
                    en: format!("from {areas} of {of} areas{}", share("of the denominator")),
                    vi: format!("từ {areas}/{of} địa bàn{}", share("mẫu số")),
                )
            }
        }
    }
}

/// A sentence of the legends under a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legend<'a> {
    /// What the terminal's bars mean; `over` marks an attainment above 100 %.
    Bars { over: char },
    /// What the HTML charts mean; `over` marks a bar cut at 120 %.
    Charts { over: char },
    /// What the colours mean; `close` is the close threshold, in the
    /// language's style (`90`).
    Colours { close: &'a str },
    /// What the gap means.
    Gap,
    /// What the mean attainment means.
    Mean,
    /// `--by area`: what a pillar cell means.
    AreaPillars,
    /// `--by area`: what the score and rank mean.
    AreaScore,
}

impl Legend<'_> {
    /// The sentence in `lang`.
    pub fn say(self, lang: Lang) -> String {
        match self {
            Legend::Bars { over } => say!(lang,
                en: format!("Bar: attainment, full = 100%, {over} = above 100%."),
                vi: format!("Thanh: mức đạt, đầy thanh = 100 %, {over} = vượt 100 %."),
            ),
            Legend::Charts { over } => say!(lang,
                en: format!("Charts: attainment of each indicator; the dashed line is the target (100%); bars longer than 120% are cut at 120% and marked {over}."),
                vi: format!("Biểu đồ: mức đạt của từng chỉ tiêu; vạch đứt là mục tiêu (100 %); thanh dài hơn 120 % được cắt ở 120 % và đánh dấu {over}."),
            ),
            Legend::Colours { close } => say!(lang,
                en: format!("Colour: green = met, yellow = not met but at least {close}% attained, red = below {close}%, dim/grey = no data."),
                vi: format!("Màu: xanh lá = đạt, vàng = chưa đạt nhưng mức đạt từ {close} % trở lên, đỏ = mức đạt dưới {close} %, mờ/xám = chưa có số liệu."),
            ),
            Legend::Gap => say!(lang,
                en: "Gap: still to go, in the indicator's unit (percentage points for %); zero or negative = reached.",
                vi: "Còn thiếu: phần còn phải đạt, theo đơn vị của chỉ tiêu (điểm phần trăm với %); bằng 0 hoặc âm là đã đạt.",
            )
            .to_string(),
            Legend::Mean => say!(lang,
                en: "Mean attained: mean attainment of indicators with data, each capped at 100%.",
                vi: "Mức đạt TB: trung bình mức đạt của các chỉ tiêu có số liệu, mỗi chỉ tiêu tính tối đa 100 %.",
            )
            .to_string(),
            Legend::AreaPillars => say!(lang,
                en: "Per pillar: indicators met / with a target · mean attainment of indicators with data, each capped at 100%.",
                vi: "Mỗi trụ cột: số chỉ tiêu đạt / có mục tiêu · mức đạt trung bình (mỗi chỉ tiêu tối đa 100 %) của các chỉ tiêu có số liệu.",
            )
            .to_string(),
            Legend::AreaScore => say!(lang,
                en: "Score: mean of the pillar means (pillars with data); equal scores share a rank.",
                vi: "Điểm: trung bình mức đạt của các trụ cột có số liệu; điểm bằng nhau cùng hạng.",
            )
            .to_string(),
        }
    }
}

/// A line of `dtcalc check`'s text output, or a part of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckLine<'a> {
    /// An indicator that fails, with its reasons joined.
    Fail { id: &'a str, reasons: &'a str },
    /// `--by area`: an area that fails; `ids` names the failing indicators.
    AreaFails {
        area: &'a str,
        failed: usize,
        checked: usize,
        ids: &'a str,
    },
    /// The summary: every indicator passes the requirement `req`.
    AllPass { n: usize, req: &'a str },
    /// The summary: some indicators fail.
    SomeFail {
        failed: usize,
        n: usize,
        req: &'a str,
    },
    /// `--by area` summary: every area passes.
    AreasPass { n: usize, req: &'a str },
    /// `--by area` summary: some areas fail.
    AreasFail {
        failed: usize,
        n: usize,
        req: &'a str,
    },
    /// After the summary: indicators without data allowed by
    /// `--allow-missing`.
    Excused(usize),
    /// Reason: no figure for the target year.
    NeedData { year: i32 },
    /// Reason: the target is not met; `is` says what the figure is.
    NeedMet { target: &'a str, is: &'a str },
    /// Reason: the progress class is below the floor asked for.
    NeedClass {
        floor: &'a str,
        year: i32,
        method: &'a str,
        class: &'a str,
        why: &'a str,
    },
    /// Reason: the attainment is below the minimum asked for.
    NeedAttainment { min: &'a str, is: &'a str },
    /// Reason: some figures are missing; which, or how many areas gave it.
    NeedComplete { missing: &'a str },
    /// A figure and its year: `93.6% in 2024`.
    FigureIn { value: &'a str, year: i32 },
    /// Where a figure would be.
    NoFigure,
    /// An attainment that cannot be computed.
    Undefined,
    /// After a status: the members without a figure.
    Missing(&'a str),
    /// After a status or a class: the worst member.
    Worst(&'a str),
    /// Why a class: the years a yearly target was missed.
    ShortIn(&'a str),
    /// The requirement: the target year.
    TargetYear(i32),
    /// The requirement: the progress class asked for.
    Require(&'a str),
    /// The requirement: the minimum attainment, in %.
    MinAttainment(&'a str),
    /// The unit after a figure in `%/year`.
    PerYear,
}

impl CheckLine<'_> {
    /// The text in `lang`.
    pub fn say(self, lang: Lang) -> String {
        let indicators = |n: usize| if n == 1 { "indicator" } else { "indicators" };
        let areas = |n: usize| if n == 1 { "area" } else { "areas" };
        match self {
            CheckLine::Fail { id, reasons } => say!(lang,
                en: format!("FAIL {id}: {reasons}"),
                vi: format!("KHÔNG ĐẠT {id}: {reasons}"),
            ),
            CheckLine::AreaFails {
                area,
                failed,
                checked,
                ids,
            } => say!(lang,
                en: format!("FAIL {area}: {failed} of {checked} indicators fail ({ids})"),
                vi: format!("KHÔNG ĐẠT {area}: {failed}/{checked} chỉ tiêu không đạt ({ids})"),
            ),
            CheckLine::AllPass { n, req } => say!(lang,
                en: format!("check: all {n} {} pass ({req})", indicators(n)),
                vi: format!("check: cả {n} chỉ tiêu đều đạt ({req})"),
            ),
            CheckLine::SomeFail { failed, n, req } => say!(lang,
                en: format!("check: {failed} of {n} {} fail ({req})", indicators(n)),
                vi: format!("check: {failed}/{n} chỉ tiêu không đạt ({req})"),
            ),
            CheckLine::AreasPass { n, req } => say!(lang,
                en: format!("check: all {n} {} pass ({req})", areas(n)),
                vi: format!("check: cả {n} địa bàn đều đạt ({req})"),
            ),
            CheckLine::AreasFail { failed, n, req } => say!(lang,
                en: format!("check: {failed} of {n} {} fail ({req})", areas(n)),
                vi: format!("check: {failed}/{n} địa bàn không đạt ({req})"),
            ),
            CheckLine::Excused(n) => say!(lang,
                en: format!("; {n} without data allowed"),
                vi: format!("; cho phép {n} chỉ tiêu chưa có số liệu"),
            ),
            CheckLine::NeedData { year } => say!(lang,
                en: format!("required data for {year}, is no figure"),
                vi: format!("cần số liệu cho năm {year}, hiện chưa có số liệu"),
            ),
            CheckLine::NeedMet { target, is } => say!(lang,
                en: format!("required {target} (met), is {is}"),
                vi: format!("cần {target} (đạt), hiện {is}"),
            ),
            CheckLine::NeedClass {
                floor,
                year,
                method,
                class,
                why,
            } => say!(lang,
                en: format!("required {floor} or better by {year} ({method}), is {class}{why}"),
                vi: format!("cần {floor} trở lên đến năm {year} ({method}), hiện {class}{why}"),
            ),
            CheckLine::NeedComplete { missing } => say!(lang,
                en: format!("required every figure, is incomplete ({missing}); --allow-missing lets it pass"),
                vi: format!("cần đủ mọi số liệu, hiện chưa đủ ({missing}); --allow-missing cho phép bỏ qua"),
            ),
            CheckLine::NeedAttainment { min, is } => say!(lang,
                en: format!("required attainment >= {min}%, is {is}"),
                vi: format!("cần mức đạt >= {min}%, hiện {is}"),
            ),
            CheckLine::FigureIn { value, year } => say!(lang,
                en: format!("{value} in {year}"),
                vi: format!("{value} năm {year}"),
            ),
            CheckLine::NoFigure => say!(lang, en: "no figure", vi: "chưa có số liệu").into(),
            CheckLine::Undefined => say!(lang, en: "undefined", vi: "không xác định").into(),
            CheckLine::Missing(m) => say!(lang,
                en: format!(", missing: {m}"),
                vi: format!(", thiếu: {m}"),
            ),
            CheckLine::Worst(m) => say!(lang,
                en: format!("worst: {m}"),
                vi: format!("thấp nhất: {m}"),
            ),
            CheckLine::ShortIn(years) => say!(lang,
                en: format!("short in {years}"),
                vi: format!("hụt năm {years}"),
            ),
            CheckLine::TargetYear(y) => say!(lang,
                en: format!("target year {y}"),
                vi: format!("năm mục tiêu {y}"),
            ),
            CheckLine::Require(class) => say!(lang,
                en: format!("require {class}"),
                vi: format!("yêu cầu {class}"),
            ),
            CheckLine::MinAttainment(m) => say!(lang,
                en: format!("min attainment {m}%"),
                vi: format!("mức đạt tối thiểu {m}%"),
            ),
            CheckLine::PerYear => say!(lang, en: "%/year", vi: "%/năm").into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_language() {
        assert_eq!(date(Lang::Vi, "2022-03-18"), "18/03/2022");
        assert_eq!(date(Lang::En, "2022-03-18"), "2022-03-18");
        // not a date: shown as written
        assert_eq!(date(Lang::Vi, "March 2022"), "March 2022");
        assert_eq!(date(Lang::Vi, "2022-3-18"), "2022-3-18");
    }

    #[test]
    fn units_follow_the_language() {
        assert_eq!(with_unit(Lang::En, Unit::Percent, "87.5"), "87.5%");
        assert_eq!(with_unit(Lang::Vi, Unit::Percent, "87,5"), "87,5 %");
        assert_eq!(
            with_unit(Lang::Vi, Unit::PercentPerYear, "7,3"),
            "7,3 %/năm"
        );
        assert_eq!(with_unit(Lang::En, Unit::Rank, "27"), "27");
        assert_eq!(per_year(Lang::En, Unit::Percent), " pp/yr");
        assert_eq!(per_year(Lang::Vi, Unit::Rank), "/năm");
    }

    #[test]
    fn headings_carry_their_year() {
        assert_eq!(Heading::TargetsFor(2025).say(Lang::En), "Targets for 2025");
        assert_eq!(
            Heading::AtAGlance(2030).say(Lang::Vi),
            "Tóm tắt · mục tiêu năm 2030"
        );
        assert_eq!(status(Lang::Vi, Status::NoData), "chưa có số liệu");
    }
}
