// The analysis core below the rules: incremental parsing, suppression, generated files, the index.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildConstraintGoMinor } from '../server/src/core/build-constraint';
import { isBuildIgnored, isGeneratedFile } from '../server/src/core/generated';
import { defaultPackageName } from '../server/src/core/imports';
import { PackageIndex } from '../server/src/core/package-index';
import { suppressionNames } from '../server/src/core/suppression';
import { mergeRepeats } from '../server/src/core/analyzer';
import { applyEdits } from '../server/src/core/edits';
import { LineIndex } from '../server/src/core/text';
import { TypeResolver } from '../server/src/core/type-resolver';
import { findAll, isTestSupportPackage } from '../server/src/core/syntax';
import { namesLoopback } from '../server/src/core/loopback';
import { matchesErrorText } from '../server/src/core/error-texts';
import { ruleById, RULES } from '../server/src/rules/registry';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoDocument } from '../server/src/core/document';
import { GoChecker } from '../server/src/checker';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { checkerFor, packageDirectories, readPackage, ROOT, RULES_DIR } from './helpers';

const SOURCE = `package store

import (
	"database/sql"
	nethttp "net/http"
)

type Store struct {
	db     *sql.DB
	client *nethttp.Client
}

func (s *Store) Find(id int) {
	rows, err := s.db.Query("SELECT 1", id)
	_, _ = rows, err
	srv := &nethttp.Server{}
	_ = srv
}
`;

describe('incremental parsing', () => {
  test('random edits applied incrementally give the same tree as a fresh parse', async () => {
    const checker = await checkerFor();
    const document = checker.openDocument('file:///a.go', SOURCE);
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['x', '\n', '{', '}', 'go f()\n', '// é😀\n', '', 'rows.Close()\n'];
    for (let i = 0; i < 400; i++) {
      const lines = new LineIndex(document.text);
      const start = random(document.text.length + 1);
      const end = Math.min(document.text.length, start + random(4));
      document.applyChanges([{ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: pieces[random(pieces.length)] }]);
      const fresh = checker.openDocument('file:///b.go', document.text);
      assert.equal(document.tree.rootNode.toString(), fresh.tree.rootNode.toString(), `after edit ${i}`);
      const entries = (d: typeof document) => d.declarations.map((e) => `${e.type}@${e.startIndex}-${e.endIndex}:${e.start.line}.${e.start.character}`);
      assert.deepEqual(entries(document), entries(fresh), `top-level entries after edit ${i}`);
      fresh.dispose();
    }
    document.dispose();
  });

  // Typing `name, s.db.` into a method body: at the final dot, tree-sitter's incremental
  // re-parse recovers from the error differently from a fresh parse of the same text (it reads
  // `s.db.\n\treturn` as a selector with the field `return`; afresh, `return` is a statement).
  const TYPED_INTO = 'package store\n\nfunc (s *Store) names() {\n\t\n\treturn\n}\n\nfunc (s *Store) close() error {\n\treturn s.db.Close()\n}\n';
  const typeAt = (document: GoDocument, offset: number, text: string) => {
    const at = document.lines.positionAt(offset);
    document.applyChanges([{ range: { start: at, end: at }, text }]);
  };

  test('typing half-finished code: the tree after each keystroke is the one a fresh parse gives', async () => {
    const checker = await checkerFor();
    const document = checker.openDocument('file:///t.go', TYPED_INTO);
    let offset = TYPED_INTO.indexOf('{\n\t') + 3;
    for (const key of 'name, s.db.') {
      typeAt(document, offset++, key);
      const fresh = checker.openDocument('file:///f.go', document.text);
      assert.equal(document.tree.rootNode.toString(), fresh.tree.rootNode.toString(), `after typing ${JSON.stringify(document.text.slice(TYPED_INTO.indexOf('{') + 3, offset))}`);
      fresh.dispose();
    }
    document.dispose();
  });

  test('several keystrokes before the tree is read: one fresh parse at the end, the caches of untouched declarations kept', async () => {
    const checker = await checkerFor();
    const document = checker.openDocument('file:///t.go', TYPED_INTO);
    checker.analyzeDocument(document, new PackageIndex([checker.summarize(document)], '1.22'));
    const untouched = () => document.declarations.find((entry) => document.text.slice(entry.startIndex).startsWith('func (s *Store) close'))!;
    const cached = untouched().analysis;
    assert.ok(cached);
    // Counts the parses without an old tree while the keystrokes arrive and the tree is read.
    const parse = checker.parser.parse;
    let freshParses = 0;
    checker.parser.parse = function (this: typeof checker.parser, ...args: Parameters<typeof parse>) {
      if (!args[1]) freshParses++;
      return parse.apply(this, args);
    };
    try {
      let offset = TYPED_INTO.indexOf('{\n\t') + 3;
      for (const key of 'name, s.db.') typeAt(document, offset++, key);
      document.tree.rootNode.toString();
      document.declarations.slice();
    } finally {
      checker.parser.parse = parse;
    }
    assert.equal(freshParses, 1);
    const fresh = checker.openDocument('file:///f.go', document.text);
    assert.equal(document.tree.rootNode.toString(), fresh.tree.rootNode.toString());
    const entries = (d: GoDocument) => d.declarations.map((e) => `${e.type}@${e.startIndex}-${e.endIndex}:${e.start.line}.${e.start.character}`);
    assert.deepEqual(entries(document), entries(fresh));
    assert.equal(untouched().analysis, cached, 'the analysis of the declaration typed nowhere near is reused');
    fresh.dispose();
    document.dispose();
  });

  test('several changes in one notification apply in order; a change without range replaces all', async () => {
    const checker = await checkerFor();
    const document = checker.openDocument('file:///c.go', 'package a\n');
    document.applyChanges([
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'func f() {}\n' },
      { range: { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } }, text: 'g' },
    ]);
    assert.equal(document.text, 'package a\nfunc g() {}\n');
    document.applyChanges([{ text: 'package b\n' }]);
    assert.equal(document.tree.rootNode.toString(), '(source_file (package_clause (package_identifier)))');
    document.dispose();
  });
});

