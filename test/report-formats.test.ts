// The formats CI systems read: GitHub workflow commands, Checkstyle XML, GitLab Code Quality,
// and SARIF's fingerprints and baseline states. Each is checked against its own rules.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { escapeXml } from '../server/src/cli/checkstyle';
import { escapeData, escapeProperty } from '../server/src/cli/github';
import { BASELINE_FILE_NAME } from '../server/src/core/baseline';
import { FINGERPRINT_KEY } from '../server/src/core/fingerprint';
import { runCli, SERVER_GO, STORE_GO } from './adoption-fixtures';
import { ROOT, temporaryFolder } from './helpers';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
}

/** Findings in file names that need escaping in every format: `,` `:` `&` `%`. */
function project(): string {
  const root = temporaryFolder('gbg-formats-');
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'store'));
  writeFileSync(join(root, 'store/store.go'), STORE_GO);
  writeFileSync(join(root, 'store/a,b:c&100%.go'), SERVER_GO.replace('package api', 'package store').replace(', MaxHeaderBytes: 8 << 10', ''));
  return root;
}

function json(root: string, extra: string[] = []): JsonFinding[] {
  return JSON.parse(runCli(['check', '--format', 'json', ...extra, '.'], root).stdout).findings;
}

/** Parses XML strictly (saxes follows the XML 1.0 spec and stops at the first error): elements and their attributes, in order. */
function parseXml(text: string): { name: string; attributes: Record<string, string> }[] {
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new SaxesParser();
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => elements.push({ name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) } }));
  parser.write(text).close();
  return elements;
}

/** Reads workflow commands back the way the runner does: split on the separators, then unescape. */
function parseWorkflowCommands(output: string) {
  const unescape = (text: string) => text.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  return output
    .trimEnd()
    .split('\n')
    .map((line) => {
      const match = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
      assert.ok(match, `not a workflow command: ${line}`);
      const properties = Object.fromEntries(match[2].split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), unescape(pair.slice(pair.indexOf('=') + 1))]));
      return { command: match[1], properties, message: unescape(match[3]) };
    });
}

describe('--format github', () => {
  test('one workflow command per finding, with properties and message escaped as the runner reads them', () => {
    const root = project();
    const { code, stdout } = runCli(['check', '--format', 'github', '--severity', 'hint', '.'], root);
    assert.equal(code, 1);
    const commands = parseWorkflowCommands(stdout);
    const expected = json(root);
    assert.equal(commands.length, expected.length);
    commands.forEach((command, i) => {
      const f = expected[i];
      assert.equal(command.command, f.severity === 'hint' || f.severity === 'information' ? 'notice' : f.severity);
      assert.deepEqual(
        { ...command.properties, title: undefined },
        { file: f.file, line: String(f.line), col: String(f.column), endLine: String(f.endLine), endColumn: String(f.endColumn), title: undefined },
      );
      assert.match(command.properties.title, new RegExp(`\\(${f.rule}\\)$`));
      assert.equal(command.message, f.message);
    });
    assert.ok(commands.some((c) => c.properties.file === 'store/a,b:c&100%.go'), 'the awkward file name survives');
    assert.ok(commands.some((c) => c.message.includes('%v')), 'a message with % survives');
  });

  test('the escaping rules: % first, line breaks, and : and , in properties only', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext%3A a%2C b');
    assert.equal(escapeProperty('%3A'), '%253A');
  });
});

describe('--format checkstyle', () => {
  test('well-formed XML that a parser reads back into the findings', () => {
    const root = project();
    const { code, stdout } = runCli(['check', '--format', 'checkstyle', '--severity', 'hint', '.'], root);
    assert.equal(code, 1);
    const elements = parseXml(stdout);
    assert.deepEqual(elements[0], { name: 'checkstyle', attributes: { version: '4.3' } });
    let file = '';
    const read: string[] = [];
    for (const { name, attributes } of elements.slice(1)) {
      if (name === 'file') file = attributes.name;
      else read.push(`${file}:${attributes.line}:${attributes.column} ${attributes.severity} ${attributes.source} ${attributes.message}`);
    }
    const severity: Record<string, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };
    assert.deepEqual(read, json(root).map((f) => `${f.file}:${f.line}:${f.column} ${severity[f.severity]} go-backend-guide.${f.rule} ${f.message}`));
    assert.ok(read.some((line) => line.startsWith('store/a,b:c&100%.go:')));
  });

  test('attribute text is escaped, and characters XML cannot hold are dropped', () => {
    const text = 'a & b < c > d "e" \'f\'\tg\nh\u0001i';
    const [element] = parseXml(`<x v="${escapeXml(text)}"/>`);
    assert.equal(element.attributes.v, 'a & b < c > d "e" \'f\'\tg\nhi');
  });

  test('nothing to report is an empty, valid report', () => {
    const root = temporaryFolder('gbg-formats-clean-');
    writeFileSync(join(root, 'ok.go'), 'package ok\n');
    const { code, stdout } = runCli(['check', '--format', 'checkstyle', '.'], root);
    assert.equal(code, 0);
    assert.deepEqual(parseXml(stdout), [{ name: 'checkstyle', attributes: { version: '4.3' } }]);
  });
});

