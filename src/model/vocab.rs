//! The legal vocabulary: the UK GDPR, DPA 2018 and common law conditions a definition can cite,
//! each with its citation and, for provisions added by the Data (Use and Access) Act 2025, the
//! date it came into force, so a document is checked against the law in force on its own dates.
//!
//! Sources: UK GDPR Articles 6, 9, 10, 44A to 49 and Annex 1; DPA 2018 Schedules 1 and 8 and
//! Part 3; SI 2026/82 (Data (Use and Access) Act 2025 (Commencement No. 6) Regulations 2026)
//! for 5 February 2026. The countries approved for transfers are in [`approved`], the common
//! statutory gateways in [`gateways`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

pub mod approved;
pub mod gateways;

pub use gateways::{Gateway, GatewayNature};

/// A provision of law that came into force on a known date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Provision {
    /// How the provision is cited, for example "UK GDPR Article 6(1)(ea)".
    pub citation: &'static str,
    /// The enacting provision, for example "Data (Use and Access) Act 2025 s.70".
    pub inserted_by: &'static str,
    /// The first day the provision has effect.
    pub in_force: (i32, u8, u8),
}

impl Provision {
    /// The in-force date as a [`Date`].
    pub fn in_force_date(&self) -> Date {
        let (y, m, d) = self.in_force;
        Date::from_ymd(y, m, d).expect("in-force dates in the vocabulary are valid")
    }
}

/// UK GDPR Article 6(1)(ea), recognised legitimate interest (DUAA 2025 s.70; SI 2026/82).
pub const RECOGNISED_LEGITIMATE_INTEREST: Provision = Provision {
    citation: "UK GDPR Article 6(1)(ea)",
    inserted_by: "Data (Use and Access) Act 2025 s.70",
    in_force: (2026, 2, 5),
};

/// The rewritten international transfer provisions, Articles 44A to 46(1A)
/// (DUAA 2025 s.85 and Schedule 7; SI 2026/82).
pub const TRANSFERS_REFORM: Provision = Provision {
    citation: "UK GDPR Articles 44A, 45A, 45B and 46(1A)",
    inserted_by: "Data (Use and Access) Act 2025 s.85 and Schedule 7",
    in_force: (2026, 2, 5),
};

/// UK GDPR Article 6(1)(e) as amended: "a task carried out in the public interest or in the
/// exercise of official authority vested in the controller" now reads "a task of the controller
/// carried out in the public interest or a task carried out in the exercise of official
/// authority vested in the controller" (DUAA 2025 s.70(2)(a); SI 2026/82).
pub const PUBLIC_TASK_OF_THE_CONTROLLER: Provision = Provision {
    citation: "UK GDPR Article 6(1)(e) (a task of the controller)",
    inserted_by: "Data (Use and Access) Act 2025 s.70(2)(a)",
    in_force: (2026, 2, 5),
};

/// DPA 2018 s.164A, the duty to facilitate and acknowledge complaints (DUAA 2025 s.103).
pub const COMPLAINTS_DUTY: Provision = Provision {
    citation: "DPA 2018 s.164A",
    inserted_by: "Data (Use and Access) Act 2025 s.103",
    in_force: (2026, 6, 19),
};

/// The lawful basis for processing under UK GDPR Article 6(1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Article6 {
    /// 6(1)(a): the data subject has given consent.
    Consent,
    /// 6(1)(b): necessary for a contract with the data subject.
    Contract,
    /// 6(1)(c): necessary for compliance with a legal obligation (name the law).
    LegalObligation,
    /// 6(1)(d): necessary to protect someone's vital interests.
    VitalInterests,
    /// 6(1)(e): necessary for a task in the public interest or in the exercise of official
    /// authority (name the law).
    PublicTask,
    /// 6(1)(ea): necessary for a recognised legitimate interest listed in Annex 1 (in force from
    /// 5 February 2026).
    RecognisedLegitimateInterest,
    /// 6(1)(f): necessary for legitimate interests not overridden by the data subject's
    /// interests.
    LegitimateInterests,
}

impl Article6 {
    /// The citation, for example "Article 6(1)(e)".
    pub fn citation(self) -> &'static str {
        match self {
            Article6::Consent => "UK GDPR Article 6(1)(a)",
            Article6::Contract => "UK GDPR Article 6(1)(b)",
            Article6::LegalObligation => "UK GDPR Article 6(1)(c)",
            Article6::VitalInterests => "UK GDPR Article 6(1)(d)",
            Article6::PublicTask => "UK GDPR Article 6(1)(e)",
            Article6::RecognisedLegitimateInterest => "UK GDPR Article 6(1)(ea)",
            Article6::LegitimateInterests => "UK GDPR Article 6(1)(f)",
        }
    }

    /// The basis in plain words.
    pub fn title(self) -> &'static str {
        match self {
            Article6::Consent => "consent",
            Article6::Contract => "contract",
            Article6::LegalObligation => "legal obligation",
            Article6::VitalInterests => "vital interests",
            Article6::PublicTask => "public task",
            Article6::RecognisedLegitimateInterest => "recognised legitimate interest",
            Article6::LegitimateInterests => "legitimate interests",
        }
    }

    /// The provision's in-force record, for bases added after the UK GDPR began.
    pub fn provision(self) -> Option<Provision> {
        match self {
            Article6::RecognisedLegitimateInterest => Some(RECOGNISED_LEGITIMATE_INTEREST),
            _ => None,
        }
    }

    /// Whether Article 6(3) requires the basis to be laid down by law (bases (c) and (e)).
    pub fn needs_law(self) -> bool {
        matches!(self, Article6::LegalObligation | Article6::PublicTask)
    }
}