describe('document state follows LSP exactly', () => {
  const range = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
  // Each case: the text, one change, the text the editor then has (as the LSP specification reads the change).
  const cases: [string, string, { range?: ReturnType<typeof range>; text: string }, string][] = [
    ['a column past the end of a line is that line\'s end', 'ab\ncd\n', { range: range(0, 9, 0, 9), text: 'X' }, 'abX\ncd\n'],
    ['a line past the last is the end of the text', 'ab\ncd', { range: range(7, 0, 9, 3), text: 'X' }, 'ab\ncdX'],
    ['a range past the end of a line stops before its line break', 'ab\ncd', { range: range(0, 1, 0, 40), text: '' }, 'a\ncd'],
    ['a reversed range is read forwards', 'ab\ncd\n', { range: range(1, 1, 0, 1), text: '' }, 'ad\n'],
    ['CRLF: the end of a line is before \\r\\n', 'ab\r\ncd', { range: range(0, 5, 0, 5), text: 'X' }, 'abX\r\ncd'],
    ['a lone CR ends a line for the editor', 'ab\rcd\n', { range: range(1, 1, 1, 1), text: 'X' }, 'ab\rcXd\n'],
    ['a lone CR: past the end of its line', 'ab\rcd', { range: range(0, 7, 0, 9), text: 'X' }, 'abX\rcd'],
    ['an empty change list changes nothing', 'ab', { range: range(0, 0, 0, 0), text: '' }, 'ab'],
  ];
  for (const [name, before, change, after] of cases) {
    test(name, async () => {
      const checker = await checkerFor();
      const document = checker.openDocument('file:///s.go', before, 1);
      document.applyChanges([change], 2);
      assert.equal(document.text, after);
      assert.equal(document.version, 2);
      const fresh = checker.openDocument('file:///f.go', after);
      assert.equal(document.tree.rootNode.toString(), fresh.tree.rootNode.toString());
      assert.deepEqual(document.tree.rootNode.endPosition, fresh.tree.rootNode.endPosition);
      fresh.dispose();
      document.dispose();
    });
  }

  test('a range with lines past the end, read backwards, then more edits: the text stays right', async () => {
    // vscode-languageserver-textdocument 1.0.16 updates its line offsets from the range's line
    // numbers as given: lines past the end left them wrong for every later change.
    const checker = await checkerFor();
    const document = checker.openDocument('file:///p.go', 'ab\r\ncd\ref\ngh', 1);
    document.applyChanges([{ range: range(6, 4, 4, 2), text: '\r\r' }], 2);
    assert.equal(document.text, 'ab\r\ncd\ref\ngh\r\r');
    document.applyChanges([{ range: range(5, 0, 5, 0), text: 'X' }], 3);
    assert.equal(document.text, 'ab\r\ncd\ref\ngh\r\rX');
    document.applyChanges([{ range: range(1, 1, 1, 1), text: 'Y' }], 4);
    assert.equal(document.text, 'ab\r\ncYd\ref\ngh\r\rX');
    document.dispose();
  });

  test("Go's lines and the editor's: only \\n ends a line for Go and tree-sitter; positions convert at the edge", () => {
    const lines = new LineIndex('a\rbc\r\nd\n');
    assert.equal(lines.lineCount, 3);
    assert.equal(lines.lineText(0), 'a\rbc');
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 4);
    assert.equal(lines.offsetAt({ line: 5, character: 0 }), 8);
    assert.deepEqual(lines.toEditor({ line: 0, character: 3 }), { line: 1, character: 1 });
    assert.deepEqual(lines.fromEditor({ line: 2, character: 0 }), { line: 1, character: 0 });
    assert.deepEqual(lines.fromEditor({ line: 1, character: 99 }), { line: 0, character: 4 });
    // Without a lone CR the two agree, except that the editor has no place between \r and \n.
    const crlf = new LineIndex('// x\r\ny');
    assert.deepEqual(crlf.toEditor({ line: 0, character: 5 }), { line: 0, character: 4 });
    assert.deepEqual(crlf.toEditor({ line: 1, character: 1 }), { line: 1, character: 1 });
  });
});

