//! Lawful bases (UK GDPR Article 6), the law behind them, consent, vital interests,
//! recognised legitimate interests, controller roles and statutory gateways.

use crate::model::Role;
use crate::model::vocab::{Article6, Article9Condition};
use crate::rules::helpers::{
    bases_for_flow, flows_for_basis, is_public_authority, partner_name, relying_parties,
};
use crate::rules::reliance::{flow_controllers, is_competent_authority, own_bases};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// A public authority relying on legitimate interests, or recognised legitimate interests,
    /// for its tasks.
    ///
    /// ## What it checks
    /// That no legal basis with `article_6: legitimate-interests` or
    /// `recognised-legitimate-interest` is relied on by a partner marked
    /// `public_authority: true` (the parties in `relied_on_by`, else both ends of the flows
    /// the basis covers).
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1), final subparagraph (as amended by the Data (Use and Access) Act
    /// 2025): points (ea) and (f) do not apply to processing carried out by public authorities
    /// in the performance of their tasks. A council sharing for its functions relies on public
    /// task (e) or legal obligation (c).
    ///
    /// ## Example
    /// ```yaml
    /// - id: council-disclosure
    ///   article_6: legitimate-interests
    ///   relied_on_by: [council]        # a public authority
    /// ```
    ///
    /// ## Fix
    /// Use `public-task` (with the law that gives the task) for the public authority, and keep
    /// legitimate interests only for parties that are not public authorities (name them in
    /// `relied_on_by`).
    pub static PUBLIC_AUTHORITY_LEGITIMATE_INTERESTS = {
        code: "L005",
        name: "public-authority-legitimate-interests",
        family: Legal,
        severity: Error,
        check: Some(check_public_authority_interests),
    };
}

fn check_public_authority_interests(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(
                article_6
                @ (Article6::LegitimateInterests | Article6::RecognisedLegitimateInterest),
            ) = basis.article_6
            else {
                continue;
            };
            for id in relying_parties(a, basis) {
                if is_public_authority(workspace, a, id) {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_6"),
                        format!(
                            "{} ({}) relies on {}, which public authorities cannot use for their tasks",
                            partner_name(workspace, a, id),
                            id,
                            article_6.citation()
                        ),
                    )
                    .hint("use `public-task` with the law that gives the task; if another party relies on this basis, list only it in `relied_on_by`");
                }
            }
        }
    }
}

declare_rule! {
    /// Legal obligation or public task relied on without naming the law that lays it down.
    ///
    /// ## What it checks
    /// That a legal basis with `article_6: legal-obligation` or `public-task` lists at least
    /// one entry in `law`.
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(3) and DPA 2018 s.8: the basis for (c) and (e) must be laid down by
    /// law. An agreement that cannot say which law gives the task or obligation cannot show
    /// that the sharing is lawful.
    ///
    /// ## Example
    /// ```yaml
    /// - id: safeguarding
    ///   article_6: public-task
    ///   law: []
    /// ```
    ///
    /// ## Fix
    /// Name the statute and provision, for example
    /// `law: [{legislation: Children Act 2004, provision: s.11}]`.
    pub static MISSING_LEGAL_BASIS_LAW = {
        code: "L006",
        name: "missing-legal-basis-law",
        family: Legal,
        severity: Error,
        check: Some(check_basis_law),
    };
}

fn check_basis_law(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(article_6) = basis.article_6 else {
                continue;
            };
            if article_6.needs_law() && basis.law.is_empty() {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/article_6"),
                    format!("legal basis `{}` relies on {} but names no law that lays it down (Article 6(3))", basis.id, article_6.citation()),
                )
                .hint("add `law:` with the statute and provision, for example `{legislation: Children Act 2004, provision: s.11}`");
            }
        }
    }
}

