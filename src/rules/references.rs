//! The references family (`R`): ids that name nothing, name twice, or name a body outside the
//! agreement or protocol.

use std::collections::{HashMap, HashSet};

use super::{Rule, Sink, declare_rule};
use crate::model::{Agreement, Id, Protocol};
use crate::workspace::Workspace;

/// Every rule of the family.
pub static RULES: &[&Rule] = &[
    &UNDEFINED_REFERENCE,
    &DUPLICATE_ID,
    &PROTOCOL_NOT_FOUND,
    &PARTY_NOT_IN_PROTOCOL,
    &UNUSED_DEFINITION,
    &FLOW_PARTY_NOT_IN_AGREEMENT,
    &AGREEMENT_LIST_MISMATCH,
    &FLOW_TO_ITSELF,
];

declare_rule! {
    /// An id that names no purpose, data item, data subject, flow, party or partner defined
    /// where it should be.
    ///
    /// ## What it checks
    /// In an agreement: every purpose, data item, data subject and flow id used by flows,
    /// legal bases and retention entries is defined in the agreement; every party named by a
    /// flow, legal basis, retention entry, privacy notice, signature, joint controller
    /// responsibility, disclosure record, acceptance record (`acceptance.recorded`) or
    /// `acts_for` is a partner of the protocol; the owner, when given as `partner`, is a
    /// partner. In a protocol: the owner (as `partner`), every signature, every acceptance
    /// record and every `part_of` name a partner. An owner given as `body` (a body that is not
    /// a partner) and `acceptance.held_by` are names, not ids, and are not checked.
    ///
    /// ## Why it matters
    /// A flow that names an undefined data item shares something nobody described, justified
    /// or approved. The ICO Data Sharing Code of Practice expects the agreement to say
    /// exactly what is shared, with whom and why.
    ///
    /// ## Example
    /// ```yaml
    /// flows:
    ///   - id: referral
    ///     data_items: [name, nhs-numbr]   # no data item has this id
    /// ```
    ///
    /// ## Fix
    /// Correct the id (the message suggests the nearest defined one) or define the missing
    /// entry.
    pub static UNDEFINED_REFERENCE = {
        code: "R001",
        name: "undefined-reference",
        family: References,
        severity: Error,
        check: Some(check_undefined),
    };
}

declare_rule! {
    /// Two entries share one id, or two documents share one document id.
    ///
    /// ## What it checks
    /// That ids are unique among a protocol's partners, and among an agreement's parties,
    /// purposes, data subjects, data items, legal bases and flows; and that document ids are
    /// unique across every file checked together.
    ///
    /// ## Why it matters
    /// References by id must be unambiguous: with two data items called `address`, a reader
    /// cannot tell which one a flow shares.
    ///
    /// Source: UK GDPR Article 5(2), the controller "shall be responsible for, and be able to
    /// demonstrate compliance with" the principles; a record whose references are ambiguous
    /// cannot show which data a flow shares.
    ///
    /// ## Example
    /// ```yaml
    /// data_items:
    ///   - id: address
    ///     name: Home address
    ///   - id: address
    ///     name: School address
    /// ```
    ///
    /// ## Fix
    /// Give each entry its own id, and update the references to it.
    pub static DUPLICATE_ID = {
        code: "R002",
        name: "duplicate-id",
        family: References,
        severity: Error,
        check: Some(check_duplicates),
    };
}

