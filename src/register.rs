//! Registers across a portfolio: the data flow register (one row per flow of every agreement)
//! and the Article 30 record of processing activities (RoPA) for one partner body.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::check::Workspace;
use crate::model::{Agreement, DataCategory};
use crate::rules::helpers::{bases_for_flow, partner_name};

/// One flow of one agreement. Each element of the legal basis has its own column, filled only
/// where it applies to what the flow carries: an Article 9 condition only for special
/// category data, an Article 10 authority only for criminal offence data (empty when the
/// element does not apply; "Not recorded" when it applies and no basis covering the flow
/// names it).
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
    /// The purposes the flow serves.
    pub purposes: String,
    /// The data subjects whose data the flow carries.
    pub data_subjects: String,
    /// Data items, by name.
    pub data_items: String,
    /// Their categories.
    pub categories: String,
    /// The UK GDPR Article 6(1) bases.
    pub article_6: String,
    /// The Article 9(2) conditions (special category data only).
    pub article_9: String,
    /// The DPA 2018 Schedule 1 conditions (special category or criminal offence data only).
    pub schedule_1: String,
    /// The Article 10 authority (criminal offence data only).
    pub article_10: String,
    /// The DPA 2018 Part 3 basis, for law enforcement processing.
    pub law_enforcement: String,
    /// The law relied on (Article 6(3) and statutory gateways).
    pub law: String,
    /// The basis for setting aside the common law duty of confidentiality (confidential
    /// items only).
    pub common_law: String,
    /// Method.
    pub method: String,
    /// Frequency.
    pub frequency: String,
    /// The security measures: the agreement's and the flow's own.
    pub security: String,
    /// The recipient's retention period.
    pub retention: String,
    /// The agreement's review date.
    pub review_date: String,
}

