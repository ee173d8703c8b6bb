//! The sign-off register and the bodies a document names, as templates see them.
//!
//! When acceptance is recorded elsewhere ([`crate::model::Acceptance`]) the document prints a
//! register of who holds the record, how parties accept and who accepted which version,
//! instead of empty signature boxes; signature blocks remain only for signatures the
//! definition records. Processors get no signature block unless one is recorded: they act
//! under an Article 28 contract and do not sign a controller-to-controller document.

use serde::Serialize;

use super::view::long_date;
use crate::model::{Acceptance, OtherBody, Partner};

/// The sign-off facts beyond signature blocks.
#[derive(Debug, Serialize)]
pub struct SignoffView {
    /// Acceptance recorded elsewhere, if any.
    pub acceptance: Option<AcceptanceView>,
    /// Processors that are not asked to sign, each as "Name, processor for Controller".
    pub processors: Vec<String>,
}

/// Acceptance recorded elsewhere, formatted for the register.
#[derive(Debug, Serialize)]
pub struct AcceptanceView {
    /// Who holds the record (a partner's name, or the body named).
    pub held_by: String,
    /// How parties accept, in words.
    pub method: &'static str,
    /// Where the record is kept.
    pub reference: Option<String>,
    /// The statement that every party accepted, in a sentence.
    pub all_parties: Option<String>,
    /// Each recorded acceptance, in the order written.
    pub register: Vec<AcceptanceRow>,
    /// The bodies the record does not cover for the current version, by name.
    pub not_recorded: Vec<String>,
}

/// One row of the register.
#[derive(Debug, Serialize)]
pub struct AcceptanceRow {
    /// The party.
    pub organisation: String,
    /// The version accepted.
    pub version: String,
    /// The date, or "Not recorded".
    pub accepted_on: String,
    /// The reference, or "Not recorded".
    pub reference: String,
}

/// Bodies named that are not parties, and the members of classes of bodies.
#[derive(Debug, Serialize)]
pub struct BodiesView {
    /// Bodies that are not parties, with their part.
    pub other_bodies: Vec<OtherBodyView>,
    /// Classes of bodies that list their members (for the appendix).
    pub classes: Vec<ClassView>,
}

/// A body that is not a party.
#[derive(Debug, Serialize)]
pub struct OtherBodyView {
    /// Name.
    pub name: String,
    /// Its part, in words.
    pub role: &'static str,
    /// What it does.
    pub description: Option<String>,
}

/// A class of bodies and its listed members.
#[derive(Debug, Serialize)]
pub struct ClassView {
    /// The class partner's name.
    pub name: String,
    /// Which bodies the class takes in.
    pub description: String,
    /// Each member, as "Name" or "Name (ICO registration Z…)".
    pub members: Vec<String>,
}

/// The register for `acceptance`, given the bodies that should accept (id, name) and the
/// current `version`. `name_of` turns a partner id into a name and returns anything else
/// as it is.
pub fn acceptance_view(
    acceptance: &Acceptance,
    bodies: &[(String, String)],
    version: Option<&str>,
    name_of: &dyn Fn(&str) -> String,
) -> AcceptanceView {
    // A partner id becomes the partner's name; any other text is the body's name as written.
    let held_by = name_of(&acceptance.held_by);
    let not_recorded = bodies
        .iter()
        .filter(|(id, _)| !acceptance.covers(id, version))
        .map(|(_, name)| name.clone())
        .collect();
    AcceptanceView {
        held_by,
        method: acceptance.method.title(),
        reference: acceptance.reference.clone(),
        all_parties: acceptance
            .all_parties
            .as_ref()
            .map(|all| match all.accepted_on {
                Some(date) => format!(
                    "Every party accepted {} by {}.",
                    crate::model::version_words(all.version.as_deref()),
                    long_date(date)
                ),
                None => format!(
                    "Every party accepted {}; the date is not recorded.",
                    crate::model::version_words(all.version.as_deref())
                ),
            }),
        register: acceptance
            .recorded
            .iter()
            .map(|r| AcceptanceRow {
                organisation: name_of(r.party.as_str()),
                version: r.version.clone().unwrap_or_else(|| "Not stated".into()),
                accepted_on: r
                    .accepted_on
                    .map_or_else(|| "Not recorded".into(), long_date),
                reference: r.reference.clone().unwrap_or_else(|| "Not recorded".into()),
            })
            .collect(),
        not_recorded,
    }
}

/// The same register for the public edition: references (email and minute references, file
/// locations) are withheld, as they point into the parties' own records.
pub fn public_acceptance(full: AcceptanceView) -> AcceptanceView {
    let AcceptanceView {
        held_by,
        method,
        reference,
        all_parties,
        register,
        not_recorded,
    } = full;
    AcceptanceView {
        held_by,
        method,
        reference: reference.map(|_| super::view::WITHHELD.to_string()),
        all_parties,
        register: register
            .into_iter()
            .map(|row| {
                let AcceptanceRow {
                    organisation,
                    version,
                    accepted_on,
                    reference,
                } = row;
                AcceptanceRow {
                    organisation,
                    version,
                    accepted_on,
                    reference: if reference == "Not recorded" {
                        reference
                    } else {
                        super::view::WITHHELD.to_string()
                    },
                }
            })
            .collect(),
        not_recorded,
    }
}

/// The bodies named that are not parties, and the classes among `partners` that list members.
pub fn bodies_view<'a>(
    other_bodies: &[OtherBody],
    partners: impl Iterator<Item = &'a Partner>,
) -> BodiesView {
    BodiesView {
        other_bodies: other_bodies
            .iter()
            .map(|b| OtherBodyView {
                name: b.name.clone(),
                role: b.role.title(),
                description: b.description.clone(),
            })
            .collect(),
        classes: partners
            .filter_map(|p| {
                let class = p.class.as_ref()?;
                if class.members.is_empty() {
                    return None;
                }
                Some(ClassView {
                    name: p.name.clone(),
                    description: class.description.clone(),
                    members: class
                        .members
                        .iter()
                        .map(|m| match &m.ico_registration {
                            Some(number) => format!("{} (ICO registration {number})", m.name),
                            None => m.name.clone(),
                        })
                        .collect(),
                })
            })
            .collect(),
    }
}