declare_rule! {
    /// An agreement names a protocol that is not among the files checked.
    ///
    /// ## What it checks
    /// That the agreement's `protocol` is the document id of a protocol checked in the same
    /// run.
    ///
    /// ## Why it matters
    /// An agreement sits under a protocol: the protocol lists the partner bodies, their
    /// contacts and the shared governance. Without it, the agreement's parties cannot be
    /// checked and the document is incomplete.
    ///
    /// Source: the ICO Data Sharing Code, section "Data sharing agreements" (a data sharing
    /// agreement "can form a major part of your compliance with the accountability principle",
    /// UK GDPR Article 5(2)); two-tier protocols and agreements are the partnerships' practice,
    /// not a statutory form, so what the agreement adopts from its protocol must be readable.
    ///
    /// ## Example
    /// ```yaml
    /// protocol: northshire-isp   # but the protocol's document.id is northshire-protocol
    /// ```
    ///
    /// ## Fix
    /// Correct the id, or validate the protocol file together with the agreement (pass the
    /// folder that holds both).
    pub static PROTOCOL_NOT_FOUND = {
        code: "R003",
        name: "protocol-not-found",
        family: References,
        severity: Error,
        check: Some(check_protocol_found),
    };
}

declare_rule! {
    /// An agreement's party is not a partner of its protocol.
    ///
    /// ## What it checks
    /// That every `parties[].partner` is the id of a partner listed in the protocol the
    /// agreement is made under. A class of bodies (a partner with `class`, such as "all schools
    /// in the county") is one partner: the agreement names the class, and its members are not
    /// partners in their own right. A department or service (`part_of`) is listed as a partner
    /// itself before an agreement can name it.
    /// A stand-alone agreement (no `protocol`) that lists its own `partners` is checked
    /// against them instead.
    ///
    /// ## Why it matters
    /// Partners sign the protocol and so commit to its principles, breach handling and
    /// governance. A body that has not signed up is outside those commitments and must join
    /// the protocol first.
    ///
    /// Source: the protocol is the partnership's own framework (practice, not statute); the
    /// accountability it records (UK GDPR Article 5(2); ICO Data Sharing Code, section "Data
    /// sharing agreements") covers only the bodies that signed it.
    ///
    /// ## Example
    /// ```yaml
    /// parties:
    ///   - partner: westbridge-college   # not in the protocol's partners
    ///     role: controller
    /// ```
    ///
    /// ## Fix
    /// Add the body to the protocol's partners (and have it sign), or correct the id.
    pub static PARTY_NOT_IN_PROTOCOL = {
        code: "R004",
        name: "party-not-in-protocol",
        family: References,
        severity: Error,
        check: Some(check_parties_in_protocol),
    };
}

declare_rule! {
    /// A data item, purpose, data subject or party that no flow uses.
    ///
    /// ## What it checks
    /// That each data item, purpose and party appears in at least one flow, and each data
    /// subject is named by a flow (a flow with no `data_subjects` is about all of them). A
    /// party takes part through its departments and services too (`part_of`).
    ///
    /// ## Why it matters
    /// Data minimisation (UK GDPR Article 5(1)(c)): an item listed but never shared should not
    /// be in the agreement, and a party that neither discloses nor receives has no role in it.
    /// Often it is a sign that a flow is missing.
    ///
    /// ## Example
    /// ```yaml
    /// data_items:
    ///   - id: religion       # no flow lists it
    /// ```
    ///
    /// ## Fix
    /// Add the flow that uses it, or remove it.
    pub static UNUSED_DEFINITION = {
        code: "R005",
        name: "unused-definition",
        family: References,
        severity: Warning,
        check: Some(check_unused),
    };
}

declare_rule! {
    /// A flow to or from a body that is not a party to the agreement.
    ///
    /// ## What it checks
    /// That every flow's `from` and `to` (or each party a group flow names in `among`) is
    /// listed in the agreement's `parties`, or is a department or service of a party (a
    /// partner whose `part_of` leads to it): the body it is part of has agreed for it. A
    /// class of bodies is one party: a flow to the class is a flow to every member, on the
    /// terms the class agreed, and names the class. And that each flow names its ends: both
    /// `from` and `to`, or `among` alone.
    ///
    /// ## Why it matters
    /// Data must not flow to a body that has not agreed to the terms: nobody signed for it,
    /// its role is undefined and no retention or security terms bind it.
    ///
    /// Source: UK GDPR Article 5(2) and Article 24(1) (each controller must be able to
    /// demonstrate its processing complies); the ICO Data Sharing Code, section "Data sharing
    /// agreements", expects the agreement to name the parties and their roles.
    ///
    /// ## Example
    /// ```yaml
    /// parties:
    ///   - partner: council
    ///   - partner: trust
    /// flows:
    ///   - from: council
    ///     to: police          # a partner of the protocol, but not a party here
    /// ```
    ///
    /// ## Fix
    /// Add the body to `parties` with its role (and its signature), or correct the flow.
    pub static FLOW_PARTY_NOT_IN_AGREEMENT = {
        code: "R006",
        name: "flow-party-not-in-agreement",
        family: References,
        severity: Error,
        check: Some(check_flow_parties),
    };
}

