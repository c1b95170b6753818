// npm run test:e2e — the extension-host suite (test/e2e/suite) inside code-server twice: in the
// VS Code server's Node extension host, then with the extension forced into the browser's
// web-worker extension host (test/e2e/web, which adds a memfs: virtual workspace); and one check
// through the page itself: the Problems panel and a hover. Screenshots go to .artifacts/e2e/
// (git-ignored), always for the page check and on any failure.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { openInWorkbench, prepareVsix, ROOT, startCodeServer, WEB_EXTENSION_KIND } from './code-server.mjs';

const ARTIFACTS = join(ROOT, '.artifacts/e2e');
mkdirSync(ARTIFACTS, { recursive: true });
const step = (message) => console.log(`e2e: ${message}`);

step('installing code-server, Chromium and playwright-core (cached in .cache/e2e), building and packaging the extension');
const vsix = prepareVsix({ tests: true });

const started = Date.now();
const counts = { passed: 0, failed: 0 };
const WEB_TESTS = join(ROOT, 'out/e2e/web');
const hosts = [
  {
    name: 'Node extension host',
    settings: {},
    // The tests lie outside every extension, so the server's (Node) host runs them.
    runs: (session) => [{ folder: session.dirs.ws, extension: session.extensionDir(), tests: join(ROOT, 'out/e2e/suite') }],
    pageCheck: true,
  },
  {
    name: 'web worker extension host',
    settings: WEB_EXTENSION_KIND,
    // The tests run in the host of the extension they lie in: the browser tests' own, web-only one.
    runs: (session) => [
      { folder: session.dirs.ws, extension: WEB_TESTS, tests: join(WEB_TESTS, 'dist/suite') },
      { folder: 'memfs:/shop', extension: WEB_TESTS, tests: join(WEB_TESTS, 'dist/suite') },
    ],
    pageCheck: false,
  },
];

let failed = false;
for (const host of hosts) {
  step(`the suite in the ${host.name}`);
  const session = await startCodeServer({ workspace: join(ROOT, 'test/e2e/testdata/workspace'), vsix, settings: host.settings });
  // The suite reads the golden texts of the quick fixes beside the workspace folder.
  cpSync(join(ROOT, 'test/e2e/testdata/golden'), join(session.dirs.ws, '..', 'golden'), { recursive: true });
  try {
    for (const run of host.runs(session)) failed = (await runSuite(session, run)) !== 0 || failed;
    if (!failed && host.pageCheck) {
      await checkPage(session);
      counts.passed++;
    }
  } catch (error) {
    failed = true;
    counts.failed++;
    console.error(`e2e: ${error instanceof Error ? error.message : error}`);
  } finally {
    await session.stop();
  }
  if (failed) break;
}
step(`${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in .artifacts/e2e/`);
if (failed && counts.failed === 0) counts.failed = 1; // the suite did not report its own counts
console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(failed ? 1 : 0);

/** Opens the workbench on `folder` with the test payload and waits for the extension host's exit code. */
async function runSuite(session, { folder, extension, tests }) {
  const page = await session.browser.newPage();
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    console.log(line);
    const passing = /^\s*(\d+) passing/.exec(line);
    const failing = /^\s*(\d+) failing/.exec(line);
    if (passing) counts.passed += Number(passing[1]);
    if (failing) counts.failed += Number(failing[1]);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  const host = session.base.replace('http://', '');
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${extension}`],
    ['extensionTestsPath', `vscode-remote://${host}${tests}`],
  ];
  await page.goto(`${session.base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5 * 60_000));
  const code = await Promise.race([exited, timeout]);
  if (code !== 0) {
    await page.screenshot({ path: join(ARTIFACTS, 'suite-failure.png') }).catch(() => {});
    console.error(code === 'timeout' ? 'e2e: the extension tests did not finish within 5 minutes' : `e2e: the extension tests exited with ${code}`);
    return 1;
  }
  await page.close();
  return 0;
}

/** What a person sees: the Problems panel lists the fixture's findings, a hover shows text. */
async function checkPage(session) {
  const page = await session.browser.newPage();
  // A fresh copy of the workspace: no editors restored from the suite's window.
  const folder = join(session.dirs.ws, '..', 'page');
  cpSync(join(ROOT, 'test/e2e/testdata/workspace'), folder, { recursive: true });
  try {
    await openInWorkbench(page, session.base, folder, 'server.go');
    await page.waitForSelector('.squiggly-warning', { timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction(
      () => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((row) => row.textContent.includes('http-server-timeouts')),
      null,
      { timeout: 30_000 },
    );
    const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    if (!rows.some((row) => row.includes('http.Server has no read, write or idle timeout'))) throw new Error(`the Problems panel lacks the finding: ${rows.join(' | ')}`);
    await page.keyboard.press('Control+Shift+M');
    const box = await page.locator('.squiggly-warning').first().boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'HTTP server without timeouts' });
    await hover.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'problems-and-hover.png') });
    step(`page check: Problems panel lists the finding; hover shows "${(await hover.innerText()).split('\n')[0].slice(0, 60)}…"`);
  } catch (error) {
    await page.screenshot({ path: join(ARTIFACTS, 'page-failure.png') }).catch(() => {});
    throw error;
  }
}