describe('suppression', () => {
  const rule = ruleById('http-server-timeouts')!;
  const cases: Array<[string, string, number]> = [
    ['no directive', 'srv := &http.Server{}', 1],
    ['//nolint', 'srv := &http.Server{} //nolint', 0],
    ['//nolint:all', 'srv := &http.Server{} //nolint:all', 0],
    ['rule id', 'srv := &http.Server{} //nolint:http-server-timeouts // reviewed', 0],
    ['peer code', 'srv := &http.Server{} //nolint:G112', 0],
    ['peer linter', 'srv := &http.Server{} //nolint:errcheck,gosec', 0],
    ['another linter', 'srv := &http.Server{} //nolint:errcheck', 1],
    ['a comment that only mentions nolint', 'srv := &http.Server{} // we do not use nolint here', 1],
    ['line above', '//nolint:http-server-timeouts\n\tsrv := &http.Server{}', 0],
    ['line above a multi-line statement', '//nolint:gosec\n\tsrv := &http.Server{\n\t\tAddr: ":1",\n\t}', 0],
    ['two lines above', '//nolint:gosec\n\n\tsrv := &http.Server{}', 1],
    ['inside a string', 'srv := &http.Server{Addr: "//nolint"}', 1],
    // golangci-lint reads these too: spaces after `//`, after the colon and between names.
    ['a space after the colon', 'srv := &http.Server{} // nolint: http-server-timeouts', 0],
    ['spaces between names', 'srv := &http.Server{} //nolint:errcheck, gosec // reviewed', 0],
    ['// nolint with a space, for every linter', 'srv := &http.Server{} // nolint', 0],
    ['a space-separated word is not a name list', 'srv := &http.Server{} //nolint errcheck', 0],
    ['nolintlint is another directive', 'srv := &http.Server{} //nolintlint', 1],
    ['a name after a second comment is not listed', 'srv := &http.Server{} //nolint:errcheck // gosec', 1],
  ];
  for (const [name, body, expected] of cases) {
    test(name, async () => {
      const checker = await checkerFor([rule]);
      const text = `package p\n\nimport "net/http"\n\nfunc f() {\n\t${body}\n\t_ = srv\n}\n`;
      const results = checker.checkPackage([{ uri: 'file:///p/x.go', text }], undefined);
      assert.equal(results.get('file:///p/x.go')!.findings.length, expected);
    });
  }

  test('a directive written above an unchanged function silences it at once', async () => {
    // The function's findings are kept from one analysis to the next while nothing in the file
    // suppresses: a directive that appears without moving the function must still apply to it.
    const checker = await checkerFor([rule]);
    const text = 'package p\n\nimport "net/http"\n\n// serves the API\nfunc f() {\n\tsrv := &http.Server{}\n\t_ = srv\n}\n';
    const document = checker.openDocument('file:///p/z.go', text);
    try {
      const analyse = () => checker.analyzeDocument(document, new PackageIndex([checker.summarize(document)])).findings.length;
      assert.equal(analyse(), 1);
      const comment = { start: { line: 4, character: 0 }, end: { line: 4, character: '// serves the API'.length } };
      document.applyChanges([{ range: comment, text: '//nolint:gosec' }]);
      assert.equal(analyse(), 0);
    } finally {
      document.dispose();
    }
  });

  test('before the package clause it covers the whole file', async () => {
    const checker = await checkerFor([rule]);
    const text = '//nolint:gosec\npackage p\n\nimport "net/http"\n\nvar a = &http.Server{}\nvar b = &http.Server{}\n';
    assert.equal(checker.checkPackage([{ uri: 'file:///p/y.go', text }], undefined).get('file:///p/y.go')!.findings.length, 0);
  });

  test('peer names map to their linters', () => {
    assert.deepEqual([...suppressionNames('x', ['G112', 'SA1015', 'revive:defer', 'bodyclose'])].sort(), [
      'bodyclose',
      'g112',
      'gosec',
      'revive',
      'revive:defer',
      'sa1015',
      'staticcheck',
      'x',
    ]);
  });
});

