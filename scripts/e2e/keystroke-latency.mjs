// npm run bench:browser — keystroke → diagnostics on screen, measured in the page of a real VS
// Code web workbench (code-server + Chromium) on a 1,000-line Go file (bench/keystroke-file.ts),
// with the extension in the browser's web-worker extension host (its server in a web worker),
// and for comparison in the VS Code server's Node extension host (its server a Node process).
//
// Each keystroke replaces the `w` of one `%w` by `v` or back, which adds or removes one
// errorf-wrap finding (information). The page records the keydown event's own timestamp and,
// with a MutationObserver, the moment the editor's information squiggles change; the difference is one
// sample. Keystrokes are spaced so each starts with the server idle.
// Usage: npm run bench:browser [-- --keystrokes=60]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openInWorkbench, prepareVsix, ROOT, startCodeServer, WEB_EXTENSION_KIND } from './code-server.mjs';

const keystrokes = Number(process.argv.find((arg) => arg.startsWith('--keystrokes='))?.split('=')[1] ?? 60);
const vsix = prepareVsix({ tests: true });
const require = createRequire(import.meta.url);
const { buildFile } = require(join(ROOT, 'out/bench/keystroke-file.js'));
const { summarize } = require(join(ROOT, 'out/bench/stats.js'));

const workspace = join(tmpdir(), `gbg-latency-${process.pid}`);
mkdirSync(workspace, { recursive: true });
const text = buildFile(1000);
writeFileSync(join(workspace, 'go.mod'), 'module example.com/bench\n\ngo 1.22\n');
writeFileSync(join(workspace, 'handlers.go'), text);
// The `%w` of a block near the middle of the file: its line and the column just after the `w`.
const lines = text.split('\n');
const line = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('%w')) + 1;
const column = lines[line - 1].indexOf('%w') + 3;

const results = [];
for (const [host, settings] of [
  ['web worker extension host, server in a web worker', WEB_EXTENSION_KIND],
  ['Node extension host, server in a Node process', {}],
]) {
  const session = await startCodeServer({ workspace, vsix, settings });
  try {
    const page = await session.browser.newPage();
    await openInWorkbench(page, session.base, session.dirs.ws, 'handlers.go');
    // The findings are in once the top of the file shows its warnings; the measured line's
    // information squiggle is on screen once the cursor is there.
    await page.waitForSelector('.squiggly-warning', { timeout: 60_000 });
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${line}:${column}`, { delay: 20 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.squiggly-info', { timeout: 30_000 });
    await page.evaluate(installProbe);
    const samples = [];
    for (let i = 0; i < keystrokes + 4; i++) {
      await page.keyboard.press('Shift+ArrowLeft');
      const shown = page.evaluate(() => window.nextSquiggleChange());
      await page.keyboard.type(i % 2 === 0 ? 'v' : 'w');
      const sample = await shown;
      if (i >= 4) samples.push(sample); // the first ones warm the caches and the JIT
      await page.waitForTimeout(150);
    }
    results.push({ host, ...summarize(samples) });
  } finally {
    await session.stop();
  }
}
rmSync(workspace, { recursive: true, force: true });
console.log(`keystroke → diagnostics shown, ${keystrokes} keystrokes on a ${lines.length}-line file, measured in the page:`);
for (const r of results) console.log(`  ${r.host}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);

/** In the page: the time from the last keydown to the next change of the information squiggles. */
function installProbe() {
  let keydown = 0;
  window.addEventListener('keydown', (event) => (keydown = event.timeStamp), true);
  const editor = document.querySelector('.monaco-editor .view-overlays');
  const count = () => editor.querySelectorAll('.squiggly-info').length;
  window.nextSquiggleChange = () =>
    new Promise((resolve, reject) => {
      const before = count();
      const timer = setTimeout(() => reject(new Error('no change of the squiggles within 10 s')), 10_000);
      const observer = new MutationObserver(() => {
        if (count() === before) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now() - keydown);
      });
      observer.observe(editor, { subtree: true, childList: true, attributes: true });
    });
}
