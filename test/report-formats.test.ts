// The formats CI systems read: SARIF's fingerprints and baseline states.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BASELINE_FILE_NAME } from '../server/src/core/baseline';
import { FINGERPRINT_KEY } from '../server/src/core/fingerprint';
import { runCli, SERVER_GO, STORE_GO } from './adoption-fixtures';
import { ROOT, temporaryFolder } from './helpers';

/** Two files with findings: the sample store, and a server in a file whose name needs escaping. */
function project(): string {
  const root = temporaryFolder('gbg-formats-');
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'store'));
  writeFileSync(join(root, 'store/store.go'), STORE_GO);
  writeFileSync(join(root, 'store/a,b:c&100%.go'), SERVER_GO.replace('package api', 'package store').replace(', MaxHeaderBytes: 8 << 10', ''));
  return root;
}

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