/// A recognised legitimate interest condition in UK GDPR Annex 1 (Article 6(1)(ea)), inserted
/// by the Data (Use and Access) Act 2025 s.70(5) and Schedule 4, in force 5 February 2026.
///
/// The paragraph numbers are the Annex's own, as the ICO's recognised legitimate interest
/// guidance quotes them: 1 disclosure for a public task, 2 national security, public security
/// and defence, 3 emergencies (4 defines "emergency"), 5 crime, 6 safeguarding vulnerable
/// individuals (7 defines its terms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Annex1Condition {
    /// Annex 1 para 1: a disclosure made in response to a request from a person who states
    /// that they need the data for a task carried out in the public interest or in the
    /// exercise of official authority that has a basis in law (Article 6(1)(e) and 6(3)).
    DisclosureForPublicTask,
    /// Annex 1 para 2: national security, public security and defence.
    NationalSecurity,
    /// Annex 1 para 3: responding to an emergency (as defined in Part 2 of the Civil
    /// Contingencies Act 2004, para 4).
    Emergencies,
    /// Annex 1 para 5: detecting, investigating or preventing crime, or apprehending or
    /// prosecuting offenders.
    Crime,
    /// Annex 1 para 6: safeguarding a vulnerable individual (a child, or an adult at risk,
    /// para 7).
    SafeguardingVulnerableIndividuals,
}

impl Annex1Condition {
    /// The paragraph of Annex 1 that sets out the condition.
    pub fn paragraph(self) -> u8 {
        match self {
            Annex1Condition::DisclosureForPublicTask => 1,
            Annex1Condition::NationalSecurity => 2,
            Annex1Condition::Emergencies => 3,
            Annex1Condition::Crime => 5,
            Annex1Condition::SafeguardingVulnerableIndividuals => 6,
        }
    }

    /// The citation and plain words.
    pub fn citation(self) -> &'static str {
        match self {
            Annex1Condition::DisclosureForPublicTask => {
                "UK GDPR Annex 1 para 1 (disclosure for the purposes of a public task)"
            }
            Annex1Condition::NationalSecurity => {
                "UK GDPR Annex 1 para 2 (national security, public security and defence)"
            }
            Annex1Condition::Emergencies => "UK GDPR Annex 1 para 3 (emergencies)",
            Annex1Condition::Crime => {
                "UK GDPR Annex 1 para 5 (detecting, investigating or preventing crime)"
            }
            Annex1Condition::SafeguardingVulnerableIndividuals => {
                "UK GDPR Annex 1 para 6 (safeguarding vulnerable individuals)"
            }
        }
    }
}

/// A condition for processing special category data under UK GDPR Article 9(2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Article9Condition {
    /// 9(2)(a): explicit consent.
    ExplicitConsent,
    /// 9(2)(b): employment, social security and social protection (with Schedule 1 para 1).
    EmploymentSocialSecurity,
    /// 9(2)(c): vital interests where the data subject cannot give consent.
    VitalInterests,
    /// 9(2)(d): not-for-profit bodies, about their members.
    NotForProfitBodies,
    /// 9(2)(e): made manifestly public by the data subject.
    MadePublic,
    /// 9(2)(f): legal claims or judicial acts.
    LegalClaims,
    /// 9(2)(g): reasons of substantial public interest (with a Schedule 1 Part 2 condition).
    SubstantialPublicInterest,
    /// 9(2)(h): health or social care (with Schedule 1 para 2).
    HealthOrSocialCare,
    /// 9(2)(i): public health (with Schedule 1 para 3).
    PublicHealth,
    /// 9(2)(j): archiving, research and statistics (with Schedule 1 para 4).
    ArchivingResearchStatistics,
}

impl Article9Condition {
    /// The citation and plain words.
    pub fn citation(self) -> &'static str {
        match self {
            Article9Condition::ExplicitConsent => "UK GDPR Article 9(2)(a) (explicit consent)",
            Article9Condition::EmploymentSocialSecurity => {
                "UK GDPR Article 9(2)(b) (employment, social security and social protection)"
            }
            Article9Condition::VitalInterests => "UK GDPR Article 9(2)(c) (vital interests)",
            Article9Condition::NotForProfitBodies => {
                "UK GDPR Article 9(2)(d) (not-for-profit bodies)"
            }
            Article9Condition::MadePublic => {
                "UK GDPR Article 9(2)(e) (made manifestly public by the data subject)"
            }
            Article9Condition::LegalClaims => {
                "UK GDPR Article 9(2)(f) (legal claims or judicial acts)"
            }
            Article9Condition::SubstantialPublicInterest => {
                "UK GDPR Article 9(2)(g) (substantial public interest)"
            }
            Article9Condition::HealthOrSocialCare => {
                "UK GDPR Article 9(2)(h) (health or social care)"
            }
            Article9Condition::PublicHealth => "UK GDPR Article 9(2)(i) (public health)",
            Article9Condition::ArchivingResearchStatistics => {
                "UK GDPR Article 9(2)(j) (archiving, research and statistics)"
            }
        }
    }

    /// The Schedule 1 Part 1 condition that DPA 2018 s.10(2) pairs with this Article 9
    /// condition, if any.
    pub fn required_part1_condition(self) -> Option<Schedule1Condition> {
        match self {
            Article9Condition::EmploymentSocialSecurity => {
                Some(Schedule1Condition::EmploymentSocialSecurity)
            }
            Article9Condition::HealthOrSocialCare => Some(Schedule1Condition::HealthOrSocialCare),
            Article9Condition::PublicHealth => Some(Schedule1Condition::PublicHealth),
            Article9Condition::ArchivingResearchStatistics => Some(Schedule1Condition::Research),
            _ => None,
        }
    }
}

/// The nine special categories of personal data (UK GDPR Article 9(1)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SpecialCategory {
    /// Racial or ethnic origin.
    RacialOrEthnicOrigin,
    /// Political opinions.
    PoliticalOpinions,
    /// Religious or philosophical beliefs.
    ReligiousOrPhilosophicalBeliefs,
    /// Trade union membership.
    TradeUnionMembership,
    /// Genetic data.
    Genetic,
    /// Biometric data used to identify someone.
    Biometric,
    /// Data concerning health, physical or mental.
    Health,
    /// Data concerning a person's sex life.
    SexLife,
    /// Data concerning a person's sexual orientation.
    SexualOrientation,
}

