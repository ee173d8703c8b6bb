//! The destinations approved for transfers by regulations (UK GDPR Article 45A), with the
//! instrument and the day each approval took effect.
//!
//! Sources checked: DPA 2018 Schedule 21 para 5 (inserted by SI 2019/419 Sch 2), which from
//! the end of the transition period (1 January 2021) treats the EEA states, Gibraltar, the EU
//! and EEA institutions and the countries of the EU adequacy decisions then in force as
//! adequate (the list as summarised at handleygill.co.uk/uk-adequacy-regulations); the Data
//! Protection (Adequacy) (Republic of Korea) Regulations 2022 (SI 2022/1213), "come into force
//! on 19th December 2022" (reg 1(2), legislation.gov.uk); the Data Protection (Adequacy)
//! (United States of America) Regulations 2023 (SI 2023/1028), "come into force on 12th
//! October 2023" (reg 1(2)). From 5 February 2026 these are "approved regulations" under
//! Article 45A (Data (Use and Access) Act 2025 Schedule 7).
//!
//! Several approvals are partial: they cover only recipients in a given scheme (the scope
//! below). isagen can match the destination's name, not the recipient's status; the rule
//! that reads this list says so.

use super::Provision;

/// A destination approved by regulations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApprovedDestination {
    /// The country, territory or organisation.
    pub name: &'static str,
    /// Other names a definition may use, compared ignoring case.
    pub aliases: &'static [&'static str],
    /// For a partial approval, which recipients it covers.
    pub scope: Option<&'static str>,
    /// The regulations and the date they took effect.
    pub provision: Provision,
}

const TRANSITIONAL: Provision = Provision {
    citation: "DPA 2018 Schedule 21 para 5 (adequacy from the end of the transition period)",
    inserted_by: "Data Protection, Privacy and Electronic Communications (Amendments etc) (EU Exit) Regulations 2019 (SI 2019/419) Schedule 2",
    in_force: (2021, 1, 1),
};

const KOREA: Provision = Provision {
    citation: "Data Protection (Adequacy) (Republic of Korea) Regulations 2022 (SI 2022/1213)",
    inserted_by: "SI 2022/1213 reg 1(2)",
    in_force: (2022, 12, 19),
};

const USA: Provision = Provision {
    citation: "Data Protection (Adequacy) (United States of America) Regulations 2023 (SI 2023/1028)",
    inserted_by: "SI 2023/1028 reg 1(2)",
    in_force: (2023, 10, 12),
};

const fn whole(name: &'static str, aliases: &'static [&'static str]) -> ApprovedDestination {
    ApprovedDestination {
        name,
        aliases,
        scope: None,
        provision: TRANSITIONAL,
    }
}

/// Every destination approved by regulations, in the order of the instruments.
pub static APPROVED_DESTINATIONS: &[ApprovedDestination] = &[
    whole(
        "European Economic Area",
        &[
            "EEA",
            "European Union",
            "EU",
            "the EEA",
            "the European Union",
            "the EU",
        ],
    ),
    whole("Austria", &[]),
    whole("Belgium", &[]),
    whole("Bulgaria", &[]),
    whole("Croatia", &[]),
    whole("Cyprus", &[]),
    whole("Czechia", &["Czech Republic"]),
    whole("Denmark", &[]),
    whole("Estonia", &[]),
    whole("Finland", &[]),
    whole("France", &[]),
    whole("Germany", &[]),
    whole("Greece", &[]),
    whole("Hungary", &[]),
    whole("Ireland", &["Republic of Ireland", "Éire"]),
    whole("Italy", &[]),
    whole("Latvia", &[]),
    whole("Lithuania", &[]),
    whole("Luxembourg", &[]),
    whole("Malta", &[]),
    whole("Netherlands", &["The Netherlands", "Holland"]),
    whole("Poland", &[]),
    whole("Portugal", &[]),
    whole("Romania", &[]),
    whole("Slovakia", &["Slovak Republic"]),
    whole("Slovenia", &[]),
    whole("Spain", &[]),
    whole("Sweden", &[]),
    whole("Iceland", &[]),
    whole("Liechtenstein", &[]),
    whole("Norway", &[]),
    whole("Gibraltar", &[]),
    whole("Switzerland", &[]),
    ApprovedDestination {
        name: "Canada",
        aliases: &[],
        scope: Some(
            "recipients subject to the Personal Information Protection and Electronic Documents Act (PIPEDA)",
        ),
        provision: TRANSITIONAL,
    },
    whole("Argentina", &[]),
    whole("Guernsey", &["Bailiwick of Guernsey"]),
    whole("Isle of Man", &[]),
    whole("Jersey", &["Bailiwick of Jersey"]),
    whole("Andorra", &[]),
    whole("Israel", &[]),
    whole("Uruguay", &[]),
    whole("New Zealand", &[]),
    ApprovedDestination {
        name: "Japan",
        aliases: &[],
        scope: Some("data subject to the Act on the Protection of Personal Information"),
        provision: TRANSITIONAL,
    },
    ApprovedDestination {
        name: "Republic of Korea",
        aliases: &["South Korea", "Korea"],
        scope: Some("recipients subject to the Personal Information Protection Act"),
        provision: KOREA,
    },
    ApprovedDestination {
        name: "United States of America",
        aliases: &["United States", "USA", "US", "U.S.", "U.S.A."],
        scope: Some(
            "recipients on the Data Privacy Framework List participating in the UK Extension to the EU-US Data Privacy Framework",
        ),
        provision: USA,
    },
];

/// The approved destination a definition's `destination` names, comparing the whole text
/// with each name and alias, ignoring case and surrounding space.
pub fn approved_destination(destination: &str) -> Option<&'static ApprovedDestination> {
    let wanted = destination.trim();
    APPROVED_DESTINATIONS.iter().find(|d| {
        d.name.eq_ignore_ascii_case(wanted)
            || d.aliases.iter().any(|a| a.eq_ignore_ascii_case(wanted))
    })
}

#[cfg(test)]
mod tests {
    use super::approved_destination;

    #[test]
    fn names_and_aliases_match_ignoring_case() {
        assert_eq!(
            approved_destination("usa").unwrap().provision.in_force,
            (2023, 10, 12)
        );
        assert_eq!(
            approved_destination(" Republic of Ireland ").unwrap().name,
            "Ireland"
        );
        assert!(approved_destination("India").is_none());
    }
}
