//! `dtcalc completions SHELL`: a completion script on stdout (clap_complete).
//!
//! `--pillar` and `--indicator` complete to the ids of the built-in targets.
//! The values are given to the command only here, for the script: parsing
//! accepts any id, since another targets file may have others (an unknown
//! one is refused, with the known ones, once the targets are loaded).

use std::sync::OnceLock;

use anyhow::Result;
use clap::CommandFactory;
use clap::ValueHint;
use clap::builder::{PossibleValue, PossibleValuesParser};

use super::emit;
use crate::cli::{Cli, CompletionsArgs};
use crate::exit::Outcome;
use crate::lang::Lang;
use crate::msg::Word;
use crate::targets::{self, Resolution};

pub fn run(args: CompletionsArgs) -> Result<Outcome> {
    let mut cmd = with_builtin_ids(Cli::command(), builtin()?, Lang::from_env());
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "dtcalc", &mut out);
    emit(&out)?;
    Ok(Outcome::Success)
}

/// The built-in targets, parsed once for the life of the process so that
/// their ids can be clap's `'static` values.
fn builtin() -> Result<&'static Resolution> {
    static BUILTIN: OnceLock<Resolution> = OnceLock::new();
    if let Some(r) = BUILTIN.get() {
        return Ok(r);
    }
    let name = Word::BuiltinTargets.say(Lang::En);
    let parsed = targets::parse(targets::BUILTIN, name)?;
    Ok(BUILTIN.get_or_init(|| parsed))
}

/// `cmd` with the pillar ids of `r` as the values of every `--pillar` and
/// its indicator ids as those of every `--indicator`, each described by its
/// name in `lang` (zsh and fish show it).
fn with_builtin_ids(cmd: clap::Command, r: &'static Resolution, lang: Lang) -> clap::Command {
    let pillars: Vec<PossibleValue> = r
        .pillars
        .iter()
        .map(|p| PossibleValue::new(p.id.as_str()).help(p.name(lang)))
        .collect();
    let indicators: Vec<PossibleValue> = r
        .indicators
        .iter()
        .map(|i| PossibleValue::new(i.id.as_str()).help(i.name(lang)))
        .collect();
    // The values replace `ValueHint::Other` ("not a file"), under which
    // bash would add no space after a completed id.
    let offer = |arg: clap::Arg, values: &[PossibleValue]| {
        arg.value_parser(PossibleValuesParser::new(values.to_vec()))
            .value_hint(ValueHint::Unknown)
    };
    cmd.mut_subcommands(|sub| {
        sub.mut_args(|arg| match arg.get_id().as_str() {
            "pillar" => offer(arg, &pillars),
            "indicator" => offer(arg, &indicators),
            _ => arg,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pillar_and_indicator_values_come_from_the_builtin_targets() {
        let cmd = with_builtin_ids(Cli::command(), builtin().unwrap(), Lang::En);
        let values = |sub: &str, arg: &str| -> Vec<String> {
            let sub = cmd.find_subcommand(sub).unwrap();
            let arg = sub.get_arguments().find(|a| a.get_id() == arg).unwrap();
            arg.get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect()
        };
        // the built-in resolution: 4 pillars, 18 indicators
        let pillars = ["government", "economy", "society", "overall"];
        assert_eq!(values("report", "pillar"), pillars);
        assert_eq!(values("check", "pillar"), pillars);
        let indicators = values("check", "indicator");
        assert_eq!(indicators.len(), 18);
        assert!(indicators.contains(&"gov.online_services".to_string()));
    }

    #[test]
    fn parsing_still_accepts_any_pillar() {
        use clap::Parser;
        // another targets file may have other pillars: the parser that runs
        // is the one without the built-in values
        let cli = Cli::try_parse_from(["dtcalc", "report", "--pillar", "health", "x.csv"]);
        assert!(cli.is_ok());
    }
}
