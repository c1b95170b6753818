// A finding's fingerprint survives edits that leave it alone and changes with the flagged code;
// the baseline file is sorted, stable and strict about its shape; the configuration names it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { createBaseline, formatBaseline, parseBaseline } from '../server/src/core/baseline';
import { parseConfig } from '../server/src/core/config';
import { anchorFindings, fingerprintFindings } from '../server/src/core/fingerprint';
import { PackageIndex } from '../server/src/core/package-index';
import { RULES } from '../server/src/rules/registry';
import { STORE_GO } from './adoption-fixtures';
import { checkerFor } from './helpers';


/** `rule declaration fingerprint` for each finding of a file, sorted. */
async function identities(text: string, path = 'store/store.go'): Promise<string[]> {
  const checker = await checkerFor();
  const document = checker.openDocument('file:///w/store/store.go', text);
  try {
    const { findings } = checker.analyzeDocument(document, new PackageIndex([checker.summarize(document)], '1.22'));
    const anchors = anchorFindings(document.tree, document.lines, findings);
    const fingerprints = fingerprintFindings(path, findings, anchors);
    return findings.map((finding, i) => `${finding.rule} ${anchors[i].declaration} ${fingerprints[i]}`).sort();
  } finally {
    document.dispose();
  }
}

describe('fingerprints', () => {
  test('the sample has findings in a method and a function, named by their declaration', async () => {
    const found = await identities(STORE_GO);
    const named = found.map((line) => line.split(' ').slice(0, 2).join(' '));
    assert.deepEqual(named, [
      'error-compare Store.Exists',
      'errorf-wrap Store.Names',
      'errorf-wrap Store.Names',
      'http-max-header-bytes Serve',
      'http-server-timeouts Serve',
      'sql-rows-close Store.Names',
      'sql-rows-err Store.Names',
    ]);
    assert.equal(new Set(found.map((line) => line.split(' ')[2])).size, found.length, 'every finding has its own fingerprint');
  });

  test('lines inserted above leave every fingerprint as it was', async () => {
    const inserted = STORE_GO.replace('type Store', '// Store keeps users.\n//\n// It is safe for one goroutine.\n\nvar version = "1"\n\ntype Store');
    assert.deepEqual(await identities(inserted), await identities(STORE_GO));
  });

  test('moving a function within the file leaves every fingerprint as it was', async () => {
    const serve = STORE_GO.slice(STORE_GO.indexOf('func Serve'));
    const moved = STORE_GO.replace(serve, '').replace('type Store', `${serve}\ntype Store`);
    assert.notEqual(moved, STORE_GO);
    assert.deepEqual(await identities(moved), await identities(STORE_GO));
  });

  test('reformatting leaves every fingerprint as it was', async () => {
    const squeezed = STORE_GO.replace(/\n\t+/g, '\n')
      .replace('if err == sql.ErrNoRows {', 'if err==sql.ErrNoRows  {').replace('srv := &http.Server{Addr: ":8080", Handler: mux}', 'srv:=&http.Server{\nAddr:":8080",\nHandler:mux,\n}').replace('rows, err := s.db.Query', 'rows,err:=s.db.Query');
    assert.deepEqual(await identities(squeezed), await identities(STORE_GO));
  });

  test('gofmt leaves every fingerprint as it was', { skip: spawnSync('gofmt', ['-h']).error && 'gofmt is not installed' }, async () => {
    const messy = 'package store\nimport ("database/sql";"fmt";"net/http")\ntype Store struct{ db *sql.DB }\nfunc (s *Store) Names() ([]string, error) {\nrows, err := s.db.Query("SELECT name FROM users")\nif err != nil { return nil, fmt.Errorf("query: %v", err) }\nvar names []string\nfor rows.Next() { var name string; if err := rows.Scan(&name); err != nil { return nil, fmt.Errorf("scan: %v", err) }; names = append(names, name) }\nreturn names, nil\n}\nfunc (s *Store) Exists(find func() error) (bool, error) {\nerr := find()\nif err==sql.ErrNoRows { return false, nil }\nreturn err == nil, err\n}\nfunc Serve(mux *http.ServeMux) error { srv := &http.Server{Addr: ":8080",   Handler: mux}; return srv.ListenAndServe() }\n';
    const formatted = spawnSync('gofmt', [], { input: messy, encoding: 'utf8' });
    assert.equal(formatted.status, 0, formatted.stderr);
    assert.notEqual(formatted.stdout, messy);
    assert.deepEqual(await identities(formatted.stdout), await identities(messy));
    assert.deepEqual(await identities(formatted.stdout), await identities(STORE_GO));
  });

  test('renaming a variable the findings do not involve leaves every fingerprint as it was', async () => {
    const renamed = STORE_GO.replace(/\bnames\b/g, 'list');
    assert.notEqual(renamed, STORE_GO);
    assert.deepEqual(await identities(renamed), await identities(STORE_GO));
  });

  test('changing the flagged code gives that finding, and only that one, a new fingerprint', async () => {
    const before = await identities(STORE_GO);
    const after = await identities(STORE_GO.replace('fmt.Errorf("query: %v", err)', 'fmt.Errorf("querying users: %v", err)'));
    assert.deepEqual(
      after.filter((line) => !before.includes(line)).map((line) => line.split(' ').slice(0, 2).join(' ')),
      ['errorf-wrap Store.Names'],
    );
    assert.equal(before.filter((line) => !after.includes(line)).length, 1);
  });

  test('another file or another rule is another finding', async () => {
    const here = await identities(STORE_GO);
    const elsewhere = await identities(STORE_GO, 'store/other.go');
    assert.equal(here.filter((line) => elsewhere.includes(line)).length, 0);
  });

  test('identical findings in one declaration are numbered, so a copy added later is new', async () => {
    // A statement between the copies: the same finding on consecutive lines would be one.
    const copy = '\t_ = 0\n\t_ = &http.Server{Addr: ":8080", Handler: mux}\n';
    const once = STORE_GO.replace('\treturn srv.ListenAndServe()', `${copy}\treturn srv.ListenAndServe()`);
    const twice = STORE_GO.replace('\treturn srv.ListenAndServe()', `${copy}${copy}\treturn srv.ListenAndServe()`);
    const before = await identities(once);
    const after = await identities(twice);
    assert.equal(after.length, before.length + 2);
    assert.equal(new Set(after.map((line) => line.split(' ')[2])).size, after.length, 'the copies have fingerprints of their own');
    assert.ok(before.every((line) => after.includes(line)), 'the first copy keeps its fingerprints');
  });
});