impl SpecialCategory {
    /// The category in plain words.
    pub fn title(self) -> &'static str {
        match self {
            SpecialCategory::RacialOrEthnicOrigin => "racial or ethnic origin",
            SpecialCategory::PoliticalOpinions => "political opinions",
            SpecialCategory::ReligiousOrPhilosophicalBeliefs => {
                "religious or philosophical beliefs"
            }
            SpecialCategory::TradeUnionMembership => "trade union membership",
            SpecialCategory::Genetic => "genetic data",
            SpecialCategory::Biometric => "biometric data (for identification)",
            SpecialCategory::Health => "health",
            SpecialCategory::SexLife => "sex life",
            SpecialCategory::SexualOrientation => "sexual orientation",
        }
    }
}

/// Which part of DPA 2018 Schedule 1 a condition sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule1Part {
    /// Part 1: employment, health and research conditions (paras 1 to 4).
    Part1,
    /// Part 2: substantial public interest conditions (paras 6 to 28).
    Part2,
    /// Part 3: additional conditions for criminal offence data (paras 29 to 37).
    Part3,
}

/// Whether a Schedule 1 condition needs an appropriate policy document (DPA 2018 Sch 1
/// para 5 and Part 4, paras 38 to 41).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyDocumentRequirement {
    /// The controller must have one in place whenever it relies on the condition.
    Required,
    /// Required, except where the controller's processing is a disclosure to (or in
    /// preparation for a disclosure to) this kind of recipient.
    UnlessDisclosingTo(CarveOutRecipient),
    /// The condition needs none.
    NotRequired,
}

/// The recipients a Schedule 1 paragraph names in its policy document carve-out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CarveOutRecipient {
    /// A competent authority (DPA 2018 s.30), for para 10(2).
    CompetentAuthority,
    /// A body responsible for eliminating doping in sport, for para 27(3).
    AntiDopingBody,
}

/// A condition in DPA 2018 Schedule 1, named after its paragraph's heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Schedule1Condition {
    /// Para 1: employment, social security and social protection.
    EmploymentSocialSecurity,
    /// Para 2: health or social care purposes.
    HealthOrSocialCare,
    /// Para 3: public health.
    PublicHealth,
    /// Para 4: research etc.
    Research,
    /// Para 6: statutory and government purposes.
    StatutoryAndGovernmentPurposes,
    /// Para 7: administration of justice and parliamentary purposes.
    AdministrationOfJustice,
    /// Para 8: equality of opportunity or treatment.
    EqualityOfOpportunity,
    /// Para 9: racial and ethnic diversity at senior levels of organisations.
    RacialAndEthnicDiversity,
    /// Para 10: preventing or detecting unlawful acts.
    PreventingOrDetectingUnlawfulActs,
    /// Para 11: protecting the public against dishonesty.
    ProtectingThePublic,
    /// Para 12: regulatory requirements relating to unlawful acts and dishonesty.
    RegulatoryRequirements,
    /// Para 13: journalism in connection with unlawful acts and dishonesty.
    Journalism,
    /// Para 14: preventing fraud.
    PreventingFraud,
    /// Para 15: suspicion of terrorist financing or money laundering.
    TerroristFinancing,
    /// Para 16: support for individuals with a particular disability or medical condition.
    SupportForIndividuals,
    /// Para 17: counselling.
    Counselling,
    /// Para 18: safeguarding of children and of individuals at risk.
    SafeguardingChildrenAndIndividualsAtRisk,
    /// Para 19: safeguarding of economic well-being of certain individuals.
    SafeguardingEconomicWellBeing,
    /// Para 20: insurance.
    Insurance,
    /// Para 21: occupational pensions.
    OccupationalPensions,
    /// Para 22: political parties.
    PoliticalParties,
    /// Para 23: elected representatives responding to requests.
    ElectedRepresentatives,
    /// Para 24: disclosure to elected representatives.
    DisclosureToElectedRepresentatives,
    /// Para 25: informing elected representatives about prisoners.
    InformingElectedRepresentativesAboutPrisoners,
    /// Para 26: publication of legal judgments.
    PublicationOfLegalJudgments,
    /// Para 27: anti-doping in sport.
    AntiDopingInSport,
    /// Para 28: standards of behaviour in sport.
    StandardsOfBehaviourInSport,
    /// Para 29: consent (criminal offence data).
    Consent,
    /// Para 30: protecting individual's vital interests (criminal offence data).
    VitalInterests,
    /// Para 31: processing by not-for-profit bodies (criminal offence data).
    NotForProfitBodies,
    /// Para 32: personal data in the public domain (criminal offence data).
    PublicDomain,
    /// Para 33: legal claims (criminal offence data).
    LegalClaims,
    /// Para 34: judicial acts (criminal offence data).
    JudicialActs,
    /// Para 35: administration of accounts used in commission of indecency offences involving
    /// children.
    IndecencyOffencesAccounts,
    /// Para 36: extension of the Part 2 conditions to criminal offence data.
    #[serde(rename = "extension-of-part-2")]
    ExtensionOfPart2,
    /// Para 37: extension of insurance conditions.
    ExtensionOfInsurance,
}