declare_rule! {
    /// A public authority relying on consent.
    ///
    /// ## What it checks
    /// That no legal basis with `article_6: consent` is relied on by a public authority.
    ///
    /// ## Why it matters
    /// UK GDPR Recital 43: consent is unlikely to be freely given where there is a clear
    /// imbalance between the individual and a public authority. The ICO advises public
    /// authorities to rely on another basis, such as public task.
    ///
    /// ## Example
    /// ```yaml
    /// - article_6: consent
    ///   relied_on_by: [council]
    /// ```
    ///
    /// ## Fix
    /// Use `public-task` with the law that gives the task. Consent may still be the basis under
    /// the common law duty of confidentiality (`common_law: explicit-consent`).
    pub static CONSENT_BY_PUBLIC_AUTHORITY = {
        code: "L008",
        name: "consent-by-public-authority",
        family: Legal,
        severity: Warning,
        check: Some(check_consent_public_authority),
    };
}

fn check_consent_public_authority(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_6 != Some(Article6::Consent) {
                continue;
            }
            for id in relying_parties(a, basis) {
                if is_public_authority(workspace, a, id) {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_6"),
                        format!("{} ({id}) is a public authority relying on consent, which is rarely freely given to one (Recital 43)", partner_name(workspace, a, id)),
                    )
                    .hint("rely on `public-task` with the law that gives the task; record consent under `common_law` if it is sought for confidentiality");
                }
            }
        }
    }
}

declare_rule! {
    /// Consent relied on with no way to withdraw it.
    ///
    /// ## What it checks
    /// That a legal basis with `article_6: consent` or `article_9: explicit-consent` says how
    /// consent is withdrawn (`consent_withdrawal`).
    ///
    /// ## Why it matters
    /// UK GDPR Article 7(3): the data subject may withdraw consent at any time, it must be as
    /// easy to withdraw as to give, and they must be told so before giving it.
    ///
    /// ## Example
    /// ```yaml
    /// - article_6: consent
    /// ```
    ///
    /// ## Fix
    /// Add `consent_withdrawal: "By telling the charity's advice team, in person, by phone or by email."`
    pub static CONSENT_WITHOUT_WITHDRAWAL = {
        code: "L009",
        name: "consent-without-withdrawal",
        family: Legal,
        severity: Warning,
        check: Some(check_consent_withdrawal),
    };
}

fn check_consent_withdrawal(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let consent = basis.article_6 == Some(Article6::Consent)
                || basis.article_9 == Some(Article9Condition::ExplicitConsent);
            if consent && basis.consent_withdrawal.is_none() {
                let field = if basis.article_6 == Some(Article6::Consent) {
                    "article_6"
                } else {
                    "article_9"
                };
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/{field}"),
                    format!("legal basis `{}` relies on consent but does not say how it is withdrawn (Article 7(3))", basis.id),
                )
                .hint("add `consent_withdrawal:` saying how a person withdraws consent");
            }
        }
    }
}

declare_rule! {
    /// Vital interests relied on for routine, scheduled sharing.
    ///
    /// ## What it checks
    /// That a legal basis with `article_6: vital-interests` does not cover a flow whose
    /// frequency is routine (real time, daily, weekly, monthly, quarterly or annually).
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1)(d) and Recital 46: processing on the vital interests of another
    /// person "should in principle take place only where the processing cannot be manifestly
    /// based on another legal basis"; the ICO's guidance on the lawful bases reads it as
    /// protecting someone's life, decided case by case. Sharing on a schedule can be planned
    /// on another basis, so the rule warns.
    ///
    /// ## Example
    /// ```yaml
    /// - article_6: vital-interests
    /// flows:
    ///   - frequency: weekly
    /// ```
    ///
    /// ## Fix
    /// Use public task or legal obligation for routine sharing; keep vital interests for
    /// emergencies (`frequency: on-request`).
    pub static VITAL_INTERESTS_FOR_ROUTINE_SHARING = {
        code: "L010",
        name: "vital-interests-for-routine-sharing",
        family: Legal,
        severity: Warning,
        check: Some(check_vital_interests),
    };
}

