// Regenerates the README pictures in docs/images/ from the packaged extension in a real VS Code
// (code-server): a finding with its hover open, the quick-fix menu of the same finding, for
// the walkthrough the guide view and the rule settings, and the extension in the browser's
// web-worker extension host on a virtual workspace.
// Usage: npm run screenshots
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, openInWorkbench, prepareVsix, ROOT, startCodeServer, WEB_EXTENSION_KIND } from './code-server.mjs';

// With the test bundles: the browser picture's memfs: workspace comes from the browser tests'
// extension (test/e2e/web), installed from a package of its own like any other extension.
const vsix = prepareVsix({ tests: true });
const memfsVsix = join(CACHE, 'go-backend-guide-e2e-web.vsix');
const vsce = join(ROOT, 'node_modules/.bin/vsce');
execFileSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', memfsVsix], { cwd: join(ROOT, 'out/e2e/web'), stdio: ['ignore', 'ignore', 'inherit'] });

const images = join(ROOT, 'docs/images');
mkdirSync(images, { recursive: true });
const session = await startCodeServer({ workspace: join(ROOT, 'scripts/e2e/testdata'), vsix });
try {
  const page = await session.browser.newPage();
  await openInWorkbench(page, session.base, session.dirs.ws, 'main.go');
  await page.waitForFunction(() => document.querySelectorAll('.squiggly-warning').length >= 4, null, { timeout: 60_000 });
  const squiggles = page.locator('.squiggly-warning');
  const box = await squiggles.nth((await squiggles.count()) - 1).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('.monaco-hover:not(.hidden) a:has-text("guide")', { timeout: 15_000 });
  await page.screenshot({ path: join(images, 'finding-hover.png') });

  await page.mouse.move(5, 5);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.press('Control+.');
  await page.waitForSelector('.action-widget', { state: 'visible', timeout: 15_000 });
  await page.screenshot({ path: join(images, 'quick-fix-menu.png') });
  await page.keyboard.press('Escape');

  // The walkthrough's pictures: the guide view beside the code, and the rule settings.
  await runCommand(page, 'Go Backend Guide: Focus on Chapters View');
  await page.waitForSelector('.monaco-list-row:has-text("HTTP servers")', { timeout: 15_000 });
  await page.screenshot({ path: join(images, 'guide-view.png') });
  await runCommand(page, 'Preferences: Open Settings (UI)');
  await page.waitForSelector('.settings-editor', { timeout: 15_000 });
  await page.keyboard.type('goBackendGuide', { delay: 30 });
  await page.waitForSelector('.setting-item:has-text("Rules")', { timeout: 15_000 });
  await page.screenshot({ path: join(images, 'rule-settings.png') });
  console.log('wrote finding-hover.png, quick-fix-menu.png, guide-view.png and rule-settings.png in docs/images/');
} finally {
  await session.stop();
}

// In the browser: the extension forced into the web-worker extension host, on memfs:/shop, a Go
// module the browser tests' extension holds in memory (as github.dev holds a repository). The
// finding on main.go's ListenAndServe needs server.go, read through workspace.fs.
const web = await startCodeServer({ workspace: join(ROOT, 'scripts/e2e/testdata'), vsix: [vsix, memfsVsix], settings: WEB_EXTENSION_KIND });
try {
  const page = await web.browser.newPage();
  await page.goto(`${web.base}/?folder=memfs:/shop`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // No search provider on memfs: open main.go from the explorer (cmd/shop is one compact row).
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cmd' }).click({ timeout: 30_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'main.go' }).click({ timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('.squiggly-warning').length >= 3, null, { timeout: 60_000 });
  await page.keyboard.press('Control+Shift+M');
  await page.waitForFunction(() => document.querySelectorAll('.markers-panel .monaco-list-row').length >= 4, null, { timeout: 30_000 });
  const boxes = await Promise.all((await page.locator('.squiggly-warning').all()).map((squiggle) => squiggle.boundingBox()));
  const listen = boxes.reduce((lowest, box) => (box.y > lowest.y ? box : lowest));
  await page.mouse.move(listen.x + listen.width / 2, listen.y + listen.height / 2);
  await page.waitForSelector('.monaco-hover:not(.hidden) a:has-text("guide")', { timeout: 15_000 });
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished))); // the hover fades in
  await page.screenshot({ path: join(images, 'in-the-browser.png') });
  console.log('wrote in-the-browser.png in docs/images/');
} finally {
  await web.stop();
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15_000 });
  await page.keyboard.type(title, { delay: 20 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${title.split(': ')[1]}")`, { timeout: 15_000 });
  await page.keyboard.press('Enter');
}