/// The Article 30(1) record for one agreement, as seen by one controller: every item of
/// UK GDPR Article 30(1)(a) to (g) the definitions hold.
#[derive(Debug, Serialize)]
pub struct RopaRow {
    /// The controller's name (Article 30(1)(a)).
    pub controller: String,
    /// The controller's contact details (Article 30(1)(a)).
    pub controller_contact: String,
    /// The controller's role under the agreement.
    pub role: String,
    /// The joint controllers, with their contact details (Article 30(1)(a)).
    pub joint_controllers: String,
    /// The controller's DPO contact (Article 30(1)(a)).
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

/// A contact as one line: name, role, email, phone, as recorded.
fn contact_line(contact: &crate::model::Contact) -> String {
    [
        Some(contact.name.clone()),
        contact.role.clone(),
        contact.email.clone(),
        contact.phone.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

/// The partner with id `id` in any protocol of the workspace.
fn find_partner<'a>(workspace: &'a Workspace, id: &str) -> Option<&'a crate::model::Partner> {
    workspace
        .protocols()
        .flat_map(|(_, p)| p.partners.iter())
        .find(|p| p.id.as_str() == id)
}

/// A partner's contact details as recorded: its address and ICO registration.
fn partner_contact(partner: &crate::model::Partner) -> String {
    let mut parts: Vec<String> = partner.address.iter().cloned().collect();
    if let Some(number) = &partner.ico_registration {
        parts.push(format!("ICO registration {number}"));
    }
    if parts.is_empty() {
        "Not recorded".into()
    } else {
        parts.join("; ")
    }
}

/// Distinct values in first-seen order, joined with "; ".
fn joined(values: impl IntoIterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        if !value.is_empty() && !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen.join("; ")
}

/// A legal-basis element's cell: empty when it does not apply, "Not recorded" when it
/// applies and nothing names it.
fn element(applies: bool, values: impl IntoIterator<Item = String>) -> String {
    if !applies {
        return String::new();
    }
    let text = joined(values);
    if text.is_empty() {
        "Not recorded".into()
    } else {
        text
    }
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
            let items: Vec<&crate::model::DataItem> = flow
                .data_items
                .iter()
                .filter_map(|id| a.data_items.iter().find(|d| &d.id == id))
                .collect();
            let special = items
                .iter()
                .any(|d| d.category == DataCategory::SpecialCategory);
            let criminal = items
                .iter()
                .any(|d| d.category == DataCategory::CriminalOffence);
            let confidential = items.iter().any(|d| d.confidential);
            let bases: Vec<&crate::model::LegalBasis> =
                bases_for_flow(a, flow).map(|(_, b)| b).collect();
            let recipients: Vec<&crate::model::Id> =
                flow.pairs(a).into_iter().map(|(_, to)| to).collect();
            let retention: Vec<String> = a
                .retention
                .iter()
                .filter(|r| recipients.contains(&&r.party))
                .filter(|r| {
                    r.data_items.is_empty()
                        || r.data_items.iter().any(|i| flow.data_items.contains(i))
                })
                .map(|r| r.period.clone())
                .collect();
            let mut security: Vec<String> = Vec::new();
            if let Some(s) = &a.security {
                security.extend(s.technical.iter().cloned());
                security.extend(s.organisational.iter().cloned());
            }
            security.extend(flow.security.iter().cloned());
            let (from, to) = flow.ends_in_words(&|id| partner_name(workspace, a, id));
            rows.push(FlowRow {
                agreement: a.document.id.to_string(),
                agreement_title: a.document.title.clone(),
                flow: flow.id.to_string(),
                from,
                to,
                purposes: joined(
                    flow.purposes
                        .iter()
                        .filter_map(|id| a.purposes.iter().find(|p| &p.id == id))
                        .map(|p| p.description.clone()),
                ),
                // A flow that names no data subjects is about all of the agreement's.
                data_subjects: joined(
                    a.data_subjects
                        .iter()
                        .filter(|s| {
                            flow.data_subjects.is_empty() || flow.data_subjects.contains(&s.id)
                        })
                        .map(|s| s.description.clone()),
                ),
                data_items: names.join("; "),
                categories: categories(a, &flow.data_items),
                article_6: joined(
                    bases
                        .iter()
                        .filter_map(|b| b.article_6.map(|x| x.citation().to_string())),
                ),
                article_9: element(
                    special,
                    bases
                        .iter()
                        .filter_map(|b| b.article_9.map(|c| c.citation().to_string())),
                ),
                schedule_1: element(
                    special || criminal,
                    bases
                        .iter()
                        .flat_map(|b| b.schedule_1.iter().map(|c| c.citation())),
                ),
                article_10: element(
                    criminal,
                    bases
                        .iter()
                        .filter(|b| b.article_10.is_some())
                        .map(|b| match b.article_10 {
                            Some(crate::model::Article10Authority::OfficialAuthority) => {
                                "UK GDPR Article 10 (official authority)".to_string()
                            }
                            _ => "UK GDPR Article 10 (authorised by law, DPA 2018 s.10(5))"
                                .to_string(),
                        }),
                ),
                law_enforcement: joined(
                    bases
                        .iter()
                        .filter(|b| b.law_enforcement.is_some())
                        .map(|_| "DPA 2018 Part 3".to_string()),
                ),
                law: joined(
                    bases
                        .iter()
                        .flat_map(|b| b.law.iter().map(|l| l.citation())),
                ),
                common_law: element(
                    confidential,
                    bases
                        .iter()
                        .filter_map(|b| b.common_law.map(|c| c.title().to_string())),
                ),
                method: flow.method.title().to_string(),
                frequency: flow.frequency.title().to_string(),
                security: joined(security.iter().map(|s| s.trim_end_matches('.').to_string())),
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
    let partner = find_partner(workspace, organisation)?;
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
            if let Some(s) = &a.security {
                security.extend(s.storage.iter().cloned());
                security.extend(s.access_control.iter().cloned());
            }
            security.dedup();
            let role = a
                .parties
                .iter()
                .find(|p| p.partner.as_str() == organisation)
                .map(|p| p.role)
                .unwrap_or(crate::model::Role::NotStated);
            let joint_controllers = if role == crate::model::Role::JointController {
                joined(
                    a.parties
                        .iter()
                        .filter(|p| {
                            p.role == crate::model::Role::JointController
                                && p.partner.as_str() != organisation
                        })
                        .map(|p| match find_partner(workspace, p.partner.as_str()) {
                            Some(other) => {
                                let mut text =
                                    format!("{} ({})", other.name, partner_contact(other));
                                if let Some(dpo) = &other.dpo {
                                    text.push_str(&format!(", DPO {}", contact_line(dpo)));
                                }
                                text
                            }
                            None => p.partner.to_string(),
                        }),
                )
            } else {
                String::new()
            };
            RopaRow {
                controller: partner.name.clone(),
                controller_contact: partner_contact(partner),
                role: role.title().to_string(),
                joint_controllers,
                dpo: partner
                    .dpo
                    .as_ref()
                    .map(contact_line)
                    .unwrap_or_else(|| "Not recorded".into()),
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
    "Purposes",
    "Data subjects",
    "Data items",
    "Data categories",
    "Article 6 basis",
    "Article 9 condition",
    "DPA 2018 Schedule 1 conditions",
    "Article 10 authority",
    "DPA 2018 Part 3 (law enforcement)",
    "Law relied on",
    "Common law duty of confidentiality",
    "Method",
    "Frequency",
    "Security measures",
    "Recipient retention",
    "Review date",
];

/// The column headings of the record of processing, in field order (UK GDPR Article 30(1)).
pub const ROPA_HEADINGS: &[&str] = &[
    "Controller",
    "Controller contact details",
    "Role",
    "Joint controllers",
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

/// One sheet of a register workbook.
pub struct Sheet {
    /// The sheet's name (made valid for Excel: at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// The column headings.
    pub headings: Vec<String>,
    /// The rows, each a cell per heading.
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// A sheet of `rows` under `headings`.
    pub fn new<T: Serialize>(name: &str, rows: &[T], headings: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            headings: headings.iter().map(|h| h.to_string()).collect(),
            rows: rows.iter().map(cells).collect(),
        }
    }
}

/// The most UTF-16 units Excel holds in one cell.
const XLSX_CELL_LIMIT: usize = 32_767;
/// What a cut cell ends with.
const XLSX_CUT: &str = " [… cut here: a spreadsheet cell holds at most 32,767 characters; the CSV and JSON registers hold the whole text]";
/// The widest a column is set, in characters.
const XLSX_MAX_WIDTH: usize = 60;

/// Writes `sheets` as an Excel workbook (`.xlsx`), one sheet per register: the header row in
/// bold and frozen, each column as wide as its longest line (up to 60 characters, then
/// wrapped). Every cell is a text cell, never a formula, and goes through
/// [`escape::csv_cell`](crate::escape::csv_cell) exactly as the CSV does, so a value such as
/// `=HYPERLINK(...)` stays text however the workbook is later exported or edited.
pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut used: Vec<String> = Vec::new();
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(sheet_name(&sheet.name, &used))?;
        used.push(sheet_name(&sheet.name, &used));
        let mut widths: Vec<usize> = sheet.headings.iter().map(|h| width_of(h)).collect();
        for (column, heading) in sheet.headings.iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            worksheet.write_string_with_format(0, column, xlsx_cell(heading), &header)?;
        }
        for (index, row) in sheet.rows.iter().enumerate() {
            let row_number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            for (column, cell) in row.iter().enumerate() {
                if let Some(width) = widths.get_mut(column) {
                    *width = (*width).max(width_of(cell));
                }
                let column = u16::try_from(column).unwrap_or(u16::MAX);
                worksheet.write_string_with_format(row_number, column, xlsx_cell(cell), &body)?;
            }
        }
        for (column, width) in widths.iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            let width = (*width).clamp(8, XLSX_MAX_WIDTH) + 2;
            worksheet.set_column_width(column, width as f64)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
    }
    workbook.save_to_buffer()
}

/// A cell's text: escaped as the CSV is, and cut (saying so) where Excel's limit would
/// otherwise refuse the whole workbook.
fn xlsx_cell(text: &str) -> String {
    let escaped = crate::escape::csv_cell(text).into_owned();
    if escaped.encode_utf16().count() <= XLSX_CELL_LIMIT {
        return escaped;
    }
    let room = XLSX_CELL_LIMIT - XLSX_CUT.encode_utf16().count();
    let mut out = String::new();
    let mut units = 0;
    for c in escaped.chars() {
        units += c.len_utf16();
        if units > room {
            break;
        }
        out.push(c);
    }
    out.push_str(XLSX_CUT);
    out
}

/// The width of the longest line of `text`, in characters.
fn width_of(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A valid, unused Excel sheet name for `wanted`: the characters Excel forbids replaced,
/// at most 31 characters, and a number added when the name is taken.
fn sheet_name(wanted: &str, used: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let clean = if clean.is_empty() { "Sheet" } else { clean };
    let cut = |text: &str, room: usize| text.chars().take(room).collect::<String>();
    let mut name = cut(clean, 31);
    let mut number = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({number})");
        name = format!("{}{suffix}", cut(clean, 31 - suffix.len()));
        number += 1;
    }
    name
}

/// The partners (their ids) that are a party to at least one agreement, in id order.
pub fn parties(workspace: &Workspace) -> Vec<String> {
    let set: BTreeSet<String> = workspace
        .agreements()
        .flat_map(|(_, a)| a.parties.iter().map(|p| p.partner.to_string()))
        .filter(|id| find_partner(workspace, id).is_some())
        .collect();
    set.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_distinct() {
        assert_eq!(sheet_name("RoPA a/b:c", &[]), "RoPA a-b-c");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, &[]).chars().count(), 31);
        let taken = vec![sheet_name(&long, &[])];
        let second = sheet_name(&long, &taken);
        assert!(second.ends_with(" (2)") && second.chars().count() == 31);
    }

    #[test]
    fn a_cell_too_long_for_excel_is_cut_and_says_so() {
        let cell = xlsx_cell(&"a".repeat(40_000));
        assert!(cell.encode_utf16().count() <= XLSX_CELL_LIMIT);
        assert!(cell.ends_with(XLSX_CUT));
        assert_eq!(xlsx_cell("=1+1"), "'=1+1");
    }

    #[test]
    fn headings_match_the_row_fields() {
        let flow = serde_json::to_value(FlowRow {
            agreement: String::new(),
            agreement_title: String::new(),
            flow: String::new(),
            from: String::new(),
            to: String::new(),
            purposes: String::new(),
            data_subjects: String::new(),
            data_items: String::new(),
            categories: String::new(),
            article_6: String::new(),
            article_9: String::new(),
            schedule_1: String::new(),
            article_10: String::new(),
            law_enforcement: String::new(),
            law: String::new(),
            common_law: String::new(),
            method: String::new(),
            frequency: String::new(),
            security: String::new(),
            retention: String::new(),
            review_date: String::new(),
        })
        .unwrap();
        assert_eq!(flow.as_object().unwrap().len(), FLOW_HEADINGS.len());
    }
}
