//! What a protocol gives the agreements made under it: the provisions an agreement adopts
//! unless it sets its own.
//!
//! A two-tier partnership writes its security, retention, data quality, DPIA, termination,
//! sanctions and onward disclosure terms once, in the protocol (Tier 1), and each agreement
//! (Tier 2) says "as detailed in the protocol". The protocol's `provisions` block holds those
//! terms with the same shapes as the agreement's own sections, and `clauses` records the
//! clause of the protocol where each is set out, so the rendered agreement can say which
//! provisions it adopts and from where. Breach, rights, withdrawal, FOI, training and audit
//! stay in the protocol's `governance`; `clauses` gives their clause numbers too.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DataQuality, Dpia, Id, Security, Termination};

/// Provisions set out once in the protocol, which every agreement made under it adopts
/// unless the agreement sets its own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provisions {
    /// Security measures (UK GDPR Article 32) that agreements adopt unless they set their own
    /// `security`; a flow under an agreement that adopts them is protected by them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<Security>,
    /// Default retention periods that agreements adopt for a party they record no
    /// `retention` entry for (UK GDPR Article 5(1)(e)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retention: Vec<RetentionDefault>,
    /// How partners keep shared data accurate and correct errors (Article 5(1)(d)), adopted
    /// by agreements with no `data_quality` of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_quality: Option<DataQuality>,
    /// The data protection impact assessment that covers the sharing under the protocol
    /// (Article 35), adopted by agreements with no `dpia` of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia: Option<Dpia>,
    /// How an agreement ends and what happens to shared data, adopted by agreements with no
    /// `termination` of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination: Option<Termination>,
    /// What follows when a partner breaches an agreement, adopted by agreements with no
    /// `sanctions` of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanctions: Option<String>,
    /// Whether, and on what terms, a recipient may pass the data on to third parties, adopted
    /// by agreements with no `onward_disclosure` of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onward_disclosure: Option<String>,
    /// The legislative framework: the statutes that enable sharing between the partners, each
    /// marked as a duty to share or a power to share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legislation: Vec<EnablingLaw>,
    /// The clause of the protocol where each provision is set out (for example "7" or
    /// "Section 9.2"), so an agreement can say where the terms it adopts are written.
    #[serde(default, skip_serializing_if = "ProvisionClauses::is_empty")]
    pub clauses: ProvisionClauses,
}

impl Provisions {
    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self == &Provisions::default()
    }
}

/// A retention period set by the protocol for some or all partners.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionDefault {
    /// The partners it applies to (partner ids); empty means every partner.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Id>,
    /// How long, and from when, for example "6 years after the case is closed".
    #[schemars(length(min = 1))]
    pub period: String,
    /// How the data is disposed of at the end of the period.
    #[schemars(length(min = 1))]
    pub disposal: String,
}

impl RetentionDefault {
    /// Whether the default applies to partner `party`.
    pub fn applies_to(&self, party: &str) -> bool {
        self.parties.is_empty() || self.parties.iter().any(|p| p.as_str() == party)
    }
}

/// Whether a statute obliges the partners to share or only allows them to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StatutoryNature {
    /// The statute places a duty on the body (for example to co-operate or to refer).
    Duty,
    /// The statute gives the body a power it may use (for example a power to disclose).
    Power,
    /// The protocol does not say.
    NotStated,
}

impl StatutoryNature {
    /// The nature in plain words.
    pub fn title(self) -> &'static str {
        match self {
            StatutoryNature::Duty => "duty",
            StatutoryNature::Power => "power",
            StatutoryNature::NotStated => "not stated",
        }
    }
}

/// A statute that enables sharing between the partners.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnablingLaw {
    /// The Act or instrument, for example "Crime and Disorder Act 1998".
    #[schemars(length(min = 1))]
    pub legislation: String,
    /// The provision, for example "s.115".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<String>,
    /// Whether it is a duty or a power (`not-stated` if the protocol does not say).
    pub nature: StatutoryNature,
    /// What the provision does, in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl EnablingLaw {
    /// The citation, for example "Crime and Disorder Act 1998 s.115".
    pub fn citation(&self) -> String {
        match &self.provision {
            Some(provision) => format!("{} {}", self.legislation, provision),
            None => self.legislation.clone(),
        }
    }
}

/// The clause of the protocol where each provision is set out; omit any that the protocol
/// does not number.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvisionClauses {
    /// The clause setting out `provisions.security`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<String>,
    /// The clause setting out `provisions.retention`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<String>,
    /// The clause setting out `provisions.data_quality`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_quality: Option<String>,
    /// The clause setting out `provisions.dpia`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia: Option<String>,
    /// The clause setting out `governance.breach`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breach: Option<String>,
    /// The clause setting out `governance.rights` (rights and complaints).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<String>,
    /// The clause setting out `provisions.termination`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination: Option<String>,
    /// The clause setting out `governance.withdrawal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal: Option<String>,
    /// The clause setting out `provisions.sanctions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanctions: Option<String>,
    /// The clause setting out `provisions.onward_disclosure`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onward_disclosure: Option<String>,
    /// The clause setting out `governance.freedom_of_information`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freedom_of_information: Option<String>,
    /// The clause setting out `governance.training`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<String>,
    /// The clause setting out `governance.audit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<String>,
    /// The clause setting out `provisions.legislation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legislation: Option<String>,
}

impl ProvisionClauses {
    /// Whether no clause is recorded.
    pub fn is_empty(&self) -> bool {
        self == &ProvisionClauses::default()
    }
}
