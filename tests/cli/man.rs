//! What is generated from the clap definitions for the shell. `dtcalc man
//! [DIR]`: the main page on stdout, or one page per command in DIR; each is
//! roff that groff reads without a warning (when installed), with every
//! long option of its command, the exit status, examples, and related pages
//! that exist. `dtcalc completions`: ids of the built-in targets, never
//! file names, for `--pillar`, `--indicator` and `--area`.

use std::path::Path;
use std::process::Command as Process;

use clap::CommandFactory;
use dtcalc::cli::Cli;

use crate::common::dtcalc;

/// Sections every page has, in order (roff quotes a heading with a space).
const SECTIONS: [&str; 7] = [
    ".SH NAME",
    ".SH SYNOPSIS",
    ".SH DESCRIPTION",
    ".SH OPTIONS",
    ".SH \"EXIT STATUS\"",
    ".SH EXAMPLES",
    ".SH \"SEE ALSO\"",
];

/// A page's text with roff's escaped hyphens (`\-`) read back as `-`.
fn plain(roff: &str) -> String {
    roff.replace("\\-", "-")
}

/// The pages a SEE ALSO section names (`dtcalc-report(1)` -> `dtcalc-report.1`).
fn see_also(page: &str) -> Vec<String> {
    let section = page.split(".SH \"SEE ALSO\"").nth(1).expect("SEE ALSO");
    let section = section.split("\n.SH").next().unwrap_or_default();
    section
        .split([',', ' ', '\n'])
        .filter_map(|w| w.trim().strip_suffix("(1)"))
        .map(|name| format!("{}.1", name.replace("\\fB", "").replace("\\fR", "")))
        .collect()
}

/// Asserts that `page` has the header of `title`, every section in order,
/// and that groff, when installed, formats it without a warning.
fn assert_roff(path: &Path, title: &str) {
    let page = std::fs::read_to_string(path).expect("a page");
    assert!(
        page.contains(&format!("\n.TH {title} 1 ")),
        "{title}: {page}"
    );
    let mut at = 0;
    for section in SECTIONS {
        let found = page[at..].find(section);
        at += found.unwrap_or_else(|| panic!("{title}: no {section} after byte {at}"));
    }
    let Ok(groff) = Process::new("groff")
        .args(["-man", "-ww", "-z", "-Tutf8"])
        .arg(path)
        .output()
    else {
        eprintln!("note: groff is not installed; {title} checked for its sections only");
        return;
    };
    let warnings = String::from_utf8_lossy(&groff.stderr);
    assert!(
        groff.status.success() && warnings.is_empty(),
        "{title}: {warnings}"
    );
}

#[test]
fn man_without_a_directory_prints_the_main_page() {
    let out = dtcalc().arg("man").output().expect("run");
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(page.contains("\n.TH dtcalc 1 "));
    for section in SECTIONS {
        assert!(page.contains(section), "no {section}");
    }
}

#[test]
fn man_writes_a_page_per_command_with_every_long_option() {
    let dir = tempfile::tempdir().expect("tempdir");
    let man1 = dir.path().join("share/man/man1"); // created by the command
    dtcalc().arg("man").arg(&man1).assert().success().stdout("");
    let cli = Cli::command();
    let mut want: Vec<String> = cli
        .get_subcommands()
        .map(|s| format!("dtcalc-{}.1", s.get_name()))
        .collect();
    want.push("dtcalc.1".into());
    want.sort();
    let mut got: Vec<String> = std::fs::read_dir(&man1)
        .expect("the directory")
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    got.sort();
    assert_eq!(got, want);

    for sub in cli.get_subcommands() {
        let title = format!("dtcalc-{}", sub.get_name());
        let path = man1.join(format!("{title}.1"));
        assert_roff(&path, &title);
        let page = plain(&std::fs::read_to_string(&path).unwrap());
        for long in sub.get_arguments().filter_map(|a| a.get_long()) {
            assert!(page.contains(&format!("--{long}")), "{title}: no --{long}");
        }
        for other in see_also(&page) {
            assert!(man1.join(&other).exists(), "{title} names {other}");
        }
    }
    assert_roff(&man1.join("dtcalc.1"), "dtcalc");
    let main = plain(&std::fs::read_to_string(man1.join("dtcalc.1")).unwrap());
    let named = see_also(&main);
    assert_eq!(named.len(), cli.get_subcommands().count());
    for page in named {
        assert!(man1.join(&page).exists(), "dtcalc(1) names {page}");
    }
}

#[test]
fn exit_status_says_what_1_means_for_each_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    dtcalc().arg("man").arg(dir.path()).assert().success();
    let page = |name: &str| plain(&std::fs::read_to_string(dir.path().join(name)).unwrap());
    let cases = [
        ("dtcalc-check.1", "at least one indicator (or area) fails"),
        ("dtcalc-validate.1", "found at least one problem"),
        ("dtcalc-report.1", "not used by this command"),
    ];
    for (name, text) in cases {
        let exit = page(name);
        let exit = exit.split(".SH \"EXIT STATUS\"").nth(1).unwrap();
        assert!(exit.contains(text), "{name}: {exit}");
    }
}

/// The bash completion cases of option `--name`: each from `--name)` to
/// its `;;`, one per subcommand that has it.
fn bash_cases(script: &str, name: &str) -> Vec<String> {
    let start = format!("--{name})");
    script
        .match_indices(&start)
        .map(|(at, _)| {
            let case = &script[at..];
            case[..case.find(";;").expect("end of case")].to_string()
        })
        .collect()
}

#[test]
fn bash_completes_builtin_ids_and_no_file_names_for_ids_and_areas() {
    let out = dtcalc()
        .args(["completions", "bash"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).expect("UTF-8");
    // (option, subcommands that have it, a value it must offer)
    let cases = [
        ("pillar", 2, Some("government")),             // report, check
        ("indicator", 1, Some("gov.online_services")), // check
        ("area", 2, None),                             // report, check: any code
    ];
    for (name, n, offered) in cases {
        let found = bash_cases(&script, name);
        assert_eq!(found.len(), n, "--{name}");
        for case in found {
            assert!(
                !case.contains("compgen -f"),
                "--{name} completes files: {case}"
            );
            match offered {
                Some(id) => assert!(case.contains(id), "--{name} lacks {id}: {case}"),
                None => assert!(case.contains(r#"COMPREPLY=("${cur}")"#), "{case}"),
            }
        }
    }
    // another targets file may have other ids: they are still accepted
    // (refused, if unknown, only once the targets are read)
    dtcalc()
        .args(["report", "examples/actuals.csv", "--pillar", "health"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("health"));
}
