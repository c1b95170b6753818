// Drives the language server the way an editor does (typing, deleting, moving and duplicating
// blocks, multi-cursor edits, line endings of every kind, whole-file replacements, quick fixes
// applied, random bytes, and the edge cases of LSP positions), interleaved with hovers and code
// actions, and checks after each step that the state is exact:
// - a replica of the server's document (the same GoDocument, fed the same changes) has the text
//   the editor has and a tree equal to a fresh parse of it;
// - the server's diagnostics and source.fixAll equal those of a second server that only ever
//   got whole texts;
// - every code action edit applies to the text of the version it names, without overlaps.
// Seeded: the same seed makes the same edits. Used by test/fuzz.test.ts (bounded, in npm test)
// and test/fuzz-release.ts (`npm run fuzz`, long, for release checks).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, Position, Range, TextDocumentContentChangeEvent, TextEdit } from 'vscode-languageserver-protocol';
import type { Tree } from 'web-tree-sitter';
import type { GoChecker } from '../server/src/checker';
import type { GoDocument } from '../server/src/core/document';
import { syntaxErrorCount } from '../server/src/core/fix-guard';
import { RULES } from '../server/src/rules/registry';
import { checkerFor, ROOT, temporaryFolder } from './helpers';
import { LspSession } from './lsp-client';

export interface FuzzOptions {
  seed: number;
  /** Change notifications to send (requests, reopenings and refused fixes come on top). */
  edits: number;
  /** Go files to open (copied with the rest of their folder, which becomes their package). */
  files: string[];
  /** Compares with the whole-text server every this many edits. */
  checkEvery: number;
  /** Called now and then with a progress line. */
  progress?: (line: string) => void;
}

export interface SlowRequest {
  method: string;
  ms: number;
  file: string;
  /** The edit made last before the request, which its text came from. */
  after: string;
}

export interface FuzzReport {
  seed: number;
  edits: number;
  /** Edits by kind, edge cases included. */
  kinds: Record<string, number>;
  hovers: number;
  codeActions: number;
  fixesApplied: number;
  checks: number;
  crashes: number;
  /** Requests answered with an error other than a cancellation, and errors the server logged. */
  protocolErrors: string[];
  slow: SlowRequest[];
  /** Incremental state differing from the fresh one: text, tree or diagnostics. */
  mismatches: string[];
  /** Code action edits that do not apply to the text of the version they name. */
  staleEdits: string[];
  /** Preferred fixes whose result has more syntax errors than the text they fix. */
  brokenFixes: string[];
  rss: { startMB: number; endMB: number; peakMB: number };
  seconds: number;
}

/** A deterministic pseudo-random sequence (mulberry32). */
export class Random {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

interface OpenDocument {
  uri: string;
  name: string;
  /** The editor's text, kept by the reference below (not by the library the server uses). */
  model: Model;
  replica: GoDocument;
  /** Text by version, for checking edits that name an older version. */
  history: Map<number, string>;
  /** Where typing goes on. */
  cursor: number;
  /** Changed since the last comparison with the whole-text server. */
  changed: boolean;
  /** The text it was opened with. */
  original: string;
  /** Edits since it last had its original text. */
  edited: number;
  /** The text when last opened, and every change since (to replay a mismatch). */
  opened: string;
  log: Change[][];
}

type Change = TextDocumentContentChangeEvent;

const FIXABLE = new Set(RULES.filter((rule) => rule.meta.fixable).map((rule) => rule.meta.id));

/** Node options for a server whose garbage can be collected on demand (SIGUSR2), to measure memory. */
export const GC_ON_SIGNAL = ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16', '--require', join(ROOT, 'out/test/gc-on-signal.js')];

/** The edits an editor makes, each building its content changes against the current text. */
const KINDS = [
  'type',
  'type',
  'type',
  'type',
  'delete',
  'delete',
  'newline',
  'paste',
  'block-move',
  'duplicate',
  'multi-cursor',
  'random-bytes',
  'whole-file',
  'quick-fix',
  'fix-all',
  'reopen',
] as const;

/** Edge cases of LSP positions and line endings; every one comes up in every run. */
const EDGE_CASES = ['reversed-range', 'past-line-end', 'past-file-end', 'lone-cr', 'crlf', 'surrogate-split', 'no-changes', 'empty-change', 'crlf-file', 'lone-cr-file'] as const;

const TYPED = 'abcdefghijklmnopqrstuvwxyz_.(){}[]:=,;"`/ \t0123456789';
const SNIPPETS = ['go func() {\n}()\n', 'defer rows.Close()\n', 'if err != nil {\n\treturn err\n}\n', 'for i := range xs {\n', '}\n', '// é😀 注释\n', 'x := &http.Server{}\n', 'fmt.Errorf("%v", err)'];
const RANDOM_PIECES = ['\u0000', '\uFEFF', '😀', '\uD800', '\uDC00', '注', 'é', '\u2028', '\t', '\\', '"', '`', '/*', '*/', '\r', '\n', '\r\n'];

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const random = new Random(options.seed);
  const checker = await checkerFor();
  const report: FuzzReport = {
    seed: options.seed,
    edits: 0,
    kinds: {},
    hovers: 0,
    codeActions: 0,
    fixesApplied: 0,
    checks: 0,
    crashes: 0,
    protocolErrors: [],
    slow: [],
    mismatches: [],
    staleEdits: [],
    brokenFixes: [],
    rss: { startMB: 0, endMB: 0, peakMB: 0 },
    seconds: 0,
  };