describe('generated files', () => {
  test('the marker before the package clause skips the file', () => {
    assert.equal(isGeneratedFile('// Code generated by protoc-gen-go. DO NOT EDIT.\n\npackage pb\n'), true);
    assert.equal(isGeneratedFile('// Copyright 2024\n\n// Code generated by mockgen. DO NOT EDIT.\npackage m\n'), true);
    assert.equal(isGeneratedFile('package p\n// Code generated by x. DO NOT EDIT.\n'), false);
    assert.equal(isGeneratedFile('// Code generated by hand, please edit.\npackage p\n'), false);
  });

  test("the generators' other markers count too, before the package clause only", () => {
    for (const header of [
      '// Code generated by goctl. DO NOT EDIT!\n// Source: hello.proto\n',
      '// Code generated by goctl. DO NOT EDIT.\n// goctl 1.7.3\n',
      '// Code generated by mockery; DO NOT EDIT.\n',
      '// Code generated by github.com/atombender/go-jsonschema, DO NOT EDIT.\n',
      '// Code generated by protoc-gen-go. DO NOT EDIT\n',
      '// Code generated by protoc-gen-go.\n// source: helloworld.proto\n// DO NOT EDIT!\n',
      '// @generated Code generated by gen-atomicwrapper.\n\n// Copyright (c) 2020 Uber\n',
    ]) {
      assert.equal(isGeneratedFile(`${header}\npackage p\n`), true, header);
      assert.equal(isGeneratedFile(`package p\n\n${header}`), false, `after the package clause: ${header}`);
    }
    // hertz writes this on handler stubs that people then fill in.
    assert.equal(isGeneratedFile('// Code generated by hertz generator.\n\npackage handler\n'), false);
    assert.equal(isGeneratedFile('// Code generated by hertz generator.\n\npackage handler\n\n// DO NOT EDIT!\n'), false);
  });

  test('generated files produce no findings', async () => {
    const checker = await checkerFor();
    const text = '// Code generated by gen. DO NOT EDIT.\n\npackage p\n\nimport "net/http"\n\nvar s = &http.Server{}\n';
    const result = checker.checkPackage([{ uri: 'file:///g/z.go', text }], undefined).get('file:///g/z.go')!;
    assert.deepEqual(result, { findings: [], skipped: 'generated' });
  });

  test('programs kept out of every build (//go:build ignore) are skipped; other constraints are not', async () => {
    assert.equal(isBuildIgnored('// Copyright 2024\n\n//go:build ignore\n\n// gen writes tables.go.\npackage main\n'), true);
    assert.equal(isBuildIgnored('// +build ignore\n\npackage main\n'), true);
    assert.equal(isBuildIgnored('//go:build linux && !ignore\n\npackage p\n'), false);
    assert.equal(isBuildIgnored('package main\n\n//go:build ignore\n'), false);
    const checker = await checkerFor();
    const text = '//go:build ignore\n\npackage main\n\nimport "net/http"\n\nvar s = &http.Server{}\n';
    assert.deepEqual(checker.checkPackage([{ uri: 'file:///g/gen.go', text }], undefined).get('file:///g/gen.go'), { findings: [], skipped: 'build-ignored' });
  });
});

describe('package index and types', () => {
  test('package names follow Go conventions for import paths', () => {
    assert.equal(defaultPackageName('net/http'), 'http');
    assert.equal(defaultPackageName('github.com/redis/go-redis/v9'), 'redis');
    assert.equal(defaultPackageName('gopkg.in/yaml.v3'), 'yaml');
    assert.equal(defaultPackageName('github.com/jmoiron/sqlx'), 'sqlx');
  });

  test('field types, aliases and known results resolve across the files of a package', async () => {
    const checker = await checkerFor();
    const other = checker.openDocument('file:///s/other.go', 'package store\n\nimport "database/sql"\n\nvar shared *sql.DB\n\nfunc open() (*sql.DB, error) { return nil, nil }\n');
    const document = checker.openDocument('file:///s/store.go', SOURCE);
    const index = new PackageIndex([checker.summarize(document), checker.summarize(other)], '1.21');
    const types = new TypeResolver(document.uri, index);
    const [query] = findAll(document.tree.rootNode, 'call_expression').filter((call) => call.text.startsWith('s.db.Query'));
    const operand = query.childForFieldName('function')!.childForFieldName('operand')!;
    assert.deepEqual(types.typeOf(operand), { pkg: 'database/sql', name: 'DB', pointer: true, text: '*sql.DB' });
    assert.equal(types.typeOf(query)?.name, 'Rows');
    const rows = findAll(document.tree.rootNode, 'identifier').find((id) => id.text === 'rows' && id.parent?.type === 'expression_list' && id.parent.parent?.type === 'assignment_statement')!;
    assert.equal(types.typeOf(rows)?.name, 'Rows');
    assert.equal(index.importPath(document.uri, 'nethttp'), 'net/http');
    assert.equal(index.fieldType('Store', 'client')?.pkg, 'net/http');
    assert.equal(index.packageVar('shared')?.name, 'DB');
    assert.equal(index.func('open')?.results[0].name, 'DB');
    assert.equal(index.goAtLeast(1, 22), false);
    assert.equal(index.goAtLeast(1, 21), true);
    document.dispose();
    other.dispose();
  });
});

