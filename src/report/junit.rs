//! The `junit` format: JUnit XML, one test case per definition file, so CI test reports show
//! which documents fail. Each error is a `<failure>`; warnings and notes go in the test case's
//! `<system-out>`, so they are visible without failing the case.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{ReportContext, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::markdown::strip_controls;

/// JUnit XML.
pub struct Junit;

fn describe(d: &Diagnostic) -> String {
    let mut text = format!("{} {} [{}]\n{}", d.location, d.severity, d.rule, d.message);
    if let Some(hint) = &d.hint {
        text.push_str(&format!("\nhelp: {hint}"));
    }
    strip_controls(&text)
}

impl Reporter for Junit {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut files: Vec<&str> = context.sources.iter().map(|s| s.name.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        let failures = context.summary.errors;
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let tests = files.len().to_string();
        let failures = failures.to_string();
        writer
            .create_element("testsuites")
            .with_attributes([
                ("name", "isagen"),
                ("tests", tests.as_str()),
                ("failures", failures.as_str()),
                ("errors", "0"),
            ])
            .write_inner_content(|w| {
                w.create_element("testsuite")
                    .with_attributes([
                        ("name", "isagen validate"),
                        ("tests", tests.as_str()),
                        ("failures", failures.as_str()),
                        ("errors", "0"),
                        ("skipped", "0"),
                    ])
                    .write_inner_content(|w| {
                        for file in &files {
                            let findings: Vec<&Diagnostic> = context
                                .diagnostics
                                .iter()
                                .filter(|d| d.location.file == *file)
                                .collect();
                            w.create_element("testcase")
                                .with_attributes([
                                    ("classname", "isagen"),
                                    ("name", strip_controls(file).as_str()),
                                ])
                                .write_inner_content(|w| {
                                    for d in
                                        findings.iter().filter(|d| d.severity == Severity::Error)
                                    {
                                        let message =
                                            strip_controls(&format!("{}: {}", d.code, d.message));
                                        w.create_element("failure")
                                            .with_attributes([
                                                ("message", message.as_str()),
                                                ("type", d.code),
                                            ])
                                            .write_text_content(BytesText::new(&describe(d)))?;
                                    }
                                    let others: Vec<String> = findings
                                        .iter()
                                        .filter(|d| d.severity != Severity::Error)
                                        .map(|d| describe(d))
                                        .collect();
                                    if !others.is_empty() {
                                        w.create_element("system-out").write_text_content(
                                            BytesText::new(&others.join("\n\n")),
                                        )?;
                                    }
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
        out.write_all(&writer.into_inner())?;
        writeln!(out)
    }
}