impl Schedule1Condition {
    /// The paragraph number in DPA 2018 Schedule 1.
    pub fn paragraph(self) -> u8 {
        use Schedule1Condition::*;
        match self {
            EmploymentSocialSecurity => 1,
            HealthOrSocialCare => 2,
            PublicHealth => 3,
            Research => 4,
            StatutoryAndGovernmentPurposes => 6,
            AdministrationOfJustice => 7,
            EqualityOfOpportunity => 8,
            RacialAndEthnicDiversity => 9,
            PreventingOrDetectingUnlawfulActs => 10,
            ProtectingThePublic => 11,
            RegulatoryRequirements => 12,
            Journalism => 13,
            PreventingFraud => 14,
            TerroristFinancing => 15,
            SupportForIndividuals => 16,
            Counselling => 17,
            SafeguardingChildrenAndIndividualsAtRisk => 18,
            SafeguardingEconomicWellBeing => 19,
            Insurance => 20,
            OccupationalPensions => 21,
            PoliticalParties => 22,
            ElectedRepresentatives => 23,
            DisclosureToElectedRepresentatives => 24,
            InformingElectedRepresentativesAboutPrisoners => 25,
            PublicationOfLegalJudgments => 26,
            AntiDopingInSport => 27,
            StandardsOfBehaviourInSport => 28,
            Consent => 29,
            VitalInterests => 30,
            NotForProfitBodies => 31,
            PublicDomain => 32,
            LegalClaims => 33,
            JudicialActs => 34,
            IndecencyOffencesAccounts => 35,
            ExtensionOfPart2 => 36,
            ExtensionOfInsurance => 37,
        }
    }

    /// The Part of Schedule 1 the condition is in.
    pub fn part(self) -> Schedule1Part {
        match self.paragraph() {
            1..=4 => Schedule1Part::Part1,
            6..=28 => Schedule1Part::Part2,
            _ => Schedule1Part::Part3,
        }
    }

    /// Whether the controller must have an appropriate policy document (APD) in place when
    /// relying on this condition, and the disclosures a paragraph carves out.
    ///
    /// Checked against the text of DPA 2018 Schedule 1: para 1(1)(b) (employment); para 5(1)
    /// ("Except as otherwise provided, a condition in this Part of this Schedule is met only
    /// if, when the processing is carried out, the controller has an appropriate policy
    /// document in place") for every Part 2 condition, with three exceptions in the
    /// paragraphs themselves: para 10(2) (a disclosure to a competent authority, or processing
    /// in preparation for one, "is met even if … the controller does not have an appropriate
    /// policy document in place"), para 13(3) (journalism etc: never needs one) and para 27(3)
    /// (a disclosure to an anti-doping body). Paras 23 to 25 (elected representatives) contain
    /// no such words, so para 5 applies to them. Paras 2 to 4 need none. In Part 3, para 36
    /// ("This condition is met if the processing would meet a condition in Part 2 of this
    /// Schedule but for an express requirement for the processing to be necessary for reasons
    /// of substantial public interest", checked against the text) and para 37 (the insurance
    /// condition, para 20) carry a Part 2 condition over, so that condition's APD comes with
    /// it; para 35(1)(c) requires one itself: "when the processing is carried out, the
    /// controller has an appropriate policy document in place (see paragraph 39 in Part 4 of
    /// this Schedule)" (checked against the text, legislation.gov.uk/ukpga/2018/12/schedule/1/
    /// part/3; corrected: the table said para 35 needed none). Paras 29 to 34 need none. Not
    /// found at source in the verification of 1 December 2026: the words of paras 10(2), 13(3)
    /// and 27(3) quoted above, which stand as the first check recorded them.
    pub fn policy_document_requirement(self) -> PolicyDocumentRequirement {
        use Schedule1Condition::*;
        match self {
            EmploymentSocialSecurity
            | IndecencyOffencesAccounts
            | ExtensionOfPart2
            | ExtensionOfInsurance => PolicyDocumentRequirement::Required,
            PreventingOrDetectingUnlawfulActs => {
                PolicyDocumentRequirement::UnlessDisclosingTo(CarveOutRecipient::CompetentAuthority)
            }
            AntiDopingInSport => {
                PolicyDocumentRequirement::UnlessDisclosingTo(CarveOutRecipient::AntiDopingBody)
            }
            Journalism => PolicyDocumentRequirement::NotRequired,
            other if other.part() == Schedule1Part::Part2 => PolicyDocumentRequirement::Required,
            _ => PolicyDocumentRequirement::NotRequired,
        }
    }