describe('trees kept for a package', () => {
  test('files past the kept-tree limit are parsed again: the same findings and fixes as with every tree kept', async () => {
    // Every rule on, so each fixture's findings (fixes included) are compared, not only its own rule's.
    // No time budget: a file skipped on a busy machine would differ for want of time, not of trees.
    const settings = { budgetMs: Infinity, severities: Object.fromEntries(RULES.map((rule) => [rule.meta.id, 'warning' as const])) };
    const all = await GoChecker.create(readGrammarBinaries());
    const some = await GoChecker.create(readGrammarBinaries());
    some.keptTreeChars = 3000;
    const none = await GoChecker.create(readGrammarBinaries());
    none.keptTreeChars = 0;
    let findings = 0;
    for (const directory of packageDirectories(RULES_DIR)) {
      const { files, goVersion, module } = readPackage(directory);
      const expected = all.checkPackage(files, goVersion, settings, module);
      findings += [...expected.values()].reduce((sum, result) => sum + result.findings.length, 0);
      assert.deepEqual(some.checkPackage(files, goVersion, settings, module), expected, directory);
      assert.deepEqual(none.checkPackage(files, goVersion, settings, module), expected, directory);
    }
    assert.ok(findings > 500, `only ${findings} findings in the rule fixtures`);
  });
});

describe('addresses on this machine', () => {
  test('loopback hosts with or without a port, an empty dial host, behind a scheme or resolver', () => {
    for (const address of ['localhost', 'localhost:8080', '127.0.0.1:9000', '127.1.2.3', '[::1]:50051', ':8080', 'http://127.0.0.1/status', 'https://localhost:8443/', 'passthrough:///localhost:50051', 'dns:///127.0.0.1:53']) {
      assert.equal(namesLoopback(address, true), true, address);
    }
  });
  test('other hosts, look-alikes, an empty host in a URL, and hosts the known text does not finish', () => {
    for (const address of ['orders.internal:50051', 'localhost.example.com:443', '127.0.0.1.nip.io:80', 'http://:8080/', '10.0.0.1:80', '']) {
      assert.equal(namesLoopback(address, true), false, address);
    }
    // `fmt.Sprintf("127.0.0.%d:80", n)` and `"localhost" + suffix` are known only up to the verb or the variable.
    assert.equal(namesLoopback('127.0.0.', false), false);
    assert.equal(namesLoopback('localhost', false), false);
    assert.equal(namesLoopback('localhost:', false), true);
    assert.equal(namesLoopback('http://127.0.0.1:', false), true);
  });
});

test('a file summary fingerprint changes with what the index learns, not with a function body; the package index follows', async () => {
  const checker = await checkerFor([]);
  const summaryOf = (text: string) => {
    const document = checker.openDocument('file:///p/x.go', text);
    try {
      return checker.summarize(document);
    } finally {
      document.dispose();
    }
  };
  const text = 'package p\n\nimport "errors"\n\nvar ErrX = errors.New("x")\n\nfunc F(a int) error {\n\treturn nil\n}\n';
  const fingerprint = summaryOf(text).fingerprint;
  assert.equal(summaryOf(text.replace('return nil', 'a++\n\treturn nil')).fingerprint, fingerprint, 'a body edit');
  for (const [from, to] of [
    ['F(a int)', 'F(a string)'],
    ['"x"', '"y"'],
    ['package p', 'package q'],
    ['import "errors"', 'import errors "github.com/pkg/errors"'],
  ]) {
    assert.notEqual(summaryOf(text.replace(from, to)).fingerprint, fingerprint, `${from} -> ${to}`);
    assert.notEqual(new PackageIndex([summaryOf(text.replace(from, to))]).fingerprint, new PackageIndex([summaryOf(text)]).fingerprint, `${from} -> ${to}, in the index`);
  }
  // A summary made with the text's content key (the CLI's digest) is fingerprinted by that key
  // alone, and says the same otherwise.
  const document = checker.openDocument('file:///p/x.go', text);
  try {
    const keyed = checker.summarize(document, 'digest-1');
    assert.equal(keyed.fingerprint, 'text:digest-1');
    assert.deepEqual({ ...keyed, fingerprint: '' }, { ...summaryOf(text), fingerprint: '' });
  } finally {
    document.dispose();
  }
});

