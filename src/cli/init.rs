//! `isagen init`: start a new protocol or agreement that is valid against the schema, with
//! every section present and the parts only its author can write marked `TODO`, so
//! `isagen validate` lists what is left to do as warnings.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Failure, Outcome};
use crate::model::{Date, ID_PATTERN};

/// What to create.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InitKind {
    /// An information sharing protocol.
    Protocol,
    /// An information sharing agreement under a protocol.
    Agreement,
}

/// Arguments of `isagen init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// What to create.
    #[arg(value_enum)]
    pub kind: InitKind,
    /// The document id (asked for on a terminal if missing).
    #[arg(long)]
    pub id: Option<String>,
    /// The title (asked for on a terminal if missing).
    #[arg(long)]
    pub title: Option<String>,
    /// For an agreement: the id of the protocol it is made under.
    #[arg(long)]
    pub protocol: Option<String>,
    /// The partner id of the owning organisation.
    #[arg(long)]
    pub owner: Option<String>,
    /// For an agreement: the partner id of the body that receives the data (the owner
    /// discloses it).
    #[arg(long)]
    pub recipient: Option<String>,
    /// The owning organisation's name (for a protocol's first partner).
    #[arg(long)]
    pub owner_name: Option<String>,
    /// The date the document is drafted, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// The file to write (default: ID.yaml). An existing file is never replaced.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn valid_id(id: &str) -> bool {
    let re_ok = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    re_ok && id.len() <= 128
}

/// Asks on the terminal, or fails saying which flag to pass.
fn ask(
    value: Option<String>,
    question: &str,
    flag: &str,
    default: Option<&str>,
) -> Result<String, Failure> {
    if let Some(value) = value {
        return Ok(value);
    }
    if !std::io::stdin().is_terminal() {
        if let Some(default) = default {
            return Ok(default.to_string());
        }
        anyhow::bail!("pass {flag} (or run isagen init on a terminal to be asked)");
    }
    let mut stderr = std::io::stderr();
    match default {
        Some(default) => write!(stderr, "{question} [{default}]: ")?,
        None => write!(stderr, "{question}: ")?,
    }
    stderr.flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let answer = line.trim().to_string();
    match (answer.is_empty(), default) {
        (true, Some(default)) => Ok(default.to_string()),
        (true, None) => anyhow::bail!("{question}: an answer is needed"),
        (false, _) => Ok(answer),
    }
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quote(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// Runs `isagen init`.
pub fn run(args: InitArgs) -> Result<Outcome, Failure> {
    let kind_word = match args.kind {
        InitKind::Protocol => "protocol",
        InitKind::Agreement => "agreement",
    };
    let id = ask(
        args.id,
        &format!("Document id for the {kind_word} (for example northshire-mash-isa)"),
        "--id",
        None,
    )?;
    if !valid_id(&id) {
        anyhow::bail!("`{id}` is not a valid id: it must match {ID_PATTERN}");
    }
    let title = ask(args.title, "Title", "--title", None)?;
    let owner = ask(
        args.owner,
        "Partner id of the owning organisation",
        "--owner",
        Some("owner-organisation"),
    )?;
    if !valid_id(&owner) {
        anyhow::bail!("`{owner}` is not a valid partner id: it must match {ID_PATTERN}");
    }
    let date = match args.date {
        Some(text) => Date::parse(&text)
            .ok_or_else(|| anyhow::anyhow!("`{text}` is not a date of the form YYYY-MM-DD"))?,
        None => Date(time::OffsetDateTime::now_utc().date()),
    };
    let review = date.add_months(12);
    let text = match args.kind {
        InitKind::Protocol => {
            let owner_name = ask(
                args.owner_name,
                "Name of the owning organisation",
                "--owner-name",
                None,
            )?;
            protocol_text(&id, &title, &owner, &owner_name, date, review)
        }
        InitKind::Agreement => {
            let protocol = ask(
                args.protocol,
                "Id of the protocol the agreement is made under",
                "--protocol",
                None,
            )?;
            let recipient = ask(
                args.recipient,
                "Partner id of the body that receives the data",
                "--recipient",
                None,
            )?;
            for value in [&protocol, &recipient] {
                if !valid_id(value) {
                    anyhow::bail!("`{value}` is not a valid id: it must match {ID_PATTERN}");
                }
            }
            if recipient == owner {
                anyhow::bail!("the recipient must be another body than the owner `{owner}`");
            }
            agreement_text(&id, &title, &protocol, &owner, &recipient, date, review)
        }
    };
    let path = args
        .output
        .unwrap_or_else(|| PathBuf::from(format!("{id}.yaml")));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
                "{} already exists; isagen init never replaces a file (choose another --output)",
                path.display()
            ),
            _ => anyhow::anyhow!(
                "{}: {}",
                path.display(),
                crate::load::discover::describe_io(&e)
            ),
        })?;
    file.write_all(text.as_bytes())?;
    eprintln!(
        "wrote {}: fill in the TODO entries; `isagen validate {}` lists what is left",
        path.display(),
        path.display()
    );
    Ok(Outcome::Clean)
}

