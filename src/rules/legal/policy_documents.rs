//! Appropriate policy documents: each controller's own, for the Schedule 1 conditions that
//! need one (with the carve-outs the paragraphs make), and for Part 3 sensitive processing.

use crate::model::vocab::{CarveOutRecipient, PolicyDocumentRequirement};
use crate::model::{Agreement, DataCategory, LegalBasis, Role};
use crate::rules::helpers::{flows_for_basis, items_of, partner, partner_name, relying_parties};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

/// The controllers that rely on `basis`: its relying parties less any processor (a processor
/// acts under its controller's conditions and needs no policy document of its own).
fn relying_controllers<'a>(a: &'a Agreement, basis: &'a LegalBasis) -> Vec<&'a str> {
    relying_parties(a, basis)
        .into_iter()
        .filter(|id| {
            !a.parties
                .iter()
                .any(|p| p.partner.as_str() == *id && p.role == Role::Processor)
        })
        .collect()
}

/// Whether `party`'s processing under `basis` consists only of disclosures to competent
/// authorities (DPA 2018 Sch 1 para 10(2)): it discloses in every flow the basis covers that
/// it takes part in, always to a partner marked `competent_authority`, and receives in none.
fn only_discloses_to_competent_authorities(
    workspace: &Workspace,
    a: &Agreement,
    basis: &LegalBasis,
    party: &str,
) -> bool {
    let mut any = false;
    for (_, flow) in flows_for_basis(a, basis) {
        for (from, to) in flow.pairs(a) {
            if to.as_str() == party {
                return false;
            }
            if from.as_str() == party {
                if !partner(workspace, a, to.as_str()).is_some_and(|p| p.competent_authority) {
                    return false;
                }
                any = true;
            }
        }
    }
    any
}

/// Whether `party` has an appropriate policy document recorded on `basis`.
fn has_policy_document(basis: &LegalBasis, party: &str) -> bool {
    basis.appropriate_policy_document.is_some()
        || basis
            .policy_documents
            .iter()
            .any(|d| d.party.as_str() == party)
}

/// L007: each relying controller's policy document, with the carve-outs.
pub(super) fn check_policy_document(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let controllers = relying_controllers(a, basis);
            for (j, condition) in basis.schedule_1.iter().enumerate() {
                let requirement = condition.policy_document_requirement();
                if requirement == PolicyDocumentRequirement::NotRequired {
                    continue;
                }
                for party in &controllers {
                    if has_policy_document(basis, party) {
                        continue;
                    }
                    if requirement
                        == PolicyDocumentRequirement::UnlessDisclosingTo(
                            CarveOutRecipient::CompetentAuthority,
                        )
                        && only_discloses_to_competent_authorities(workspace, a, basis, party)
                    {
                        continue;
                    }
                    let hint = match requirement {
                        PolicyDocumentRequirement::UnlessDisclosingTo(
                            CarveOutRecipient::AntiDopingBody,
                        ) => {
                            "add `appropriate_policy_document:` (or a `policy_documents:` entry for this party); none is needed where the processing is a disclosure to an anti-doping body (Sch 1 para 27(3))"
                        }
                        _ => {
                            "add `appropriate_policy_document:`, or a `policy_documents:` entry for this party, with the policy's reference or address"
                        }
                    };
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/schedule_1/{j}"),
                        format!(
                            "{} needs an appropriate policy document of {} ({party}), and legal basis `{}` references none (DPA 2018 Sch 1 {}, para 39)",
                            condition.citation(),
                            partner_name(workspace, a, party),
                            basis.id,
                            condition.policy_document_source()
                        ),
                    )
                    .hint(hint);
                }
            }
        }
    }
}

declare_rule! {
    /// Sensitive processing under DPA 2018 Part 3 with no appropriate policy document.
    ///
    /// ## What it checks
    /// That a `law_enforcement` basis covering a flow that shares special category data
    /// records an appropriate policy document (in `law_enforcement.appropriate_policy_document`,
    /// or on the basis itself, which is the competent authority's), whether the processing
    /// rests on consent or on strict necessity.
    ///
    /// ## Why it matters
    /// DPA 2018 s.35(3): sensitive processing for the law enforcement purposes "is permitted
    /// only in the two cases set out in subsections (4) and (5)"; s.35(4)(b) (consent) and
    /// (5)(c) (strict necessity with a Schedule 8 condition) each require that "at the time
    /// when the processing is carried out, the controller has an appropriate policy document
    /// in place (see section 42)" (s.35(1) to (4)(b) checked against the text as R (Bridges)
    /// v CC South Wales quotes it). s.42(1): the section "applies for the purposes of section
    /// 35(4) and (5) (which require a controller to have an appropriate policy document in
    /// place when carrying out sensitive processing in reliance on the consent of the data
    /// subject or, as the case may be, in reliance on a condition specified in Schedule 8)";
    /// s.42(2)(a): the document "explains the controller's procedures for securing compliance
    /// with the data protection principles (see section 34(1))", and it also explains the
    /// retention and erasure policies. It is the competent authority's own document, separate
    /// from any Schedule 1 document under the UK GDPR.
    ///
    /// ## Example
    /// ```yaml
    /// law_enforcement:
    ///   schedule_8: [safeguarding]
    ///   # no appropriate_policy_document
    /// ```
    ///
    /// ## Fix
    /// Reference the competent authority's document:
    /// `law_enforcement: {schedule_8: [safeguarding], appropriate_policy_document: https://police.example/apd}`.
    pub static PART_3_WITHOUT_POLICY_DOCUMENT = {
        code: "L027",
        name: "part-3-without-policy-document",
        family: Legal,
        severity: Warning,
        check: Some(check_part_3_policy_document),
    };
}

fn check_part_3_policy_document(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(part3) = &basis.law_enforcement else {
                continue;
            };
            // The basis is the competent authority's own, so a document recorded on it (or
            // for a party relying on it) is that authority's s.42 document.
            if part3.appropriate_policy_document.is_some()
                || basis.appropriate_policy_document.is_some()
                || !basis.policy_documents.is_empty()
            {
                continue;
            }
            let sensitive = flows_for_basis(a, basis).find(|(_, flow)| {
                items_of(a, flow).any(|(_, _, item)| item.category == DataCategory::SpecialCategory)
            });
            if let Some((f, flow)) = sensitive {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/law_enforcement"),
                    format!(
                        "legal basis `{}` covers sensitive processing (flow `{}`) under DPA 2018 Part 3 with no appropriate policy document (s.35(4)-(5), s.42)",
                        basis.id, flow.id
                    ),
                )
                .on_key()
                .hint("add `appropriate_policy_document:` to `law_enforcement:` with the competent authority's document")
                .related(doc, format!("/flows/{f}"), "the flow with special category data");
            }
        }
    }
}
