//! The statutory gateways partnerships most often cite, each marked as a duty, a power or a
//! duty to comply with a request, with who may use it and where it applies.
//!
//! A gateway is a provision of an Act that obliges or allows a body to share. Whether it is a
//! duty or a power decides the Article 6 basis it can support: a duty can ground a legal
//! obligation (Article 6(1)(c)); a power supports public task (Article 6(1)(e)), as the ICO's
//! guidance on the legal obligation basis says ("if you have discretion over whether to
//! process the data, legal obligation is not the right basis"). A definition records a
//! gateway as free text (`legislation` and `provision`) or, beside it, by its `gateway` value;
//! free text that names one of these exactly is recognised too.
//!
//! Checked against the text (legislation.gov.uk, or a verbatim reproduction of it where
//! named), with the words checked:
//! - Crime and Disorder Act 1998 s.115(1), "shall have power to do so" (a power).
//! - Care Act 2014 s.42(2), "must make (or cause to be made) whatever enquiries it thinks
//!   necessary", and s.45(1), "the person to whom the request is made must comply with the
//!   request if" conditions 1 to 4 are met.
//! - Health and Social Care Act 2012 s.251B, whose explanatory notes (Health and Social Care
//!   (Safety and Quality) Act 2015, s.3) describe a duty "to ensure that the information is
//!   disclosed", qualified by s.251B(3)-(6).
//! - Children Act 2004 s.10(1), "Each local authority in England must make arrangements to
//!   promote co-operation between— (a) the authority; (b) each of the authority's relevant
//!   partners"; the explanatory notes (para 61): "The duty on each partner agency to
//!   co-operate is in subsection (5)" (a duty; the section's extent note reads "E+W", its
//!   words "in England").
//! - Children Act 2004 s.16H: only its opening words were found at source, as a published
//!   safeguarding partnership agreement quotes them (Cambridgeshire and Peterborough, Tier 1
//!   children safeguarding DSA): "Any of the safeguarding partners for a local authority area
//!   in England may, for the purpose of enabling or assisting the performance of functions
//!   conferred by sect[ion]…" — a request, not a requirement; the safeguarding partners are
//!   the local authority, an integrated care board and the chief officer of police (s.16E(3),
//!   legislation.gov.uk). The duty to comply (s.16H(2)) was not found at source; the parallel
//!   s.16N(2) as moved in the Lords (11 July 2016) reads "The person or body to whom a
//!   request under this section is made must comply with the request."
//! - Children Act 1989 s.47(1), "the authority shall make, or cause to be made, such
//!   enquiries as they consider necessary to enable them to decide whether they should take
//!   any action to safeguard or promote the child's welfare" (a duty; extent "E+W"). The
//!   duty of the bodies in s.47(11) to assist (s.47(9)) was not found at source.
//! - Children Act 1989 s.17(1), "It shall be the general duty of every local authority … to
//!   safeguard and promote the welfare of children within their area who are in need" (a
//!   duty; its extent was not checked).
//! - Crime and Disorder Act 1998 s.17(1), "it shall be the duty of each authority to which
//!   this section applies to exercise its various functions with due regard to the likely
//!   effect of the exercise of those functions on, and the need to do all that it reasonably
//!   can to prevent," crime and disorder; s.17(2) lists the authorities (a local authority,
//!   a joint authority, fire and rescue authorities, a local policing body, a National Park
//!   authority, the Broads Authority, the Greater London Authority, Transport for London);
//!   extent "E+W".
//! - Care Act 2014 s.6(1), "A local authority must co-operate with each of its relevant
//!   partners, and each relevant partner must co-operate with the authority".
//! - Digital Economy Act 2017 s.35(1) (Part 5 Chapter 1), "A specified person may disclose
//!   information held by the person in connection with any of the person's functions to
//!   another specified person for the purposes of an objective which is a specified
//!   objective in relation to each of those persons"; s.35(2), "specified person" means a
//!   person specified in Schedule 4 (a power). The other Chapters of Part 5 were not checked.
//! - Local Government Act 1972 s.111(1), "a local authority shall have power to do any thing
//!   … which is calculated to facilitate, or is conducive or incidental to, the discharge of
//!   any of their functions" (a power; s.111(4) includes the Common Council).
//! - Localism Act 2011 s.1(1), "A local authority has power to do anything that individuals
//!   generally may do"; the explanatory notes: "a general power of competence for local
//!   authorities in England" (a power).
//! - Education Act 2002 s.175(1), "A local authority shall make arrangements for ensuring
//!   that their education functions are exercised with a view to safeguarding and promoting
//!   the welfare of children", with the governing bodies of maintained schools (s.175(2))
//!   and of further education institutions (s.175(3)) and the proprietors of 16 to 19
//!   Academies (s.175(3A)); extent "E+W" (corrected: the entry said England only).
//! - Criminal Justice Act 2003 s.325(2), "The responsible authority for each area must
//!   establish arrangements"; s.325(3), "it is the duty of those persons to co-operate";
//!   s.325(4), "Co-operation under subsection (3) may include the exchange of information";
//!   the responsible authority is "the chief officer of police, the local probation board for
//!   that area … and the Minister of the Crown exercising functions in relation to prisons,
//!   acting jointly" (s.325(1)).
//! - Children Act 2004 s.11(1), https://legislation.gov.uk/id/ukpga/2004/31/section/11: "This
//!   section applies to each of the following— (a) a local authority in England; (b) a
//!   district council which is not such an authority; (bb) an integrated care board; … (f) an
//!   NHS trust all or most of whose hospitals, establishments and facilities are situated in
//!   England; (g) an NHS foundation trust; (h) the local policing body and chief officer of
//!   police for a police area in England" and others; s.11(2), as a reproduction quotes it:
//!   "make arrangements for ensuring that: (a) their functions are discharged having regard to
//!   the need to safeguard and promote the welfare of children" (a duty).
//! - Housing Act 1996 s.213B: checked against the Homelessness Code of Guidance, chapter 4
//!   (gov.uk), not the section's own words: public authorities specified in regulations "are
//!   required to notify a housing authority", must first "have consent to the referral from
//!   the individual", and "The duty to refer only applies to public authorities in England".
//!
//! Not found at source: National Health Service Act 2006 s.82 (its predecessor, NHS Act 1977
//! s.22(1) as substituted by the Health Act 1999 s.27, reads "NHS bodies (on the one hand)
//! and local authorities (on the other) shall co-operate with one another in order to secure
//! and advance the health and welfare of the people of England and Wales"). The entry
//! follows those words and still needs the check against s.82 itself.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a gateway does to the body that relies on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GatewayNature {
    /// The body must act (share, co-operate, refer or enquire).
    Duty,
    /// The body may share, at its discretion.
    Power,
    /// The body must supply information when a named body asks for it; the asking body
    /// holds a power to request.
    DutyToComplyWithRequest,
}