    /// Where the requirement for an appropriate policy document comes from, for a condition
    /// that needs one: "para 1(1)(b)", "para 35(1)(c)", or para 5(1) for the Part 2
    /// conditions and the Part 3 conditions that carry them over (paras 36 and 37).
    pub fn policy_document_source(self) -> &'static str {
        use Schedule1Condition::*;
        match self {
            EmploymentSocialSecurity => "para 1(1)(b)",
            IndecencyOffencesAccounts => "para 35(1)(c)",
            ExtensionOfPart2 | ExtensionOfInsurance => "para 5(1), through paras 36 and 37",
            _ => "para 5(1)",
        }
    }

    /// Whether the condition can need an appropriate policy document at all.
    pub fn needs_policy_document(self) -> bool {
        self.policy_document_requirement() != PolicyDocumentRequirement::NotRequired
    }

    /// Whether the paragraph is met only where the processing is carried out without the
    /// data subject's consent, so that consent cannot be the basis beside it. From the text:
    /// para 10(1)(b) and 28(1)(b) "must be carried out without the consent of the data
    /// subject"; paras 11(1)(b) likewise; para 12(1)(b) "the controller cannot reasonably be
    /// expected to obtain the consent"; paras 17(1)(b), 18(1)(c) and 19(1)(c) "is carried out
    /// without the consent of the data subject for one of the reasons listed".
    pub fn requires_processing_without_consent(self) -> bool {
        use Schedule1Condition::*;
        matches!(
            self,
            PreventingOrDetectingUnlawfulActs
                | ProtectingThePublic
                | RegulatoryRequirements
                | Counselling
                | SafeguardingChildrenAndIndividualsAtRisk
                | SafeguardingEconomicWellBeing
                | StandardsOfBehaviourInSport
        )
    }

    /// The citation, for example "DPA 2018 Schedule 1 para 18 (safeguarding of children and
    /// of individuals at risk)".
    pub fn citation(self) -> String {
        format!(
            "DPA 2018 Schedule 1 para {} ({})",
            self.paragraph(),
            self.title()
        )
    }

    /// The paragraph's heading in plain words.
    pub fn title(self) -> &'static str {
        use Schedule1Condition::*;
        match self {
            EmploymentSocialSecurity => "employment, social security and social protection",
            HealthOrSocialCare => "health or social care purposes",
            PublicHealth => "public health",
            Research => "research etc",
            StatutoryAndGovernmentPurposes => "statutory and government purposes",
            AdministrationOfJustice => "administration of justice and parliamentary purposes",
            EqualityOfOpportunity => "equality of opportunity or treatment",
            RacialAndEthnicDiversity => "racial and ethnic diversity at senior levels",
            PreventingOrDetectingUnlawfulActs => "preventing or detecting unlawful acts",
            ProtectingThePublic => "protecting the public against dishonesty",
            RegulatoryRequirements => {
                "regulatory requirements relating to unlawful acts and dishonesty"
            }
            Journalism => "journalism in connection with unlawful acts and dishonesty",
            PreventingFraud => "preventing fraud",
            TerroristFinancing => "suspicion of terrorist financing or money laundering",
            SupportForIndividuals => {
                "support for individuals with a particular disability or medical condition"
            }
            Counselling => "counselling",
            SafeguardingChildrenAndIndividualsAtRisk => {
                "safeguarding of children and of individuals at risk"
            }
            SafeguardingEconomicWellBeing => {
                "safeguarding of economic well-being of certain individuals"
            }
            Insurance => "insurance",
            OccupationalPensions => "occupational pensions",
            PoliticalParties => "political parties",
            ElectedRepresentatives => "elected representatives responding to requests",
            DisclosureToElectedRepresentatives => "disclosure to elected representatives",
            InformingElectedRepresentativesAboutPrisoners => {
                "informing elected representatives about prisoners"
            }
            PublicationOfLegalJudgments => "publication of legal judgments",
            AntiDopingInSport => "anti-doping in sport",
            StandardsOfBehaviourInSport => "standards of behaviour in sport",
            Consent => "consent",
            VitalInterests => "protecting individual's vital interests",
            NotForProfitBodies => "processing by not-for-profit bodies",
            PublicDomain => "personal data in the public domain",
            LegalClaims => "legal claims",
            JudicialActs => "judicial acts",
            IndecencyOffencesAccounts => {
                "administration of accounts used in commission of indecency offences involving children"
            }
            ExtensionOfPart2 => {
                "extension of conditions in Part 2 referring to substantial public interest"
            }
            ExtensionOfInsurance => "extension of insurance conditions",
        }
    }
}

/// A condition for sensitive processing by a competent authority for law enforcement purposes
/// (DPA 2018 Part 3, s.35 and Schedule 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Schedule8Condition {
    /// Para 1: statutory etc purposes.
    StatutoryPurposes,
    /// Para 2: administration of justice.
    AdministrationOfJustice,
    /// Para 3: protecting individual's vital interests.
    VitalInterests,
    /// Para 4: safeguarding of children and of individuals at risk.
    Safeguarding,
    /// Para 5: personal data already in the public domain.
    PublicDomain,
    /// Para 6: legal claims.
    LegalClaims,
    /// Para 7: judicial acts.
    JudicialActs,
    /// Para 8: preventing fraud.
    PreventingFraud,
    /// Para 9: archiving etc.
    Archiving,
}

impl Schedule8Condition {
    /// The citation and plain words.
    pub fn citation(self) -> &'static str {
        match self {
            Schedule8Condition::StatutoryPurposes => {
                "DPA 2018 Schedule 8 para 1 (statutory etc purposes)"
            }
            Schedule8Condition::AdministrationOfJustice => {
                "DPA 2018 Schedule 8 para 2 (administration of justice)"
            }
            Schedule8Condition::VitalInterests => {
                "DPA 2018 Schedule 8 para 3 (protecting individual's vital interests)"
            }
            Schedule8Condition::Safeguarding => {
                "DPA 2018 Schedule 8 para 4 (safeguarding of children and of individuals at risk)"
            }
            Schedule8Condition::PublicDomain => {
                "DPA 2018 Schedule 8 para 5 (personal data already in the public domain)"
            }
            Schedule8Condition::LegalClaims => "DPA 2018 Schedule 8 para 6 (legal claims)",
            Schedule8Condition::JudicialActs => "DPA 2018 Schedule 8 para 7 (judicial acts)",
            Schedule8Condition::PreventingFraud => "DPA 2018 Schedule 8 para 8 (preventing fraud)",
            Schedule8Condition::Archiving => "DPA 2018 Schedule 8 para 9 (archiving etc)",
        }
    }
}

