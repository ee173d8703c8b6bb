//! Registers across a portfolio: the data flow register (one row per flow of every agreement)
//! and the Article 30 record of processing activities (RoPA) for one partner body.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::check::Workspace;
use crate::model::{Agreement, DataCategory};
use crate::rules::helpers::{bases_for_flow, partner_name};

/// One flow of one agreement.
#[derive(Debug, Serialize)]
pub struct FlowRow {
    /// Agreement id.
    pub agreement: String,
    /// Agreement title.
    pub agreement_title: String,
    /// Flow id.
    pub flow: String,
    /// Discloser.
    pub from: String,
    /// Recipient.
    pub to: String,
    /// Data items, by name.
    pub data_items: String,
    /// Their categories.
    pub categories: String,
    /// The legal bases covering the flow, cited.
    pub legal_bases: String,
    /// Method.
    pub method: String,
    /// Frequency.
    pub frequency: String,
    /// The recipient's retention period.
    pub retention: String,
    /// The agreement's review date.
    pub review_date: String,
}

/// The Article 30(1) record for one agreement, as seen by one controller.
#[derive(Debug, Serialize)]
pub struct RopaRow {
    /// The controller's name.
    pub controller: String,
    /// The controller's DPO contact.
    pub dpo: String,
    /// The agreement the processing is under.
    pub agreement: String,
    /// Purposes of the processing (Article 30(1)(b)).
    pub purposes: String,
    /// Categories of data subjects (Article 30(1)(c)).
    pub data_subjects: String,
    /// Categories of personal data (Article 30(1)(c)).
    pub personal_data: String,
    /// Categories of recipients (Article 30(1)(d)).
    pub recipients: String,
    /// Transfers to third countries (Article 30(1)(e)).
    pub international_transfers: String,
    /// Retention (Article 30(1)(f)).
    pub retention: String,
    /// Security measures (Article 30(1)(g)).
    pub security: String,
    /// The lawful bases relied on.
    pub legal_bases: String,
}

fn categories(agreement: &Agreement, ids: &[crate::model::Id]) -> String {
    let set: BTreeSet<String> = ids
        .iter()
        .filter_map(|id| agreement.data_items.iter().find(|d| &d.id == id))
        .map(|item| match (item.category, item.special_category) {
            (DataCategory::SpecialCategory, Some(kind)) => {
                format!("special category ({})", kind.title())
            }
            (category, _) => category.title().to_string(),
        })
        .collect();
    set.into_iter().collect::<Vec<_>>().join("; ")
}

fn basis_citation(basis: &crate::model::LegalBasis) -> String {
    let mut parts: Vec<String> = basis
        .article_6
        .map(|a| a.citation().to_string())
        .into_iter()
        .collect();
    if let Some(c) = basis.article_9 {
        parts.push(c.citation().to_string());
    }
    parts.extend(basis.schedule_1.iter().map(|c| c.citation()));
    if basis.article_10.is_some() {
        parts.push("UK GDPR Article 10".into());
    }
    if basis.law_enforcement.is_some() {
        parts.push("DPA 2018 Part 3".into());
    }
    parts.extend(basis.law.iter().map(|l| l.citation()));
    parts.join(", ")
}

/// The data flow register, in agreement and flow order.
pub fn flow_register(workspace: &Workspace) -> Vec<FlowRow> {
    let mut agreements: Vec<&Agreement> = workspace.agreements().map(|(_, a)| a).collect();
    agreements.sort_by(|a, b| a.document.id.cmp(&b.document.id));
    let mut rows = Vec::new();
    for a in agreements {
        for flow in &a.flows {
            let names: Vec<String> = flow
                .data_items
                .iter()
                .map(|id| {
                    a.data_items
                        .iter()
                        .find(|d| &d.id == id)
                        .map_or_else(|| id.to_string(), |d| d.name.clone())
                })
                .collect();
            let bases: Vec<String> = bases_for_flow(a, flow)
                .map(|(_, b)| basis_citation(b))
                .collect();
            let recipients: Vec<&crate::model::Id> =
                flow.pairs(a).into_iter().map(|(_, to)| to).collect();
            let retention: Vec<String> = a
                .retention
                .iter()
                .filter(|r| recipients.contains(&&r.party))
                .map(|r| r.period.clone())
                .collect();
            let (from, to) = flow.ends_in_words(&|id| partner_name(workspace, a, id));
            rows.push(FlowRow {
                agreement: a.document.id.to_string(),
                agreement_title: a.document.title.clone(),
                flow: flow.id.to_string(),
                from,
                to,
                data_items: names.join("; "),
                categories: categories(a, &flow.data_items),
                legal_bases: bases.join(" | "),
                method: flow.method.title().to_string(),
                frequency: flow.frequency.title().to_string(),
                retention: retention.join("; "),
                review_date: a.document.review.map(|d| d.to_string()).unwrap_or_default(),
            });
        }
    }
    rows
}