impl GatewayNature {
    /// The nature in plain words.
    pub fn title(self) -> &'static str {
        match self {
            GatewayNature::Duty => "duty",
            GatewayNature::Power => "power",
            GatewayNature::DutyToComplyWithRequest => "duty to comply with a request",
        }
    }
}

/// A common statutory gateway for sharing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Gateway {
    /// Children Act 2004 s.10: co-operation to improve the well-being of children (England):
    /// a duty on each local authority to make arrangements, and on its relevant partners to
    /// co-operate.
    #[serde(rename = "children-act-2004-s10")]
    ChildrenAct2004S10,
    /// Children Act 2004 s.11: bodies listed in s.11(1) (local authorities, NHS bodies, police
    /// and others, England) must make arrangements for ensuring that their functions are
    /// discharged having regard to the need to safeguard and promote the welfare of children
    /// (s.11(1) and (2)).
    #[serde(rename = "children-act-2004-s11")]
    ChildrenAct2004S11,
    /// Children Act 2004 s.16H: any of the safeguarding partners for a local authority area
    /// in England (the local authority, an integrated care board, the chief officer of
    /// police: s.16E(3)) may request a person or body to provide information for their
    /// functions, and the person or body asked must comply (s.16H(2), not yet checked at
    /// source).
    #[serde(rename = "children-act-2004-s16h")]
    ChildrenAct2004S16H,
    /// Children Act 1989 s.47: a local authority's duty to make enquiries where it has
    /// reasonable cause to suspect that a child in its area is suffering, or is likely to
    /// suffer, significant harm (England and Wales); s.47(9) to (11) oblige the bodies listed
    /// to help with them (not yet checked at source).
    #[serde(rename = "children-act-1989-s47")]
    ChildrenAct1989S47,
    /// Children Act 1989 s.17: a local authority's duty to safeguard and promote the welfare
    /// of children in need in its area.
    #[serde(rename = "children-act-1989-s17")]
    ChildrenAct1989S17,
    /// Crime and Disorder Act 1998 s.115: any person may disclose information to a relevant
    /// authority (police, local authorities, probation, health bodies and others named) where
    /// necessary or expedient for a purpose of the Act. A power, not a duty.
    #[serde(rename = "crime-and-disorder-act-1998-s115")]
    CrimeAndDisorderAct1998S115,
    /// Crime and Disorder Act 1998 s.17: the authorities listed in s.17(2) must exercise
    /// their functions with due regard to their likely effect on, and the need to do all they
    /// reasonably can to prevent, crime and disorder in their area (England and Wales).
    #[serde(rename = "crime-and-disorder-act-1998-s17")]
    CrimeAndDisorderAct1998S17,
    /// Care Act 2014 s.42: a local authority's duty to make enquiries where an adult with care
    /// and support needs is at risk of abuse or neglect (England).
    #[serde(rename = "care-act-2014-s42")]
    CareAct2014S42,
    /// Care Act 2014 s.45: a person must supply information a Safeguarding Adults Board
    /// requests for its functions, where the conditions in s.45 are met (England).
    #[serde(rename = "care-act-2014-s45")]
    CareAct2014S45,
    /// Care Act 2014 s.6: a local authority and its relevant partners must co-operate in the
    /// exercise of their functions relating to adults with needs for care and support.
    #[serde(rename = "care-act-2014-s6")]
    CareAct2014S6,
    /// Health and Social Care Act 2012 s.251B: health and adult social care commissioners and
    /// providers must share information about an individual with others involved in the
    /// individual's direct care, where it facilitates care and is in their interests (England).
    #[serde(rename = "health-and-social-care-act-2012-s251b")]
    HealthAndSocialCareAct2012S251B,
    /// National Health Service Act 2006 s.82: NHS bodies and local authorities must co-operate
    /// with one another to secure and advance the health and welfare of the people of England
    /// and Wales (the words of its predecessor, NHS Act 1977 s.22(1); s.82 itself was not
    /// found at source).
    #[serde(rename = "nhs-act-2006-s82")]
    NhsAct2006S82,
    /// Digital Economy Act 2017 Part 5: powers for specified persons to disclose for public
    /// service delivery, civil registration, debt, fraud, research and statistics. Powers,
    /// with codes of practice and a public register.
    #[serde(rename = "digital-economy-act-2017-part-5")]
    DigitalEconomyAct2017Part5,
    /// Local Government Act 1972 s.111: a local authority may do anything that is calculated
    /// to facilitate, or is conducive or incidental to, the discharge of its functions
    /// (England and Wales).
    #[serde(rename = "local-government-act-1972-s111")]
    LocalGovernmentAct1972S111,
    /// Localism Act 2011 s.1: a local authority's general power of competence (England).
    #[serde(rename = "localism-act-2011-s1")]
    LocalismAct2011S1,
    /// Education Act 2002 s.175: local authorities (for their education functions), the
    /// governing bodies of maintained schools and further education institutions, and the
    /// proprietors of 16 to 19 Academies must make arrangements for ensuring that their
    /// functions are exercised with a view to safeguarding and promoting the welfare of
    /// children (England and Wales).
    #[serde(rename = "education-act-2002-s175")]
    EducationAct2002S175,
    /// Criminal Justice Act 2003 s.325: the responsible authority (the chief officer of
    /// police, the local probation board or provider of probation services, and the Minister
    /// for prisons, acting jointly) must establish arrangements to assess and manage the risks
    /// posed by certain offenders (MAPPA), and the bodies in s.325(6) have a duty to
    /// co-operate, which may include the exchange of information (s.325(4)).
    #[serde(rename = "criminal-justice-act-2003-s325")]
    CriminalJusticeAct2003S325,
    /// Housing Act 1996 s.213B (inserted by the Homelessness Reduction Act 2017): specified
    /// public authorities must refer a person who may be homeless or threatened with
    /// homelessness to a housing authority, with the person's consent (England).
    #[serde(rename = "housing-act-1996-s213b")]
    HousingAct1996S213B,
}