describe('error texts', () => {
  test('a function gives the texts of every error constructor, and the summary sees each way of wrapping, deferring and calling a watched method', async () => {
    const checker = await checkerFor([]);
    const constructors = ['errors.New("n")', 'pkg.Newf("nf %d", 1)', 'fmt.Errorf("e")', 'errors.Wrap(err, "w")', 'errors.Wrapf(err, "wf")', 'errors.WithMessage(err, "m")', 'errors.WithMessagef(err, "mf")'];
    const wrappers = ['fmt.Errorf("x: %w", err)', 'errors.Wrap(err, "x")', 'errors.WithMessage(err, "x")', 'errors.WithStack(err)', 'errors.Join(err, err)', 'errors.Mark(err, err)', 'errors.Annotate(err, "x")', 'errors.Trace(err)', 'xerrors.Errorf("x")'];
    const text = [
      'package p',
      ...constructors.map((call, i) => `func c${i}(err error) error { return ${call} }`),
      ...wrappers.map((call, i) => `func w${i}(err error) error { return ${call} }`),
      'func plain(err error) error { return err }',
      'func d(s *S) { defer s.recoverRequest() }',
      ...['Shutdown', 'SetMaxOpenConns', 'SetMaxIdleConns', 'SetConnMaxLifetime', 'SetConnMaxIdleTime'].map((name, i) => `func s${i}(x *T) { x.${name}(ctx) }`),
      '',
    ].join('\n');
    const document = checker.openDocument('file:///p/x.go', text);
    try {
      const summary = checker.summarize(document);
      assert.deepEqual([...summary.errorTexts].sort(), ['e', 'm', 'mf', 'n', 'nf %d', 'w', 'wf', 'x', 'x: %w'].sort());
      const wrapping = summary.funcs.filter((fn) => fn.wrapsErrors).map((fn) => fn.name);
      // errors.Wrap, Wrapf, WithMessage and WithMessagef make a text and wrap at once.
      assert.deepEqual(wrapping, ['c3', 'c4', 'c5', 'c6', ...wrappers.map((_, i) => `w${i}`)]);
      assert.deepEqual([...summary.deferredNames], ['recoverRequest']);
      assert.deepEqual([...summary.calledMethods].sort(), ['SetConnMaxIdleTime', 'SetConnMaxLifetime', 'SetMaxIdleConns', 'SetMaxOpenConns', 'Shutdown']);
    } finally {
      document.dispose();
    }
  });

  test("a package-level var or const gives every string it holds, read as Go's scanner reads the text", async () => {
    const checker = await checkerFor([]);
    const text = [
      'package p',
      '',
      'var pair = [2]string{string(\'"\'), "real"} // a rune, then "a comment"',
      'var (',
      '\tErrA = errors.New("a: \\"quoted\\"")',
      '\tescape = \'\\\'\'',
      '\t/* "in a block comment" */',
      '\tErrB = errors.New(`raw "b"`)',
      ')',
      'const ErrC = constError("c")',
      '',
    ].join('\n');
    const document = checker.openDocument('file:///p/x.go', text);
    try {
      assert.deepEqual([...checker.summarize(document).errorTexts].sort(), ['a: \\"quoted\\"', 'c', 'raw "b"', 'real']);
    } finally {
      document.dispose();
    }
  });
  test('a text matches itself, or what a format prints, verbs with flags, widths and precisions included', () => {
    const texts = ['closed', 'user %s not found', 'load %5.2f%% of %-8v', 'id %d'];
    for (const text of ['closed', 'user bob not found', 'load 12.50% of disk', 'id 42', 'id ']) assert.equal(matchesErrorText(texts, text), true, text);
  });
  test('a format matches only as a whole, and its other characters only as themselves', () => {
    const texts = ['user %s not found', 'a.b %d', 'load %5.2f%% of %-8v'];
    for (const text of ['user bob not found!', 'the user bob not found', 'aXb 1', 'load 12.50 of disk', 'closed']) assert.equal(matchesErrorText(texts, text), false, text);
  });
});

describe('the combined query', () => {
  test('every pattern is routed to the rule whose query it came from', async () => {
    const checker = await checkerFor();
    const text = `package p

import (
	"context"
	"net/http"
)

func h(ctx context.Context, items []string) {
	_ = context.Background()
	for _, it := range items {
		go work(it)
	}
	_ = &http.Server{}
}

func work(string) {}
`;
    const results = checker.checkPackage([{ uri: 'file:///q/p.go', text }], '1.22').get('file:///q/p.go')!;
    assert.deepEqual(results.findings.map((f) => `${f.range.start.line + 1}:${f.rule}`), ['9:context-propagation', '11:goroutine-in-loop', '13:http-max-header-bytes', '13:http-server-timeouts']);
  });
});