declare_rule! {
    /// A protocol's list of agreements and the agreements made under it disagree.
    ///
    /// ## What it checks
    /// When a protocol lists its `agreements`: each listed id is an agreement checked in the
    /// same run, and each agreement checked that names the protocol is listed.
    ///
    /// ## Why it matters
    /// The protocol's list is how partners see what sharing happens under their protocol; an
    /// out-of-date list hides sharing from the governance group.
    ///
    /// Source: the protocol's list is the partnership's governance record (practice, not
    /// statute), part of demonstrating accountability (UK GDPR Article 5(2)); hence a warning.
    ///
    /// ## Example
    /// ```yaml
    /// agreements:
    ///   - mash-referrals
    ///   - mash-health       # no such agreement
    /// ```
    ///
    /// ## Fix
    /// Update the protocol's `agreements` list, or validate all the agreement files together.
    pub static AGREEMENT_LIST_MISMATCH = {
        code: "R007",
        name: "agreement-list-mismatch",
        family: References,
        severity: Warning,
        check: Some(check_agreement_list),
    };
}

declare_rule! {
    /// A flow whose discloser and recipient are the same body.
    ///
    /// ## What it checks
    /// That `from` and `to` differ in every flow.
    ///
    /// ## Why it matters
    /// Sharing is between bodies; a flow from a body to itself is internal use, not sharing,
    /// and usually a copy-and-paste slip that hides the real recipient.
    ///
    /// Source: the ICO Data Sharing Code's scope: it covers sharing between controllers, and
    /// disclosure within one organisation, where the controller is the same, is not covered.
    ///
    /// ## Example
    /// ```yaml
    /// - id: referral
    ///   from: council
    ///   to: council
    /// ```
    ///
    /// ## Fix
    /// Set `to` to the body that receives the data.
    pub static FLOW_TO_ITSELF = {
        code: "R008",
        name: "flow-to-itself",
        family: References,
        severity: Error,
        check: Some(check_flow_to_itself),
    };
}

/// Reports `id` at `pointer` if it is not in `defined`, suggesting the nearest defined id.
fn expect_defined(
    sink: &mut Sink,
    document: usize,
    pointer: String,
    id: &Id,
    defined: &[&str],
    what: &str,
    defined_where: &str,
) {
    if defined.contains(&id.as_str()) {
        return;
    }
    let finding = sink.report(
        document,
        pointer,
        format!("`{id}` is not a {what} defined in {defined_where}"),
    );
    match super::helpers::closest(id.as_str(), defined.iter().copied()) {
        Some(best) => finding.hint(format!("did you mean `{best}`?")),
        None if defined.is_empty() => finding.hint(format!("define the {what} first")),
        None => finding.hint(format!("defined {what}s: {}", defined.join(", "))),
    };
}

/// The acceptance records, numbered, of an acceptance held elsewhere (none without one).
fn acceptance_records(
    acceptance: Option<&crate::model::Acceptance>,
) -> impl Iterator<Item = (usize, &crate::model::AcceptanceRecord)> {
    acceptance
        .into_iter()
        .flat_map(|a| a.recorded.iter().enumerate())
}