fn check_vital_interests(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_6 != Some(Article6::VitalInterests) {
                continue;
            }
            for (f, flow) in flows_for_basis(a, basis) {
                if flow.frequency.is_routine() {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_6"),
                        format!("legal basis `{}` relies on vital interests for flow `{}`, which runs {}", basis.id, flow.id, flow.frequency.title()),
                    )
                    .hint("vital interests suits emergencies, case by case; use public task or legal obligation for routine sharing")
                    .related(doc, format!("/flows/{f}/frequency"), "the flow's frequency");
                }
            }
        }
    }
}

declare_rule! {
    /// A processor shown disclosing on its own account, or not saying whom it acts for.
    ///
    /// ## What it checks
    /// That a party with `role: processor` names the controller it `acts_for`, and is shown
    /// disclosing only to that controller. A processor receiving data from another party on
    /// its controller's behalf (into the controller's system it hosts, say) is lawful and not
    /// reported: the flow is the controller's, and L025, L001 and L004 look for the
    /// controller's own basis for it.
    ///
    /// ## Why it matters
    /// UK GDPR Article 28(3)(a): the contract binds the processor to process the personal data
    /// "only on documented instructions from the controller"; Article 29: a processor "shall
    /// not process those data except on instructions from the controller". Receiving data for
    /// the controller is processing on its behalf. A processor that determines the purposes
    /// and means of processing, by deciding itself to pass data to another body, "shall be
    /// considered to be a controller in respect of that processing" (Article 28(10)); where
    /// the controller has instructed the disclosure, the agreement should show it as the
    /// controller's.
    ///
    /// ## Example
    /// ```yaml
    /// parties:
    ///   - partner: it-supplier
    ///     role: processor
    ///     acts_for: council
    /// flows:
    ///   - from: it-supplier
    ///     to: police
    /// ```
    ///
    /// ## Fix
    /// Show the flow from the controller, or record the body as a controller with its own
    /// lawful basis.
    pub static PROCESSOR_ON_OWN_ACCOUNT = {
        code: "L013",
        name: "processor-on-own-account",
        family: Legal,
        severity: Error,
        check: Some(check_processors),
    };
}

fn check_processors(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (p, party) in a.parties.iter().enumerate() {
            if party.role != Role::Processor {
                continue;
            }
            let Some(controller) = &party.acts_for else {
                sink.report(
                    doc,
                    format!("/parties/{p}/role"),
                    format!(
                        "`{}` is a processor but does not say which controller it acts for",
                        party.partner
                    ),
                )
                .hint("add `acts_for:` with the controller's partner id");
                continue;
            };
            for (i, flow) in a.flows.iter().enumerate() {
                let mut others: Vec<(bool, &crate::model::Id)> = Vec::new();
                for (from, to) in flow.pairs(a) {
                    let other = if from == &party.partner {
                        (true, to)
                    } else if to == &party.partner {
                        (false, from)
                    } else {
                        continue;
                    };
                    if !others.iter().any(|(_, o)| *o == other.1) {
                        others.push(other);
                    }
                }
                for (from, other) in others {
                    // Receiving for its controller is processing on the controller's behalf
                    // (Art 28(3)(a)); only disclosing to another body is reported.
                    if other == controller || !from {
                        continue;
                    }
                    sink.report(
                        doc,
                        flow.endpoint_pointer(&format!("/flows/{i}"), &party.partner, from),
                        format!(
                            "processor `{}` is shown disclosing to `{other}` in flow `{}`, but it acts only for `{controller}` and processes only on its documented instructions (UK GDPR Art 28(3)(a), 29)",
                            party.partner, flow.id
                        ),
                    )
                    .hint("show the flow from the controller it acts for, or record this body as a controller with its own basis")
                    .related(doc, format!("/parties/{p}"), "the processor");
                }
            }
        }
    }
}

