//! The four UK nations: partner types for Wales, Scotland and Northern Ireland, a partner's
//! `jurisdiction`, and the rules that depend on them (G013 Caldicott Guardian, L011
//! Article 9(2)(h) recipient). The fixture `tests/fixtures/nations/` validates clean; each
//! case below varies it and checks which findings appear.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use isagen::model::{Jurisdiction, PartnerType};
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/nations")
            .join(name),
    )
    .unwrap()
}

/// Validates the protocol and agreement given and returns (code, JSON pointer) for each
/// finding.
fn findings(protocol: &str, agreement: &str) -> BTreeSet<(String, String)> {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("protocol.yaml"), protocol).unwrap();
    std::fs::write(work.path().join("agreement.yaml"), agreement).unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(work.path())
        .args([
            "--today",
            "2026-11-22",
            "--no-config",
            "--output-format",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["pointer"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn codes(found: &BTreeSet<(String, String)>) -> BTreeSet<&str> {
    found.iter().map(|(c, _)| c.as_str()).collect()
}

/// Removes the `caldicott_guardian:` block (two lines) of the partner whose id line is
/// `  - id: {id}`.
fn without_caldicott(protocol: &str, id: &str) -> String {
    let start = protocol.find(&format!("  - id: {id}\n")).unwrap();
    let rest = &protocol[start..];
    let at = start + rest.find("    caldicott_guardian:\n").unwrap();
    let end = at
        + "    caldicott_guardian:\n".len()
        + protocol[at + "    caldicott_guardian:\n".len()..]
            .find('\n')
            .unwrap()
        + 1;
    format!("{}{}", &protocol[..at], &protocol[end..])
}

#[test]
fn a_partner_of_every_new_type_validates_clean() {
    let protocol = fixture("protocol.yaml");
    for t in [
        "local-health-board",
        "nhs-board",
        "special-health-board",
        "integration-joint-board",
        "hsc-trust",
        "hsc-body",
    ] {
        assert!(
            protocol.contains(&format!("type: {t}\n")),
            "fixture lacks {t}"
        );
    }
    for j in ["wales", "scotland", "northern-ireland"] {
        assert!(protocol.contains(&format!("jurisdiction: {j}\n")));
    }
    Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nations"))
        .args(["--today", "2026-11-22", "--no-config", "--deny-warnings"])
        .assert()
        .success();
}

#[test]
fn new_types_are_health_or_care_bodies_in_their_nation() {
    for t in [
        PartnerType::LocalHealthBoard,
        PartnerType::NhsBoard,
        PartnerType::SpecialHealthBoard,
        PartnerType::IntegrationJointBoard,
        PartnerType::HscTrust,
        PartnerType::HscBody,
    ] {
        assert!(t.is_health_or_care(), "{t:?}");
    }
    assert_eq!(
        PartnerType::LocalHealthBoard.nation(),
        Some(Jurisdiction::Wales)
    );
    assert_eq!(PartnerType::NhsBoard.nation(), Some(Jurisdiction::Scotland));
    assert_eq!(
        PartnerType::IntegrationJointBoard.nation(),
        Some(Jurisdiction::Scotland)
    );
    assert_eq!(
        PartnerType::HscTrust.nation(),
        Some(Jurisdiction::NorthernIreland)
    );
    // Types that exist in more than one nation imply none.
    assert_eq!(PartnerType::NhsTrust.nation(), None);
    assert_eq!(PartnerType::Police.nation(), None);
    assert_eq!(PartnerType::LocalAuthority.nation(), None);
}

#[test]
fn g013_does_not_apply_in_northern_ireland() {
    let protocol = fixture("protocol.yaml");
    let agreement = fixture("agreement.yaml");
    // The HSC trust names no Caldicott Guardian and shares health data: no G013.
    assert!(!codes(&findings(&protocol, &agreement)).contains("G013"));
    // Nor when the jurisdiction is left out: an HSC trust exists only in Northern Ireland.
    let unstated = protocol.replacen(
        "    type: hsc-trust\n    jurisdiction: northern-ireland\n",
        "    type: hsc-trust\n",
        1,
    );
    assert_ne!(unstated, protocol);
    assert!(!codes(&findings(&unstated, &agreement)).contains("G013"));
}

#[test]
fn g013_applies_to_scottish_and_welsh_bodies() {
    let protocol = without_caldicott(&fixture("protocol.yaml"), "dunmore-board");
    let agreement = fixture("agreement.yaml");
    let found = findings(&protocol, &agreement);
    assert!(
        found.contains(&("G013".to_string(), "/parties/0/partner".to_string())),
        "{found:?}"
    );

    let protocol = without_caldicott(&fixture("protocol.yaml"), "glanmor-uhb");
    let agreement = fixture("agreement.yaml").replace("dunmore-board", "glanmor-uhb");
    let found = findings(&protocol, &agreement);
    assert!(
        found.contains(&("G013".to_string(), "/parties/0/partner".to_string())),
        "{found:?}"
    );
}

#[test]
fn g013_follows_the_stated_jurisdiction_of_a_type_found_in_several_nations() {
    // An NHS trust stated to be in Northern Ireland: no G013. The same trust with no
    // jurisdiction stated behaves as before the field existed: G013.
    let base =
        fixture("protocol.yaml").replacen("    type: hsc-trust\n", "    type: nhs-trust\n", 1);
    let agreement = fixture("agreement.yaml");
    assert!(!codes(&findings(&base, &agreement)).contains("G013"));
    let unstated = base.replacen(
        "    type: nhs-trust\n    jurisdiction: northern-ireland\n",
        "    type: nhs-trust\n",
        1,
    );
    assert_ne!(unstated, base);
    let found = findings(&unstated, &agreement);
    assert!(
        found.contains(&("G013".to_string(), "/parties/1/partner".to_string())),
        "{found:?}"
    );
}

#[test]
fn l011_accepts_new_health_and_care_recipients_and_not_police() {
    let protocol = fixture("protocol.yaml");
    for recipient in [
        "glanmor-uhb",
        "ambulance-board",
        "dunmore-ijb",
        "sppg",
        "velindre-trust",
    ] {
        let agreement = fixture("agreement.yaml").replace("dunmore-board", recipient);
        let found = findings(&protocol, &agreement);
        assert!(!codes(&found).contains("L011"), "{recipient}: {found:?}");
    }
    let agreement = fixture("agreement.yaml").replace("dunmore-board", "police-scotland");
    let found = findings(&protocol, &agreement);
    assert!(codes(&found).contains("L011"), "{found:?}");
}

#[test]
fn l011_counts_a_council_as_social_work_except_in_northern_ireland() {
    // A Scottish council receiving under Article 9(2)(h): social work, no L011.
    let protocol = fixture("protocol.yaml");
    let agreement = fixture("agreement.yaml").replace("dunmore-board", "dunmore-council");
    let found = findings(&protocol, &agreement);
    assert!(!codes(&found).contains("L011"), "{found:?}");
    // The same council stated to be in Northern Ireland, where HSC trusts provide social
    // care: L011.
    let ni = protocol.replacen(
        "    type: local-authority\n    jurisdiction: scotland\n",
        "    type: local-authority\n    jurisdiction: northern-ireland\n",
        1,
    );
    assert_ne!(ni, protocol);
    let found = findings(&ni, &agreement);
    assert!(
        found.contains(&("L011".to_string(), "/legal_bases/0/article_9".to_string())),
        "{found:?}"
    );
}
