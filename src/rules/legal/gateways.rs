//! Statutory gateways read through the vocabulary: a power is not a legal obligation.

use crate::model::vocab::{Article6, GatewayNature};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// A statutory power relied on as a legal obligation.
    ///
    /// ## What it checks
    /// That a legal basis with `article_6: legal-obligation` does not rest only on gateways
    /// that are powers. Each `law` entry is read through isagen's gateway vocabulary (its
    /// `gateway:`, or free text naming a listed gateway exactly, such as "Crime and Disorder
    /// Act 1998" "s.115"); the rule reports only when every entry is a recognised power, so an
    /// entry isagen does not know is never judged.
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1)(c) applies where processing "is necessary for compliance with a
    /// legal obligation to which the controller is subject", and Article 6(3) requires that
    /// obligation to be laid down by law. A power (Crime and Disorder Act 1998 s.115, Local
    /// Government Act 1972 s.111, Digital Economy Act 2017 Part 5) lets a body share but does
    /// not oblige it to: the ICO's guidance on the legal obligation basis says that where the
    /// controller has a choice, legal obligation is not the basis; the power supports public
    /// task (Article 6(1)(e)).
    ///
    /// ## Example
    /// ```yaml
    /// - id: police-disclosure
    ///   article_6: legal-obligation
    ///   law:
    ///     - legislation: Crime and Disorder Act 1998
    ///       provision: s.115
    /// ```
    ///
    /// ## Fix
    /// Rely on `public-task` with the power, or name the duty that obliges the controller to
    /// share (for example Children Act 2004 s.16H when the safeguarding partners require it).
    pub static POWER_AS_LEGAL_OBLIGATION = {
        code: "L028",
        name: "power-as-legal-obligation",
        family: Legal,
        severity: Error,
        check: Some(check_power_as_obligation),
    };
}

fn check_power_as_obligation(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_6 != Some(Article6::LegalObligation) || basis.law.is_empty() {
                continue;
            }
            let gateways: Vec<_> = basis.law.iter().map(|l| l.recognised_gateway()).collect();
            let all_powers = gateways
                .iter()
                .all(|g| g.is_some_and(|g| g.nature() == GatewayNature::Power));
            if !all_powers {
                continue;
            }
            let names: Vec<String> = gateways.iter().flatten().map(|g| g.citation()).collect();
            let finding = sink
                .report(
                    doc,
                    format!("/legal_bases/{i}/article_6"),
                    format!(
                        "legal basis `{}` relies on a legal obligation (Article 6(1)(c)), but {} {} a power, which allows sharing without obliging it",
                        basis.id,
                        names.join(" and "),
                        if names.len() == 1 { "is" } else { "are" }
                    ),
                )
                .hint("rely on `public-task` (Article 6(1)(e)) with the power, or name the duty that obliges the controller to share");
            for j in 0..basis.law.len() {
                finding.related(doc, format!("/legal_bases/{i}/law/{j}"), "the power");
            }
        }
    }
}
