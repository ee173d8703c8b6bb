//! Special category data: the Article 9(2) condition, the DPA 2018 Schedule 1 condition it
//! needs, the appropriate policy document, and the health or social work recipient.

use crate::model::vocab::{Article9Condition, Schedule1Part};
use crate::model::{DataCategory, Role};
use crate::rules::helpers::{flows_for_basis, is_health_or_social_work_body, items_of, partner};
use crate::rules::reliance::{controller_names, lacking_controllers, part_3_for};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// Special category data shared with no Article 9 condition.
    ///
    /// ## What it checks
    /// For each flow that shares a special category data item, that every controller at
    /// either end (for a processor's end, the controller it `acts_for`) relies on a legal
    /// basis of its own covering the flow that names an `article_9` condition, or is a DPA
    /// 2018 Part 3 `law_enforcement` basis and that controller is a competent authority. Who
    /// relies on a basis: the parties in its `relied_on_by`, else the controllers at the ends
    /// of the flows it covers. One controller's condition never covers another's, so a
    /// police force's Part 3 basis does not hide the council's missing condition for the same
    /// disclosure. The finding names the controllers and points at their basis; a controller
    /// with no basis of its own for the flow is L025's finding. An item whose `category` is
    /// `not-stated` but which names its `special_category` type is treated as special
    /// category data; one that names neither cannot be checked here, and G024 asks for its
    /// category instead (a warning, never silence).
    ///
    /// ## Why it matters
    /// UK GDPR Article 9(1) prohibits processing special category data (health, ethnicity,
    /// religion, sexual orientation and the rest), and Article 9(2) lifts the prohibition only
    /// where one of its conditions applies; an Article 6 basis alone is not enough. Disclosing
    /// and receiving are each processing by the controller that does them (Article 4(2)), so
    /// each controller needs its own condition (and the Schedule 1 condition DPA 2018 s.10
    /// requires). Part 3 of DPA 2018 replaces the UK GDPR only for processing by a competent
    /// authority for the law enforcement purposes (DPA 2018 s.29(1), s.30 and Schedule 7,
    /// s.31), where s.35 governs sensitive processing instead.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - id: council-disclosure
    ///     relied_on_by: [council]
    ///     article_6: public-task      # no article_9 for the health data the council discloses
    ///   - id: police-part-3
    ///     relied_on_by: [police]      # the police's Part 3 basis covers only the police
    ///     law_enforcement: { schedule_8: [safeguarding] }
    /// ```
    ///
    /// ## Fix
    /// Add the Article 9(2) condition the controller relies on (`article_9:
    /// health-or-social-care`, say) to its own basis covering the flow, with the Schedule 1
    /// condition it needs.
    pub static SPECIAL_CATEGORY_WITHOUT_CONDITION = {
        code: "L001",
        name: "special-category-without-condition",
        family: Legal,
        severity: Error,
        check: Some(check_special_category_condition),
    };
}

fn check_special_category_condition(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            let special: Vec<_> = items_of(a, flow)
                .filter(|(_, _, item)| {
                    item.category == DataCategory::SpecialCategory
                        || (item.category == DataCategory::NotStated
                            && item.special_category.is_some())
                })
                .collect();
            if special.is_empty() {
                continue;
            }
            // Each controller's own bases; one with none is L025's finding.
            let lacking = lacking_controllers(workspace, a, flow, i, |id, basis| {
                basis.article_9.is_some() || part_3_for(workspace, a, basis, id)
            });
            for (basis, controllers) in lacking {
                let names = controller_names(workspace, a, &controllers);
                for (j, _, item) in &special {
                    let kind = item
                        .special_category
                        .map_or("special category", |c| c.title());
                    sink.report(
                        doc,
                        format!("/legal_bases/{basis}/id"),
                        format!(
                            "flow `{}` shares `{}` ({kind} data), but no legal basis that {names} relies on for it names an Article 9 condition",
                            flow.id, item.id
                        ),
                    )
                    .hint("add `article_9:` with the Article 9(2) condition to this basis, or give each controller a basis of its own that has one: another party's condition never covers a controller")
                    .related(doc, format!("/flows/{i}/data_items/{j}"), "the special category item");
                }
            }
        }
    }
}

declare_rule! {
    /// A data item's category and its special category type disagree.
    ///
    /// ## What it checks
    /// That an item with `category: special-category` names which type in
    /// `special_category`, and that only such items name a type.
    ///
    /// ## Why it matters
    /// The type decides which conditions fit (Article 9(2)(h) suits health data, not trade
    /// union membership) and is what a reader of the agreement needs to see. An item with a
    /// type but another category would escape the Article 9 checks.
    ///
    /// ## Example
    /// ```yaml
    /// - id: diagnosis
    ///   category: special-category   # which of the nine types?
    /// ```
    ///
    /// ## Fix
    /// Set `special_category` (for example `health`) or correct `category`.
    pub static SPECIAL_CATEGORY_TYPE_MISMATCH = {
        code: "L002",
        name: "special-category-type-mismatch",
        family: Legal,
        severity: Error,
        check: Some(check_special_category_type),
    };
}

