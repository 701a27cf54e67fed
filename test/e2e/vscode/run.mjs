// The extension-host suite with @vscode/test-electron: runs the same scenarios
// as the code-server suite inside a desktop VS Code. It needs a VS Code binary:
// VSCODE_EXECUTABLE=/path/to/code (downloads are not attempted: this machine
// kind cannot reach VS Code's servers; set E2E_VSCODE_DOWNLOAD=1 where it can).
import { join } from 'node:path';
import { repoRoot, prepareWorkspace } from '../workspace.mjs';

export async function runVsCodeElectron({ log }) {
  const executable = process.env.VSCODE_EXECUTABLE;
  if (!executable && process.env.E2E_VSCODE_DOWNLOAD !== '1') {
    return { skipped: 'VSCODE_EXECUTABLE is not set (set it to a VS Code binary, or E2E_VSCODE_DOWNLOAD=1 where the network allows a download)' };
  }
  const { runTests } = await import('@vscode/test-electron');
  const ws = prepareWorkspace();
  log(`VS Code: ${executable ?? '(downloaded)'}; workspace ${ws}`);
  try {
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'test/e2e/vscode/suite.cjs'),
      extensionTestsEnv: { DRYDOCK_E2E_WORKSPACE: ws },
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return {};
  } catch (err) {
    return { failed: `extension-host suite failed: ${err.message ?? err}` };
  }
}
