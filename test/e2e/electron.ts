// npm run test:vscode — the same extension-host suite in a downloaded VS Code (Electron), for
// machines that can reach VS Code's download service. (Not these: use npm run test:e2e.)
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  // The suite reads the golden texts beside the workspace folder.
  const work = mkdtempSync(join(tmpdir(), 'gbg-vscode-'));
  const workspace = join(work, 'workspace');
  cpSync(join(root, 'test/e2e/testdata/workspace'), workspace, { recursive: true });
  cpSync(join(root, 'test/e2e/testdata/golden'), join(work, 'golden'), { recursive: true });
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/e2e/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
