//! The four UK nations: which legal system a partner body belongs to, and the assurance
//! frameworks that exist beside England's Data Security and Protection Toolkit.
//!
//! UK GDPR and the DPA 2018 extend to the whole United Kingdom, but much of the health and
//! care governance a sharing document cites does not: the National Data Guardian's guidance
//! covers England, s.251 NHS Act 2006 covers England and Wales, Scotland has the Public Benefit
//! and Privacy Panel and FOISA, Northern Ireland the Health and Social Care (Control of Data
//! Processing) Act (Northern Ireland) 2016. A partner's `jurisdiction` lets the rules that cite
//! one nation's guidance apply it only where it runs. Omitted, it means "not stated" and the
//! rules behave as they did before the field existed.
//!
//! Sources (each checked on the page named): DPA 2018 s.7 (a Scottish public authority under
//! FOISA is a public authority for UK GDPR); Public Bodies (Joint Working) (Scotland) Act 2014
//! s.9 (integration joint boards); the Scottish Government's Scottish Public Sector Cyber
//! Resilience Framework v2.0 (gov.scot) and the Scottish Health Competent Authority's audits
//! of NHS Scotland boards against it (digihealthcare.scot); the Welsh Information Governance
//! Toolkit (introduced January 2024 for 2024 submissions); UK GDPR Articles 40 and 42.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::vocab::CommonLawBasis;

/// The UK legal system a partner body belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Jurisdiction {
    /// England (National Data Guardian guidance and the DSPT apply to its health and care
    /// bodies).
    England,
    /// Wales (WASPI; NHS Wales bodies under the National Health Service (Wales) Act 2006; the
    /// Welsh Information Governance Toolkit).
    Wales,
    /// Scotland (NHSScotland under the National Health Service (Scotland) Act 1978; FOISA; the
    /// Public Benefit and Privacy Panel for Health and Social Care).
    Scotland,
    /// Northern Ireland (Health and Social Care; the Health and Social Care (Control of Data
    /// Processing) Act (Northern Ireland) 2016).
    NorthernIreland,
}

impl Jurisdiction {
    /// The nation in plain words.
    pub fn title(self) -> &'static str {
        match self {
            Jurisdiction::England => "England",
            Jurisdiction::Wales => "Wales",
            Jurisdiction::Scotland => "Scotland",
            Jurisdiction::NorthernIreland => "Northern Ireland",
        }
    }
}

/// An assessment against a national framework: the year and the outcome as the framework
/// states it. Either may be omitted (not stated).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkAssessment {
    /// The assessment or submission year, for example "2025-26" or "2025".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9]{4}(-[0-9]{2})?$"))]
    pub year: Option<String>,
    /// The outcome in the framework's own words, for example "minimum expectations met".
    /// Omitted: not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub outcome: Option<String>,
}

impl FrameworkAssessment {
    /// "`name` `year`: `outcome`", with "outcome not stated" when the outcome is omitted.
    pub fn describe(&self, name: &str) -> String {
        let mut text = name.to_string();
        if let Some(year) = &self.year {
            text.push(' ');
            text.push_str(year);
        }
        match &self.outcome {
            Some(outcome) => {
                text.push_str(": ");
                text.push_str(outcome);
            }
            None => text.push_str(": outcome not stated"),
        }
        text
    }
}

/// The name the Welsh Information Governance Toolkit is printed under.
pub const WELSH_IG_TOOLKIT: &str = "Welsh Information Governance Toolkit";

/// The name the Scottish Public Sector Cyber Resilience Framework is printed under.
pub const SCOTTISH_CYBER_RESILIENCE_FRAMEWORK: &str =
    "Scottish Public Sector Cyber Resilience Framework";

/// The nations a route for setting aside the common law duty of confidentiality runs in, for
/// the routes that exist in some nations only; `None` for the routes the common law gives
/// everywhere (consent, a legal requirement, the public interest, information that is not
/// confidential).
///
/// Checked against the text: the Health Service (Control of Patient Information)
/// Regulations 2002 reg 1(5), "These Regulations extend to England and Wales only" (the
/// regulations s.251 NHS Act 2006 support is given under); the NHS Scotland Public Benefit
/// and Privacy Panel, "section 251 of the National Health Service Act 2006 does not apply in
/// Scotland", and its remit over "NHSS-controlled data"; the Health and Social Care (Control
/// of Data Processing) Act (Northern Ireland) 2016, whose sections carry the extent "N.I."
/// on legislation.gov.uk. The Mental Capacity Act 2005 best-interests route is not listed:
/// its extent was not checked at source.
pub fn common_law_route_extent(basis: CommonLawBasis) -> Option<&'static [Jurisdiction]> {
    match basis {
        CommonLawBasis::Section251Support => Some(&[Jurisdiction::England, Jurisdiction::Wales]),
        CommonLawBasis::PublicBenefitAndPrivacyPanelApproval => Some(&[Jurisdiction::Scotland]),
        CommonLawBasis::NorthernIrelandDataProcessingAuthorisation => {
            Some(&[Jurisdiction::NorthernIreland])
        }
        _ => None,
    }
}

/// The nations in plain words, joined with "and", for example "England and Wales".
pub fn nations_title(nations: &[Jurisdiction]) -> String {
    let names: Vec<&str> = nations.iter().map(|n| n.title()).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::{Jurisdiction, common_law_route_extent, nations_title};
    use crate::model::vocab::CommonLawBasis;

    #[test]
    fn each_confidentiality_route_runs_in_its_own_nations() {
        let s251 = common_law_route_extent(CommonLawBasis::Section251Support).unwrap();
        assert!(s251.contains(&Jurisdiction::England) && s251.contains(&Jurisdiction::Wales));
        assert!(!s251.contains(&Jurisdiction::Scotland));
        assert_eq!(
            common_law_route_extent(CommonLawBasis::PublicBenefitAndPrivacyPanelApproval),
            Some(&[Jurisdiction::Scotland][..])
        );
        assert_eq!(
            common_law_route_extent(CommonLawBasis::NorthernIrelandDataProcessingAuthorisation),
            Some(&[Jurisdiction::NorthernIreland][..])
        );
        assert_eq!(
            common_law_route_extent(CommonLawBasis::OverridingPublicInterest),
            None
        );
        assert_eq!(nations_title(s251), "England and Wales");
    }
}