fn check_special_category_type(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, item) in a.data_items.iter().enumerate() {
            match (item.category, item.special_category) {
                (DataCategory::SpecialCategory, None) => {
                    sink.report(doc, format!("/data_items/{i}/category"), format!("`{}` is special category data but does not say which type", item.id))
                        .hint("add `special_category:` (for example `health` or `racial-or-ethnic-origin`)");
                }
                (category, Some(kind))
                    if category != DataCategory::SpecialCategory
                        && category != DataCategory::NotStated =>
                {
                    sink.report(
                        doc,
                        format!("/data_items/{i}/special_category"),
                        format!(
                            "`{}` names the special category `{}` but its category is {}",
                            item.id,
                            kind.title(),
                            category.title()
                        ),
                    )
                    .hint("set `category: special-category`, or remove `special_category`");
                }
                _ => {}
            }
        }
    }
}

declare_rule! {
    /// An Article 9 condition without the DPA 2018 Schedule 1 condition it requires.
    ///
    /// ## What it checks
    /// Article 9(2)(b), (h), (i) and (j) need the matching Schedule 1 Part 1 condition
    /// (paras 1, 2, 3 and 4); Article 9(2)(g) needs at least one Schedule 1 Part 2 condition
    /// (paras 6 to 28).
    ///
    /// ## Why it matters
    /// DPA 2018 s.10(2) and (3): these Article 9 conditions are met only if the processing
    /// also meets a condition in Schedule 1. Without it, the processing is unlawful.
    ///
    /// ## Example
    /// ```yaml
    /// article_9: substantial-public-interest
    /// schedule_1: []     # which Part 2 condition?
    /// ```
    ///
    /// ## Fix
    /// Add the Schedule 1 condition, for example
    /// `schedule_1: [safeguarding-children-and-individuals-at-risk]` for 9(2)(g), or
    /// `schedule_1: [health-or-social-care]` for 9(2)(h).
    pub static MISSING_SCHEDULE_1_CONDITION = {
        code: "L003",
        name: "missing-schedule-1-condition",
        family: Legal,
        severity: Error,
        check: Some(check_schedule_1),
    };
}

fn check_schedule_1(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(condition) = basis.article_9 else {
                continue;
            };
            if let Some(required) = condition.required_part1_condition() {
                if !basis.schedule_1.contains(&required) {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_9"),
                        format!(
                            "{} needs {} (DPA 2018 s.10(2))",
                            condition.citation(),
                            required.citation()
                        ),
                    )
                    .hint(format!("add `schedule_1: [{}]`", serde_name(&required)));
                }
            } else if condition == Article9Condition::SubstantialPublicInterest
                && !basis
                    .schedule_1
                    .iter()
                    .any(|c| c.part() == Schedule1Part::Part2)
            {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/article_9"),
                    format!("{} needs a DPA 2018 Schedule 1 Part 2 condition (s.10(3))", condition.citation()),
                )
                .hint("add the Part 2 condition relied on, for example `schedule_1: [safeguarding-children-and-individuals-at-risk]`");
            }
        }
    }
}

declare_rule! {
    /// A Schedule 1 condition that needs an appropriate policy document, with none referenced.
    ///
    /// ## What it checks
    /// For each controller that relies on a legal basis (its `relied_on_by`, else both ends of
    /// the flows it covers; processors need none of their own), that a Schedule 1 condition
    /// needing an appropriate policy document comes with one: the basis's
    /// `appropriate_policy_document`, or the controller's entry in `policy_documents`. The
    /// conditions that need one: para 1 (employment), every Part 2 condition (paras 6 to 28,
    /// including the elected representatives conditions, paras 23 to 25) except para 13,
    /// para 35 (accounts used in indecency offences involving children), and paras 36 and 37,
    /// which carry a Part 2 condition over to criminal offence data. Para 10
    /// needs none for a controller whose processing under the basis is only disclosure to
    /// competent authorities (partners marked `competent_authority`), such as a council's
    /// disclosure to the police.
    ///
    /// ## Why it matters
    /// DPA 2018 Schedule 1 para 1(1)(b), "when the processing is carried out, the controller
    /// has an appropriate policy document in place"; para 5(1), "Except as otherwise provided,
    /// a condition in this Part of this Schedule is met only if, when the processing is
    /// carried out, the controller has an appropriate policy document in place"; para
    /// 35(1)(c), in the same words. Para 39: "The controller has an appropriate policy
    /// document in place … if the controller has produced a document which— (a) explains the
    /// controller's procedures for securing compliance with the principles in Article 5 …
    /// and (b) explains the controller's policies as regards the retention and erasure of
    /// personal data" — the controller's own document, so each controller needs one.
    /// The carve-outs, from the paragraphs' text: para 10(2), a disclosure to a competent
    /// authority "or … in preparation for such disclosure" "is met even if … the controller
    /// does not have an appropriate policy document in place"; para 13(3), likewise for
    /// journalism in connection with unlawful acts; para 27(3), a disclosure to an anti-doping
    /// body (isagen cannot tell such a body, so the finding's hint says so).
    ///
    /// ## Example
    /// ```yaml
    /// schedule_1: [safeguarding-children-and-individuals-at-risk]
    /// # no appropriate_policy_document
    /// ```
    ///
    /// ## Fix
    /// Reference the policy: `appropriate_policy_document: https://example.gov.uk/apd`, or
    /// each controller's own: `policy_documents: [{party: council, reference: ...}]`.
    pub static MISSING_APPROPRIATE_POLICY_DOCUMENT = {
        code: "L007",
        name: "missing-appropriate-policy-document",
        family: Legal,
        severity: Warning,
        check: Some(check_policy_document),
    };
}

