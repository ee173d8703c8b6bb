//! Done-means 1 of issue 11: the four kinds of real published agreement can be transcribed
//! with no invented value and no stand-in file, and raise no false D007, G007 or G015.
//!
//! - a two-tier county safeguarding DSA, whose Tier 2 adopts the Tier 1's provisions
//!   (`examples/county-safeguarding`, `tests/fixtures/structures/tier-2`);
//! - a WASPI information sharing protocol "supplementary to" the Accord, named as its
//!   framework (`examples/waspi-early-help`, `tests/fixtures/structures/tier-2/waspi-agreement.yaml`);
//! - a national joint controller agreement with 32 bodies and schedules, accepted by email to
//!   the lead body (`tests/fixtures/transcriptions/national-jca`; kept out of
//!   `structures/`, whose sets the render tests render, because its real gap, no retention,
//!   is an error and isagen renders no document with errors);
//! - a Scottish NHS board and Police Scotland ISA from the national template, standing alone
//!   (`tests/fixtures/structures/scottish-isa`).
//!
//! Each is validated on its own. What the real document leaves silent is left out or
//! `not-stated` in the definition (checked here on the text), and the findings are only the
//! gaps a DPO would want listed: completeness warnings, and for the national agreement, which
//! records no retention at all, G006 for each holder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// (code, severity) → count, for `paths` validated together.
fn findings(paths: &[PathBuf]) -> BTreeMap<(String, String), usize> {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .args(paths)
        .args([
            "--output-format",
            "json",
            "--today",
            "2026-11-22",
            "--no-config",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut counts = BTreeMap::new();
    for d in report["diagnostics"].as_array().unwrap() {
        *counts
            .entry((
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            ))
            .or_default() += 1;
    }
    counts
}

fn text(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// Whether `yaml` has the top-level key `key`.
fn has_key(yaml: &str, key: &str) -> bool {
    yaml.lines().any(|l| l.starts_with(&format!("{key}:")))
}

fn assert_no_false_errors(found: &BTreeMap<(String, String), usize>, what: &str) {
    for code in ["D007", "D012", "G007", "G012"] {
        assert!(
            !found.keys().any(|(c, _)| c == code),
            "{what}: {code} in {found:?}"
        );
    }
}

#[test]
fn a_two_tier_county_dsa_adopts_the_tier_1_and_is_clean() {
    let found = findings(&[root().join("examples/county-safeguarding")]);
    assert!(found.is_empty(), "{found:?}");
    let tier_2 = text("examples/county-safeguarding/tier-2-operation-encompass.yaml");
    // "As detailed in the Tier 1": none of these is repeated in the Tier 2.
    for key in [
        "security",
        "retention",
        "data_quality",
        "breach",
        "rights",
        "termination",
        "sanctions",
        "onward_disclosure",
    ] {
        assert!(!has_key(&tier_2, key), "the Tier 2 repeats `{key}`");
    }
    assert!(tier_2.contains("tier: 2") && tier_2.contains("protocol: westmoor-tier-1-dsa"));
    // The fixture version: a Tier 2 leaving its method unstated, with a group flow.
    let found = findings(&[
        root().join("tests/fixtures/structures/tier-2/protocol.yaml"),
        root().join("tests/fixtures/structures/tier-2/agreement.yaml"),
    ]);
    assert_no_false_errors(&found, "tier-2 fixture");
    assert!(
        !found.keys().any(|(c, _)| c == "G015" || c == "G006"),
        "{found:?}"
    );
    assert!(found.keys().all(|(_, s)| s != "error"), "{found:?}");
}

#[test]
fn a_waspi_isp_names_the_accord_and_needs_no_stand_in_protocol() {
    let found = findings(&[root().join("examples/waspi-early-help")]);
    assert!(found.is_empty(), "{found:?}");
    let isp = text("examples/waspi-early-help/early-help-isp.yaml");
    assert!(!has_key(&isp, "protocol"), "no stand-in protocol");
    assert!(has_key(&isp, "framework") && isp.contains("reference: WASPI"));
    assert!(isp.contains("among: all-parties"));
    assert!(!has_key(&isp, "signatures") && has_key(&isp, "acceptance"));
    let found = findings(&[root().join("tests/fixtures/structures/tier-2/waspi-agreement.yaml")]);
    assert_no_false_errors(&found, "waspi fixture");
    assert!(found.keys().all(|(_, s)| s != "error"), "{found:?}");
}

#[test]
fn a_national_joint_controller_agreement_with_32_bodies_and_schedules() {
    let path = "tests/fixtures/transcriptions/national-jca/agreement.yaml";
    let jca = text(path);
    assert_eq!(jca.matches("    role: joint-controller").count(), 32);
    assert!(has_key(&jca, "schedules") && jca.contains("among: all-parties"));
    // Silent in the document, so silent here: marking, retention, methods, frequencies,
    // termination, sanctions; acceptance by email to the lead body, not 32 signatures.
    assert!(jca.contains("protective_marking: not-stated"));
    for key in [
        "retention",
        "termination",
        "sanctions",
        "signatures",
        "protocol",
    ] {
        assert!(!has_key(&jca, key), "`{key}`");
    }
    assert!(jca.contains("method: not-stated") && jca.contains("frequency: not-stated"));
    let found = findings(&[root().join(path)]);
    assert_no_false_errors(&found, "national JCA");
    // Its one information security section covers every flow: no G007. Retention is the
    // document's real gap, one G006 per holder; everything else is a warning or a note
    // (G011's DPIA screening recommendation).
    assert_eq!(
        found.get(&("G006".into(), "error".into())),
        Some(&32),
        "{found:?}"
    );
    for (code, severity) in found.keys() {
        assert!(
            code == "G006" || severity == "warning" || severity == "info",
            "{code} {severity}"
        );
    }
}

#[test]
fn a_scottish_board_and_police_scotland_isa_stands_alone() {
    let path = "tests/fixtures/structures/scottish-isa/agreement.yaml";
    let isa = text(path);
    assert!(!has_key(&isa, "protocol") && has_key(&isa, "partners"));
    assert!(isa.contains("type: nhs-board") && isa.contains("jurisdiction: scotland"));
    // The template has no termination or sanctions section.
    assert!(!has_key(&isa, "termination") && !has_key(&isa, "sanctions"));
    let found = findings(&[root().join(path)]);
    assert_no_false_errors(&found, "Scottish ISA");
    assert!(found.keys().all(|(_, s)| s == "warning"), "{found:?}");
    // G015 here is true: the document is silent on termination and sanctions.
    assert_eq!(found.get(&("G015".into(), "warning".into())), Some(&2));
}