/// The basis for setting aside the common law duty of confidentiality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CommonLawBasis {
    /// The individual has explicitly agreed to the disclosure.
    ExplicitConsent,
    /// Implied consent: reasonable only for individual (direct) care.
    ImpliedConsent,
    /// A statute or court order requires the disclosure.
    LegalRequirement,
    /// Support under s.251 NHS Act 2006 and the Health Service (Control of Patient
    /// Information) Regulations 2002 (SI 2002/1438). Under reg 5 (as amended by the Care Act
    /// 2014 s.117) the approval is given by the Health Research Authority for medical research
    /// and by the Secretary of State in any other case, each on the advice of the
    /// Confidentiality Advisory Group; reg 3 separately allows processing for communicable
    /// disease and other risks to public health. England and Wales only: reg 1(5), "These
    /// Regulations extend to England and Wales only", under the instrument's heading
    /// "National Health Service, England and Wales" (legislation.gov.uk/uksi/2002/1438). It
    /// does not apply in Scotland ("section 251 of the National Health Service Act 2006 does
    /// not apply in Scotland", NHS Scotland Public Benefit and Privacy Panel, How to apply),
    /// which has `public-benefit-and-privacy-panel-approval`, nor in Northern Ireland, which
    /// has `northern-ireland-data-processing-authorisation`.
    #[serde(rename = "section-251-support")]
    Section251Support,
    /// The public interest in disclosure overrides the duty of confidence.
    OverridingPublicInterest,
    /// The information is not confidential (for example, it is already public or is not
    /// held under a duty of confidence).
    NotConfidential,
    /// A disclosure in the best interests of a person who lacks capacity to consent to it,
    /// decided under Mental Capacity Act 2005 s.4 (England and Wales; s.1(5): "an act done,
    /// or decision made, … for or on behalf of a person who lacks capacity must be done, or
    /// made, in his best interests").
    BestInterestsLackingCapacity,
    /// Approval by the NHS Scotland Public Benefit and Privacy Panel for Health and Social
    /// Care (HSC-PBPP), for a use of NHS Scotland data beyond direct care (Scotland only).
    /// The Panel is "a governance structure of NHSScotland, established with delegated
    /// authority from NHSScotland Chief Executive Officers and the Registrar General", with
    /// "a formal mandate to scrutinise any request to use NHSS-controlled data ... for
    /// research, direct care, healthcare planning, audit, or other well-defined and bona fide
    /// purposes", and "acts as the final arbiter of requests which fall within its remit"
    /// (HSC-PBPP, Guiding Principles and Policy for Decision Making); it "must balance public
    /// benefit with potential risks to privacy" (informationgovernance.scot.nhs.uk/pbpphsc).
    /// It is a governance approval, not a statutory power: unlike s.251 support, no
    /// enactment sets the duty of confidence aside, so the approval records the public
    /// interest judgement the Panel made for the use it approved. It does not apply in
    /// England, Wales or Northern Ireland.
    #[serde(rename = "public-benefit-and-privacy-panel-approval")]
    PublicBenefitAndPrivacyPanelApproval,
    /// Authorisation under the Health and Social Care (Control of Data Processing) Act
    /// (Northern Ireland) 2016 (Northern Ireland only). Section 1(1): "The Department must by
    /// regulations make such provision for and in connection with requiring or regulating
    /// the processing of prescribed information of a relevant person for health care or
    /// social care purposes as it considers necessary or expedient in the public interest";
    /// the regulations may provide (s.1(2)(c)) that processing in accordance with them "must
    /// be taken to be lawfully done despite any obligation of confidence"; s.2(2): the
    /// committee the Department establishes by regulations "may authorise the processing of
    /// confidential information of a relevant person in prescribed circumstances"
    /// (legislation.gov.uk/nia/2016/12). The route needs those regulations and the
    /// committee's authorisation: on 26 March 2026 the Department told the Assembly's
    /// Committee for Health of "a gap that was discovered when we looked at the regulatory
    /// aspect of following through on" the Act and of a Control of Data Processing Bill, so
    /// record the authorisation relied on. It does not apply in England, Wales or Scotland.
    #[serde(rename = "northern-ireland-data-processing-authorisation")]
    NorthernIrelandDataProcessingAuthorisation,
}

impl CommonLawBasis {
    /// The basis in plain words.
    pub fn title(self) -> &'static str {
        match self {
            CommonLawBasis::ExplicitConsent => "explicit consent",
            CommonLawBasis::ImpliedConsent => "implied consent (individual care)",
            CommonLawBasis::LegalRequirement => "a legal requirement (statute or court order)",
            CommonLawBasis::Section251Support => "support under s.251 NHS Act 2006",
            CommonLawBasis::OverridingPublicInterest => "overriding public interest",
            CommonLawBasis::NotConfidential => "the information is not confidential",
            CommonLawBasis::BestInterestsLackingCapacity => {
                "best interests of a person who lacks capacity (Mental Capacity Act 2005 s.4)"
            }
            CommonLawBasis::PublicBenefitAndPrivacyPanelApproval => {
                "approval by the NHS Scotland Public Benefit and Privacy Panel for Health and Social Care"
            }
            CommonLawBasis::NorthernIrelandDataProcessingAuthorisation => {
                "authorisation under the Health and Social Care (Control of Data Processing) Act (Northern Ireland) 2016"
            }
        }
    }
}