  const root = temporaryFolder('gbg-fuzz-');
  const opened = copyPackages(options.files, root);
  const server = new LspSession(GC_ON_SIGNAL);
  const fresh = new LspSession();
  try {
    const capabilities = [{ workspaceEdit: { documentChanges: true } }, { serverStatusNotification: true }] as const;
    await Promise.all([server.initialize('en', ...capabilities), fresh.initialize('en', ...capabilities)]);

    const documents: OpenDocument[] = [];
    let lastEdit = 'open';
    // Every diagnostic must fit the text of the version it is published for.
    server.onPublish = ({ uri, version, diagnostics }) => {
      const document = documents.find((d) => d.uri === uri);
      const text = version === undefined ? undefined : document?.history.get(version);
      if (!document || text === undefined) return;
      const problem = editProblem(text, diagnostics.map((d) => ({ range: d.range, newText: '' })), false);
      if (problem) report.mismatches.push(`diagnostics of ${document.name} for version ${version} after ${lastEdit}: ${problem}`);
    };
    const pending = new Set<Promise<void>>();

    /** Sends a request, timing it; errors other than cancellation are counted. */
    async function request<T>(method: string, params: unknown, file: string): Promise<T | undefined> {
      const after = lastEdit;
      const sent = Date.now();
      try {
        return (await server.connection.sendRequest(method, params)) as T;
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (code !== -32800 && code !== -32801) report.protocolErrors.push(`${method} on ${file} after ${after}: ${(error as Error).message}`);
        return undefined;
      } finally {
        const ms = Date.now() - sent;
        if (ms > 1000) report.slow.push({ method, ms, file, after });
      }
    }

    async function open(document: OpenDocument): Promise<void> {
      const text = document.model.getText();
      const textDocument = { uri: document.uri, languageId: 'go', version: document.model.version, text };
      document.history = new Map([[document.model.version, text]]);
      await Promise.all([server.connection.sendNotification('textDocument/didOpen', { textDocument }), fresh.connection.sendNotification('textDocument/didOpen', { textDocument })]);
    }

    for (const path of opened) {
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).href;
      const document: OpenDocument = { uri, name: relative(root, path), model: new Model(text, 1), replica: checker.openDocument(uri, text, 1), history: new Map(), cursor: 0, changed: false, original: text, edited: 0, opened: text, log: [] };
      documents.push(document);
      await open(document);
    }
    await Promise.all([server.settled(), fresh.settled()]);
    report.rss.startMB = await rssAfterGc(server.pid);