/// Whether `id` is `party` or a department or service of it ([`Protocol::is_within`]); with
/// no protocol known, only `party` itself.
fn within(protocol: Option<&Protocol>, id: &str, party: &str) -> bool {
    id == party || protocol.is_some_and(|p| p.is_within(id, party))
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &Id) -> Vec<&str> {
    items.iter().map(|item| id(item).as_str()).collect()
}

fn check_undefined(workspace: &Workspace, sink: &mut Sink) {
    for (doc, protocol) in workspace.protocols() {
        let partners = ids(&protocol.partners, |p| &p.id);
        let here = "this protocol's partners";
        if let Some(owner) = &protocol.document.owner.partner {
            expect_defined(
                sink,
                doc,
                "/document/owner/partner".into(),
                owner,
                &partners,
                "partner",
                here,
            );
        }
        for (i, partner) in protocol.partners.iter().enumerate() {
            if let Some(whole) = &partner.part_of {
                expect_defined(
                    sink,
                    doc,
                    format!("/partners/{i}/part_of"),
                    whole,
                    &partners,
                    "partner",
                    here,
                );
            }
        }
        for (i, signature) in protocol.signatures.iter().enumerate() {
            expect_defined(
                sink,
                doc,
                format!("/signatures/{i}/partner"),
                &signature.partner,
                &partners,
                "partner",
                here,
            );
        }
        for (i, record) in acceptance_records(protocol.acceptance.as_ref()) {
            expect_defined(
                sink,
                doc,
                format!("/acceptance/recorded/{i}/party"),
                &record.party,
                &partners,
                "partner",
                here,
            );
        }
        for (i, retention) in protocol.provisions.retention.iter().enumerate() {
            for (j, id) in retention.parties.iter().enumerate() {
                expect_defined(
                    sink,
                    doc,
                    format!("/provisions/retention/{i}/parties/{j}"),
                    id,
                    &partners,
                    "partner",
                    here,
                );
            }
        }
    }
    for (doc, agreement) in workspace.agreements() {
        check_agreement_references(workspace, doc, agreement, sink);
    }
}