/// The mechanism that makes a transfer outside the UK lawful (UK GDPR Chapter V as rewritten
/// by the Data (Use and Access) Act 2025 Schedule 7 from 5 February 2026, or DPA 2018 Part 3
/// Chapter 5, ss.72 to 78, for a competent authority's law enforcement processing).
///
/// Article 44A(2) (DUAA 2025 Schedule 7 para 2, checked against the text): the condition is
/// met if the transfer "(a) is approved by regulations under Article 45A that are in force at
/// the time of the transfer, (b) is made subject to appropriate safeguards (see Article 46),
/// or (c) is made in reliance on a derogation for specific situations (see Article 49)", and
/// (44A(3)) not in breach of a restriction in regulations under Article 49A. Article 46(1A):
/// a transfer is made subject to appropriate safeguards only where safeguards under
/// Article 46(2) or (3) (or regulations under Article 47A(4)) are provided and "the controller
/// or processor, acting reasonably and proportionately, considers that the data protection
/// test is met" (for a 46(2)(a) instrument, each public body that is a party considers it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TransferMechanism {
    /// Approved regulations (Article 45A: "the Secretary of State may by regulations approve
    /// transfers of personal data to— (a) a third country, or (b)" an international
    /// organisation). Before 5 February 2026, adequacy regulations, which carry over: DPA 2018
    /// Schedule 21 para 4(1) as amended by DUAA 2025 Schedule 9 para 25 treats the transfers
    /// it lists as "approved by regulations made under Article 45A". The approved countries
    /// are in `isagen`'s list with their dates.
    ApprovedRegulations,
    /// The International Data Transfer Agreement issued by the ICO under DPA 2018 s.119A (an
    /// Article 46(2)(d) safeguard: "standard data protection clauses specified in a document
    /// issued (and not withdrawn) by the Commissioner ... under section 119A"; DUAA 2025
    /// Schedule 9 para 7 inserts "for the purposes of this Article" after "Commissioner").
    InternationalDataTransferAgreement,
    /// The UK Addendum to the EU standard contractual clauses, issued by the ICO under DPA
    /// 2018 s.119A (an Article 46(2)(d) safeguard).
    UkAddendum,
    /// Binding corporate rules approved under Article 47 (an Article 46(2)(b) safeguard; DUAA
    /// 2025 Schedule 7 para 6(4)(c) inserts "approved" after "rules").
    BindingCorporateRules,
    /// A derogation for a specific situation (Article 49), not saying which: for occasional
    /// transfers only. Prefer the specific derogation below.
    #[serde(rename = "article-49-derogation")]
    Article49Derogation,
    /// Article 46(2)(a) as amended: "a legally binding and enforceable instrument between a
    /// public body and another relevant person or persons" (DUAA 2025 Schedule 7 para
    /// 6(4)(b) substitutes those words for "public authorities or bodies"); under Article
    /// 46(1A)(b) "each public body that is a party to the instrument, acting reasonably and
    /// proportionately, considers that the data protection test is met".
    LegallyBindingInstrument,
    /// Article 46(2)(e): an approved code of conduct (Article 40) with binding and
    /// enforceable commitments of the recipient to apply "safeguards provided by the code"
    /// (DUAA 2025 Schedule 7 para 6(4)(e), for "appropriate safeguards").
    ApprovedCodeOfConduct,
    /// Article 46(2)(f): an approved certification mechanism (Article 42) with binding and
    /// enforceable commitments of the recipient to apply "safeguards provided by the
    /// mechanism" (DUAA 2025 Schedule 7 para 6(4)(f), for "appropriate safeguards").
    ApprovedCertification,
    /// Article 46(3)(a): contractual clauses authorised by the Commissioner.
    AuthorisedContractualClauses,
    /// Article 46(3)(b): provisions inserted into administrative arrangements between public
    /// authorities or bodies, with enforceable and effective rights for data subjects,
    /// authorised by the Commissioner.
    AdministrativeArrangements,
    /// Article 46(2)(c): standard data protection clauses specified in regulations made by
    /// the Secretary of State under Article 47A(1) (DUAA 2025 Schedule 7 para 6(4)(d), for
    /// "section 17C of the 2018 Act").
    StandardClausesInRegulations,
    /// Article 49(1)(a): the data subject has explicitly consented, having been told of the
    /// possible risks.
    #[serde(rename = "derogation-explicit-consent")]
    DerogationExplicitConsent,
    /// Article 49(1)(b): necessary for the performance of a contract between the data subject
    /// and the controller, or for pre-contractual measures taken at the data subject's
    /// request.
    #[serde(rename = "derogation-contract-with-data-subject")]
    DerogationContractWithDataSubject,
    /// Article 49(1)(c): necessary for a contract in the data subject's interest between the
    /// controller and another person.
    #[serde(rename = "derogation-contract-in-data-subjects-interest")]
    DerogationContractInInterest,
    /// Article 49(1)(d): necessary for important reasons of public interest.
    #[serde(rename = "derogation-public-interest")]
    DerogationPublicInterest,
    /// Article 49(1)(e): necessary for the establishment, exercise or defence of legal claims.
    #[serde(rename = "derogation-legal-claims")]
    DerogationLegalClaims,
    /// Article 49(1)(f): necessary to protect the vital interests of the data subject or of
    /// other persons, where the data subject is physically or legally incapable of giving
    /// consent.
    #[serde(rename = "derogation-vital-interests")]
    DerogationVitalInterests,
    /// Article 49(1)(g): made from a register which is intended to provide information to
    /// the public.
    #[serde(rename = "derogation-public-register")]
    DerogationPublicRegister,
    /// Article 49(1), second subparagraph: compelling legitimate interests, for a transfer
    /// that is not repetitive and concerns a limited number of data subjects, where no other
    /// ground applies, with the Commissioner informed.
    #[serde(rename = "derogation-compelling-legitimate-interests")]
    DerogationCompellingLegitimateInterests,
    /// DPA 2018 Part 3 (law enforcement), s.74AA: a transfer approved by regulations ("For
    /// the purposes of section 73, the Secretary of State may by regulations approve
    /// transfers of personal data to— (a) a third country, or (b) an international
    /// organisation"), inserted by DUAA 2025 Schedule 8 para 4, which omits s.74A (transfers
    /// based on adequacy regulations).
    #[serde(rename = "part-3-approved-regulations")]
    Part3ApprovedRegulations,
    /// DPA 2018 Part 3 (law enforcement), s.75: a transfer on the basis of appropriate
    /// safeguards (the section's heading as enacted; its text as amended by DUAA 2025
    /// Schedule 8 was not checked).
    #[serde(rename = "part-3-appropriate-safeguards")]
    Part3AppropriateSafeguards,
    /// DPA 2018 Part 3 (law enforcement), s.76: a transfer on the basis of special
    /// circumstances (the section's heading as enacted; its text as amended by DUAA 2025
    /// Schedule 8 was not checked).
    #[serde(rename = "part-3-special-circumstances")]
    Part3SpecialCircumstances,
}

/// Which of the Article 44A routes a mechanism is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransferGround {
    /// Approved by regulations (Article 45A).
    ApprovedRegulations,
    /// Appropriate safeguards (Article 46, with Article 47).
    Safeguard,
    /// A derogation for a specific situation (Article 49).
    Derogation,
    /// DPA 2018 Part 3, Chapter 5.
    LawEnforcement,
}

