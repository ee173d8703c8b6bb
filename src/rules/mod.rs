//! Stage 2c, the rules: legal and consistency checks over the typed definitions.
//!
//! Every rule has a stable code (which never changes meaning once released), a kebab-case name,
//! a family, a default severity and a doc comment. The doc comment is the rule's user
//! documentation: `isagen rules` lists the first line and `isagen explain CODE` prints it all.
//! Each doc has the same sections: what it checks, why it matters (with the legal source), an
//! example and the fix.

pub mod builtin;
mod completeness;
pub(crate) mod exceptions;
mod governance;
pub(crate) mod helpers;
mod legal;
mod lifecycle;
mod references;
pub(crate) mod reliance;
mod signoff;

use std::fmt;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::workspace::Workspace;

/// A rule's check: reads the workspace and reports findings into the sink.
pub type CheckFn = fn(&Workspace, &mut Sink);

/// The families rules are grouped in; the letter starts every code of the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// `S`: the file is not a valid definition (syntax and schema). Always errors.
    Schema,
    /// `R`: references between and within documents.
    References,
    /// `L`: the legal bases and conditions.
    Legal,
    /// `G`: governance and completeness: contacts, security, retention, rights, sign-off.
    Governance,
    /// `D`: dates and lifecycle: review, expiry, versions and signatures.
    Lifecycle,
}

impl Family {
    /// The family's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Schema => "schema",
            Family::References => "references",
            Family::Legal => "legal",
            Family::Governance => "governance",
            Family::Lifecycle => "lifecycle",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule: its identity, documentation and check.
pub struct Rule {
    /// The stable code, for example `L001`.
    pub code: &'static str,
    /// The kebab-case name, for example `special-category-without-condition`.
    pub name: &'static str,
    /// The family.
    pub family: Family,
    /// The severity unless configuration overrides it.
    pub severity: Severity,
    /// The user documentation (Markdown), from the rule's doc comment.
    pub doc: &'static str,
    /// The check; `None` for the schema family, which the loader and schema check report,
    /// and for G031, which the check pipeline reports as it applies the exceptions.
    pub check: Option<CheckFn>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("name", &self.name)
            .finish()
    }
}

impl Rule {
    /// The first paragraph of the documentation: what the rule finds, in one sentence.
    pub fn summary(&self) -> String {
        let lines: Vec<&str> = self
            .doc
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty())
            .collect();
        lines.join(" ")
    }

    /// The documentation with the one-space indent of doc comments removed.
    pub fn documentation(&self) -> String {
        let mut text = String::new();
        for line in self.doc.lines() {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text.trim().to_string() + "\n"
    }

    /// Builds a diagnostic of this rule at its default severity.
    pub fn diagnostic(
        &'static self,
        location: Location,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: self.code,
            rule: self.name,
            severity: self.severity,
            message: message.into(),
            location,
            hint,
            related: Vec::new(),
        }
    }
}

/// Declares a rule as a `static` [`Rule`] whose `doc` is the doc comment written above it.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            family: $family:ident,
            severity: $severity:ident,
            check: $check:expr $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            family: $crate::rules::Family::$family,
            severity: $crate::diagnostic::Severity::$severity,
            doc: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in code order.
pub fn registry() -> Vec<&'static Rule> {
    let mut rules: Vec<&'static Rule> = Vec::new();
    rules.extend(builtin::RULES);
    rules.extend(references::RULES);
    rules.extend(legal::RULES);
    rules.extend(legal::VOCABULARY_RULES);
    rules.extend(governance::RULES);
    rules.extend(governance::VOCABULARY_RULES);
    rules.extend(lifecycle::RULES);
    rules.extend(signoff::RULES);
    rules.extend(completeness::RULES);
    rules.extend(exceptions::RULES);
    rules.sort_by_key(|r| (r.family, r.code));
    rules
}

/// Finds a rule by code (any case) or name.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    registry()
        .into_iter()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Where a finding points: a node of a document in the workspace, or a place already