/// Every gateway, for listings and recognition.
pub const GATEWAYS: &[Gateway] = &[
    Gateway::ChildrenAct2004S10,
    Gateway::ChildrenAct2004S11,
    Gateway::ChildrenAct2004S16H,
    Gateway::ChildrenAct1989S47,
    Gateway::ChildrenAct1989S17,
    Gateway::CrimeAndDisorderAct1998S115,
    Gateway::CrimeAndDisorderAct1998S17,
    Gateway::CareAct2014S42,
    Gateway::CareAct2014S45,
    Gateway::CareAct2014S6,
    Gateway::HealthAndSocialCareAct2012S251B,
    Gateway::NhsAct2006S82,
    Gateway::DigitalEconomyAct2017Part5,
    Gateway::LocalGovernmentAct1972S111,
    Gateway::LocalismAct2011S1,
    Gateway::EducationAct2002S175,
    Gateway::CriminalJusticeAct2003S325,
    Gateway::HousingAct1996S213B,
];

impl Gateway {
    /// The Act, as legislation.gov.uk names it.
    pub fn legislation(self) -> &'static str {
        use Gateway::*;
        match self {
            ChildrenAct2004S10 | ChildrenAct2004S11 | ChildrenAct2004S16H => "Children Act 2004",
            ChildrenAct1989S47 | ChildrenAct1989S17 => "Children Act 1989",
            CrimeAndDisorderAct1998S115 | CrimeAndDisorderAct1998S17 => {
                "Crime and Disorder Act 1998"
            }
            CareAct2014S42 | CareAct2014S45 | CareAct2014S6 => "Care Act 2014",
            HealthAndSocialCareAct2012S251B => "Health and Social Care Act 2012",
            NhsAct2006S82 => "National Health Service Act 2006",
            DigitalEconomyAct2017Part5 => "Digital Economy Act 2017",
            LocalGovernmentAct1972S111 => "Local Government Act 1972",
            LocalismAct2011S1 => "Localism Act 2011",
            EducationAct2002S175 => "Education Act 2002",
            CriminalJusticeAct2003S325 => "Criminal Justice Act 2003",
            HousingAct1996S213B => "Housing Act 1996",
        }
    }

    /// The provision, for example "s.115".
    pub fn provision(self) -> &'static str {
        use Gateway::*;
        match self {
            ChildrenAct2004S10 => "s.10",
            ChildrenAct2004S11 => "s.11",
            ChildrenAct2004S16H => "s.16H",
            ChildrenAct1989S47 => "s.47",
            ChildrenAct1989S17 => "s.17",
            CrimeAndDisorderAct1998S115 => "s.115",
            CrimeAndDisorderAct1998S17 => "s.17",
            CareAct2014S42 => "s.42",
            CareAct2014S45 => "s.45",
            CareAct2014S6 => "s.6",
            HealthAndSocialCareAct2012S251B => "s.251B",
            NhsAct2006S82 => "s.82",
            DigitalEconomyAct2017Part5 => "Part 5",
            LocalGovernmentAct1972S111 => "s.111",
            LocalismAct2011S1 => "s.1",
            EducationAct2002S175 => "s.175",
            CriminalJusticeAct2003S325 => "s.325",
            HousingAct1996S213B => "s.213B",
        }
    }

    /// Whether it is a duty, a power or a duty to comply with a request.
    pub fn nature(self) -> GatewayNature {
        use Gateway::*;
        match self {
            ChildrenAct2004S16H | CareAct2014S45 => GatewayNature::DutyToComplyWithRequest,
            CrimeAndDisorderAct1998S115
            | DigitalEconomyAct2017Part5
            | LocalGovernmentAct1972S111
            | LocalismAct2011S1 => GatewayNature::Power,
            _ => GatewayNature::Duty,
        }
    }

    /// Who may use it (or on whom it falls).
    pub fn used_by(self) -> &'static str {
        use Gateway::*;
        match self {
            ChildrenAct2004S10 => "a local authority in England and its relevant partners",
            ChildrenAct2004S11 => "the bodies listed in s.11(1)",
            ChildrenAct2004S16H => {
                "any of the safeguarding partners may request; the person or body asked must comply"
            }
            ChildrenAct1989S47 => "a local authority, helped by the bodies listed in s.47(11)",
            ChildrenAct1989S17 => "a local authority",
            CrimeAndDisorderAct1998S115 => "any person, disclosing to a relevant authority",
            CrimeAndDisorderAct1998S17 => "the authorities listed in s.17(2)",
            CareAct2014S42 => "a local authority in England",
            CareAct2014S45 => {
                "a Safeguarding Adults Board may request; the person asked must comply"
            }
            CareAct2014S6 => "a local authority in England and its relevant partners",
            HealthAndSocialCareAct2012S251B => {
                "relevant health or adult social care commissioners and providers in England"
            }
            NhsAct2006S82 => "NHS bodies and local authorities",
            DigitalEconomyAct2017Part5 => "the persons specified in the Part's schedules",
            LocalGovernmentAct1972S111 => "a local authority in England or Wales",
            LocalismAct2011S1 => "a local authority in England",
            EducationAct2002S175 => {
                "local authorities, governing bodies and 16 to 19 Academy proprietors in England and Wales"
            }
            CriminalJusticeAct2003S325 => {
                "the MAPPA responsible authority and the bodies with a duty to co-operate"
            }
            HousingAct1996S213B => "the specified public authorities in England",
        }
    }

    /// The citation, for example "Crime and Disorder Act 1998 s.115".
    pub fn citation(self) -> String {
        format!("{} {}", self.legislation(), self.provision())
    }

    /// The gateway a free-text `legislation` and `provision` name, if they name one of these
    /// exactly (ignoring case, spaces and the difference between "s.115", "s 115",
    /// "section 115").
    pub fn recognise(legislation: &str, provision: Option<&str>) -> Option<Gateway> {
        let act = normalise(legislation);
        let section = provision.map(normalise_provision)?;
        GATEWAYS.iter().copied().find(|g| {
            normalise(g.legislation()) == act && normalise_provision(g.provision()) == section
        })
    }
}

