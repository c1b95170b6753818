// Regenerates the README pictures in docs/images/ from the packaged extension in a real VS Code
// (code-server): a finding with its hover open, the quick-fix menu of the same finding, and for
// the walkthrough the guide view and the rule settings.
// Usage: npm run screenshots
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openInWorkbench, prepareVsix, ROOT, startCodeServer } from './code-server.mjs';

const vsix = prepareVsix();

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

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15_000 });
  await page.keyboard.type(title, { delay: 20 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${title.split(': ')[1]}")`, { timeout: 15_000 });
  await page.keyboard.press('Enter');
}