/// located (a document the portfolio rules know only by its [`PortfolioEntry`]).
///
/// [`PortfolioEntry`]: crate::workspace::PortfolioEntry
#[derive(Clone, Debug)]
pub enum Target {
    /// The node at `pointer` in the workspace's document `document`.
    Node {
        /// Index of the document in the workspace.
        document: usize,
        /// JSON pointer of the node.
        pointer: String,
    },
    /// A location already known.
    At(Location),
}

/// A finding before it is placed: which document, which node, what is wrong.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The rule that found it.
    pub rule: &'static Rule,
    /// The node at fault.
    pub target: Target,
    /// Point at the node's key rather than its value.
    pub on_key: bool,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Other places that explain it.
    pub related: Vec<(Target, String)>,
    /// The severity of this finding when the configuration does not set the rule's, where a
    /// rule reports findings of two weights (G022); `None` for the rule's default.
    pub severity: Option<Severity>,
}

impl Finding {
    /// Adds a hint.
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }

    /// Points at the key of the node rather than its value (for a missing or misplaced
    /// entry).
    pub fn on_key(&mut self) -> &mut Self {
        self.on_key = true;
        self
    }

    /// Reports this finding at `severity` rather than the rule's default, unless the
    /// configuration sets the rule's severity (which then applies to all its findings).
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = Some(severity);
        self
    }

    /// Adds a related place: the node at `pointer` in document `document`.
    pub fn related(
        &mut self,
        document: usize,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Self {
        let target = Target::Node {
            document,
            pointer: pointer.into(),
        };
        self.related.push((target, message.into()));
        self
    }

    /// Adds a related place already located.
    pub fn related_at(&mut self, location: Location, message: impl Into<String>) -> &mut Self {
        self.related.push((Target::At(location), message.into()));
        self
    }
}

/// Collects the findings of one rule.
pub struct Sink {
    rule: &'static Rule,
    findings: Vec<Finding>,
}

impl Sink {
    /// A sink for `rule`'s findings.
    pub fn new(rule: &'static Rule) -> Self {
        Sink {
            rule,
            findings: Vec::new(),
        }
    }

    /// Reports a finding at `pointer` in document `document`.
    pub fn report(
        &mut self,
        document: usize,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Finding {
        let target = Target::Node {
            document,
            pointer: pointer.into(),
        };
        self.report_target(target, message.into())
    }

    /// Reports a finding at a location already known.
    pub fn report_at(&mut self, location: Location, message: impl Into<String>) -> &mut Finding {
        self.report_target(Target::At(location), message.into())
    }

    fn report_target(&mut self, target: Target, message: String) -> &mut Finding {
        self.findings.push(Finding {
            rule: self.rule,
            target,
            on_key: false,
            message,
            hint: None,
            related: Vec::new(),
            severity: None,
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// The findings reported.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let rules = registry();
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for rule in &rules {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            let letter = match rule.family {
                Family::Schema => 'S',
                Family::References => 'R',
                Family::Legal => 'L',
                Family::Governance => 'G',
                Family::Lifecycle => 'D',
            };
            assert!(
                rule.code.starts_with(letter),
                "{} is not in family {}",
                rule.code,
                rule.family
            );
            assert!(rule.code.len() == 4 && rule.code[1..].chars().all(|c| c.is_ascii_digit()));
            assert!(
                rule.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
            );
        }
        let checked = rules.iter().filter(|r| r.check.is_some()).count();
        assert!(checked >= 25, "only {checked} rules have checks");
    }

    #[test]
    fn every_rule_documents_what_why_example_and_fix() {
        for rule in registry() {
            let doc = rule.documentation();
            for section in [
                "## What it checks",
                "## Why it matters",
                "## Example",
                "## Fix",
            ] {
                assert!(doc.contains(section), "{} lacks `{section}`", rule.code);
            }
            assert!(!rule.summary().is_empty());
        }
    }
}