fn check_agreement_references(workspace: &Workspace, doc: usize, a: &Agreement, sink: &mut Sink) {
    let purposes = ids(&a.purposes, |p| &p.id);
    let items = ids(&a.data_items, |d| &d.id);
    let subjects = ids(&a.data_subjects, |s| &s.id);
    let flows = ids(&a.flows, |f| &f.id);
    let here = "this agreement";
    let schedules = ids(&a.schedules, |s| &s.id);
    let tagged = a
        .purposes
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("/purposes/{i}/schedule"), &p.schedule))
        .chain(
            a.data_items
                .iter()
                .enumerate()
                .map(|(i, d)| (format!("/data_items/{i}/schedule"), &d.schedule)),
        )
        .chain(
            a.flows
                .iter()
                .enumerate()
                .map(|(i, f)| (format!("/flows/{i}/schedule"), &f.schedule)),
        );
    for (pointer, schedule) in tagged {
        if let Some(id) = schedule {
            expect_defined(sink, doc, pointer, id, &schedules, "schedule", here);
        }
    }
    for (i, flow) in a.flows.iter().enumerate() {
        for (j, id) in flow.data_items.iter().enumerate() {
            expect_defined(
                sink,
                doc,
                format!("/flows/{i}/data_items/{j}"),
                id,
                &items,
                "data item",
                here,
            );
        }
        for (j, id) in flow.purposes.iter().enumerate() {
            expect_defined(
                sink,
                doc,
                format!("/flows/{i}/purposes/{j}"),
                id,
                &purposes,
                "purpose",
                here,
            );
        }
        for (j, id) in flow.data_subjects.iter().enumerate() {
            expect_defined(
                sink,
                doc,
                format!("/flows/{i}/data_subjects/{j}"),
                id,
                &subjects,
                "data subject",
                here,
            );
        }
    }
    for (i, basis) in a.legal_bases.iter().enumerate() {
        for (j, id) in basis.purposes.iter().enumerate() {
            expect_defined(
                sink,
                doc,
                format!("/legal_bases/{i}/purposes/{j}"),
                id,
                &purposes,
                "purpose",
                here,
            );
        }
        for (j, id) in basis.flows.iter().enumerate() {
            expect_defined(
                sink,
                doc,
                format!("/legal_bases/{i}/flows/{j}"),
                id,
                &flows,
                "flow",
                here,
            );
        }
    }
    for (i, item) in a.data_items.iter().enumerate() {
        for (j, id) in item.needed_for.iter().enumerate() {
            let pointer = format!("/data_items/{i}/needed_for/{j}");
            expect_defined(sink, doc, pointer, id, &purposes, "purpose", here);
        }
    }
    for (i, notice) in a.privacy_notices.iter().enumerate() {
        for (j, id) in notice.data_subjects.iter().enumerate() {
            let pointer = format!("/privacy_notices/{i}/data_subjects/{j}");
            expect_defined(sink, doc, pointer, id, &subjects, "data subject", here);
        }
    }
    for (i, retention) in a.retention.iter().enumerate() {
        for (j, id) in retention.data_items.iter().enumerate() {
            expect_defined(
                sink,
                doc,
                format!("/retention/{i}/data_items/{j}"),
                id,
                &items,
                "data item",
                here,
            );
        }
    }
    // Partner ids: checked against the agreement's own partners and the protocol's, when the
    // protocol is known (a stand-alone agreement has only its own).
    let mut partners = ids(&a.partners, |p| &p.id);
    let there = match (&a.protocol, workspace.protocol_of(a)) {
        (None, _) => "the agreement's partners",
        (Some(_), None) => return,
        (Some(_), Some((_, protocol))) => {
            partners.extend(ids(&protocol.partners, |p| &p.id));
            "the protocol's partners"
        }
    };
    let mut partner_refs: Vec<(String, &Id)> = Vec::new();
    if let Some(owner) = &a.document.owner.partner {
        partner_refs.push(("/document/owner/partner".into(), owner));
    }
    for (i, party) in a.parties.iter().enumerate() {
        if let Some(controller) = &party.acts_for {
            partner_refs.push((format!("/parties/{i}/acts_for"), controller));
        }
    }
    for (i, flow) in a.flows.iter().enumerate() {
        if let Some(from) = &flow.from {
            partner_refs.push((format!("/flows/{i}/from"), from));
        }
        if let Some(to) = &flow.to {
            partner_refs.push((format!("/flows/{i}/to"), to));
        }
        if let Some(crate::model::Among::Parties(members)) = &flow.among {
            for (j, id) in members.iter().enumerate() {
                partner_refs.push((format!("/flows/{i}/among/{j}"), id));
            }
        }
    }
    for (i, basis) in a.legal_bases.iter().enumerate() {
        for (j, id) in basis.relied_on_by.iter().enumerate() {
            partner_refs.push((format!("/legal_bases/{i}/relied_on_by/{j}"), id));
        }
    }
    for (i, basis) in a.legal_bases.iter().enumerate() {
        for (j, document) in basis.policy_documents.iter().enumerate() {
            let pointer = format!("/legal_bases/{i}/policy_documents/{j}/party");
            partner_refs.push((pointer, &document.party));
        }
    }
    for (i, retention) in a.retention.iter().enumerate() {
        partner_refs.push((format!("/retention/{i}/party"), &retention.party));
    }
    for (i, notice) in a.privacy_notices.iter().enumerate() {
        partner_refs.push((format!("/privacy_notices/{i}/party"), &notice.party));
    }
    for (i, signature) in a.signatures.iter().enumerate() {
        partner_refs.push((format!("/signatures/{i}/partner"), &signature.partner));
    }
    for (i, record) in acceptance_records(a.acceptance.as_ref()) {
        partner_refs.push((format!("/acceptance/recorded/{i}/party"), &record.party));
    }
    if let Some(record) = &a.disclosure {
        partner_refs.push(("/disclosure/requester".into(), &record.requester));
    }
    if let Some(arrangement) = &a.joint_controller {
        for (i, r) in arrangement.responsibilities.iter().enumerate() {
            partner_refs.push((
                format!("/joint_controller/responsibilities/{i}/party"),
                &r.party,
            ));
        }
    }
    for (pointer, id) in partner_refs {
        expect_defined(sink, doc, pointer, id, &partners, "partner", there);
    }
}

