// Regenerates the README picture (docs/images/finding-hover.png): the packaged extension in a
// real VS Code (code-server), a Go file with the four headline findings, one hover open.
// Usage: npm run screenshots   (installs code-server and Chromium into .cache/e2e first)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const cache = join(root, '.cache/e2e');
const require = createRequire(join(cache, 'package.json'));
const { chromium } = require('playwright-core');
const codeServer = join(cache, 'node_modules/.bin/code-server');
const port = 8700 + Math.floor(Math.random() * 200);

const work = mkdtempSync(join(tmpdir(), 'gbg-shot-'));
const dirs = Object.fromEntries(['home', 'ext', 'data', 'ws', 'tmp', 'chrome'].map((d) => [d, join(work, d)]));
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
mkdirSync(join(dirs.data, 'User'), { recursive: true });
writeFileSync(join(dirs.data, 'User/settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false }));
cpSync(join(root, 'scripts/e2e/testdata'), dirs.ws, { recursive: true });
const env = { ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp };
const common = ['--user-data-dir', dirs.data, '--extensions-dir', dirs.ext];

execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
execFileSync(codeServer, [...common, '--install-extension', join(root, 'go-backend-guide-0.1.0.vsix')], { env, stdio: 'inherit' });
const server = spawn(codeServer, [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', dirs.ws], { env, stdio: 'ignore', detached: true });

let context;
try {
  context = await chromium.launchPersistentContext(dirs.chrome, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 820 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  for (let i = 0; ; i++) {
    try {
      await page.goto(`http://127.0.0.1:${port}/?folder=${dirs.ws}`);
      break;
    } catch (error) {
      if (i > 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type('main.go', { delay: 30 });
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.squiggly-warning').length >= 4, null, { timeout: 60000 });
  const squiggles = page.locator('.squiggly-warning');
  const box = await squiggles.nth((await squiggles.count()) - 1).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('.monaco-hover:not(.hidden) a:has-text("guide")', { timeout: 15000 });
  mkdirSync(join(root, 'docs/images'), { recursive: true });
  await page.screenshot({ path: join(root, 'docs/images/finding-hover.png') });
  console.log('wrote docs/images/finding-hover.png');
} finally {
  await context?.close();
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  rmSync(work, { recursive: true, force: true });
}
