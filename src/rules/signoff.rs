//! Sign-off integrity, in the lifecycle family (`D`): signatures that no longer cover what the
//! document says.

use super::{Rule, Sink, declare_rule};
use crate::model::{Definition, Protocol, Status, same_version, version_words};
use crate::workspace::Workspace;

/// Every sign-off rule.
pub static RULES: &[&Rule] = &[&CHANGED_AFTER_SIGN_OFF, &SIGNATURE_NOT_CURRENT];

declare_rule! {
    /// The content changed after it was signed, without a new version.
    ///
    /// ## What it checks
    /// For each signature of the current version that records a `content_hash`, that the hash
    /// still matches the document's canonical content hash (`isagen hash FILE`). The hash
    /// ignores formatting, comments, key order, the status and the signatures themselves.
    ///
    /// ## Why it matters
    /// A signature commits an organisation to the text it signed. If the text changes under
    /// the same version number, the signed copy and the working copy differ and nobody can tell
    /// which one the parties agreed (UK GDPR Article 5(2), accountability; the ICO Data Sharing
    /// Code expects agreements to be reviewed and re-agreed when they change).
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   version: "1.0"
    /// signatures:
    ///   - partner: council
    ///     version: "1.0"
    ///     content_hash: sha256:9f2c…   # recorded at signing; the flows changed since
    /// ```
    ///
    /// ## Fix
    /// Undo the change, or raise the version, add a version history entry and have the
    /// parties sign the new version (recording its hash).
    pub static CHANGED_AFTER_SIGN_OFF = {
        code: "D011",
        name: "changed-after-sign-off",
        family: Lifecycle,
        severity: Error,
        check: Some(check_changed_after_sign_off),
    };
}

declare_rule! {
    /// A party has signed an earlier version but not the current one.
    ///
    /// ## What it checks
    /// For documents in draft, review or approved status: each party whose signatures and
    /// acceptance records (`acceptance.recorded`) are all for other versions, and an
    /// `acceptance.all_parties` statement for another version while some party has not accepted
    /// the current one. A party is covered by a signature or by acceptance held elsewhere, as
    /// `unsigned-current-version` says. (For live documents, `unsigned-current-version`
    /// reports every party that has not accepted the current version, as an error.)
    ///
    /// ## Why it matters
    /// Its signature does not cover the text now in front of the other parties; the new
    /// version needs its sign-off before it is relied on.
    ///
    /// Source: UK GDPR Article 5(2): a signature records what a party agreed, and it covers
    /// only the version signed.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   version: "1.1"
    /// signatures:
    ///   - partner: trust
    ///     version: "1.0"
    /// ```
    ///
    /// ## Fix
    /// Have the party sign the current version and record the signature.
    pub static SIGNATURE_NOT_CURRENT = {
        code: "D012",
        name: "signature-not-current-version",
        family: Lifecycle,
        severity: Warning,
        check: Some(check_signature_not_current),
    };
}

fn check_changed_after_sign_off(workspace: &Workspace, sink: &mut Sink) {
    for (index, document) in workspace.focused() {
        let version = document.definition.document().version();
        let signatures = document.definition.signatures();
        let current_version =
            |s: &crate::model::Signature| same_version(s.version.as_deref(), version);
        if !signatures
            .iter()
            .any(|s| current_version(s) && s.content_hash.is_some())
        {
            continue;
        }
        let current = crate::hash::content_hash(&document.file.value);
        for (i, signature) in signatures.iter().enumerate() {
            let Some(recorded) = &signature.content_hash else {
                continue;
            };
            if current_version(signature) && recorded != &current {
                sink.report(
                    index,
                    format!("/signatures/{i}/content_hash"),
                    format!(
                        "the content changed after {} signed {}: it now hashes to {current}",
                        signature.partner,
                        version_words(signature.version.as_deref())
                    ),
                )
                .hint("undo the change, or raise the version and have the parties sign again");
            }
        }
    }
}

