//! The words of progress assessment: the name of each progress class, who
//! publishes each method, and each method's own label for a class, as its
//! source words it. The classes and methods themselves (ids, ranks) are in
//! `progress::class`.

use crate::lang::Lang;
use crate::progress::{Class, Method};
use crate::say;

impl Class {
    /// A short name in the given language.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Class::TargetAchieved => say!(lang, en: "target achieved", vi: "đã đạt mục tiêu"),
            Class::SubstantialProgress => {
                say!(lang, en: "substantial progress", vi: "tiến bộ tốt")
            }
            Class::ModerateProgress => say!(lang, en: "moderate progress", vi: "tiến bộ vừa"),
            Class::LimitedProgress => say!(lang, en: "limited progress", vi: "tiến bộ hạn chế"),
            Class::Deterioration => say!(lang, en: "deterioration", vi: "đi xuống"),
            Class::NotAvailable => say!(lang, en: "not available", vi: "không đánh giá được"),
            Class::NoData => say!(lang, en: "no data", vi: "chưa có số liệu"),
            Class::NoTarget => say!(lang, en: "no target", vi: "không có mục tiêu"),
        }
    }
}

impl Method {
    /// Who publishes the method.
    pub fn source(self, lang: Lang) -> &'static str {
        match self {
            Method::Growth => "Statistics Canada / Open SDG",
            Method::Anticipated => say!(lang,
                en: "UNSD Progress Chart 2023",
                vi: "UNSD, Progress Chart 2023",
            ),
            Method::Linear => say!(lang, en: "linear pace", vi: "tốc độ tuyến tính"),
            Method::AnnualRate => say!(lang,
                en: "annual target (Destatis)",
                vi: "mục tiêu hàng năm (Destatis)",
            ),
        }
    }

    /// The method's own label for a class, as its source words it.
    pub fn label(self, class: Class, lang: Lang) -> &'static str {
        use Class::*;
        match (self, class) {
            (_, NotAvailable | NoData | NoTarget) => class.name(lang),
            (_, TargetAchieved) => say!(lang, en: "target achieved", vi: "đã đạt"),
            (Method::Growth, SubstantialProgress) => say!(lang, en: "on track", vi: "đúng tiến độ"),
            (Method::Growth, ModerateProgress) => say!(lang,
                en: "progress made but acceleration needed",
                vi: "có tiến bộ nhưng cần tăng tốc",
            ),
            (Method::Growth, LimitedProgress) => {
                say!(lang, en: "limited progress", vi: "tiến bộ hạn chế")
            }
            (Method::Growth, Deterioration) => say!(lang, en: "deterioration", vi: "đi xuống"),
            (Method::Anticipated, SubstantialProgress) => {
                say!(lang, en: "on track", vi: "đúng tiến độ")
            }
            (Method::Anticipated, ModerateProgress) => say!(lang,
                en: "fair progress but acceleration needed",
                vi: "tiến bộ khá nhưng cần tăng tốc",
            ),
            (Method::Anticipated, LimitedProgress | Deterioration) => say!(lang,
                en: "stagnation or regression",
                vi: "đứng yên hoặc thụt lùi",
            ),
            (Method::Linear, SubstantialProgress) => say!(lang,
                en: "projection reaches target",
                vi: "dự báo đạt mục tiêu",
            ),
            (Method::Linear, ModerateProgress) => say!(lang,
                en: "pace ≥ 60% of required",
                vi: "tốc độ ≥ 60 % mức cần",
            ),
            (Method::Linear, LimitedProgress) => say!(lang,
                en: "pace < 60% of required",
                vi: "tốc độ < 60 % mức cần",
            ),
            (Method::Linear, Deterioration) => {
                say!(lang, en: "moving away", vi: "đi ngược mục tiêu")
            }
            (Method::AnnualRate, SubstantialProgress) => say!(lang,
                en: "met, but worsening",
                vi: "đạt năm gần nhất, nhưng đang giảm",
            ),
            (Method::AnnualRate, ModerateProgress) => say!(lang,
                en: "missed, improving",
                vi: "chưa đạt, đang cải thiện",
            ),
            (Method::AnnualRate, LimitedProgress) => say!(lang,
                en: "missed, no change",
                vi: "chưa đạt, không đổi",
            ),
            (Method::AnnualRate, Deterioration) => say!(lang,
                en: "missed, worsening",
                vi: "chưa đạt, đang xấu đi",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::class::ALL;

    #[test]
    fn every_class_and_label_has_both_languages() {
        for c in ALL {
            assert_ne!(c.name(Lang::En), c.name(Lang::Vi), "{c:?}");
        }
        assert_eq!(Class::NoData.name(Lang::Vi), "chưa có số liệu");
        assert_eq!(
            Method::Growth.label(Class::ModerateProgress, Lang::En),
            "progress made but acceleration needed"
        );
        assert_eq!(
            Method::AnnualRate.label(Class::Deterioration, Lang::Vi),
            "chưa đạt, đang xấu đi"
        );
        assert_eq!(
            Method::Linear.label(Class::NoTarget, Lang::En),
            Class::NoTarget.name(Lang::En)
        );
        assert_eq!(
            Method::Anticipated.source(Lang::Vi),
            "UNSD, Progress Chart 2023"
        );
        assert_eq!(
            Method::Growth.source(Lang::Vi),
            "Statistics Canada / Open SDG"
        );
    }
}
