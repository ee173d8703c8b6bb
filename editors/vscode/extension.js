// Starts `isagen lsp` for the YAML and JSON files of the workspace. The server itself
// decides which files are definitions (a top-level `kind`), as `isagen validate` does on a
// folder, so other YAML and JSON files get no findings.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("isagen");
  const command = settings.get("path", "isagen");
  const args = ["lsp", ...settings.get("extraArgs", [])];
  const serverOptions = {
    run: { command, args },
    debug: { command, args },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml,json,toml}"),
    },
  };
  client = new LanguageClient("isagen", "isagen", serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