describe('stale suppressions', () => {
  const check = async (body: string) => {
    const checker = await checkerFor([ruleById('http-server-timeouts')!]);
    const text = `package p\n\nimport "net/http"\n\nfunc f() {\n${body}\n}\n`;
    const result = checker.checkPackage([{ uri: 'file:///s/x.go', text }], undefined).get('file:///s/x.go')!;
    return { text, findings: result.findings };
  };

  test('a //nolint:<our rule> that silences nothing gets a faded hint with a removing fix', async () => {
    const { text, findings } = await check('\t_ = 1 //nolint:http-server-timeouts // was a server once');
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity, f.unnecessary, f.range.start.line, f.range.start.character]),
      [['http-server-timeouts', 'hint', true, 5, 16]],
    );
    const fixed = applyEdits(text, findings[0].fixes[0].edits, new LineIndex(text));
    assert.match(fixed, /\n\t_ = 1\n/);
  });

  test('a stale name is removed from a list written with spaces', async () => {
    const { text, findings } = await check('\t_ = 5 // nolint: gosec, http-server-timeouts\n\t_ = 6 //nolint:http-server-timeouts, gosec');
    const stale = findings.filter((f) => f.unnecessary);
    assert.equal(stale.length, 2);
    const fixed = applyEdits(text, stale.flatMap((f) => f.fixes[0].edits), new LineIndex(text));
    assert.match(fixed, /\n\t_ = 5 \/\/ nolint: gosec\n\t_ = 6 \/\/nolint:gosec\n/);
  });

  test('only the stale name is removed from a list; peers and bare //nolint are not ours to judge', async () => {
    const { text, findings } = await check('\tsrv := &http.Server{} //nolint:errcheck,http-server-timeouts\n\t_ = 2 //nolint:gosec,http-server-timeouts\n\t_ = 3 //nolint\n\t_ = srv');
    assert.deepEqual(findings.map((f) => `${f.range.start.line}:${f.severity}`), ['6:hint']);
    const fixed = applyEdits(text, findings[0].fixes[0].edits, new LineIndex(text));
    assert.match(fixed, /\n\t_ = 2 \/\/nolint:gosec\n/);
  });

  test('a directive alone on its line goes with its line', async () => {
    const { text, findings } = await check('\t//nolint:http-server-timeouts\n\t_ = 4');
    const fixed = applyEdits(text, findings[0].fixes[0].edits, new LineIndex(text));
    assert.equal(fixed, 'package p\n\nimport "net/http"\n\nfunc f() {\n\t_ = 4\n}\n');
  });
});

test('new(T), errgroup.WithContext and untyped package variables get their types', async () => {
  const checker = await checkerFor();
  const source = `package jobs

import (
	"sync"

	"go.opentelemetry.io/otel"
	eg "golang.org/x/sync/errgroup"
)

var tracer = otel.Tracer("jobs")

var shared = &sync.WaitGroup{}

func run() {
	wg := new(sync.WaitGroup)
	g, ctx := eg.WithContext(nil)
	_, _, _, _, _ = wg, g, ctx, tracer, shared
}
`;
  const document = checker.openDocument('file:///jobs/run.go', source);
  try {
    const types = new TypeResolver(document.uri, new PackageIndex([checker.summarize(document)]));
    const typeOfName = (name: string) => {
      const use = findAll(document.tree.rootNode, 'identifier').filter((id) => id.text === name).pop()!;
      return types.typeOf(use)?.text;
    };
    assert.equal(typeOfName('wg'), '*sync.WaitGroup');
    assert.equal(typeOfName('g'), '*errgroup.Group');
    assert.equal(typeOfName('ctx'), 'context.Context');
    assert.equal(typeOfName('tracer'), 'trace.Tracer');
    assert.equal(typeOfName('shared'), '*sync.WaitGroup');
  } finally {
    document.dispose();
  }
});

test("a file's //go:build line implies the lowest Go version Go's rule gives it", async () => {
  const checker = await checkerFor([]);
  const minor = (header: string) => {
    const document = checker.openDocument('file:///constraint.go', `${header}\npackage p\n`);
    try {
      return buildConstraintGoMinor(document.tree.rootNode);
    } finally {
      document.dispose();
    }
  };
  const cases: [string, number | undefined][] = [
    ['//go:build go1.21', 21],
    ['//go:build linux && go1.20', 20],
    ['//go:build (linux && go1.22) || (windows && go1.20)', 20],
    ['//go:build go1.21 || linux', undefined],
    ['//go:build !go1.22', undefined],
    ['//go:build go1.19 && !go1.22', 19],
    ['//go:build !(go1.18 || linux)', undefined],
    ['//go:build !(linux && !go1.21)', undefined],
    ['//go:build !(!go1.21 || linux)', 21],
    ['//go:build go1', 0],
    ['// +build go1.21', undefined],
    ['//go:build', undefined],
    ['//go:build go1.21 &&', undefined],
    ['//go:buildgo1.21', undefined],
    ['// Copyright\n\n//go:build go1.18', 18],
    ['package q\n//go:build go1.18', undefined],
  ];
  for (const [header, expected] of cases) assert.equal(minor(header), expected, header);
});