declare_rule! {
    /// Joint controllers with no Article 26 arrangement recorded.
    ///
    /// ## What it checks
    /// That an agreement with a `joint-controller` party, or of variant `joint-controller`,
    /// records the `joint_controller` arrangement.
    ///
    /// ## Why it matters
    /// UK GDPR Article 26(1): joint controllers "shall in a transparent manner determine their
    /// respective responsibilities for compliance", in particular for the exercise of data
    /// subjects' rights and the information in Articles 13 and 14, "by means of an arrangement
    /// between them", unless and in so far as domestic law determines those responsibilities;
    /// Article 26(2): "The essence of the arrangement shall be made available to the data
    /// subject." The duty is a "shall", so a missing arrangement is an error. Where an
    /// enactment sets the responsibilities, record that in `joint_controller` (the law and
    /// what it allocates) rather than switching the rule off.
    ///
    /// ## Example
    /// ```yaml
    /// variant: joint-controller
    /// # no joint_controller section
    /// ```
    ///
    /// ## Fix
    /// Add `joint_controller: {responsibilities: [...], essence_published: ...}`.
    pub static JOINT_CONTROLLERS_WITHOUT_ARRANGEMENT = {
        code: "L014",
        name: "joint-controllers-without-arrangement",
        family: Legal,
        severity: Error,
        check: Some(check_joint_controllers),
    };
}

fn check_joint_controllers(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        if a.joint_controller.is_some() {
            continue;
        }
        if a.variant == crate::model::Variant::JointController {
            sink.report(
                doc,
                "/variant",
                "a joint controller agreement records no Article 26 arrangement",
            )
            .hint("add `joint_controller:` with each party's responsibilities");
        } else if let Some(p) = a
            .parties
            .iter()
            .position(|p| p.role == Role::JointController)
        {
            sink.report(
                doc,
                format!("/parties/{p}/role"),
                format!(
                    "`{}` is a joint controller but no Article 26 arrangement is recorded",
                    a.parties[p].partner
                ),
            )
            .hint("add `joint_controller:` with each party's responsibilities");
        }
    }
}

declare_rule! {
    /// Recognised legitimate interest relied on with no Annex 1 condition.
    ///
    /// ## What it checks
    /// That a legal basis with `article_6: recognised-legitimate-interest` names its
    /// `annex_1` condition, and that only such a basis names one.
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1)(ea) (inserted by the Data (Use and Access) Act 2025 s.70): the
    /// basis applies only where the processing is necessary for a condition listed in Annex 1:
    /// para 1 (disclosure for a public task), para 2 (national security, public security and
    /// defence), para 3 (emergencies), para 5 (crime) and para 6 (safeguarding vulnerable
    /// individuals); paras 4 and 7 define terms. The numbering is the Annex's own, as the
    /// ICO's recognised legitimate interest guidance quotes it.
    ///
    /// ## Example
    /// ```yaml
    /// - article_6: recognised-legitimate-interest
    /// ```
    ///
    /// ## Fix
    /// Add the condition, for example `annex_1: safeguarding-vulnerable-individuals`.
    pub static RECOGNISED_LEGITIMATE_INTEREST_WITHOUT_CONDITION = {
        code: "L021",
        name: "recognised-legitimate-interest-without-condition",
        family: Legal,
        severity: Error,
        check: Some(check_annex_1),
    };
}

fn check_annex_1(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let recognised = basis.article_6 == Some(Article6::RecognisedLegitimateInterest);
            match (recognised, basis.annex_1) {
                (true, None) => {
                    sink.report(doc, format!("/legal_bases/{i}/article_6"), format!("legal basis `{}` relies on Article 6(1)(ea) but names no Annex 1 condition", basis.id))
                        .hint("add `annex_1:` with the recognised legitimate interest, for example `safeguarding-vulnerable-individuals`");
                }
                (false, Some(condition)) => {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/annex_1"),
                        format!(
                            "legal basis `{}` names {} but relies on {}, not Article 6(1)(ea)",
                            basis.id,
                            condition.citation(),
                            basis
                                .article_6
                                .map_or("no Article 6 basis", |a| a.citation())
                        ),
                    )
                    .hint("remove `annex_1`, or set `article_6: recognised-legitimate-interest`");
                }
                _ => {}
            }
        }
    }
}

