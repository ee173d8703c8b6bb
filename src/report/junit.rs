//! The `junit` format: JUnit XML, one test case per definition file, so CI test reports
//! (GitLab, Jenkins, Azure Pipelines, GitHub test reporters) show which documents fail.
//!
//! - One `<testsuites>` holding one `<testsuite name="isagen">`.
//! - One `<testcase classname="isagen" name="FILE" file="FILE">` for every file read, so clean
//!   files show as passing tests; files that only appear in findings are added too.
//! - Each error-level finding is a `<failure message="CODE: message" type="CODE">` whose text
//!   is the location, the rule, the message, related places and the hint.
//! - Warnings and notes go in the test case's `<system-out>`: visible, without failing it.
//! - `tests` counts test cases and `failures` the test cases that failed (not `<failure>`
//!   elements, of which one case may have several), so `tests - failures` is the number that
//!   passed, as JUnit consumers compute it; `errors` and `skipped` are always 0 (an error in
//!   JUnit means the test itself broke, and isagen reports that as exit code 2 instead).
//! - A finding an exception accepts does not fail its test case: it goes in `<system-out>`
//!   marked "accepted", with who accepted it, when and why, and the suite carries
//!   `<properties><property name="suppressed" value="N"/></properties>` counting them.
//! - No time or timestamp attributes: the report is the same for the same input.
//!
//! The XML is written with quick-xml, which escapes markup characters; characters that XML 1.0
//! forbids (control characters other than tab, line feed and carriage return, and U+FFFE and
//! U+FFFF) are dropped, and line breaks in attribute values are written as character
//! references so parsers keep them.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

use super::{ReportContext, Reporter, ci_path, region};
use crate::diagnostic::{Diagnostic, Severity};

/// JUnit XML.
pub struct Junit;

/// Whether XML 1.0 allows `c` in a document (the `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// `text` without the characters XML 1.0 forbids.
fn xml_text(text: &str) -> String {
    text.chars().filter(|&c| xml_char(c)).collect()
}

/// An attribute whose value keeps tabs and line breaks (a parser would turn them into spaces).
fn attribute<'a>(name: &'a str, value: &str) -> Attribute<'a> {
    let escaped = quick_xml::escape::escape(xml_text(value))
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
        .replace('\r', "&#13;");
    Attribute {
        key: QName(name.as_bytes()),
        value: Cow::Owned(escaped.into_bytes()),
    }
}

/// Element content: `<`, `>` and `&` escaped, and carriage returns as character references
/// (a parser would turn them into line feeds).
fn text(content: &str) -> BytesText<'static> {
    let escaped = quick_xml::escape::partial_escape(xml_text(content)).replace('\r', "&#13;");
    BytesText::from_escaped(escaped)
}

/// An element start with `attributes`.
fn start<'a>(name: &'a str, attributes: &[(&'a str, &str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attributes {
        element.push_attribute(attribute(key, value));
    }
    element
}

/// The readable account of a finding: where, which rule, what, and how to fix it.
fn describe(d: &Diagnostic) -> String {
    let (line, column, ..) = region(&d.location);
    let mut text = format!(
        "{}:{line}:{column}: {} {} [{}]\n{}",
        ci_path(&d.location.file),
        d.severity,
        d.code,
        d.rule,
        d.message
    );
    for related in &d.related {
        text.push_str(&format!(
            "\nnote: {}:{}:{}: {}",
            ci_path(&related.location.file),
            related.location.line,
            related.location.column,
            related.message
        ));
    }
    if let Some(hint) = &d.hint {
        text.push_str(&format!("\nhelp: {hint}"));
    }
    text
}

/// One test case: a file and its findings.
struct Case<'a> {
    name: String,
    errors: Vec<&'a Diagnostic>,
    others: Vec<&'a Diagnostic>,
    accepted: Vec<&'a super::Suppressed>,
}

fn cases<'a>(context: &ReportContext<'a>) -> Vec<Case<'a>> {
    let mut cases: BTreeMap<String, Case<'a>> = context
        .sources
        .iter()
        .map(|s| {
            let name = ci_path(&s.name);
            (
                name.clone(),
                Case {
                    name,
                    errors: Vec::new(),
                    others: Vec::new(),
                    accepted: Vec::new(),
                },
            )
        })
        .collect();
    for d in context.diagnostics {
        let name = ci_path(&d.location.file);
        let case = cases.entry(name.clone()).or_insert_with(|| Case {
            name,
            errors: Vec::new(),
            others: Vec::new(),
            accepted: Vec::new(),
        });
        if d.severity == Severity::Error {
            case.errors.push(d);
        } else {
            case.others.push(d);
        }
    }
    for s in context.suppressed {
        let name = ci_path(&s.diagnostic.location.file);
        let case = cases.entry(name.clone()).or_insert_with(|| Case {
            name,
            errors: Vec::new(),
            others: Vec::new(),
            accepted: Vec::new(),
        });
        case.accepted.push(s);
    }
    cases.into_values().collect()
}

/// The account of an accepted finding: the finding, then who accepted it, when and why.
fn describe_accepted(s: &super::Suppressed) -> String {
    let e = &s.exception;
    let until = e.until.map(|u| format!(" until {u}")).unwrap_or_default();
    format!(
        "accepted: {}\naccepted by {} on {}{until} ({}:{}:{}): {}",
        describe(&s.diagnostic),
        e.accepted_by,
        e.accepted_on,
        ci_path(&e.location.file),
        e.location.line,
        e.location.column,
        e.reason
    )
}