fn normalise(text: &str) -> String {
    let lower = text
        .to_ascii_lowercase()
        .replace("nhs act", "national health service act");
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "the")
        .collect::<Vec<_>>()
        .join(" ")
}

fn normalise_provision(text: &str) -> String {
    let lower = text.trim().to_ascii_lowercase();
    let lower = lower
        .strip_prefix("section")
        .or_else(|| lower.strip_prefix("s."))
        .or_else(|| lower.strip_prefix("s "))
        .or_else(|| {
            lower
                .strip_prefix('s')
                .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        .unwrap_or(&lower);
    lower
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Gateway, GatewayNature};

    #[test]
    fn free_text_is_recognised() {
        assert_eq!(
            Gateway::recognise("Crime and Disorder Act 1998", Some("section 115")),
            Some(Gateway::CrimeAndDisorderAct1998S115)
        );
        assert_eq!(
            Gateway::recognise("Children Act 2004", Some("s.11")).map(Gateway::nature),
            Some(GatewayNature::Duty)
        );
        assert_eq!(
            Gateway::recognise("Digital Economy Act 2017", Some("Part 5")),
            Some(Gateway::DigitalEconomyAct2017Part5)
        );
        assert_eq!(Gateway::recognise("Children Act 2004", None), None);
        assert_eq!(Gateway::recognise("Care Act 2014", Some("s.1")), None);
    }
}
