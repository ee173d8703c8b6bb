//! `isagen lsp` driven over standard input and output as an editor drives it: initialize,
//! open an agreement and its protocol from a folder, receive the findings, ask for
//! completion, hover, definition and a quick fix, fix the file, shut down and exit.
//!
//! Every read has a timeout, so a server that hangs fails the test instead of stalling it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    backlog: Vec<Value>,
}

impl Client {
    fn start(cwd: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_isagen"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("isagen starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = Some(n.parse::<usize>().expect("a length"));
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("the server sends JSON");
                if sender.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
            backlog: Vec::new(),
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&body.to_string());
    }

    /// Sends a request and waits for its response (the whole response object).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&body.to_string());
        self.wait(&format!("the response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// The first message (from the backlog, then as it arrives) that `wanted` accepts.
    fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("timed out waiting for {what}"));
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// The next diagnostics published for `uri` that `wanted` accepts.
    fn diagnostics(&mut self, uri: &str, wanted: impl Fn(&[Value]) -> bool) -> Value {
        self.wait(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && wanted(m["params"]["diagnostics"].as_array().unwrap())
        })
    }

    fn exit_code(mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().expect("exited, not killed");
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn uri_of(path: &Path) -> String {
    // The temporary folder's path has no characters that need escaping.
    format!("file://{}", path.display())
}

/// The UTF-16 offset of `needle` in `line`.
fn utf16_column(line: &str, needle: &str) -> u64 {
    let byte = line.find(needle).expect("the needle is on the line");
    line[..byte].encode_utf16().count() as u64
}

const BROKEN_FLOW: &str = r#"  - {id: discharge, volume: "Café 😀 about 40 a week", from: trst, to: council, data_items: [name, diagnosis], purposes: [care], method: shared-system, frequency: daily, security: [Role-based access over the encrypted health and social care network.]}"#;

fn workspace() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    let protocol = std::fs::read_to_string(base.join("protocol.yaml")).unwrap();
    let agreement = std::fs::read_to_string(base.join("agreement.yaml")).unwrap();
    let block = "  - id: discharge
    from: trust
    to: council
    data_items: [name, diagnosis]
    purposes: [care]
    method: shared-system
    frequency: daily
    security:
      - Role-based access over the encrypted health and social care network.
";
    assert!(agreement.contains(block), "the base fixture changed");
    let agreement = agreement.replace(block, &format!("{BROKEN_FLOW}\n"));
    let agreement = format!("# Reviewed against rule R001 before sign-off.\n{agreement}");
    std::fs::write(dir.path().join("protocol.yaml"), &protocol).unwrap();
    std::fs::write(dir.path().join("agreement.yaml"), &agreement).unwrap();
    // Dates are judged as of a fixed day, so the test passes on any day.
    std::fs::write(
        dir.path().join("isagen.toml"),
        "[lifecycle]\nas_of = 2026-12-01\n",
    )
    .unwrap();
    (dir, agreement, protocol)
}

fn line_number(text: &str, needle: &str) -> (u64, String) {
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}"));
    (i as u64, line.to_string())
}

