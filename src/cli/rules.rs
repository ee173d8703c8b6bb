//! `isagen rules` and `isagen explain`: the rule registry as documentation.

use clap::ValueEnum;
use serde::Serialize;

use super::{Failure, Outcome};
use crate::rules;
use crate::rules::helpers::closest;

/// How `isagen rules` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// An aligned table.
    Text,
    /// A JSON list, with each rule's full documentation.
    Json,
    /// A Markdown table, for documentation sites.
    #[value(alias = "md")]
    Markdown,
}

/// Arguments of `isagen rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// Arguments of `isagen explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule's code (for example L001) or name (for example special-category-without-condition).
    pub rule: String,
}

#[derive(Serialize)]
struct RuleEntry {
    code: &'static str,
    name: &'static str,
    family: rules::Family,
    severity: crate::diagnostic::Severity,
    summary: String,
    documentation: String,
}

/// Lists the rules.
pub fn run_list(args: RulesArgs) -> Result<Outcome, Failure> {
    let registry = rules::registry();
    match args.format {
        ListFormat::Text => {
            let width = registry.iter().map(|r| r.name.len()).max().unwrap_or(0);
            for rule in &registry {
                println!(
                    "{}  {:<width$}  {:<10}  {:<7}  {}",
                    rule.code,
                    rule.name,
                    rule.family.as_str(),
                    rule.severity.as_str(),
                    rule.summary()
                );
            }
        }
        ListFormat::Markdown => {
            // A summary is Markdown isagen wrote (with code spans), not text from a
            // definition: only what would end a cell is escaped.
            println!("| Code | Name | Family | Severity | What it finds |");
            println!("| --- | --- | --- | --- | --- |");
            for rule in &registry {
                println!(
                    "| {} | `{}` | {} | {} | {} |",
                    rule.code,
                    rule.name,
                    rule.family,
                    rule.severity,
                    crate::escape::markdown_cell_markup(&rule.summary())
                );
            }
        }
        ListFormat::Json => {
            let entries: Vec<RuleEntry> = registry
                .iter()
                .map(|r| RuleEntry {
                    code: r.code,
                    name: r.name,
                    family: r.family,
                    severity: r.severity,
                    summary: r.summary(),
                    documentation: r.documentation(),
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&entries)?);
        }
    }
    Ok(Outcome::Clean)
}

/// Prints one rule's documentation.
pub fn run_explain(args: ExplainArgs) -> Result<Outcome, Failure> {
    let Some(rule) = rules::find(&args.rule) else {
        let registry = rules::registry();
        let suggestion = closest(&args.rule, registry.iter().flat_map(|r| [r.code, r.name]))
            .map(|s| format!(" Did you mean `{s}`?"))
            .unwrap_or_default();
        anyhow::bail!(
            "no rule is called `{}`.{suggestion} `isagen rules` lists them all.",
            args.rule
        );
    };
    println!(
        "{} {} ({}, {} by default)\n",
        rule.code, rule.name, rule.family, rule.severity
    );
    print!("{}", rule.documentation());
    Ok(Outcome::Clean)
}
