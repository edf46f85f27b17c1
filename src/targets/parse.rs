//! Reads a targets TOML file into a [`Resolution`]: the TOML in batches
//! (`raw.rs`), each checked as it comes (`check.rs`).

use std::path::Path;
use std::sync::Arc;

use anyhow::Result;

use super::Resolution;
use super::check::Checker;
use super::raw::{self, RawFile, RawMore};
use crate::diagnostic::{Diagnostic, Diagnostics, line_col};
use crate::msg::{Failure, Problem, Reason};

/// The Bình Thuận resolution, compiled in as the default targets file.
pub const BUILTIN: &str = include_str!("../../targets.toml");

/// Loads and checks a targets file from disk.
///
/// A file that cannot be read fails with a [`Failure`]; a file with
/// problems with [`Diagnostics`].
pub fn load(path: &Path) -> Result<Resolution> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Failure::TargetsIsDirectory { path: name }.into());
    }
    let bytes = std::fs::read(path).map_err(|e| Failure::CannotReadTargets {
        path: name.clone(),
        reason: Reason::from(e),
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| not_utf8(&bytes, &name, &e))?;
    parse(text, &name)
}

/// Where a targets file stops being UTF-8, as a located diagnostic.
fn not_utf8(bytes: &[u8], file: &str, e: &std::str::Utf8Error) -> anyhow::Error {
    let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
    // the prefix up to `valid_up_to` is UTF-8 by definition
    let (line, col) = line_col(std::str::from_utf8(valid).unwrap_or_default(), valid.len());
    let file: Arc<str> = Arc::from(file);
    Diagnostics(vec![Diagnostic::at(
        &file,
        line,
        col,
        Problem::TargetsNotUtf8,
    )])
    .into()
}