test('test-support packages are recognised by their name, English words are not', () => {
  for (const name of ['httptest', 'iotest', 'fstest', 'apitest', 'testutil', 'testutils', 'testhelpers', 'test_util']) assert.equal(isTestSupportPackage(name), true, name);
  for (const name of ['test', 'latest', 'contest', 'server', 'testify', 'testament']) assert.equal(isTestSupportPackage(name), false, name);
});

describe('one finding per point', () => {
  const finding = (line: number, message: string, fix = 'Use errors.Is') => ({
    rule: 'error-compare',
    range: { start: { line, character: 1 }, end: { line, character: 9 } },
    message,
    severity: 'warning' as const,
    fixes: [{ title: fix, edits: [{ range: { start: { line, character: 1 }, end: { line, character: 9 } }, newText: `fix${line}` }] }],
  });

  test('the same message on consecutive lines is one finding whose fix covers every line', () => {
    const merged = mergeRepeats([finding(4, 'a'), finding(3, 'a'), finding(5, 'a')]);
    assert.equal(merged.length, 1);
    assert.equal(merged[0].range.start.line, 3);
    assert.deepEqual(merged[0].fixes[0].edits.map((edit) => edit.newText), ['fix3', 'fix4', 'fix5']);
  });

  test('a gap, another message or another fix keeps findings apart', () => {
    assert.equal(mergeRepeats([finding(3, 'a'), finding(5, 'a')]).length, 2);
    assert.equal(mergeRepeats([finding(3, 'a'), finding(4, 'b')]).length, 2);
    assert.equal(mergeRepeats([finding(3, 'a'), finding(4, 'a', 'Wrap it')]).length, 2);
  });
});

test('a fix kept with its declaration inserts the same line break as a fresh analysis after a CRLF typed elsewhere', async () => {
  const checker = await checkerFor();
  const text = readFileSync(join(ROOT, 'test/e2e/testdata/workspace/sync-pool-reset/main.go'), 'utf8');
  const fixOf = (document: GoDocument) => {
    const result = checker.analyzeDocument(document, new PackageIndex([checker.summarize(document)], '1.22'));
    return result.findings.find((f) => f.rule === 'sync-pool-reset')!.fixes[0].edits;
  };
  const document = checker.openDocument('file:///r/main.go', text, 1);
  fixOf(document); // analysed once: the function's findings are kept
  document.applyChanges([{ range: { start: { line: 0, character: 14 }, end: { line: 0, character: 14 } }, text: '\r' }], 2);
  const fresh = checker.openDocument('file:///r/main.go', document.text, 1);
  assert.deepEqual(fixOf(document), fixOf(fresh));
  fresh.dispose();
  document.dispose();
});

test('defer-in-loop names the simple remedy when the body is read in the same iteration, and only then', async () => {
  const checker = await checkerFor([ruleById('defer-in-loop')!]);
  const loop = (after: string) =>
    `package p\n\nimport (\n\t"encoding/json"\n\t"net/http"\n)\n\nfunc f(c *http.Client, urls []string, v any) {\n\tfor _, u := range urls {\n\t\tresp, err := c.Get(u)\n\t\tif err != nil {\n\t\t\treturn\n\t\t}\n\t\tdefer resp.Body.Close()\n${after}\t}\n}\n`;
  const messageOf = (text: string) => {
    const document = checker.openDocument('file:///p/loop.go', text);
    try {
      const [finding] = checker.analyzeDocument(document, new PackageIndex([checker.summarize(document)])).findings;
      return typeof finding.message === 'string' ? finding.message : finding.message.en;
    } finally {
      document.dispose();
    }
  };
  assert.match(messageOf(loop('\t\tjson.NewDecoder(resp.Body).Decode(v)\n')), /close `resp\.Body` once it is read$/);
  // A path that leaves the iteration before the read would need its own Close: the general remedy.
  assert.match(messageOf(loop('\t\tif v == nil {\n\t\t\tcontinue\n\t\t}\n\t\tjson.NewDecoder(resp.Body).Decode(v)\n')), /move the loop body into a function$/);
  assert.match(messageOf(loop('\t\t_ = resp.StatusCode\n')), /move the loop body into a function$/);
});
