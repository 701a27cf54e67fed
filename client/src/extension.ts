// The VS Code side: starts the language server and registers commands. Thin by design.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Drydock', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Kubernetes manifests are detected by content on the server; the client only
    // sends YAML files and never changes their language id.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'drydock' },
    outputChannel: output,
  };
  client = new LanguageClient('drydock', 'Drydock', serverOptions, clientOptions);
  await client.start();
  output.info('Drydock language server started');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