    /** Applies changes to the model and the replica, and sends them to the server. */
    async function change(document: OpenDocument, changes: Change[], kind: string): Promise<void> {
      const version = document.model.version + 1;
      document.model.update(changes, version);
    document.log.push(changes);
      document.replica.applyChanges(changes as { range?: Range; text: string }[], version);
      document.history.set(version, document.model.getText());
      if (document.history.size > 40) document.history.delete(document.history.keys().next().value!);
      document.changed = true;
      document.edited++;
      lastEdit = `${kind} in ${document.name} (version ${version})`;
      report.edits++;
      report.kinds[kind] = (report.kinds[kind] ?? 0) + 1;
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: document.uri, version }, contentChanges: changes });
      if (document.replica.text !== document.model.getText()) report.mismatches.push(`text of ${document.name} after ${lastEdit}`);
      // Every other change, the edited document's tree too (its node kinds: cheap enough for
      // each edit); in between, changes pile up unread, as between an editor's requests.
      if (report.edits % 2 === 0 && !checkReplica(checker, document, report, lastEdit, false) && process.env.FUZZ_DUMP) dumpCase(process.env.FUZZ_DUMP, document, documents);
    }

    /** Checks a code action's edit against the text of the version it names. */
    function checkEdit(document: OpenDocument, action: CodeAction, versionAsked: number, preferred: boolean): { version: number; edits: TextEdit[] } | undefined {
      if (!action.edit) return undefined;
      const changes = action.edit.documentChanges as { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[] | undefined;
      const own = changes?.find((c) => 'textDocument' in c && c.textDocument.uri === document.uri);
      if (!own) {
        if (action.edit.changes?.[document.uri]) report.staleEdits.push(`"${action.title}" in ${document.name}: unversioned edit`);
        return undefined;
      }
      const what = `"${action.title}" in ${document.name} (version ${own.textDocument.version}, asked at ${versionAsked}, after ${lastEdit})`;
      const version = own.textDocument.version;
      const text = version === null ? undefined : document.history.get(version);
      if (text === undefined) {
        report.staleEdits.push(`${what}: names a version the editor never had`);
        return undefined;
      }
      if (version !== versionAsked && document.model.version === versionAsked) report.staleEdits.push(`${what}: computed for another version than the one asked`);
      const problem = editProblem(text, own.edits);
      if (problem) {
        report.staleEdits.push(`${what}: ${problem}`);
        return undefined;
      }
      if (preferred) {
        const fixed = applyTextEdits(text, own.edits);
        const before = syntaxErrors(checker, text);
        const after = syntaxErrors(checker, fixed);
        if (after > before) report.brokenFixes.push(`${what}: ${before} → ${after} syntax errors`);
      }
      return { version: version!, edits: own.edits };
    }

    async function hover(document: OpenDocument): Promise<void> {
      report.hovers++;
      const version = document.model.version;
      const position = randomPosition(random, document, server.latest.get(document.uri)?.diagnostics);
      const result = await request<Hover | null>('textDocument/hover', { textDocument: { uri: document.uri }, position }, document.name);
      if (result?.range && document.model.version === version && editProblem(document.model.getText(), [{ range: result.range, newText: '' }])) {
        report.staleEdits.push(`hover range ${JSON.stringify(result.range)} in ${document.name} does not fit version ${version}`);
      }
    }

    async function codeActions(document: OpenDocument, only?: string[]): Promise<{ version: number; edits: TextEdit[] } | undefined> {
      report.codeActions++;
      const version = document.model.version;
      const diagnostics = (server.latest.get(document.uri)?.version === version ? server.latest.get(document.uri)?.diagnostics : undefined) ?? [];
      const fixable = diagnostics.filter((d) => FIXABLE.has(String(d.code)));
      const target = fixable.length > 0 && random.chance(0.7) ? random.pick(fixable) : diagnostics.length > 0 && random.chance(0.5) ? random.pick(diagnostics) : undefined;
      const range = target?.range ?? randomRange(random, document);
      const context = { diagnostics: target ? [target] : [], ...(only ? { only } : {}) };
      const actions = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: document.uri }, range, context }, document.name);
      // A rule's fix says whether it is preferred (a starting value is offered, not preferred);
      // the other quick fixes (suppress, fix all of a rule, the guide) say nothing.
      const isFix = (action: CodeAction) => typeof action.isPreferred === 'boolean' || action.kind?.startsWith('source.fixAll') === true;
      let chosen: { version: number; edits: TextEdit[] } | undefined;
      for (const action of actions ?? []) {
        const checked = checkEdit(document, action, version, isFix(action));
        if (checked && !chosen && isFix(action)) chosen = checked;
      }
      return chosen;
    }

    /** Applies a fix the way an editor applies a WorkspaceEdit: refused unless its version is current. */
    async function applyFix(document: OpenDocument, fix: { version: number; edits: TextEdit[] } | undefined, kind: string): Promise<void> {
      if (!fix || fix.version !== document.model.version || fix.edits.length === 0) return;
      report.fixesApplied++;
      const ordered = [...fix.edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
      await change(document, ordered.map((edit) => ({ range: edit.range, text: edit.newText })), kind);
    }

    /** Waits for both servers, then compares everything with the whole-text server. */
    async function compare(): Promise<void> {
      report.checks++;
      await Promise.all(pending);
      for (const document of documents) {
        if (!checkReplica(checker, document, report, lastEdit, true) && process.env.FUZZ_DUMP) dumpCase(process.env.FUZZ_DUMP, document, documents);
        if (!document.changed) continue;
        document.changed = false;
        await fresh.connection.sendNotification('textDocument/didChange', { textDocument: { uri: document.uri, version: document.model.version }, contentChanges: [{ text: document.model.getText() }] });
      }
      await Promise.all([server.settled(), fresh.settled()]);
      for (const document of documents) {
        const mine = server.latest.get(document.uri);
        const theirs = fresh.latest.get(document.uri);
        if (mine?.version !== document.model.version) report.mismatches.push(`diagnostics of ${document.name}: version ${mine?.version} published, ${document.model.version} current, after ${lastEdit}`);
        else {
          const a = normalized(mine.diagnostics);
          const b = normalized(theirs?.diagnostics ?? []);
          const onlyMine = a.filter((d) => !b.includes(d));
          const onlyTheirs = b.filter((d) => !a.includes(d));
          if (onlyMine.length + onlyTheirs.length > 0) {
            report.mismatches.push(`diagnostics of ${document.name} after ${lastEdit}: only incremental ${JSON.stringify(onlyMine)}; only fresh ${JSON.stringify(onlyTheirs)}`);
            if (process.env.FUZZ_DUMP) dumpCase(process.env.FUZZ_DUMP, document, documents);
          }
        }
      }
      const document = random.pick(documents);
      const asked = { textDocument: { uri: document.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } };
      const [mine, theirs] = await Promise.all([server.connection.sendRequest('textDocument/codeAction', asked), fresh.connection.sendRequest('textDocument/codeAction', asked)]);
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) report.mismatches.push(`source.fixAll of ${document.name} after ${lastEdit}: ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);
    }

    let current = documents[0];
    let edge = 0;
    for (let step = 0; report.edits < options.edits && step < 2 * options.edits && !server.exit; step++) {
      if (random.chance(0.05)) current = random.pick(documents);
      // Every tenth edit is an edge case, in turn, so that each comes up in every run.
      const kind = step % 10 === 9 ? EDGE_CASES[edge++ % EDGE_CASES.length] : random.pick(KINDS);
      if (kind === 'quick-fix' || kind === 'fix-all') {
        // As a person does: waits for the squiggles, then picks a quick fix (or saves, for fix-all).
        if (kind === 'quick-fix') await server.settled();
        const fix = await codeActions(current, kind === 'fix-all' ? ['source.fixAll'] : undefined);
        await applyFix(current, fix, kind);
      } else if (kind === 'reopen') {
        // Answers and diagnostics still on their way name versions of the closed document:
        // its cleared diagnostics (sent on close, without a version) come after them all.
        await Promise.all(pending);
        const cleared = closed(server, current.uri);
        await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: current.uri } });
        await fresh.connection.sendNotification('textDocument/didClose', { textDocument: { uri: current.uri } });
        await cleared;
        const text = current.model.getText();
        current.model = new Model(text, 1);
        current.opened = text;
        current.log = [];
        current.replica.dispose();
        current.replica = checker.openDocument(current.uri, text, 1);
        current.changed = false;
        report.kinds.reopen = (report.kinds.reopen ?? 0) + 1;
        lastEdit = `reopen of ${current.name}`;
        await open(current);
      } else if (current.edited > 25 || current.model.getText().length > 2 * current.original.length + 2000) {
        // Back to the original now and then (as after a checkout), so that the text stays mostly
        // Go with findings to fix, and its size (and so the memory) comparable through the run.
        current.edited = 0;
        await change(current, [{ text: current.original }], 'whole-file');
      } else {
        const changes = editFor(kind, current, random, documents);
        await change(current, changes, kind);
      }
      // Requests while typing: some answered before the next keystroke, some not.
      if (random.chance(0.5)) {
        const asked = hover(current);
        if (random.chance(0.5)) await asked;
        else track(pending, asked);
      }
      if (random.chance(0.2)) {
        const asked = codeActions(current).then(() => undefined);
        if (random.chance(0.5)) await asked;
        else track(pending, asked);
      }
      if (pending.size > 8) await Promise.all(pending);
      if ((step + 1) % options.checkEvery === 0) await compare();
      if (options.progress && (step + 1) % 1000 === 0) options.progress(`${step + 1} steps, ${report.edits} edits, ${report.mismatches.length} mismatches, ${report.staleEdits.length} stale edits, ${report.slow.length} slow, rss ${rss(server.pid)} MB`);
    }
    if (!server.exit) await compare();
    report.crashes = server.exit ? 1 : 0;
    if (!server.exit) {
      report.rss.endMB = await rssAfterGc(server.pid);
      report.rss.peakMB = peakRss(server.pid);
    }
    report.protocolErrors.push(...server.logs.filter((line) => /failed|could not|uncaught|unhandled/i.test(line)));
    for (const document of documents) document.replica.dispose();
    if (!server.exit) await server.stop();
    await fresh.stop();
    report.seconds = Math.round((Date.now() - started) / 1000);
    return report;
  } finally {
    // Also when the run fails: the test process can only end once both servers have.
    server.kill();
    fresh.kill();
  }
}

/** Resolves with the diagnostics a server clears when `uri` closes (they carry no version). */
async function closed(session: LspSession, uri: string): Promise<void> {
  while ((await session.nextDiagnostics(uri)).version !== undefined);
}

function track(pending: Set<Promise<void>>, promise: Promise<void>): void {
  pending.add(promise);
  void promise.finally(() => pending.delete(promise));
}

/** Copies the folder of each file into `root` (a package each); returns the copied files' paths. */
function copyPackages(files: readonly string[], root: string): string[] {
  const folders = new Map<string, string>();
  const copied: string[] = [];
  for (const file of files) {
    const folder = dirname(file);
    let target = folders.get(folder);
    if (!target) {
      target = join(root, `p${folders.size}`);
      mkdirSync(target);
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isFile() && (entry.name.endsWith('.go') || entry.name === 'go.mod')) copyFileSync(join(folder, entry.name), join(target, entry.name));
      }
      folders.set(folder, target);
    }
    copied.push(join(target, file.slice(folder.length + 1)));
  }
  return copied;
}

/** The content changes of one edit of the given kind, against the document's current text. */
function editFor(kind: string, document: OpenDocument, random: Random, documents: readonly OpenDocument[]): Change[] {
  const model = document.model;
  const text = model.getText();
  const at = (offset: number) => model.positionAt(offset);
  const span = (start: number, end: number): Range => ({ start: at(start), end: at(end) });
  const clampCursor = () => (document.cursor = Math.min(document.cursor, text.length));
  clampCursor();
  switch (kind) {
    case 'type': {
      if (random.chance(0.1)) document.cursor = random.int(text.length + 1);
      const typed = random.chance(0.1) ? random.pick(SNIPPETS) : TYPED[random.int(TYPED.length)];
      const change = { range: span(document.cursor, document.cursor), text: typed };
      document.cursor += typed.length;
      return [change];
    }
    case 'delete': {
      const start = random.int(text.length + 1);
      const end = Math.min(text.length, start + (random.chance(0.7) ? 1 : random.int(200)));
      document.cursor = start;
      return [{ range: span(start, end), text: '' }];
    }
    case 'newline':
      document.cursor += 1;
      return [{ range: span(document.cursor - 1, document.cursor - 1), text: '\n' }];
    case 'paste': {
      const source = random.pick(documents).model.getText();
      const from = random.int(source.length + 1);
      const start = random.int(text.length + 1);
      return [{ range: span(start, Math.min(text.length, start + random.int(20))), text: source.slice(from, from + random.int(400)) }];
    }
    case 'block-move': {
      // A block of lines cut and pasted elsewhere, in one notification: the second change's
      // positions refer to the text after the first.
      const lines = model.lineCount;
      const first = random.int(lines);
      const last = Math.min(lines - 1, first + random.int(8));
      const block = model.getText({ start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } });
      const after = new Model(text, 0);
      const cut = { range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, text: '' };
      after.update([cut], 1);
      const target = random.int(after.lineCount);
      return [cut, { range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } }, text: block }];
    }
    case 'duplicate': {
      const line = random.int(model.lineCount);
      const content = model.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
      return [{ range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, text: content.endsWith('\n') ? content : `\n${content}` }];
    }
    case 'multi-cursor': {
      // The same keystroke at several cursors: VS Code sends the changes last position first.
      const typed = random.pick(['x', '\t', '// ', '\n', '']);
      const offsets = [...new Set(Array.from({ length: 2 + random.int(4) }, () => random.int(text.length + 1)))].sort((a, b) => b - a);
      return offsets.map((offset) => ({ range: span(offset, Math.min(text.length, offset + (typed === '' ? 1 : 0))), text: typed }));
    }
    case 'random-bytes': {
      const start = random.int(text.length + 1);
      const pieces = Array.from({ length: 1 + random.int(6) }, () => (random.chance(0.5) ? random.pick(RANDOM_PIECES) : String.fromCharCode(random.int(0x3000))));
      return [{ range: span(start, Math.min(text.length, start + random.int(3))), text: pieces.join('') }];
    }
    case 'whole-file': {
      const other = random.pick(documents).model.getText();
      return [{ text: random.chance(0.5) ? other : text.slice(0, random.int(text.length + 1)) + text.slice(random.int(text.length + 1)) }];
    }
    case 'reversed-range': {
      const start = random.int(text.length + 1);
      const end = Math.min(text.length, start + random.int(40));
      return [{ range: { start: at(end), end: at(start) }, text: random.pick(['', 'y', '\n']) }];
    }
    case 'past-line-end': {
      const line = random.int(model.lineCount);
      const character = random.int(200) + 300;
      return [{ range: { start: { line, character: random.chance(0.5) ? character : 0 }, end: { line, character } }, text: random.pick(['', 'z', '\n']) }];
    }
    case 'past-file-end': {
      // A line past the last, alone or with a position inside the text, either way round.
      const past = { line: model.lineCount + random.int(10), character: random.int(5) };
      const other = random.chance(0.5) ? { line: past.line + random.int(3), character: 0 } : at(random.int(text.length + 1));
      const [start, end] = random.chance(0.5) ? [past, other] : [other, past];
      return [{ range: { start, end }, text: random.pick(['', '\r\r', '\n// end\n']) }];
    }
    case 'lone-cr':
      return [{ range: span(document.cursor, document.cursor), text: '\r' }];
    case 'crlf':
      return [{ range: span(document.cursor, document.cursor), text: '\r\n' }];
    case 'surrogate-split': {
      const pair = text.search(/[\uD800-\uDBFF][\uDC00-\uDFFF]/);
      if (pair === -1) return [{ range: span(document.cursor, document.cursor), text: '😀' }];
      return [{ range: span(pair + 1, pair + 1), text: random.pick(['', 'a', '\n']) }];
    }
    case 'no-changes':
      return [];
    case 'empty-change':
      return [{ range: span(document.cursor, document.cursor), text: '' }];
    case 'crlf-file':
      return [{ text: text.replace(/\r?\n/g, '\r\n') }];
    case 'lone-cr-file': {
      // Some of the line breaks become lone CRs (a file edited with old Mac tools).
      let n = 0;
      return [{ text: text.replace(/\n/g, (newline) => (n++ % 3 === 0 ? '\r' : newline)) }];
    }
    default:
      throw new Error(`no edit of kind ${kind}`);
  }
}

function randomPosition(random: Random, document: OpenDocument, diagnostics: readonly Diagnostic[] | undefined): Position {
  if (diagnostics && diagnostics.length > 0 && random.chance(0.5)) return random.pick(diagnostics).range.start;
  return document.model.positionAt(random.int(document.model.getText().length + 1));
}

function randomRange(random: Random, document: OpenDocument): Range {
  const length = document.model.getText().length;
  const start = random.int(length + 1);
  return { start: document.model.positionAt(start), end: document.model.positionAt(Math.min(length, start + random.int(300))) };
}

/**
 * The editor's text, changed as the LSP specification says, written from the specification and
 * recomputed from scratch for every question: the reference the server's incremental state
 * (which vscode-languageserver-textdocument keeps) is compared with.
 */
export class Model {
  private starts?: number[];

  constructor(
    private text: string,
    public version: number,
  ) {}

  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** `\r\n`, `\r` and `\n` end a line; a column past the line's end is its end; a line past the last is the end. */
  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    return starts[position.line] + Math.min(Math.max(position.character, 0), this.lineLength(position.line));
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let line = 0;
    for (let high = starts.length - 1; line < high; ) {
      const mid = (line + high + 1) >> 1;
      if (starts[mid] <= clamped) line = mid;
      else high = mid - 1;
    }
    return { line, character: Math.min(clamped - starts[line], this.lineLength(line)) };
  }

  /** Applies changes one after the other; a reversed range is read forwards. */
  update(changes: readonly Change[], version: number): void {
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        this.text = change.text;
      } else {
        const a = this.offsetAt(change.range.start);
        const b = this.offsetAt(change.range.end);
        this.text = this.text.slice(0, Math.min(a, b)) + change.text + this.text.slice(Math.max(a, b));
      }
      this.starts = undefined;
    }
    this.version = version;
  }

  private lineStarts(): number[] {
    if (!this.starts) {
      this.starts = [0];
      for (const match of this.text.matchAll(/\r\n|\r|\n/g)) this.starts.push(match.index! + match[0].length);
    }
    return this.starts;
  }

  private lineLength(line: number): number {
    const starts = this.lineStarts();
    const end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return this.text.slice(starts[line], end).replace(/\r?\n$|\r$/, '').length;
  }
}

/** Applies non-overlapping edits, given in the text's own positions. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const model = new Model(text, 0);
  const spans = edits.map((edit) => ({ from: model.offsetAt(edit.range.start), to: model.offsetAt(edit.range.end), text: edit.newText }));
  // Last first, so that earlier offsets stay valid; inserts at one place keep their order.
  let result = text;
  for (const span of spans.map((span, i) => ({ ...span, i })).sort((a, b) => b.from - a.from || b.i - a.i)) result = result.slice(0, span.from) + span.text + result.slice(span.to);
  return result;
}

/** Why `edits` cannot be applied to `text` as LSP requires, or undefined. */
export function editProblem(text: string, edits: readonly TextEdit[], disjoint = true): string | undefined {
  const document = new Model(text, 0);
  const spans: [number, number][] = [];
  for (const edit of edits) {
    const { start, end } = edit.range;
    for (const position of [start, end]) {
      const offset = document.offsetAt(position);
      const back = document.positionAt(offset);
      if (back.line !== position.line || back.character !== position.character) return `position ${position.line}:${position.character} is not in the text (${JSON.stringify(edit)})`;
      if (isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset))) return `position ${position.line}:${position.character} splits a character`;
    }
    const from = document.offsetAt(start);
    const to = document.offsetAt(end);
    if (from > to) return `range ${JSON.stringify(edit.range)} ends before it starts`;
    spans.push([from, to]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; disjoint && i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) return 'two edits overlap';
  return undefined;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function syntaxErrors(checker: GoChecker, text: string): number {
  const document = checker.openDocument('file:///syntax.go', text);
  try {
    return syntaxErrorCount(document.tree);
  } finally {
    document.dispose();
  }
}

/**
 * The replica's tree (edited incrementally) against a fresh parse of its text, whether the text
 * parses or not (a document replaces a tree that recovered from a syntax error by a fresh parse,
 * so even error recovery must not depend on the edit history): every node with its positions,
 * or with `positions` false only the kinds of the nodes; and the list of top-level entries.
 */
function checkReplica(checker: GoChecker, document: OpenDocument, report: FuzzReport, after: string, positions: boolean): boolean {
  const fresh = checker.openDocument(document.uri, document.replica.text);
  try {
    const signature = (tree: Tree) => (positions ? treeSignature(tree) : tree.rootNode.toString());
    const mine = signature(document.replica.tree);
    const theirs = signature(fresh.tree);
    if (mine !== theirs) report.mismatches.push(`tree of ${document.name} after ${after}: incremental and fresh parses differ (${firstDifference(mine, theirs)})`);
    const myEntries = entriesSignature(document.replica);
    const theirEntries = entriesSignature(fresh);
    if (myEntries !== theirEntries) report.mismatches.push(`top-level entries of ${document.name} after ${after}: incremental and fresh differ (${firstDifference(myEntries, theirEntries)})`);
    return mine === theirs && myEntries === theirEntries;
  } finally {
    fresh.dispose();
  }
}

/** The document's list of top-level entries (kept across edits without walking the tree). */
function entriesSignature(document: GoDocument): string {
  return document.declarations.map((e) => `${e.type}@${e.startIndex}-${e.endIndex}/${e.start.line}.${e.start.character}`).join(' ');
}

function treeSignature(tree: Tree): string {
  const parts: string[] = [];
  const cursor = tree.walk();
  try {
    for (let more = true; more; ) {
      const { row: sr, column: sc } = cursor.startPosition;
      const { row: er, column: ec } = cursor.endPosition;
      parts.push(`${cursor.nodeType}${cursor.nodeIsMissing ? '!' : ''}@${cursor.startIndex}-${cursor.endIndex}/${sr}.${sc}-${er}.${ec}`);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  return parts.join(' ');
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: "${a.slice(Math.max(0, i - 60), i + 60)}" vs "${b.slice(Math.max(0, i - 60), i + 60)}"`;
}

function normalized(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.severity} ${d.message}`).sort();
}

/** Writes what led to a mismatch (each document's text when opened and its changes since) for replaying it. */
function dumpCase(path: string, document: OpenDocument, documents: readonly OpenDocument[]): void {
  if (existsSync(path)) return;
  writeFileSync(path, JSON.stringify({ mismatch: document.uri, documents: documents.map((d) => ({ uri: d.uri, opened: d.opened, changes: d.log })) }, null, 1));
}

/** The resident set of a process, in MB (Linux). */
export function rss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/**
 * Resident set after full garbage collections (the server runs with test/gc-on-signal.ts
 * preloaded): V8 gives pages back to the system a while after a collection, so it waits.
 */
export async function rssAfterGc(pid: number): Promise<number> {
  for (const wait of [1000, 1000]) {
    process.kill(pid, 'SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return rss(pid);
}

/** The highest resident set of a process so far, in MB (Linux). */
function peakRss(pid: number): number {
  try {
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** Go files of the repository's rule test data, sorted: the default input. */
export function repositoryGoFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.go')) found.push(path);
    }
  };
  for (const folder of ['server/src/rules', 'test/e2e/testdata/workspace']) if (existsSync(join(root, folder))) walk(join(root, folder));
  return found.sort();
}