fn check_policy_document(workspace: &Workspace, sink: &mut Sink) {
    super::policy_documents::check_policy_document(workspace, sink);
}

declare_rule! {
    /// Article 9(2)(h) relied on for a recipient that is not a health or social care body.
    ///
    /// ## What it checks
    /// That a legal basis with `article_9: health-or-social-care` covers only flows whose
    /// recipient is a health or social care body or a local authority (social work). A
    /// recipient that is a processor (`role: processor`) acting for such a body is not
    /// reported: it processes under that body's responsibility (s.11(1)(a)) and only on its
    /// instructions (UK GDPR Article 28).
    ///
    /// ## Why it matters
    /// UK GDPR Article 9(3): data may be processed under Article 9(2)(h) "when those data are
    /// processed by or under the responsibility of a professional subject to the obligation
    /// of professional secrecy ... or by another person also subject to an obligation of
    /// secrecy". DPA 2018 s.11(1) says those circumstances include processing by or under
    /// the responsibility of a health professional or a social work professional, or by
    /// another person who in the circumstances owes a duty of confidentiality under an
    /// enactment or rule of law. A school or a charity is not such a body by default, so the
    /// rule warns and asks for the recipient's duty of confidentiality to be recorded.
    ///
    /// In Northern Ireland social care is provided by the Health and Social Care trusts, not
    /// by councils (Northern Health and Social Care Trust, "Understanding the health
    /// service", northerntrust.hscni.net), so a local authority whose `jurisdiction` is
    /// `northern-ireland` does not count as a social work body here.
    ///
    /// ## Example
    /// ```yaml
    /// - article_9: health-or-social-care
    /// flows:
    ///   - to: academy-trust
    /// ```
    ///
    /// ## Fix
    /// Rely on a condition that fits the recipient (often 9(2)(g) with a Schedule 1 Part 2
    /// condition), or record why the recipient owes a duty of confidentiality.
    pub static HEALTH_CONDITION_RECIPIENT = {
        code: "L011",
        name: "health-condition-recipient",
        family: Legal,
        severity: Warning,
        check: Some(check_health_recipient),
    };
}

fn check_health_recipient(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_9 != Some(Article9Condition::HealthOrSocialCare) {
                continue;
            }
            for (f, flow, to) in flows_for_basis(a, basis)
                .flat_map(|(f, flow)| flow.pairs(a).into_iter().map(move |(_, to)| (f, flow, to)))
            {
                let Some(recipient) = partner(workspace, a, to.as_str()) else {
                    continue;
                };
                // A processor acts under its controller's responsibility (s.11(1)(a)).
                let for_controller = a
                    .parties
                    .iter()
                    .find(|p| p.partner == *to && p.role == Role::Processor)
                    .and_then(|p| p.acts_for.as_ref())
                    .and_then(|c| partner(workspace, a, c.as_str()))
                    .is_some_and(is_health_or_social_work_body);
                if !is_health_or_social_work_body(recipient) && !for_controller {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_9"),
                        format!(
                            "legal basis `{}` relies on Article 9(2)(h) for flow `{}` to {}, a {} rather than a health or social work body (DPA 2018 s.11(1))",
                            basis.id,
                            flow.id,
                            recipient.name,
                            recipient.partner_type.title()
                        ),
                    )
                    .hint("use a condition that fits the recipient, such as 9(2)(g) with a Schedule 1 Part 2 condition")
                    .related(doc, flow.endpoint_pointer(&format!("/flows/{f}"), to, false), "the recipient");
                }
            }
        }
    }
}

/// The kebab-case name serde gives a vocabulary value.
fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