describe('the baseline file', () => {
  const entries = [
    { file: 'b.go', rule: 'sql-rows-close', declaration: 'B', fingerprint: '2' },
    { file: 'a.go', rule: 'errorf-wrap', declaration: 'A', fingerprint: '1' },
    { file: 'a.go', rule: 'errorf-wrap', declaration: 'A', fingerprint: '0' },
  ];

  test('is written sorted, one finding a line, with its version, and reads back the same', () => {
    const text = formatBaseline(createBaseline(entries));
    assert.equal(
      text,
      [
        '{',
        '  "version": 1,',
        '  "findings": [',
        '    { "file": "a.go", "rule": "errorf-wrap", "declaration": "A", "fingerprint": "0" },',
        '    { "file": "a.go", "rule": "errorf-wrap", "declaration": "A", "fingerprint": "1" },',
        '    { "file": "b.go", "rule": "sql-rows-close", "declaration": "B", "fingerprint": "2" }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    const parsed = parseBaseline(text);
    assert.ok('baseline' in parsed);
    assert.equal(formatBaseline(parsed.baseline), text);
    assert.equal(formatBaseline(createBaseline([])), '{\n  "version": 1,\n  "findings": []\n}\n');
  });

  test('a broken file says what is wrong', () => {
    const problem = (text: string) => ('problem' in parseBaseline(text) ? (parseBaseline(text) as { problem: string }).problem : 'parsed');
    assert.match(problem('{'), /not valid JSON/);
    assert.match(problem('[]'), /JSON object/);
    assert.match(problem('{"version": 2, "findings": []}'), /unknown baseline version 2/);
    assert.match(problem('{"version": 1}'), /"findings" must be an array/);
    assert.match(problem('{"version": 1, "findings": [{"file": "a.go", "rule": "x", "declaration": "A"}]}'), /finding 1 has no "fingerprint"/);
  });

  test('the configuration file names it with "baseline"; anything but a path is a problem', () => {
    const ids = new Set(RULES.map((rule) => rule.meta.id));
    assert.equal(parseConfig('{ "baseline": "ci/baseline.json" }', ids).config.baseline, 'ci/baseline.json');
    const { config, problems } = parseConfig('{ "baseline": 3 }', ids);
    assert.equal(config.baseline, undefined);
    assert.deepEqual(problems.map((p) => p.message), ['"baseline" must be the path of a baseline file, such as ".go-backend-guide-baseline.json"']);
  });
});