/// Reports every id after the first among `entries` (id, pointer), relating it to the first.
fn report_duplicates<'a>(
    sink: &mut Sink,
    document: usize,
    entries: impl Iterator<Item = (&'a str, String)>,
    what: &str,
) {
    let mut first: HashMap<&str, String> = HashMap::new();
    for (id, pointer) in entries {
        match first.get(id) {
            Some(original) => {
                let original = original.clone();
                sink.report(
                    document,
                    pointer,
                    format!("another {what} already has the id `{id}`"),
                )
                .hint(format!("give each {what} its own id"))
                .related(document, original, "first defined here");
            }
            None => {
                first.insert(id, pointer);
            }
        }
    }
}

fn check_duplicates(workspace: &Workspace, sink: &mut Sink) {
    let mut first: HashMap<&str, &crate::workspace::PortfolioEntry> = HashMap::new();
    for entry in workspace.portfolio.iter() {
        match first.get(entry.id.as_str()) {
            Some(original) => {
                sink.report_at(
                    entry.id_location.clone(),
                    format!("another document already has the id `{}`", entry.id),
                )
                .hint("give each protocol and agreement its own document id")
                .related_at(original.id_location.clone(), "first defined here");
            }
            None => {
                first.insert(&entry.id, entry);
            }
        }
    }
    for (doc, protocol) in workspace.protocols() {
        check_protocol_duplicates(doc, protocol, sink);
    }
    for (doc, a) in workspace.agreements() {
        let pointer = |list: &str, i: usize, field: &str| format!("/{list}/{i}/{field}");
        report_duplicates(
            sink,
            doc,
            a.parties
                .iter()
                .enumerate()
                .map(|(i, p)| (p.partner.as_str(), pointer("parties", i, "partner"))),
            "party",
        );
        report_duplicates(
            sink,
            doc,
            a.purposes
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), pointer("purposes", i, "id"))),
            "purpose",
        );
        report_duplicates(
            sink,
            doc,
            a.data_subjects
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), pointer("data_subjects", i, "id"))),
            "data subject",
        );
        report_duplicates(
            sink,
            doc,
            a.data_items
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.as_str(), pointer("data_items", i, "id"))),
            "data item",
        );
        report_duplicates(
            sink,
            doc,
            a.legal_bases
                .iter()
                .enumerate()
                .map(|(i, b)| (b.id.as_str(), pointer("legal_bases", i, "id"))),
            "legal basis",
        );
        report_duplicates(
            sink,
            doc,
            a.flows
                .iter()
                .enumerate()
                .map(|(i, f)| (f.id.as_str(), pointer("flows", i, "id"))),
            "flow",
        );
    }
}

fn check_protocol_duplicates(doc: usize, protocol: &Protocol, sink: &mut Sink) {
    report_duplicates(
        sink,
        doc,
        protocol
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), format!("/partners/{i}/id"))),
        "partner",
    );
}

fn check_protocol_found(workspace: &Workspace, sink: &mut Sink) {
    for (doc, agreement) in workspace.agreements() {
        // A stand-alone agreement names no protocol to find.
        let Some(id) = agreement.protocol.as_ref().map(|p| p.as_str()) else {
            continue;
        };
        if workspace.protocol(id).is_some() || workspace.may_exist_unread(id) {
            continue;
        }
        let known: Vec<&str> = workspace.protocol_ids().collect();
        let finding = sink.report(
            doc,
            "/protocol",
            format!("no protocol with the id `{id}` was found among the files checked"),
        );
        match super::helpers::closest(id, known.iter().copied()) {
            Some(best) => finding.hint(format!("did you mean `{best}`?")),
            None => finding.hint("validate the protocol file together with this agreement (pass the folder that holds both)"),
        };
    }
}