declare_rule! {
    /// Children's data with no recorded reason why sharing is in their best interests.
    ///
    /// ## What it checks
    /// That every data subject category with `children: true` records `best_interests`.
    ///
    /// ## Why it matters
    /// The ICO Data Sharing Code, section "Data sharing and children": "You may share
    /// children's personal data as long as you can demonstrate a compelling reason to do so,
    /// taking account of the best interests of the child. The best interests of the child
    /// should be a primary consideration." Demonstrating it (UK GDPR Article 5(2)) means
    /// recording the reason; this is the code's good practice, so the rule warns.
    ///
    /// ## Example
    /// ```yaml
    /// - id: pupils
    ///   children: true
    /// ```
    ///
    /// ## Fix
    /// Add `best_interests:` saying why the sharing serves the children.
    pub static CHILDREN_WITHOUT_BEST_INTERESTS = {
        code: "L023",
        name: "children-without-best-interests",
        family: Legal,
        severity: Warning,
        check: Some(check_children),
    };
}

fn check_children(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, subject) in a.data_subjects.iter().enumerate() {
            if subject.children && subject.best_interests.is_none() {
                sink.report(doc, format!("/data_subjects/{i}/children"), format!("`{}` includes children, but the agreement does not say why sharing is in their best interests", subject.id))
                    .hint("add `best_interests:` to the data subject");
            }
        }
    }
}

declare_rule! {
    /// A Digital Economy Act 2017 Part 5 power relied on with no public register entry.
    ///
    /// ## What it checks
    /// That a `law` entry citing the Digital Economy Act 2017 has a `register_entry`.
    ///
    /// ## Why it matters
    /// The Digital Economy Act 2017 Part 5 codes of practice require sharing under the public
    /// service delivery, debt and fraud powers to be recorded on the government's public
    /// register of data sharing, for transparency.
    ///
    /// ## Example
    /// ```yaml
    /// law:
    ///   - legislation: Digital Economy Act 2017
    ///     provision: s.35
    /// ```
    ///
    /// ## Fix
    /// Add `register_entry:` with the register's reference or address.
    pub static DEA_WITHOUT_REGISTER_ENTRY = {
        code: "L024",
        name: "dea-without-register-entry",
        family: Legal,
        severity: Warning,
        check: Some(check_dea_register),
    };
}

fn check_dea_register(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            for (j, law) in basis.law.iter().enumerate() {
                let dea = law
                    .legislation
                    .to_ascii_lowercase()
                    .contains("digital economy act 2017");
                if dea && law.register_entry.is_none() {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/law/{j}"),
                        format!(
                            "{} is relied on with no entry on the public register of data sharing",
                            law.citation()
                        ),
                    )
                    .hint("add `register_entry:` with the register's reference or address");
                }
            }
        }
    }
}

declare_rule! {
    /// A flow that no legal basis covers, or a controller in it with no basis of its own.
    ///
    /// ## What it checks
    /// That every flow is covered by at least one legal basis (naming the flow or one of its
    /// purposes, or covering the whole agreement), and that every controller at either end
    /// of it (for a processor's end, the controller it `acts_for`) relies on one of those
    /// bases: one that names it in `relied_on_by`, or names nobody there. Processors need no
    /// basis of their own. The finding points at the flow, or at the end that names the
    /// controller without a basis.
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1): processing is lawful "only if and to the extent that" at least
    /// one basis applies. The discloser and the recipient each process the data (Article
    /// 4(2): disclosure and collection are both processing), so each controller needs its
    /// own basis; a basis another party relies on does not make its processing lawful. A
    /// processor processes only on its controller's documented instructions (Article
    /// 28(3)(a)), under the controller's basis.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - purposes: [investigation]
    ///     relied_on_by: [police]     # the council, which discloses, relies on nothing
    /// flows:
    ///   - from: council
    ///     to: police
    ///     purposes: [investigation]
    /// ```
    ///
    /// ## Fix
    /// Add the flow's purpose (or the flow) to a legal basis, or add a basis for it; give
    /// each controller its own basis (`relied_on_by`).
    pub static FLOW_WITHOUT_LEGAL_BASIS = {
        code: "L025",
        name: "flow-without-legal-basis",
        family: Legal,
        severity: Error,
        check: Some(check_flow_basis),
    };
}

