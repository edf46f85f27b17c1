//! Progress classes (Open SDG's status vocabulary) and the methods that
//! assign them: ids, ranks, no arithmetic. Their words in each language
//! (class names, method sources and labels) are in the message catalogue,
//! `msg/progress.rs`.

/// A progress class, named as Open SDG names its progress statuses, plus
/// `no_data` and `no_target` for rows no method can judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// The latest figure already meets the target.
    TargetAchieved,
    /// On track: the method's highest band.
    SubstantialProgress,
    /// Progress made, but acceleration needed.
    ModerateProgress,
    /// Little movement towards the target.
    LimitedProgress,
    /// Moving away from the target.
    Deterioration,
    /// Data exist but the method cannot judge them (e.g. one observation).
    NotAvailable,
    /// No figure for the indicator at all.
    NoData,
    /// The resolution states no target for this year.
    NoTarget,
}

/// Every class, best first (the order of summary columns).
pub const ALL: [Class; 8] = [
    Class::TargetAchieved,
    Class::SubstantialProgress,
    Class::ModerateProgress,
    Class::LimitedProgress,
    Class::Deterioration,
    Class::NotAvailable,
    Class::NoData,
    Class::NoTarget,
];

impl Class {
    /// The name used in JSON (Open SDG's status ids).
    pub fn id(self) -> &'static str {
        match self {
            Class::TargetAchieved => "target_achieved",
            Class::SubstantialProgress => "substantial_progress",
            Class::ModerateProgress => "moderate_progress",
            Class::LimitedProgress => "limited_progress",
            Class::Deterioration => "deterioration",
            Class::NotAvailable => "not_available",
            Class::NoData => "no_data",
            Class::NoTarget => "no_target",
        }
    }

    /// Parses a class id as written by [`Class::id`].
    pub fn from_id(s: &str) -> Option<Class> {
        ALL.into_iter().find(|c| c.id() == s)
    }

    /// How good the class is, for "the worst member decides": 4 best,
    /// 0 worst; `None` for classes that carry no judgement.
    pub fn rank(self) -> Option<u8> {
        match self {
            Class::TargetAchieved => Some(4),
            Class::SubstantialProgress => Some(3),
            Class::ModerateProgress => Some(2),
            Class::LimitedProgress => Some(1),
            Class::Deterioration => Some(0),
            Class::NotAvailable | Class::NoData | Class::NoTarget => None,
        }
    }

    /// True when the class is at least as good as `floor`.
    pub fn at_least(self, floor: Class) -> bool {
        match (self.rank(), floor.rank()) {
            (Some(a), Some(b)) => a >= b,
            _ => false,
        }
    }
}

/// A progress-assessment method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Required vs actual growth (Statistics Canada; Open SDG 2.4).
    Growth,
    /// Anticipated progress (UN Statistics Division, SDG Progress Chart 2023).
    Anticipated,
    /// Linear pace: least-squares slope against the required pace.
    Linear,
    /// A target held every year (Destatis rule); used for `%/year`
    /// indicators whatever method was asked for.
    AnnualRate,
}

impl Method {
    /// The name used in JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Method::Growth => "growth",
            Method::Anticipated => "anticipated",
            Method::Linear => "linear",
            Method::AnnualRate => "annual_rate",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for c in ALL {
            assert_eq!(Class::from_id(c.id()), Some(c));
        }
    }

    #[test]
    fn at_least_orders_judged_classes_only() {
        assert!(Class::TargetAchieved.at_least(Class::SubstantialProgress));
        assert!(Class::ModerateProgress.at_least(Class::ModerateProgress));
        assert!(!Class::LimitedProgress.at_least(Class::ModerateProgress));
        assert!(!Class::NotAvailable.at_least(Class::Deterioration));
    }
}
