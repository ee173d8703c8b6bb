//! What the templates see of a document's structure and of a protocol's provisions: the
//! tier, the external framework, the schedules, and the provisions an agreement adopts from
//! its protocol (with the clause each is set out in).
//!
//! Kept apart from `view.rs` so the shapes of documents can grow without touching the
//! wording of every other section.

use serde::Serialize;

use crate::check::Workspace;
use crate::check::chain::Chain;
use crate::model::{Agreement, ExternalFramework, Protocol, Provisions};

/// The document's place in its partnership and its parts.
#[derive(Debug, Default, Serialize)]
pub struct StructureView {
    /// Whether the agreement is made under no protocol.
    pub standalone: bool,
    /// The external framework it is made under, in words.
    pub framework: Option<String>,
    /// "Tier 1", "Tier 2".
    pub tier: Option<String>,
    /// The schedules, with what each holds.
    pub schedules: Vec<ScheduleView>,
    /// The protocol the adopted provisions come from, as "title (version N)".
    pub adopted_from: Option<String>,
    /// The provisions adopted from it.
    pub adopted: Vec<AdoptionView>,
}

/// A schedule and the entries tagged with it.
#[derive(Debug, Serialize)]
pub struct ScheduleView {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What it covers.
    pub description: Option<String>,
    /// Purpose ids in it, or "None".
    pub purposes: String,
    /// Data item names in it, or "None".
    pub data_items: String,
    /// Flow ids in it, or "None".
    pub flows: String,
}

/// One provision adopted from the protocol.
#[derive(Debug, Serialize)]
pub struct AdoptionView {
    /// The provision.
    pub provision: &'static str,
    /// The protocol's clause, if recorded.
    pub clause: Option<String>,
}

/// One provision a protocol sets out for its agreements.
#[derive(Debug, Serialize)]
pub struct ProvisionView {
    /// The provision's title.
    pub title: &'static str,
    /// The clause it is set out in, if recorded.
    pub clause: Option<String>,
    /// Its text, one line each.
    pub lines: Vec<String>,
}

/// "Tier N".
pub fn tier(tier: Option<u8>) -> Option<String> {
    tier.map(|t| format!("Tier {t}"))
}

fn framework(f: &ExternalFramework) -> String {
    let mut text = f.name.clone();
    if let Some(reference) = &f.reference {
        text.push_str(&format!(" ({reference})"));
    }
    if let Some(version) = &f.version {
        text.push_str(&format!(", version {version}"));
    }
    if let Some(url) = &f.url {
        text.push_str(&format!(", published at {url}"));
    }
    text
}

fn list(names: Vec<String>) -> String {
    if names.is_empty() {
        "None".into()
    } else {
        names.join(", ")
    }
}

/// The structure of agreement `a`.
pub fn agreement_structure(workspace: &Workspace, a: &Agreement) -> StructureView {
    let chain = Chain::new(workspace, a);
    let schedules = a
        .schedules
        .iter()
        .map(|s| {
            let tagged = |t: &Option<crate::model::Id>| t.as_ref() == Some(&s.id);
            ScheduleView {
                id: s.id.to_string(),
                title: s.title.clone(),
                description: s.description.clone(),
                purposes: list(
                    a.purposes
                        .iter()
                        .filter(|p| tagged(&p.schedule))
                        .map(|p| p.id.to_string())
                        .collect(),
                ),
                data_items: list(
                    a.data_items
                        .iter()
                        .filter(|d| tagged(&d.schedule))
                        .map(|d| d.name.clone())
                        .collect(),
                ),
                flows: list(
                    a.flows
                        .iter()
                        .filter(|f| tagged(&f.schedule))
                        .map(|f| f.id.to_string())
                        .collect(),
                ),
            }
        })
        .collect();
    // Only a protocol that sets out `provisions` for its agreements to adopt is cited for
    // them: one that does not is rendered as before.
    let (adopted_from, adopted) = match chain.protocol {
        Some((_, p)) if !p.provisions.is_empty() => (
            Some(super::view::titled_version(&p.document)),
            chain
                .adopted()
                .into_iter()
                .map(|a| AdoptionView {
                    provision: a.provision,
                    clause: a.clause.map(str::to_string),
                })
                .collect(),
        ),
        _ => (None, Vec::new()),
    };
    StructureView {
        standalone: a.protocol.is_none(),
        framework: a.framework.as_ref().map(framework),
        tier: tier(a.tier),
        schedules,
        adopted_from,
        adopted,
    }
}

