//! Argument errors by kind (issue 22): each `Error::InvalidArgument` carries an `ArgumentProblem` a caller can match
//! on, and the parameter name. One call per kind through the public API, with the stable code unchanged.
#![cfg(all(feature = "embedded", feature = "moderation"))]

use chrono::NaiveDate;
use kim_core::coverage::{
    CoverageOptions, SeriesDates, Target, coverage, coverage_series, gaps, target_progress,
};
use kim_core::error::ArgumentProblem;
use kim_core::moderation::Lexicon;
use kim_core::registry::{Kim, Registry};
use kim_core::wilayah::{Kode, Level, Reference};
use kim_core::{Error, pembinaan};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn kind(r: Result<impl std::fmt::Debug, Error>) -> (&'static str, ArgumentProblem) {
    match r {
        Err(e @ Error::InvalidArgument { .. }) => {
            assert_eq!(e.code(), "KIM-E-ARGUMENT");
            assert!(!e.to_string().is_empty());
            let Error::InvalidArgument { name, problem, .. } = e else {
                unreachable!()
            };
            (name, problem)
        }
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

fn registry() -> Registry {
    Registry::from_kims([Kim::new(
        "K1",
        "KIM Perian",
        Kode::parse("64.02.01.2001").unwrap(),
    )])
    .unwrap()
}

#[test]
fn wrong_level() {
    let reference = Reference::embedded();
    let village = Kode::parse("64.02.01.2001").unwrap();
    let opts = CoverageOptions::new(d("2025-01-01")).within(village);
    assert_eq!(
        kind(gaps(&registry(), reference, &opts)),
        ("within", ArgumentProblem::WrongLevel)
    );
    // Kecamatan rows cannot lie inside a kecamatan.
    let opts = CoverageOptions::new(d("2025-01-01"))
        .level(Level::Kecamatan)
        .within(Kode::parse("64.02.01").unwrap());
    assert_eq!(
        kind(coverage(&registry(), reference, &opts)),
        ("level", ArgumentProblem::WrongLevel)
    );
}

#[test]
fn out_of_range() {
    let reference = Reference::embedded();
    let opts = CoverageOptions::new(d("2025-01-01"));
    let target = Target::new(1.5, d("2027-01-01")).window_months(12);
    assert_eq!(
        kind(target_progress(&registry(), reference, &opts, target)),
        ("target.ratio", ArgumentProblem::OutOfRange)
    );
    let zero = Target::new(0.5, target.date).window_months(0);
    assert_eq!(
        kind(target_progress(&registry(), reference, &opts, zero)),
        ("target.window_months", ArgumentProblem::OutOfRange)
    );
    assert_eq!(
        kind(pembinaan::window(NaiveDate::MIN, 12)),
        ("window_months", ArgumentProblem::OutOfRange)
    );
}

#[test]
fn date_order() {
    let opts = CoverageOptions::new(d("2025-01-01")).within(Kode::parse("64.02").unwrap());
    let backwards = SeriesDates::MonthEnds {
        from: d("2025-12-31"),
        to: d("2025-01-31"),
    };
    assert_eq!(
        kind(coverage_series(
            &registry(),
            Reference::embedded(),
            &opts,
            &backwards
        )),
        ("end", ArgumentProblem::DateOrder)
    );
}

#[test]
fn missing() {
    let opts = CoverageOptions::new(d("2025-01-01")).active(&[]);
    assert_eq!(
        kind(coverage(&registry(), Reference::embedded(), &opts)),
        ("active", ArgumentProblem::Missing)
    );
}

#[test]
fn unknown() {
    assert_eq!(
        kind("dusun".parse::<Level>()),
        ("level", ArgumentProblem::Unknown)
    );
    assert_eq!(
        kind(Reference::version_id("permendagri-1-1999")),
        ("version", ArgumentProblem::Unknown)
    );
}

#[test]
fn conflict() {
    let mut reg = registry();
    assert_eq!(
        kind(reg.update("K1", |k| k.id = "K2".into())),
        ("edit", ArgumentProblem::Conflict)
    );
    // The failed edit left the registry as it was.
    assert!(reg.get("K1").is_some());
    let builtin = Lexicon::builtin();
    let clash = format!(
        "{}\tkasar\tmedium\thold\troot\tfoo\n",
        builtin.entries()[0].id
    );
    assert_eq!(
        kind(Lexicon::from_user_tsv(&clash, "v", true)),
        ("lexicon", ArgumentProblem::Conflict)
    );
}

#[test]
fn problems_serialise_and_display() {
    assert_eq!(
        serde_json::to_string(&ArgumentProblem::DateOrder).unwrap(),
        "\"date_order\""
    );
    assert_eq!(ArgumentProblem::WrongLevel.to_string(), "wrong level");
}