/// The record of processing for partner `organisation` (its id): one row per agreement it is
/// a party to. `None` when no protocol knows the partner.
pub fn ropa(workspace: &Workspace, organisation: &str) -> Option<Vec<RopaRow>> {
    let partner = workspace
        .protocols()
        .flat_map(|(_, p)| p.partners.iter())
        .find(|p| p.id.as_str() == organisation)?;
    let mut agreements: Vec<&Agreement> = workspace
        .agreements()
        .map(|(_, a)| a)
        .filter(|a| a.parties.iter().any(|p| p.partner.as_str() == organisation))
        .collect();
    agreements.sort_by(|a, b| a.document.id.cmp(&b.document.id));
    let rows = agreements
        .into_iter()
        .map(|a| {
            let involved: Vec<&crate::model::Flow> = a
                .flows
                .iter()
                .filter(|f| f.involves(a, organisation))
                .collect();
            let purposes: BTreeSet<String> = involved
                .iter()
                .flat_map(|f| f.purposes.iter())
                .filter_map(|id| a.purposes.iter().find(|p| &p.id == id))
                .map(|p| p.description.clone())
                .collect();
            let items: Vec<crate::model::Id> = involved
                .iter()
                .flat_map(|f| f.data_items.iter().cloned())
                .collect();
            let recipients: BTreeSet<String> = involved
                .iter()
                .flat_map(|f| f.pairs(a))
                .filter(|(from, _)| from.as_str() == organisation)
                .map(|(_, to)| partner_name(workspace, a, to.as_str()))
                .collect();
            let bases: BTreeSet<String> = a
                .legal_bases
                .iter()
                .filter(|b| crate::rules::helpers::relying_parties(a, b).contains(&organisation))
                .map(basis_citation)
                .collect();
            let mut security: Vec<String> = Vec::new();
            if let Some(s) = &a.security {
                security.extend(s.technical.iter().cloned());
                security.extend(s.organisational.iter().cloned());
            }
            security.extend(involved.iter().flat_map(|f| f.security.iter().cloned()));
            security.dedup();
            RopaRow {
                controller: partner.name.clone(),
                dpo: partner
                    .dpo
                    .as_ref()
                    .map(|c| {
                        [Some(c.name.clone()), c.email.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
                agreement: format!("{} ({})", a.document.title, a.document.id),
                purposes: purposes.into_iter().collect::<Vec<_>>().join("; "),
                data_subjects: a
                    .data_subjects
                    .iter()
                    .map(|s| s.description.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                personal_data: categories(a, &items),
                recipients: recipients.into_iter().collect::<Vec<_>>().join("; "),
                // "None" only where the agreement says so: an empty list records nothing.
                international_transfers: if !a.international_transfers.is_empty() {
                    a.international_transfers
                        .iter()
                        .map(|t| {
                            format!(
                                "{} ({})",
                                t.destination,
                                t.mechanism
                                    .map_or("no mechanism recorded", |m| m.citation())
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                } else if a
                    .no_international_transfers
                    .as_ref()
                    .is_some_and(|n| n.confirmed)
                {
                    "None".into()
                } else {
                    "Not recorded".into()
                },
                retention: a
                    .retention
                    .iter()
                    .filter(|r| r.party.as_str() == organisation)
                    .map(|r| format!("{}; {}", r.period, r.disposal))
                    .collect::<Vec<_>>()
                    .join(" | "),
                security: security
                    .iter()
                    .map(|s| s.trim_end_matches("."))
                    .collect::<Vec<_>>()
                    .join("; "),
                legal_bases: bases.into_iter().collect::<Vec<_>>().join(" | "),
            }
        })
        .collect();
    Some(rows)
}

/// The column headings of the flow register, in field order.
pub const FLOW_HEADINGS: &[&str] = &[
    "Agreement",
    "Agreement title",
    "Flow",
    "From",
    "To",
    "Data items",
    "Data categories",
    "Legal bases",
    "Method",
    "Frequency",
    "Recipient retention",
    "Review date",
];

/// The column headings of the record of processing, in field order (UK GDPR Article 30(1)).
pub const ROPA_HEADINGS: &[&str] = &[
    "Controller",
    "Data protection officer",
    "Information sharing agreement",
    "Purposes of processing",
    "Categories of data subjects",
    "Categories of personal data",
    "Categories of recipients",
    "Transfers to third countries",
    "Retention and disposal",
    "Technical and organisational security measures",
    "Lawful basis",
];

/// The cells of a row, in field order (every field of a row is text).
fn cells<T: Serialize>(row: &T) -> Vec<String> {
    match serde_json::to_value(row) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .map(|(_, v)| match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Writes rows as CSV (RFC 4180) with a header row of `headings`. Every cell goes through
/// [`escape::csv_cell`](crate::escape::csv_cell), so a value such as `=HYPERLINK(...)` is
/// shown by a spreadsheet as text, never evaluated.
pub fn to_csv<T: Serialize>(rows: &[T], headings: &[&str]) -> Result<String, csv::Error> {
    use crate::escape::csv_cell;
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    writer.write_record(headings.iter().map(|h| csv_cell(h).into_owned()))?;
    for row in rows {
        writer.write_record(cells(row).iter().map(|c| csv_cell(c).into_owned()))?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// Writes rows as a Markdown table, with the given column headings; every cell goes through
/// [`escape::markdown_report`](crate::escape::markdown_report), so a value cannot add a cell,
/// a row, a link or HTML, and hidden characters show as `⟨U+202E⟩`.
pub fn to_markdown<T: Serialize>(rows: &[T], headings: &[&str]) -> String {
    use crate::escape::markdown_report as markdown;
    let headings: Vec<String> = headings.iter().map(|h| markdown(h)).collect();
    let mut out = format!(
        "| {} |\n|{}\n",
        headings.join(" | "),
        " --- |".repeat(headings.len())
    );
    for row in rows {
        let cells: Vec<String> = cells(row).iter().map(|c| markdown(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