#[test]
fn an_editor_session() {
    let (dir, agreement, protocol) = workspace();
    let root = dir.path().canonicalize().unwrap();
    let agreement_uri = uri_of(&root.join("agreement.yaml"));
    let protocol_uri = uri_of(&root.join("protocol.yaml"));
    let mut client = Client::start(&root);

    // Garbage before anything else is skipped, not fatal.
    client.send_raw("{this is not json");
    let init = client.request(
        "initialize",
        json!({
            "processId": null,
            "capabilities": {},
            "workspaceFolders": [{"uri": uri_of(&root), "name": "partnership"}]
        }),
    );
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(capabilities["definitionProvider"], true);
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": agreement_uri, "languageId": "yaml", "version": 1, "text": agreement}}),
    );
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": protocol_uri, "languageId": "yaml", "version": 1, "text": protocol}}),
    );

    // The unknown partner, found with the protocol in view, where `validate` puts it: on
    // `trst`, after "Café 😀" (the emoji is two UTF-16 units but one character).
    let published = client.diagnostics(&agreement_uri, |d| d.iter().any(|d| d["code"] == "R001"));
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    let r001 = diagnostics.iter().find(|d| d["code"] == "R001").unwrap();
    let (flow_line, flow_text) = line_number(&agreement, "from: trst");
    let column = utf16_column(&flow_text, "trst");
    assert_ne!(
        column,
        flow_text[..flow_text.find("trst").unwrap()].chars().count() as u64,
        "the line must make UTF-16 and character columns differ"
    );
    assert_eq!(
        r001["range"],
        json!({"start": {"line": flow_line, "character": column}, "end": {"line": flow_line, "character": column + 4}})
    );
    assert_eq!(r001["severity"], 1);
    assert_eq!(r001["source"], "isagen");
    assert!(
        r001["message"]
            .as_str()
            .unwrap()
            .contains("`trst` is not a partner")
    );
    assert!(
        r001["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `trust`?")
    );
    assert!(
        r001["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert_eq!(r001["data"]["replacement"], "trust");

    // The same findings as `isagen validate` on the files on disk, code for code.
    let validate = Command::new(env!("CARGO_BIN_EXE_isagen"))
        .args(["validate", ".", "--output-format", "json"])
        .current_dir(&root)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&validate.stdout).unwrap();
    let mut from_validate: Vec<(String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["location"]["file"] == "./agreement.yaml")
        .map(|d| {
            let line = d["location"]["line"].as_u64().unwrap() - 1;
            let text = agreement.lines().nth(line as usize).unwrap();
            let chars = d["location"]["column"].as_u64().unwrap() as usize - 1;
            let units: usize = text.chars().take(chars).map(char::len_utf16).sum();
            (d["code"].as_str().unwrap().to_string(), line, units as u64)
        })
        .collect();
    let mut from_server: Vec<(String, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    from_validate.sort();
    from_server.sort();
    assert_eq!(from_server, from_validate);

    // Completion of a party's partner id offers the protocol's partners, with their names.
    let (party_line, party_text) = line_number(&agreement, "- partner: council");
    let at = party_text.find("council").unwrap() as u64 + 3;
    let completion = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": agreement_uri}, "position": {"line": party_line, "character": at}}),
    );
    let items = completion["result"].as_array().expect("a list of items");
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(
        labels.contains(&"council") && labels.contains(&"trust"),
        "{labels:?}"
    );
    let partner_names: Vec<&str> = protocol
        .lines()
        .filter_map(|l| l.trim().strip_prefix("name: "))
        .collect();
    assert!(
        items.iter().any(|i| partner_names
            .iter()
            .any(|n| i["detail"].as_str().unwrap().contains(n))),
        "{items:?}"
    );

    // And in the flow written as a `{ … }` mapping, after the emoji (UTF-16 positions).
    let completion = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": agreement_uri}, "position": {"line": flow_line, "character": column + 2}}),
    );
    let items = completion["result"].as_array().expect("a list of items");
    let trust = items
        .iter()
        .find(|i| i["label"] == "trust")
        .expect("trust offered");
    assert_eq!(
        trust["textEdit"]["range"],
        json!({"start": {"line": flow_line, "character": column}, "end": {"line": flow_line, "character": column + 4}})
    );

    // Completion of a vocabulary value, with its description as documentation.
    let (method_line, method_text) = line_number(&agreement, "  role: controller");
    let at = method_text.find("controller").unwrap() as u64;
    let completion = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": agreement_uri}, "position": {"line": method_line, "character": at}}),
    );
    let items = completion["result"].as_array().unwrap();
    let processor = items
        .iter()
        .find(|i| i["label"] == "processor")
        .unwrap_or_else(|| panic!("{items:?}"));
    assert!(
        processor["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("Article 28"),
        "{processor}"
    );

    // Hover on a vocabulary value shows its description and the vocabulary's.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": agreement_uri}, "position": {"line": method_line, "character": at + 2}}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(shown.starts_with("`controller`:"), "{shown}");

    // Hover on a rule code shows the `isagen explain` text.
    let explain = Command::new(env!("CARGO_BIN_EXE_isagen"))
        .args(["explain", "R001"])
        .output()
        .unwrap();
    let explain = String::from_utf8(explain.stdout).unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": agreement_uri}, "position": {"line": 0, "character": agreement.find("R001").unwrap() + 1}}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    let body = explain.lines().nth(2).unwrap();
    assert!(shown.contains(body), "{shown}\n---\n{explain}");

    // Hover on a partner id (the document's owner) names the partner.
    let (owner_line, _) = line_number(&agreement, "    partner: council");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": agreement_uri}, "position": {"line": owner_line, "character": 16}}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(partner_names.iter().any(|n| shown.contains(n)), "{shown}");

    // Go to definition: the party's id is defined in the protocol's partners.
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": agreement_uri}, "position": {"line": party_line, "character": party_text.find("council").unwrap() + 2}}),
    );
    assert_eq!(definition["result"]["uri"], protocol_uri);
    let (id_line, id_text) = line_number(&protocol, "- id: council");
    let id_column = utf16_column(&id_text, "council");
    assert_eq!(
        definition["result"]["range"]["start"],
        json!({"line": id_line, "character": id_column})
    );

    // The quick fix applies the suggestion.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": agreement_uri},
            "range": r001["range"],
            "context": {"diagnostics": [r001]}
        }),
    );
    let action = &actions["result"][0];
    assert_eq!(action["kind"], "quickfix");
    let edit = &action["edit"]["changes"][&agreement_uri][0];
    assert_eq!(edit["newText"], "trust");
    assert_eq!(edit["range"], r001["range"]);

    // A request with bad parameters is answered with an error, and the server lives on.
    let bad = client.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(bad["error"]["code"], -32602);

    // Fixing the file as the quick fix says clears the findings.
    let fixed = agreement.replace("from: trst", "from: trust");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": agreement_uri, "version": 2},
            "contentChanges": [{"text": fixed}]
        }),
    );
    let published = client.diagnostics(&agreement_uri, |d| d.is_empty());
    assert_eq!(published["params"]["version"], 2);

    // Editing the protocol changes the agreement's findings: a partner with no Caldicott
    // Guardian is reported on the agreement's party, with the protocol's partner related.
    let without_guardian =
        protocol.replace("    caldicott_guardian:\n      name: Dr Ruth Hale\n", "");
    assert_ne!(without_guardian, protocol, "the base fixture changed");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": protocol_uri, "version": 2},
            "contentChanges": [{"text": without_guardian}]
        }),
    );
    // Wait for the publish that follows the protocol's change: an earlier one for the same
    // file (still on its way when the change was sent) does not count.
    let mentions_guardian = |d: &[Value]| {
        d.iter().any(|x| {
            x["message"]
                .as_str()
                .is_some_and(|m| m.contains("Caldicott Guardian"))
        })
    };
    let published = client.diagnostics(&agreement_uri, mentions_guardian);
    let finding = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("Caldicott Guardian")
        })
        .unwrap_or_else(|| panic!("no Caldicott Guardian finding: {published}"));
    let related = &finding["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], protocol_uri);
    let (partner_line, _) = line_number(&without_guardian, "- id: trust");
    assert_eq!(related["location"]["range"]["start"]["line"], partner_line);

    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    let init = client.request(
        "initialize",
        json!({"processId": null, "capabilities": {}, "rootUri": null}),
    );
    assert!(init["result"]["capabilities"].is_object());
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), 1);
}

#[test]
fn the_vscode_extension_starts_the_server() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("package.json")).unwrap())
            .unwrap();
    let main = manifest["main"].as_str().unwrap();
    let script = std::fs::read_to_string(folder.join(main)).unwrap();
    assert!(script.contains("vscode-languageclient/node"));
    assert!(
        script.contains(r#"["lsp""#),
        "the extension runs `isagen lsp`"
    );
    assert!(manifest["dependencies"]["vscode-languageclient"].is_string());
    let events: Vec<&str> = manifest["activationEvents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(events.contains(&"onLanguage:yaml") && events.contains(&"onLanguage:json"));
}

#[test]
fn requests_before_initialize_and_broken_framing_are_survived() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    let early = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x.yaml"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(early["error"]["code"], -32002);
    // A header with no length cannot be framed: the server stops cleanly (exit code 1, as
    // for an exit without shutdown), without a panic.
    write!(client.stdin, "Content-Type: nonsense\r\n\r\n{{}}").unwrap();
    client.stdin.flush().unwrap();
    assert_eq!(client.exit_code(), 1);
}