fn check_parties_in_protocol(workspace: &Workspace, sink: &mut Sink) {
    for (doc, agreement) in workspace.agreements() {
        // A stand-alone agreement that describes its partners: each party must be one.
        if agreement.protocol.is_none() && !agreement.partners.is_empty() {
            let partners = ids(&agreement.partners, |p| &p.id);
            for (i, party) in agreement.parties.iter().enumerate() {
                if !partners.contains(&party.partner.as_str()) {
                    sink.report(
                        doc,
                        format!("/parties/{i}/partner"),
                        format!(
                            "`{}` is not among this stand-alone agreement's partners",
                            party.partner
                        ),
                    )
                    .hint("describe the body in the agreement's `partners`")
                    .related(doc, "/partners", "the agreement's partners");
                }
            }
            continue;
        }
        let Some((protocol_doc, protocol)) = workspace.protocol_of(agreement) else {
            continue;
        };
        let partners = ids(&protocol.partners, |p| &p.id);
        for (i, party) in agreement.parties.iter().enumerate() {
            if partners.contains(&party.partner.as_str()) {
                continue;
            }
            let finding = sink.report(
                doc,
                format!("/parties/{i}/partner"),
                format!(
                    "`{}` is not a partner of the protocol `{}`",
                    party.partner, protocol.document.id
                ),
            );
            match super::helpers::closest(party.partner.as_str(), partners.iter().copied()) {
                Some(best) => finding.hint(format!("did you mean `{best}`?")),
                None => finding
                    .hint("add the body to the protocol's partners, and have it sign the protocol"),
            };
            finding.related(protocol_doc, "/partners", "the protocol's partners");
        }
    }
}

fn check_unused(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let used = |f: &dyn Fn(&crate::model::Flow) -> bool| a.flows.iter().any(f);
        for (i, item) in a.data_items.iter().enumerate() {
            if !used(&|f| f.data_items.contains(&item.id)) {
                sink.report(
                    doc,
                    format!("/data_items/{i}/id"),
                    format!("no flow shares the data item `{}`", item.id),
                )
                .hint("add it to the flow that shares it, or remove it (data minimisation)");
            }
        }
        for (i, purpose) in a.purposes.iter().enumerate() {
            if !used(&|f| f.purposes.contains(&purpose.id)) {
                sink.report(
                    doc,
                    format!("/purposes/{i}/id"),
                    format!("no flow serves the purpose `{}`", purpose.id),
                )
                .hint("add it to the flows that serve it, or remove it");
            }
        }
        for (i, subject) in a.data_subjects.iter().enumerate() {
            if !used(&|f| f.data_subjects.is_empty() || f.data_subjects.contains(&subject.id)) {
                sink.report(
                    doc,
                    format!("/data_subjects/{i}/id"),
                    format!("no flow is about the data subjects `{}`", subject.id),
                )
                .hint("name them in the flows that concern them, or remove them");
            }
        }
        let protocol = workspace.protocol_of(a).map(|(_, p)| p);
        for (i, party) in a.parties.iter().enumerate() {
            let id = party.partner.as_str();
            let takes_part = |end: &Option<Id>| {
                end.as_ref()
                    .is_some_and(|end| within(protocol, end.as_str(), id))
            };
            if !used(&|f| f.involves(a, id) || takes_part(&f.from) || takes_part(&f.to)) {
                sink.report(
                    doc,
                    format!("/parties/{i}/partner"),
                    format!("`{id}` neither discloses nor receives data in any flow"),
                )
                .hint("add the flows it takes part in, or remove it from the parties");
            }
        }
    }
}