fn protocol_text(
    id: &str,
    title: &str,
    owner: &str,
    owner_name: &str,
    date: Date,
    review: Date,
) -> String {
    format!(
        r#"# yaml-language-server: $schema=https://isagen.dev/schemas/isagen-v1.schema.json
# A new information sharing protocol. Replace every TODO; `isagen validate` lists them.
kind: protocol
schema_version: 1
document:
  id: {id}
  title: {title}
  version: "0.1"
  status: draft
  protective_marking: OFFICIAL
  owner:
    partner: {owner}
    role: TODO the post that owns this protocol
  review: {review}
  review_interval_months: 12
  version_history:
    - version: "0.1"
      date: {date}
      changes: First draft.
scope: TODO who and what this protocol covers.
purpose: TODO why the partners share information.
principles:
  - lawfulness-fairness-transparency
  - purpose-limitation
  - data-minimisation
  - accuracy
  - storage-limitation
  - integrity-confidentiality
  - accountability
partners:
  - id: {owner}
    name: {owner_name}
    type: local-authority
    public_authority: true
    dpo:
      name: TODO the data protection officer
    signatory:
      name: TODO the person who signs for the organisation
governance:
  oversight: TODO the group that oversees the protocol
  joining: TODO how a new body joins
  withdrawal: TODO how a partner withdraws and what happens to data it holds
  dispute_resolution: TODO how disputes are resolved
  breach:
    procedure: TODO how partners handle and report breaches to each other
    notify_partners_within_hours: 24
  rights:
    procedure: TODO how rights requests are handled between partners
    complaints: TODO where individuals complain; complaints are acknowledged within 30 days
"#,
        title = quote(title),
        owner_name = quote(owner_name),
    )
}

fn agreement_text(
    id: &str,
    title: &str,
    protocol: &str,
    owner: &str,
    recipient: &str,
    date: Date,
    review: Date,
) -> String {
    format!(
        r#"# yaml-language-server: $schema=https://isagen.dev/schemas/isagen-v1.schema.json
# A new information sharing agreement. Replace every TODO; `isagen validate` lists them.
kind: agreement
schema_version: 1
document:
  id: {id}
  title: {title}
  version: "0.1"
  status: draft
  protective_marking: OFFICIAL-SENSITIVE
  handling_descriptor: PERSONAL
  owner:
    partner: {owner}
    role: TODO the post that owns this agreement
  review: {review}
  version_history:
    - version: "0.1"
      date: {date}
      changes: First draft.
protocol: {protocol}
variant: sharing
parties:
  - partner: {owner}
    role: controller
    responsibilities: TODO what the owner does in this sharing
  - partner: {recipient}
    role: controller
    responsibilities: TODO what the recipient does with the data
purposes:
  - id: purpose
    description: TODO the purpose, specific enough to decide whether a use falls inside it
    benefits:
      - TODO the benefit expected
data_subjects:
  - id: subjects
    description: TODO who the data is about
data_items:
  - id: item
    name: TODO the data item
    category: personal
    necessity: TODO why the item is necessary for the purpose
legal_bases:
  - id: basis
    purposes: [purpose]
    article_6: public-task
    law:
      - legislation: TODO the Act that gives the task
flows:
  - id: flow
    from: {owner}
    to: {recipient}
    data_items: [item]
    purposes: [purpose]
    method: secure-email
    frequency: on-request
    security:
      - TODO how the data is protected in transit
retention:
  - party: {recipient}
    period: TODO how long the recipient keeps the data, and from when
    disposal: TODO how it is disposed of
privacy_notices:
  - party: {owner}
    reference: TODO where the owner's privacy notice is published
  - party: {recipient}
    reference: TODO where the recipient's privacy notice is published
data_quality:
  corrections: TODO how errors are corrected and the other party told
breach:
  procedure: TODO how a breach is reported between the parties
  notify_partners_within_hours: 24
rights:
  procedure: TODO how rights requests are handled
  complaints: TODO where individuals complain; complaints are acknowledged within 30 days
onward_disclosure: TODO whether the recipient may pass the data on
termination:
  notice: TODO the notice a party gives to leave
  data_on_termination: TODO what happens to data already shared
sanctions: TODO what follows a breach of the agreement
"#,
        title = quote(title),
    )
}
