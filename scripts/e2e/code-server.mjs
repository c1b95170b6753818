// A code-server (a real VS Code workbench and extension host) with throw-away profile folders,
// and headless Debian Chromium driven by playwright-core; every process it starts is stopped by
// PID, also when a test fails or times out.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const CACHE = join(ROOT, '.cache/e2e');
const codeServer = join(CACHE, 'node_modules/.bin/code-server');

/**
 * User settings that make the workbench run our extension's web entry in the browser's
 * web-worker extension host, as vscode.dev, github.dev and Codespaces in the browser do, rather
 * than its Node entry in the VS Code server's extension host.
 */
export const WEB_EXTENSION_KIND = { 'remote.extensionKind': { 'go-backend-guide.go-backend-guide': ['web'] } };

/** Installs what the scripts need (install.sh), builds (the test bundles too if asked) and packages the extension; returns the .vsix. */
export function prepareVsix({ tests = false } = {}) {
  execFileSync('bash', [join(ROOT, 'scripts/e2e/install.sh')], { stdio: 'inherit' });
  execFileSync('node', ['scripts/build.mjs', ...(tests ? ['--tests'] : []), '--production'], { cwd: ROOT, stdio: 'inherit' });
  const vsix = join(CACHE, 'go-backend-guide.vsix');
  execFileSync(join(ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

/** `vsix`: one package or several, all installed before the server starts. */
export async function startCodeServer({ workspace, vsix, settings = {} }) {
  const work = mkdtempSync(join(tmpdir(), 'gbg-e2e-'));
  const dirs = Object.fromEntries(['home', 'ext', 'data', 'ws', 'tmp', 'chrome'].map((d) => [d, join(work, d)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.data, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.data, 'User/settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false, 'extensions.autoCheckUpdates': false, ...settings }),
  );
  cpSync(workspace, dirs.ws, { recursive: true });
  const env = { ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp };
  const common = ['--user-data-dir', dirs.data, '--extensions-dir', dirs.ext];
  const installs = [vsix].flat().flatMap((file) => ['--install-extension', file]);
  execFileSync(codeServer, [...common, ...installs], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const port = 9000 + Math.floor(Math.random() * 900);
  const server = spawn(
    codeServer,
    [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', dirs.ws],
    { env, stdio: ['ignore', 'ignore', 'ignore'], detached: true },
  );
  const require = createRequire(join(CACHE, 'package.json'));
  const { chromium } = require('playwright-core');
  const browser = await chromium.launchPersistentContext(dirs.chrome, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 820 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 200) throw new Error('code-server did not start within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    dirs,
    browser,
    extensionDir: () => join(dirs.ext, 'go-backend-guide.go-backend-guide-0.1.0'),
    async stop() {
      await browser.close().catch(() => {});
      // code-server and every extension host it started share its process group: stop them
      // all, and wait until none is left.
      const alive = () => {
        try {
          process.kill(-server.pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (alive()) process.kill(-server.pid, 'SIGTERM');
      for (let i = 0; alive() && i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      if (alive()) process.kill(-server.pid, 'SIGKILL');
      for (let i = 0; alive() && i < 50; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Loads the workbench on `folder` and opens `file` through Quick Open, as a person would. */
export async function openInWorkbench(page, base, folder, file) {
  await page.goto(`${base}/?folder=${folder}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15_000 });
  await page.keyboard.type(file, { delay: 30 });
  await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15_000 });
  await page.keyboard.press('Enter');
}