/// Parses and checks targets TOML; `file` names it in messages. Every
/// problem is collected before the load fails; a TOML syntax error stops
/// it at once.
pub fn parse(text: &str, file: &str) -> Result<Resolution> {
    let mut checker = Checker::new(text, file);
    for (k, (offset, batch)) in raw::batches(text).into_iter().enumerate() {
        let syntax = |e: toml::de::Error, checker: &Checker| {
            let start = e.span().map_or(0, |s| s.start);
            let (line, col) = checker.line_col(offset + start);
            let problem = Problem::TargetsSyntax {
                text: e.message().trim_end().to_string(),
            };
            Diagnostics(vec![Diagnostic::at(&Arc::from(file), line, col, problem)])
        };
        if k == 0 {
            let raw: RawFile = toml::from_str(batch).map_err(|e| syntax(e, &checker))?;
            checker.first(raw);
        } else {
            let raw: RawMore = toml::from_str(batch).map_err(|e| syntax(e, &checker))?;
            checker.more(raw, offset);
        }
    }
    checker
        .finish()
        .map_err(|problems| Diagnostics(problems).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::targets::Comparison;
    use crate::targets::check::{parse_date_year, parse_target, parse_year};

    #[test]
    fn builtin_targets_load() {
        let r = parse(BUILTIN, "targets.toml").expect("built-in targets must load");
        assert_eq!(r.meta.adoption_year, 2022);
        assert_eq!(r.indicators.len(), 18);
        assert_eq!(r.target_years(), vec![2025, 2030]);
    }

    #[test]
    fn target_specs_parse() {
        assert_eq!(parse_target(">= 80"), Ok((Comparison::AtLeast, 80.0)));
        assert_eq!(parse_target("> 80"), Ok((Comparison::Above, 80.0)));
        assert_eq!(parse_target("<=20"), Ok((Comparison::AtMost, 20.0)));
        assert_eq!(parse_target("< 2.5"), Ok((Comparison::Below, 2.5)));
        assert!(parse_target("=> 80").is_err());
        assert!(parse_target("80").is_err());
        assert!(parse_target(">= inf").is_err());
        assert!(parse_target(">= NaN").is_err());
    }

    #[test]
    fn overlong_ids_are_rejected_with_their_place() {
        let base = include_str!("../../tests/fixtures/targets/base.toml");
        let text = base.replace(
            "id = \"gov.a\"",
            &format!("id = \"{}\"", "x".repeat(65_535)),
        );
        let err = format!("{:#}", parse(&text, "t.toml").expect_err("rejected"));
        assert!(
            err.contains(": id: id is 65535 characters long; at most 200 are allowed"),
            "{err}"
        );
        // exactly the limit is fine
        let text = base.replace("id = \"gov.a\"", &format!("id = \"{}\"", "x".repeat(200)));
        assert!(parse(&text, "t.toml").is_ok());
    }

    #[test]
    fn dates_and_years_parse() {
        assert_eq!(parse_date_year("2022-03-18"), Some(2022));
        assert_eq!(parse_date_year("18/03/2022"), None);
        assert_eq!(parse_date_year("2022-13-01"), None);
        assert_eq!(parse_year("2025"), Some(2025));
        assert_eq!(parse_year("20x5"), None);
        assert_eq!(parse_year("225"), None);
    }

    /// `base.toml` with `from` replaced by `to`, then `more` appended (a
    /// second indicator starts at line 22, its id at 23:6).
    fn edited(from: &str, to: &str, more: &str) -> String {
        let base = include_str!("../../tests/fixtures/targets/base.toml");
        assert!(base.contains(from), "{from}");
        format!("{}{more}", base.replace(from, to))
    }

    /// An indicator appended to `base.toml` with this id and pillar.
    fn second(id: &str, pillar: &str) -> String {
        format!(
            "\n[[indicator]]\nid = \"{id}\"\npillar = \"{pillar}\"\nname_vi = \"B\"\nname_en = \"B\"\n\
             unit = \"%\"\ntargets = {{ 2025 = \">= 50\" }}\n"
        )
    }

    /// Every problem of a targets text, `line:col: key: message`.
    fn problems(text: &str) -> Vec<String> {
        match parse(text, "t.toml") {
            Ok(_) => Vec::new(),
            Err(e) => e
                .downcast_ref::<Diagnostics>()
                .expect("located problems")
                .0
                .iter()
                .map(|d| d.to_string().replacen("t.toml:", "", 1))
                .collect(),
        }
    }

    const RANK: &str = "a rank is a whole number of 1 or more";
    const TARGET: &str = "unit = \"%\"\ntargets = { 2025 = \">= 80\" }";

    #[test]
    fn nonsense_in_targets_is_a_problem_at_its_toml_place() {
        let rank = |spec: &str| format!("unit = \"rank\"\ntargets = {{ 2025 = \"{spec}\" }}");
        let rank_problem =
            |spec: &str| format!("20:20: targets.2025: \"{spec}\" is not a rank target; {RANK}");
        let nfd_pillar = "\n[[pillar]]\nid = \"chi\u{301}nh\"\nname_vi = \"x\"\nname_en = \"x\"\n";
        let nfd_member =
            "each_vi = \"x\"\neach_en = \"x\"\nmembers = [\"h\u{f4}\", \"ho\u{302}\"]\nunit";
        // (edit of base.toml: from, to, appended text; every problem)
        let cases: [(&str, String, String, Vec<String>); 20] = [
            // ranks: whole numbers from 1
            (TARGET, rank("<= 1"), String::new(), vec![]),
            (TARGET, rank("< 20"), String::new(), vec![]),
            (TARGET, rank("<= 0"), String::new(), vec![rank_problem("<= 0")]),
            (TARGET, rank("<= 0.5"), String::new(), vec![rank_problem("<= 0.5")]),
            (TARGET, rank("<= 2.5"), String::new(), vec![rank_problem("<= 2.5")]),
            (TARGET, rank("<= -3"), String::new(), vec![rank_problem("<= -3")]),
            // ids: not empty, no blanks around them
            ("\"gov.a\"", "\"\"".into(), String::new(), vec!["15:6: id: the id is empty".into()]),
            ("\"gov.a\"", "\"  \"".into(), String::new(), vec!["15:6: id: the id is empty".into()]),
            ("\"gov.a\"", "\" gov.a\"".into(), String::new(), vec!["15:6: id: id \" gov.a\" has blanks around it; write it without them".into()]),
            // a no-break space is a blank too
            ("\"gov.a\"", "\"gov.a\u{a0}\"".into(), String::new(), vec!["15:6: id: id \"gov.a\u{a0}\" has blanks around it; write it without them".into()]),
            ("id = \"government\"", "id = \"\"".into(), String::new(), vec!["10:6: id: the id is empty".into(), "16:10: pillar: unknown pillar \"government\" (known: )".into()]),
            // target years from the adoption year (2022-03-18) on
            ("2025 =", "2021 =".into(), String::new(), vec!["20:13: targets.2021: target year 2021 is before the resolution's adoption in 2022".into()]),
            ("2025 =", "2022 =".into(), String::new(), vec![]),
            ("\"2022-03-18\"", "\"2022\"".into(), String::new(), vec!["7:11: adopted: \"2022\" is not a date; expected YYYY-MM-DD".into()]),
            // ids equal in NFC: "x.á" composed, then decomposed
            ("\"gov.a\"", "\"x.\u{e1}\"".into(), second("x.a\u{301}", "government"), vec!["23:6: id: duplicate indicator id \"x.\u{e1}\": the same id is written earlier with its accents in another Unicode form".into()]),
            ("\"gov.a\"", "\"x.a\u{301}\"".into(), second("x.a\u{301}", "government"), vec!["23:6: id: duplicate indicator id \"x.\u{e1}\"".into()]),
            ("\"gov.a\"", "\"x.\u{e1}\"".into(), second("x.a\u{301}", "government") + &second("x.a\u{301}", "government"), vec!["23:6: id: duplicate indicator id \"x.\u{e1}\": the same id is written earlier with its accents in another Unicode form".into(), "31:6: id: duplicate indicator id \"x.\u{e1}\"".into()]),
            // a pillar referred to in another form is found; one declared twice is not
            ("id = \"government\"", "id = \"ch\u{ed}nh\"".into(), second("gov.b", "chi\u{301}nh"), vec!["16:10: pillar: unknown pillar \"government\" (known: ch\u{ed}nh)".into()]),
            ("id = \"government\"", "id = \"ch\u{ed}nh\"".into(), nfd_pillar.into(), vec!["23:6: id: duplicate pillar id \"ch\u{ed}nh\"".into(), "16:10: pillar: unknown pillar \"government\" (known: ch\u{ed}nh)".into()]),
            ("unit", nfd_member.into(), String::new(), vec!["21:18: members: duplicate member \"h\u{f4}\"".into()]),
        ];
        for (from, to, more, expected) in cases {
            let text = edited(from, &to, &more);
            assert_eq!(problems(&text), expected, "{to} {more}");
        }
    }

    #[test]
    fn aggregate_rules_are_read_and_checked() {
        use crate::targets::{Aggregate, Weight};
        // (lines put before `unit = "%"` of gov.a, line 19; what gov.a gets)
        let read = |lines: &str, more: &str| {
            let text = edited("unit = \"%\"", &format!("{lines}unit = \"%\""), more);
            parse(&text, "t.toml").map(|r| r.indicators[0].aggregate)
        };
        let ok = |lines: &str| read(lines, "").expect("loads");
        assert_eq!(ok(""), None, "no rule: not rolled up");
        assert_eq!(ok("aggregate = \"ratio\"\n"), Some(Aggregate::Ratio));
        assert_eq!(ok("aggregate = \"sum\"\n"), Some(Aggregate::Sum));
        assert_eq!(ok("aggregate = \"none\"\n"), Some(Aggregate::None));
        assert_eq!(
            ok("aggregate = \"weighted\"\nweight = \"denominator\"\n"),
            Some(Aggregate::Weighted(Weight::Denominator))
        );
        assert_eq!(
            ok("aggregate = \"weighted\"\nweight = \"weight\"\n"),
            Some(Aggregate::Weighted(Weight::Column))
        );
        // an indicator named later in the file is found: gov.b is index 1
        let later = read(
            "aggregate = \"weighted\"\nweight = \"gov.b\"\n",
            &second("gov.b", "government"),
        );
        assert_eq!(
            later.expect("loads"),
            Some(Aggregate::Weighted(Weight::Indicator(1)))
        );
        // problems, at the value of the key named (line 19 or 20, column 13
        // for `aggregate = `, 10 for `weight = `)
        let cases: [(&str, &str); 5] = [
            (
                "aggregate = \"mean\"\n",
                "19:13: aggregate: aggregate \"mean\" is not a rule; expected ratio, weighted, sum or none",
            ),
            (
                "aggregate = \"weighted\"\n",
                "19:13: aggregate: aggregate = \"weighted\" needs a weight: a column (denominator, weight) or an indicator id",
            ),
            (
                "aggregate = \"ratio\"\nweight = \"weight\"\n",
                "20:10: weight: a weight is only for aggregate = \"weighted\", not \"ratio\"",
            ),
            (
                "aggregate = \"weighted\"\nweight = \"gov.z\"\n",
                "20:10: weight: weight \"gov.z\" is neither a column (denominator, weight) nor another indicator of this file",
            ),
            (
                "aggregate = \"weighted\"\nweight = \"gov.a\"\n",
                "20:10: weight: weight \"gov.a\" is neither a column (denominator, weight) nor another indicator of this file",
            ),
        ];
        for (lines, expected) in cases {
            let text = edited("unit = \"%\"", &format!("{lines}unit = \"%\""), "");
            assert_eq!(problems(&text), vec![expected.to_string()], "{lines}");
        }
        // a rank is never combined
        let rank = edited(
            TARGET,
            "aggregate = \"ratio\"\nunit = \"rank\"\ntargets = { 2025 = \"<= 20\" }",
            "",
        );
        assert_eq!(
            problems(&rank),
            vec!["19:13: aggregate: a rank cannot be combined across areas (aggregate \"ratio\"); write aggregate = \"none\"".to_string()]
        );
    }

    #[test]
    fn member_labels_are_one_per_member() {
        let members = "each_vi = \"x\"\neach_en = \"x\"\nmembers = [\"households\", \"schools\"]\n";
        let with = |labels: &str| {
            edited(
                "unit = \"%\"",
                &format!("{members}{labels}unit = \"%\""),
                "",
            )
        };
        let r = parse(
            &with("members_vi = [\"hộ gia đình\", \"trường học\"]\n"),
            "t.toml",
        )
        .expect("loads");
        assert_eq!(r.indicators[0].members_vi, ["hộ gia đình", "trường học"]);
        assert_eq!(
            problems(&with("members_vi = [\"hộ gia đình\"]\n")),
            vec!["22:14: members_vi: members_vi has 1 labels for 2 members; give one per member, in the same order".to_string()]
        );
    }

    #[test]
    fn a_file_read_in_batches_gives_its_problems_at_their_places() {
        // 1,200 indicators: three batches; a problem in the last batch is
        // placed by its line in the whole file
        let many: String = (0..1200)
            .map(|i| second(&format!("gov.n{i}"), "government"))
            .collect();
        let text = edited("\"gov.a\"", "\"gov.a\"", &many);
        let r = parse(&text, "t.toml").expect("loads");
        assert_eq!(r.indicators.len(), 1201);
        assert_eq!(r.indicator("gov.n1199"), Some(1200));
        // indicator k (from 0) of the appended ones starts at line 22 + 8k,
        // its id on the line after, at column 6
        let bad = text.replace("id = \"gov.n1100\"", "id = \"gov.n5\"");
        assert_eq!(
            problems(&bad),
            vec![format!(
                "{}:6: id: duplicate indicator id \"gov.n5\"",
                23 + 8 * 1100
            )]
        );
        let broken = text.replace("id = \"gov.n1100\"", "id = gov.n1100");
        let err = format!("{:#}", parse(&broken, "t.toml").expect_err("syntax"));
        assert!(
            err.starts_with(&format!("t.toml:{}:", 23 + 8 * 1100)),
            "{err}"
        );
    }

    #[test]
    fn ids_pillars_and_members_are_kept_in_nfc() {
        let text = edited("id = \"government\"", "id = \"ch\u{ed}nh\"", "")
            .replace("pillar = \"government\"", "pillar = \"chi\u{301}nh\"")
            .replace("\"gov.a\"", "\"x.a\u{301}\"")
            .replace(
                "unit",
                "each_vi = \"x\"\neach_en = \"x\"\nmembers = [\"ho\u{302}\"]\nunit",
            );
        let r = parse(&text, "t.toml").expect("loads");
        let ind = &r.indicators[0];
        assert_eq!(
            (ind.id.as_str(), ind.pillar.as_str()),
            ("x.\u{e1}", "ch\u{ed}nh")
        );
        assert_eq!(ind.members, vec!["h\u{f4}".to_string()]);
        assert_eq!(r.indicator("x.\u{e1}"), Some(0));
        assert_eq!(r.pillar_of(0), Some(0));
        // `--pillar` typed in either form finds it
        assert_eq!(r.pillar_index("chi\u{301}nh"), Some(0));
        assert_eq!(r.pillar_index("ch\u{ed}nh"), Some(0));
    }

    #[test]
    fn a_share_target_above_100_is_a_warning_at_the_target_value() {
        let above = ": the target 120 % of gov.a is above 100 %, which no share can reach";
        // (unit, target; every warning)
        let cases: [(&str, &str, Vec<String>); 5] = [
            ("%", ">= 120", vec![format!("t.toml:20:20{above}")]),
            ("%", "<= 100.5", vec!["t.toml:20:20: the target 100.5 % of gov.a is above 100 %, which no share can reach".into()]),
            ("%", ">= 100", vec![]),
            ("%/year", ">= 120", vec![]),
            ("number", ">= 120", vec![]),
        ];
        for (unit, spec, expected) in cases {
            let to = format!("unit = \"{unit}\"\ntargets = {{ 2025 = \"{spec}\" }}");
            let r = parse(&edited(TARGET, &to, ""), "t.toml").expect("a warning is no problem");
            let said: Vec<String> = r.warnings.iter().map(|w| w.say(Lang::En)).collect();
            assert_eq!(said, expected, "{unit} {spec}");
        }
        // the built-in resolution has none
        assert!(
            parse(BUILTIN, "targets.toml")
                .expect("loads")
                .warnings
                .is_empty()
        );
    }

    #[test]
    fn every_problem_is_collected_before_the_load_fails() {
        let text = edited("\"gov.a\"", "\" gov.a\"", "").replace(
            "unit = \"%\"\ntargets = { 2025 = \">= 80\" }",
            "unit = \"rank\"\ntargets = { 2020 = \"<= 0\" }",
        );
        assert_eq!(
            problems(&text),
            vec![
                "15:6: id: id \" gov.a\" has blanks around it; write it without them".to_string(),
                "20:13: targets.2020: target year 2020 is before the resolution's adoption in 2022"
                    .into(),
                format!("20:20: targets.2020: \"<= 0\" is not a rank target; {RANK}"),
            ]
        );
    }
}