fn check_flow_basis(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            if bases_for_flow(a, flow).next().is_none() {
                sink.report(
                    doc,
                    format!("/flows/{i}/id"),
                    format!("no legal basis covers flow `{}`", flow.id),
                )
                .hint("name the flow or one of its purposes in a legal basis");
                continue;
            }
            for controller in flow_controllers(workspace, a, flow, i) {
                if !own_bases(workspace, a, flow, controller.id).is_empty() {
                    continue;
                }
                sink.report(
                    doc,
                    controller.pointer.clone(),
                    format!(
                        "{} ({}) relies on no legal basis for flow `{}`: the bases covering it are other parties' (`relied_on_by`), and one controller's basis never covers another's",
                        partner_name(workspace, a, controller.id.as_str()),
                        controller.id,
                        flow.id
                    ),
                )
                .hint("add a legal basis this controller relies on for the flow (name it in `relied_on_by`), or add it to the `relied_on_by` of a basis that is also its own");
            }
        }
    }
}

declare_rule! {
    /// A legal basis with neither a UK GDPR Article 6 basis nor a DPA 2018 Part 3 basis for
    /// a competent authority.
    ///
    /// ## What it checks
    /// That every legal basis names `article_6`, unless it is a `law_enforcement` basis for a
    /// competent authority's processing under DPA 2018 Part 3: a basis with only
    /// `law_enforcement` is reported for each party relying on it (its `relied_on_by`, else
    /// the controllers at the ends of the flows it covers) whose partner entry does not say
    /// `competent_authority: true`. A partner that cannot be found (its protocol is not among
    /// the files checked) is not reported.
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1): processing is lawful only if one of its bases applies. Only
    /// processing by a competent authority for the law enforcement purposes falls outside the
    /// UK GDPR (DPA 2018 s.29(1) and s.31), under Part 3 and its own lawfulness test (s.35). A
    /// competent authority is a person specified or described in Schedule 7, or any other
    /// person to the extent it has statutory functions for the law enforcement purposes
    /// (s.30(1)); any other body needs an Article 6 basis.
    ///
    /// ## Example
    /// ```yaml
    /// - id: sharing
    ///   purposes: [referral]
    ///   relied_on_by: [council]     # not a competent authority
    ///   law_enforcement: {}         # and no article_6
    /// ```
    ///
    /// ## Fix
    /// Add `article_6:` with the basis relied on, keep `law_enforcement:` for the competent
    /// authority's own basis, or mark the partner `competent_authority: true` if it is one.
    pub static BASIS_WITHOUT_ARTICLE_6 = {
        code: "L026",
        name: "basis-without-article-6",
        family: Legal,
        severity: Error,
        check: Some(check_basis_has_article_6),
    };
}

fn check_basis_has_article_6(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_6.is_some() {
                continue;
            }
            if basis.law_enforcement.is_none() {
                sink.report(doc, format!("/legal_bases/{i}/id"), format!("legal basis `{}` names no UK GDPR Article 6 basis", basis.id))
                    .hint("add `article_6:`, or `law_enforcement:` for a competent authority's Part 3 processing");
                continue;
            }
            // A Part 3 basis alone serves only competent authorities (DPA 2018 s.29, s.30).
            for id in relying_parties(a, basis) {
                if is_competent_authority(workspace, a, id) != Some(false) {
                    continue;
                }
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/law_enforcement"),
                    format!(
                        "legal basis `{}` has only a DPA 2018 Part 3 basis, but {} ({id}), which relies on it, is not a competent authority (s.30, Schedule 7), so its processing needs a UK GDPR Article 6 basis",
                        basis.id,
                        partner_name(workspace, a, id)
                    ),
                )
                .on_key()
                .hint("add `article_6:` with the basis this party relies on, or mark the partner `competent_authority: true` in the protocol if it is one");
            }
        }
    }
}