/// The provisions protocol `p` sets out, in the order an agreement's sections run. With
/// `public`, security measures are left out (as the public edition of an agreement leaves
/// out its security section).
pub fn provisions(p: &Protocol, public: bool) -> Vec<ProvisionView> {
    let v: &Provisions = &p.provisions;
    let c = &v.clauses;
    let name_of = |id: &str| {
        p.partners
            .iter()
            .find(|x| x.id.as_str() == id)
            .map_or_else(|| id.to_string(), |x| x.name.clone())
    };
    let mut out = Vec::new();
    let mut push = |title, clause: &Option<String>, lines: Vec<String>| {
        if !lines.is_empty() {
            out.push(ProvisionView {
                title,
                clause: clause.clone(),
                lines,
            });
        }
    };
    push(
        "Legislative framework",
        &c.legislation,
        v.legislation
            .iter()
            .map(|l| {
                let mut line = format!("{} ({})", l.citation(), l.nature.title());
                if let Some(d) = &l.description {
                    line.push_str(&format!(": {d}"));
                }
                line
            })
            .collect(),
    );
    push(
        "Data quality",
        &c.data_quality,
        v.data_quality
            .iter()
            .flat_map(|q| {
                q.standards
                    .iter()
                    .map(|s| format!("Standard: {s}"))
                    .chain([format!("Corrections: {}", q.corrections)])
            })
            .collect(),
    );
    if !public {
        push(
            "Security",
            &c.security,
            v.security
                .iter()
                .flat_map(|s| {
                    let technical = s.technical.iter().map(|m| format!("Technical: {m}"));
                    let organisational = s
                        .organisational
                        .iter()
                        .map(|m| format!("Organisational: {m}"));
                    let storage = s.storage.iter().map(|m| format!("Storage: {m}"));
                    let access = s
                        .access_control
                        .iter()
                        .map(|m| format!("Access control: {m}"));
                    technical
                        .chain(organisational)
                        .chain(storage)
                        .chain(access)
                        .collect::<Vec<_>>()
                })
                .collect(),
        );
    }
    push(
        "Retention",
        &c.retention,
        v.retention
            .iter()
            .map(|r| {
                let who = if r.parties.is_empty() {
                    "Every partner".to_string()
                } else {
                    r.parties
                        .iter()
                        .map(|id| name_of(id.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                format!("{who}: {}; disposal: {}", r.period, r.disposal)
            })
            .collect(),
    );
    push(
        "DPIA",
        &c.dpia,
        v.dpia
            .iter()
            .flat_map(|d| {
                let mut lines = vec![format!(
                    "Required: {}",
                    if d.required { "Yes" } else { "No" }
                )];
                lines.extend(d.reference.iter().map(|r| format!("Reference: {r}")));
                lines.extend(
                    d.completed
                        .iter()
                        .map(|r| format!("Completed: {}", super::view::long_date(*r))),
                );
                lines.extend(d.outcome.iter().map(|r| format!("Outcome: {r}")));
                lines
            })
            .collect(),
    );
    push(
        "Onward disclosure",
        &c.onward_disclosure,
        v.onward_disclosure.iter().cloned().collect(),
    );
    push(
        "Termination",
        &c.termination,
        v.termination
            .iter()
            .flat_map(|t| {
                [
                    format!("Notice: {}", t.notice),
                    format!("On termination: {}", t.data_on_termination),
                ]
            })
            .collect(),
    );
    push(
        "Sanctions",
        &c.sanctions,
        v.sanctions.iter().cloned().collect(),
    );
    // Breach, rights, withdrawal, FOI, training and audit are set out in the protocol's
    // governance; the clauses recorded for them are printed here so an agreement's "adopted
    // from clause N" can be followed back.
    push(
        "Clauses of this protocol's governance that agreements adopt",
        &None,
        [
            ("Breach handling", &c.breach),
            ("Individuals' rights and complaints", &c.rights),
            ("Withdrawal", &c.withdrawal),
            ("Freedom of information", &c.freedom_of_information),
            ("Training", &c.training),
            ("Audit", &c.audit),
        ]
        .into_iter()
        .filter_map(|(what, clause)| clause.as_ref().map(|n| format!("{what}: clause {n}")))
        .collect(),
    );
    out
}