describe('--format gitlab', () => {
  // GitLab's documented fields of a Code Quality report (ci/testing/code_quality, "Code Quality report format").
  const documented = {
    type: 'array',
    items: {
      type: 'object',
      required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
      properties: {
        description: { type: 'string', minLength: 1 },
        check_name: { type: 'string', minLength: 1 },
        fingerprint: { type: 'string', minLength: 1 },
        severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
        location: {
          type: 'object',
          required: ['path', 'lines'],
          properties: {
            path: { type: 'string', pattern: '^(?!\\./)(?!/)' },
            lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
          },
        },
      },
    },
  };

  test('matches the documented fields, one issue per finding, each with its own fingerprint', async () => {
    const { default: Ajv } = await import('ajv');
    const validate = new Ajv({ allErrors: true }).compile(documented);
    const root = project();
    const { code, stdout } = runCli(['check', '--format', 'gitlab', '--severity', 'hint', '.'], root);
    assert.equal(code, 1);
    const issues = JSON.parse(stdout) as { check_name: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
    assert.ok(validate(issues), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(
      issues.map((issue) => `${issue.location.path}:${issue.location.lines.begin} ${issue.check_name}`).sort(),
      json(root).map((f) => `${f.file}:${f.line} ${f.rule}`).sort(),
    );
    assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, issues.length);
  });

  test('fingerprints match the baseline, and baselined findings are left out', () => {
    const root = project();
    runCli(['check', '--write-baseline', 'store/store.go'], root);
    const baseline = JSON.parse(readFileSync(join(root, BASELINE_FILE_NAME), 'utf8')).findings as { fingerprint: string }[];
    const everything = JSON.parse(runCli(['check', '--format', 'gitlab', '.'], root).stdout) as { fingerprint: string; location: { path: string } }[];
    assert.deepEqual(
      everything.filter((issue) => issue.location.path === 'store/store.go').map((issue) => issue.fingerprint).sort(),
      baseline.map((entry) => entry.fingerprint).sort(),
    );
    const remaining = JSON.parse(runCli(['check', '--format', 'gitlab', '--baseline', BASELINE_FILE_NAME, '.'], root).stdout) as { location: { path: string } }[];
    assert.deepEqual([...new Set(remaining.map((issue) => issue.location.path))], ['store/a,b:c&100%.go']);
  });
});

describe('--format sarif with fingerprints and a baseline', () => {
  test('partialFingerprints always; with a baseline, new and unchanged states, valid SARIF 2.1.0', async () => {
    const { default: Ajv } = await import('ajv-draft-04');
    const { default: addFormats } = await import('ajv-formats');
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const root = project();
    type Result = { ruleId: string; partialFingerprints: Record<string, string>; baselineState?: string; suppressions?: { kind: string }[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] };
    const sarif = (args: string[]) => JSON.parse(runCli(['check', '--format', 'sarif', ...args, '.'], root).stdout) as { runs: { results: Result[] }[] };

    const plain = sarif([]);
    assert.ok(validate(plain), JSON.stringify(validate.errors, null, 2));
    const results = plain.runs[0].results;
    assert.ok(results.length > 5);
    assert.ok(results.every((r) => /^[0-9a-f]{32}$/.test(r.partialFingerprints[FINGERPRINT_KEY]) && r.baselineState === undefined));

    runCli(['check', '--write-baseline', 'store/store.go'], root);
    const withBaseline = sarif(['--baseline', BASELINE_FILE_NAME]);
    assert.ok(validate(withBaseline), JSON.stringify(validate.errors, null, 2));
    const states = withBaseline.runs[0].results.map((r) => `${decodeURI(r.locations[0].physicalLocation.artifactLocation.uri)} ${r.baselineState} ${r.suppressions?.[0].kind ?? '-'}`);
    assert.deepEqual([...new Set(states)].sort(), ['store/a,b:c&100%.go new -', 'store/store.go unchanged external']);
    assert.deepEqual(
      withBaseline.runs[0].results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]),
      results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]),
      'the same fingerprints with and without the baseline',
    );
  });
});
