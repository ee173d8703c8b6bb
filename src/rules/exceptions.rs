//! G031: the rule about exceptions themselves. It has no check of its own: the check pipeline
//! reports it while it applies the exceptions, after every other rule has run
//! ([`crate::check::exceptions`]), since only then is it known which findings occur.

use super::{Rule, declare_rule};

/// The rules of this file.
pub static RULES: &[&Rule] = &[&UNUSED_EXCEPTION];

declare_rule! {
    /// An exception in `exceptions` that accepts no finding.
    ///
    /// ## What it checks
    /// That every entry of a definition's `exceptions` accepts a finding that occurs. It
    /// reports a warning when the rule no longer finds anything at the place the exception
    /// names (the defect was fixed, or the entry it names was renamed or removed), and an
    /// error when the exception names a rule that does not exist, a schema rule (`S` codes,
    /// which cannot be accepted: a file that is not a valid definition cannot be checked at
    /// all), this rule, or neither `about` nor `path`. An exception for a rule switched off
    /// in `isagen.toml` is not reported: nothing can tell whether its finding occurs.
    ///
    /// ## Why it matters
    /// An exception is a statement, in a document the parties sign, that a named person
    /// looked at a finding and accepted it. UK GDPR Article 5(2) (accountability) asks a
    /// controller to be able to show why its processing complies; a record of an accepted
    /// defect that no longer exists misleads the reader, and one that names no real rule
    /// accepts nothing while appearing to. Left in place, a stale exception would also
    /// silently accept the same finding if it came back later, without anyone looking again.
    ///
    /// ## Example
    /// ```yaml
    /// exceptions:
    ///   - rule: L005
    ///     about: council-basis       # the basis now uses public-task: nothing to accept
    ///     reason: The council lets garages as a landlord, outside its public tasks.
    ///     accepted_by: { name: Priya Shah, role: Data Protection Officer }
    ///     accepted_on: 2026-03-02
    /// ```
    ///
    /// ## Fix
    /// Remove the exception once its finding is fixed, or correct its `rule`, `about` or
    /// `path` so that it names the finding that was accepted. `isagen rules` lists the codes.
    pub static UNUSED_EXCEPTION = {
        code: "G031",
        name: "unused-exception",
        family: Governance,
        severity: Warning,
        check: None,
    };
}