fn check_flow_parties(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let protocol = workspace.protocol_of(a).map(|(_, p)| p);
        let parties: Vec<&str> = a.parties.iter().map(|p| p.partner.as_str()).collect();
        for (i, flow) in a.flows.iter().enumerate() {
            let mut ends: Vec<(String, &str, &Id)> = Vec::new();
            if flow.among.is_some() && (flow.from.is_some() || flow.to.is_some()) {
                let field = if flow.from.is_some() { "from" } else { "to" };
                sink.report(
                    doc,
                    format!("/flows/{i}/{field}"),
                    format!("flow `{}` names both `among` and `{field}`: a flow is either between two parties or among a group", flow.id),
                )
                .hint("keep `among:` for a group flow, or `from:` and `to:` for a flow between two parties");
            }
            match (&flow.among, &flow.from, &flow.to) {
                (Some(crate::model::Among::Parties(members)), _, _) => {
                    for (j, id) in members.iter().enumerate() {
                        ends.push((format!("/flows/{i}/among/{j}"), "shares", id));
                    }
                }
                (Some(crate::model::Among::All(_)), _, _) => {}
                (None, from, to) => {
                    if from.is_none() || to.is_none() {
                        let missing = if from.is_none() { "from" } else { "to" };
                        sink.report(
                            doc,
                            format!("/flows/{i}/id"),
                            format!("flow `{}` has no `{missing}`: it names no party at that end", flow.id),
                        )
                        .hint("give the flow `from` and `to`, or `among:` for a group that shares among itself");
                    }
                    if let Some(id) = from {
                        ends.push((format!("/flows/{i}/from"), "discloses", id));
                    }
                    if let Some(id) = to {
                        ends.push((format!("/flows/{i}/to"), "receives", id));
                    }
                }
            }
            for (pointer, verb, id) in ends {
                if parties.iter().any(|p| within(protocol, id.as_str(), p)) {
                    continue;
                }
                sink.report(
                    doc,
                    pointer,
                    format!(
                        "flow `{}` {verb} through `{id}`, which is not a party to this agreement",
                        flow.id
                    ),
                )
                .hint(format!(
                    "add `{id}` to `parties` with its role, or correct the flow"
                ))
                .related(doc, "/parties", "the agreement's parties");
            }
        }
    }
}

fn check_agreement_list(workspace: &Workspace, sink: &mut Sink) {
    let found: HashSet<&str> = workspace
        .portfolio
        .iter()
        .filter(|e| e.is_agreement)
        .map(|e| e.id.as_str())
        .collect();
    for (doc, protocol) in workspace.protocols() {
        if protocol.agreements.is_empty() {
            continue;
        }
        for (i, id) in protocol.agreements.iter().enumerate() {
            if !found.contains(id.as_str()) && !workspace.may_exist_unread(id.as_str()) {
                sink.report(doc, format!("/agreements/{i}"), format!("the listed agreement `{id}` was not found among the files checked"))
                    .hint("remove it from the list, correct the id, or validate its file together with the protocol");
            }
        }
        let listed: HashSet<&str> = protocol.agreements.iter().map(|id| id.as_str()).collect();
        for entry in workspace.portfolio.iter() {
            if entry.protocol.as_deref() == Some(protocol.document.id.as_str())
                && !listed.contains(entry.id.as_str())
            {
                sink.report(
                    doc,
                    "/agreements",
                    format!("the agreement `{}` is made under this protocol but not listed in `agreements`", entry.id),
                )
                .hint(format!("add `{}` to the protocol's agreements", entry.id))
                .related_at(entry.id_location.clone(), "the agreement");
            }
        }
    }
}

fn check_flow_to_itself(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            if let (None, Some(from), Some(to)) = (&flow.among, &flow.from, &flow.to)
                && from == to
            {
                sink.report(
                    doc,
                    format!("/flows/{i}/to"),
                    format!("flow `{}` goes from `{}` to itself", flow.id, to),
                )
                .hint("set `to` to the body that receives the data");
            }
        }
    }
}