fn write_xml(context: &ReportContext<'_>) -> io::Result<Vec<u8>> {
    let cases = cases(context);
    let tests = cases.len().to_string();
    let failures = cases
        .iter()
        .filter(|c| !c.errors.is_empty())
        .count()
        .to_string();
    let counts = [
        ("tests", tests.as_str()),
        ("failures", failures.as_str()),
        ("errors", "0"),
    ];
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut suites = vec![("name", "isagen")];
    suites.extend(counts);
    w.write_event(Event::Start(start("testsuites", &suites)))?;
    let mut suite = suites.clone();
    suite.push(("skipped", "0"));
    w.write_event(Event::Start(start("testsuite", &suite)))?;
    if !context.suppressed.is_empty() {
        let count = context.suppressed.len().to_string();
        w.write_event(Event::Start(BytesStart::new("properties")))?;
        w.write_event(Event::Empty(start(
            "property",
            &[("name", "suppressed"), ("value", &count)],
        )))?;
        w.write_event(Event::End(BytesEnd::new("properties")))?;
    }
    for case in &cases {
        let testcase = start(
            "testcase",
            &[
                ("classname", "isagen"),
                ("name", &case.name),
                ("file", &case.name),
            ],
        );
        if case.errors.is_empty() && case.others.is_empty() && case.accepted.is_empty() {
            w.write_event(Event::Empty(testcase))?;
            continue;
        }
        w.write_event(Event::Start(testcase))?;
        for d in &case.errors {
            let message = format!("{}: {}", d.code, d.message);
            w.write_event(Event::Start(start(
                "failure",
                &[("message", &message), ("type", d.code)],
            )))?;
            w.write_event(Event::Text(text(&describe(d))))?;
            w.write_event(Event::End(BytesEnd::new("failure")))?;
        }
        if !case.others.is_empty() || !case.accepted.is_empty() {
            let mut others: Vec<String> = case.others.iter().map(|d| describe(d)).collect();
            others.extend(case.accepted.iter().map(|s| describe_accepted(s)));
            w.write_event(Event::Start(BytesStart::new("system-out")))?;
            w.write_event(Event::Text(text(&others.join("\n\n"))))?;
            w.write_event(Event::End(BytesEnd::new("system-out")))?;
        }
        w.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuite")))?;
    w.write_event(Event::End(BytesEnd::new("testsuites")))?;
    Ok(w.into_inner())
}

impl Reporter for Junit {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&write_xml(context)?)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{diagnostic, related, render};

    #[test]
    fn drops_what_xml_forbids_and_keeps_what_it_allows() {
        assert_eq!(
            xml_text("a\u{0}b\u{1}c\td\ne\rf\u{7f}g\u{FFFE}h\u{1F600}"),
            "abc\td\ne\rf\u{7f}gh\u{1F600}"
        );
    }

    #[test]
    fn a_case_per_file_a_failure_per_error() {
        let mut error = diagnostic(
            "S004",
            Severity::Error,
            "a.yaml",
            3,
            "unknown field `<b>&\"x\"\u{1}`\nnext",
        );
        error.hint = Some("remove it".into());
        error.related = vec![related("a.yaml", 1, "first here")];
        let findings = [
            error,
            diagnostic("L005", Severity::Error, "a.yaml", 4, "second"),
            diagnostic("R005", Severity::Warning, "a.yaml", 5, "unused"),
            diagnostic("D001", Severity::Info, "c.yaml", 1, "a note"),
        ];
        let xml = render(&Junit, &findings, &["./a.yaml", "b.yaml", "c.yaml"]);
        assert_eq!(
            xml,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="isagen" tests="3" failures="1" errors="0">
  <testsuite name="isagen" tests="3" failures="1" errors="0" skipped="0">
    <testcase classname="isagen" name="a.yaml" file="a.yaml">
      <failure message="S004: unknown field `&lt;b&gt;&amp;&quot;x&quot;`&#10;next" type="S004">a.yaml:3:3: error S004 [some-rule]
unknown field `&lt;b&gt;&amp;"x"`
next
note: a.yaml:1:1: first here
help: remove it</failure>
      <failure message="L005: second" type="L005">a.yaml:4:3: error L005 [some-rule]
second</failure>
      <system-out>a.yaml:5:3: warning R005 [some-rule]
unused</system-out>
    </testcase>
    <testcase classname="isagen" name="b.yaml" file="b.yaml"/>
    <testcase classname="isagen" name="c.yaml" file="c.yaml">
      <system-out>c.yaml:1:3: info D001 [some-rule]
a note</system-out>
    </testcase>
  </testsuite>
</testsuites>
"#
        );
    }

    #[test]
    fn files_named_only_in_findings_still_get_a_case() {
        let findings = [diagnostic("S001", Severity::Error, "gone.yaml", 1, "x")];
        let xml = render(&Junit, &findings, &[]);
        assert!(xml.contains(r#"<testcase classname="isagen" name="gone.yaml""#));
        assert!(xml.contains(r#"tests="1" failures="1""#));
    }
}