impl TransferMechanism {
    /// The mechanism and its article.
    pub fn citation(self) -> &'static str {
        use TransferMechanism::*;
        match self {
            ApprovedRegulations => "approved regulations (Article 45A)",
            InternationalDataTransferAgreement => {
                "International Data Transfer Agreement (Article 46(2)(d))"
            }
            UkAddendum => "UK Addendum to the EU standard contractual clauses (Article 46(2)(d))",
            BindingCorporateRules => "binding corporate rules (Articles 46(2)(b) and 47)",
            Article49Derogation => "derogation (Article 49)",
            LegallyBindingInstrument => {
                "legally binding and enforceable instrument with a public body (Article 46(2)(a))"
            }
            ApprovedCodeOfConduct => "approved code of conduct (Article 46(2)(e))",
            StandardClausesInRegulations => {
                "standard data protection clauses in regulations (Article 46(2)(c))"
            }
            ApprovedCertification => "approved certification mechanism (Article 46(2)(f))",
            AuthorisedContractualClauses => {
                "contractual clauses authorised by the Commissioner (Article 46(3)(a))"
            }
            AdministrativeArrangements => {
                "administrative arrangements between public bodies (Article 46(3)(b))"
            }
            DerogationExplicitConsent => "derogation: explicit consent (Article 49(1)(a))",
            DerogationContractWithDataSubject => {
                "derogation: contract with the data subject (Article 49(1)(b))"
            }
            DerogationContractInInterest => {
                "derogation: contract in the data subject's interest (Article 49(1)(c))"
            }
            DerogationPublicInterest => {
                "derogation: important reasons of public interest (Article 49(1)(d))"
            }
            DerogationLegalClaims => "derogation: legal claims (Article 49(1)(e))",
            DerogationVitalInterests => "derogation: vital interests (Article 49(1)(f))",
            DerogationPublicRegister => "derogation: public register (Article 49(1)(g))",
            DerogationCompellingLegitimateInterests => {
                "derogation: compelling legitimate interests (Article 49(1), second subparagraph)"
            }
            Part3ApprovedRegulations => "DPA 2018 s.74AA (transfers approved by regulations)",
            Part3AppropriateSafeguards => "DPA 2018 s.75 (appropriate safeguards)",
            Part3SpecialCircumstances => "DPA 2018 s.76 (special circumstances)",
        }
    }

    /// Which Article 44A route (or Part 3) the mechanism is.
    pub fn ground(self) -> TransferGround {
        use TransferMechanism::*;
        match self {
            ApprovedRegulations => TransferGround::ApprovedRegulations,
            InternationalDataTransferAgreement
            | UkAddendum
            | BindingCorporateRules
            | LegallyBindingInstrument
            | ApprovedCodeOfConduct
            | StandardClausesInRegulations
            | ApprovedCertification
            | AuthorisedContractualClauses
            | AdministrativeArrangements => TransferGround::Safeguard,
            Article49Derogation
            | DerogationExplicitConsent
            | DerogationContractWithDataSubject
            | DerogationContractInInterest
            | DerogationPublicInterest
            | DerogationLegalClaims
            | DerogationVitalInterests
            | DerogationPublicRegister
            | DerogationCompellingLegitimateInterests => TransferGround::Derogation,
            Part3ApprovedRegulations | Part3AppropriateSafeguards | Part3SpecialCircumstances => {
                TransferGround::LawEnforcement
            }
        }
    }

    /// Whether the mechanism is an Article 46 or 47 safeguard, which must meet the data
    /// protection test (Article 46(1A)) and so calls for a transfer risk assessment.
    pub fn is_safeguard(self) -> bool {
        self.ground() == TransferGround::Safeguard
    }

    /// Whether the mechanism is an Article 49 derogation, for specific situations only.
    pub fn is_derogation(self) -> bool {
        self.ground() == TransferGround::Derogation
    }
}

#[cfg(test)]
mod tests {
    use super::{
        Annex1Condition, CarveOutRecipient, PolicyDocumentRequirement, Schedule1Condition,
        TransferMechanism,
    };

    #[test]
    fn annex_1_numbering_is_the_annexs_own() {
        assert_eq!(Annex1Condition::Crime.paragraph(), 5);
        assert_eq!(
            Annex1Condition::SafeguardingVulnerableIndividuals.paragraph(),
            6
        );
        assert!(Annex1Condition::Emergencies.citation().contains("para 3"));
    }

    #[test]
    fn policy_document_table_follows_schedule_1() {
        use PolicyDocumentRequirement::*;
        use Schedule1Condition::*;
        assert_eq!(
            EmploymentSocialSecurity.policy_document_requirement(),
            Required
        );
        assert_eq!(
            HealthOrSocialCare.policy_document_requirement(),
            NotRequired
        );
        assert_eq!(
            PreventingOrDetectingUnlawfulActs.policy_document_requirement(),
            UnlessDisclosingTo(CarveOutRecipient::CompetentAuthority)
        );
        assert_eq!(Journalism.policy_document_requirement(), NotRequired);
        assert_eq!(
            AntiDopingInSport.policy_document_requirement(),
            UnlessDisclosingTo(CarveOutRecipient::AntiDopingBody)
        );
        assert_eq!(
            ElectedRepresentatives.policy_document_requirement(),
            Required
        );
        assert_eq!(ExtensionOfPart2.policy_document_requirement(), Required);
        assert_eq!(ExtensionOfInsurance.policy_document_requirement(), Required);
        assert_eq!(LegalClaims.policy_document_requirement(), NotRequired);
        // Sch 1 para 35(1)(c): "the controller has an appropriate policy document in place".
        assert_eq!(
            IndecencyOffencesAccounts.policy_document_requirement(),
            Required
        );
        assert_eq!(
            IndecencyOffencesAccounts.policy_document_source(),
            "para 35(1)(c)"
        );
    }

    #[test]
    fn derogations_and_safeguards_are_told_apart() {
        assert!(TransferMechanism::DerogationPublicInterest.is_derogation());
        assert!(TransferMechanism::Article49Derogation.is_derogation());
        assert!(TransferMechanism::LegallyBindingInstrument.is_safeguard());
        assert!(TransferMechanism::AdministrativeArrangements.is_safeguard());
        assert!(!TransferMechanism::ApprovedRegulations.is_safeguard());
        assert!(!TransferMechanism::Part3AppropriateSafeguards.is_safeguard());
    }
}