/// Whether `partner` of `protocol` takes part in the agreements checked with it only as a
/// processor: at least one agreement under the protocol names it, and every one names it with
/// `role: processor`. Such a partner is not asked to sign (UK GDPR Article 28; it acts under
/// its contract with the controller).
pub(crate) fn processor_only(workspace: &Workspace, protocol: &Protocol, partner: &str) -> bool {
    let mut named = false;
    let under = workspace
        .portfolio
        .iter()
        .filter(|e| e.protocol.as_deref() == Some(protocol.document.id.as_str()));
    for entry in under {
        for (_, processor) in entry.parties.iter().filter(|(id, _)| id == partner) {
            if !processor {
                return false;
            }
            named = true;
        }
    }
    named
}

fn check_signature_not_current(workspace: &Workspace, sink: &mut Sink) {
    for (index, document) in workspace.focused() {
        let control = document.definition.document();
        if matches!(control.status, Status::Live | Status::Retired) {
            continue;
        }
        // With no version stated there is only the one text: every signature and acceptance
        // is of it, so none is for an earlier version.
        let Some(version) = control.version() else {
            continue;
        };
        let signatures = document.definition.signatures();
        let acceptance = document.definition.acceptance();
        let covered =
            |party: &str| crate::model::has_accepted(signatures, acceptance, party, Some(version));
        if let Some(a) = acceptance {
            for (i, record) in a.recorded.iter().enumerate() {
                let party = record.party.as_str();
                // Reported once, at the party's latest record, when nothing covers it.
                let later = a.recorded[i + 1..].iter().any(|r| r.party == record.party);
                if later || covered(party) || signatures.iter().any(|s| s.partner == record.party) {
                    continue;
                }
                let pointer = match record.version {
                    Some(_) => format!("/acceptance/recorded/{i}/version"),
                    None => format!("/acceptance/recorded/{i}"),
                };
                sink.report(
                    index,
                    pointer,
                    format!(
                        "{party} accepted {} but not the current version {version}",
                        version_words(record.version.as_deref())
                    ),
                )
                .hint("record the party's acceptance of the current version");
            }
            if let Some(all) = &a.all_parties
                && all.version.as_deref() != Some(version)
            {
                let parties: Vec<&str> = match &document.definition {
                    Definition::Agreement(x) => {
                        x.parties.iter().map(|p| p.partner.as_str()).collect()
                    }
                    Definition::Protocol(x) => x.partners.iter().map(|p| p.id.as_str()).collect(),
                };
                if parties.iter().any(|p| !covered(p)) {
                    let pointer = match all.version {
                        Some(_) => "/acceptance/all_parties/version",
                        None => "/acceptance/all_parties",
                    };
                    sink.report(
                        index,
                        pointer,
                        format!(
                            "every party accepted {} but not all have accepted the current version {version}",
                            version_words(all.version.as_deref())
                        ),
                    )
                    .hint("record acceptance of the current version, for every party or one by one");
                }
            }
        }
        let mut parties: Vec<&str> = signatures.iter().map(|s| s.partner.as_str()).collect();
        parties.sort_unstable();
        parties.dedup();
        for party in parties {
            if acceptance.is_some_and(|a| a.covers(party, Some(version))) {
                continue;
            }
            let theirs: Vec<(usize, &crate::model::Signature)> = signatures
                .iter()
                .enumerate()
                .filter(|(_, s)| s.partner.as_str() == party)
                .collect();
            if theirs
                .iter()
                .any(|(_, s)| s.version.as_deref() == Some(version))
            {
                continue;
            }
            let (i, latest) = theirs[theirs.len() - 1];
            let pointer = match latest.version {
                Some(_) => format!("/signatures/{i}/version"),
                None => format!("/signatures/{i}"),
            };
            sink.report(
                index,
                pointer,
                format!(
                    "{party} signed {} but not the current version {version}",
                    version_words(latest.version.as_deref())
                ),
            )
            .hint("record the party's signature of the current version");
        }
    }
}
