// Memory stays bounded: documents opened, edited and closed again and again leave the server's
// resident set, after a garbage collection, near where it was after the first round. SOAK_ROUNDS
// sets the number of rounds (npm run soak: 40, a few minutes).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { buildFile } from '../bench/keystroke-file';
import { GC_ON_SIGNAL, repositoryGoFiles, rssAfterGc } from './fuzz';
import { ROOT, temporaryFolder } from './helpers';
import { LspSession } from './lsp-client';

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 6);

test(`${ROUNDS} rounds of opening, editing and closing documents: the resident set returns near its start`, async (t) => {
  const session = new LspSession(GC_ON_SIGNAL);
  t.after(() => session.kill());
  await session.initialize('en', {}, { serverStatusNotification: true });
  const files = repositoryGoFiles(ROOT)
    .filter((_, i) => i % 3 === 0)
    .map((path) => ({ uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') }));
  // Large files too: a tree or an analysis kept too long shows at once.
  for (let i = 0; i < 4; i++) files.push({ uri: pathToFileURL(join(temporaryFolder('gbg-soak-'), 'big.go')).href, text: buildFile(3000) });

  /** Opens every file, types into each (a line at a time, then the whole text replaced), closes them all. */
  async function round(): Promise<void> {
    for (const { uri, text } of files) await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    for (let version = 2; version < 6; version++) {
      for (const { uri, text } of files) {
        const change = version % 3 === 0 ? { text } : { range: { start: { line: version, character: 0 }, end: { line: version, character: 0 } }, text: `// edit ${version}\n` };
        await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      }
      await session.settled();
    }
    for (const { uri } of files) await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await session.settled();
  }

  await round(); // the first round sizes V8's heap and the parser's memory
  const start = await rssAfterGc(session.pid);
  for (let i = 0; i < ROUNDS; i++) await round();
  const end = await rssAfterGc(session.pid);
  const summary = `resident set after GC: ${start} MB after the first round, ${end} MB after ${ROUNDS} more (${files.length} documents each)`;
  t.diagnostic(summary);
  // A document kept after its close (4 large ones a round) adds more than this within a few rounds.
  assert.ok(end <= start * 1.1, summary);
  assert.equal(await session.stop(), 0);
});
