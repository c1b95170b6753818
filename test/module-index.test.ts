// The module index: what a function's body shows it does with its parameters, and how the
// packages of a module see each other's functions through their imports.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { GoChecker } from '../server/src/checker';
import { runJobs, type CheckOutcome, type FolderJob } from '../server/src/cli/check';
import { checkingPlan, GoMods, diskModuleFiles } from '../server/src/cli/go-modules';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import type { FuncSignature } from '../server/src/core/file-summary';
import { contentKey, directoryOfImport, ModuleIndex, moduleFrom, moduleImports } from '../server/src/core/module-index';
import { checkerFor, temporaryFolder } from './helpers';

async function signatures(body: string): Promise<Map<string, FuncSignature>> {
  const checker = await checkerFor();
  const document = checker.openDocument('file:///m/helpers.go', `package helpers\n\nimport (\n\t"database/sql"\n\t"net/http"\n\n\t"go.opentelemetry.io/otel/trace"\n)\n\n${body}`);
  try {
    return new Map(checker.summarize(document).funcs.map((fn) => [fn.name, fn]));
  } finally {
    document.dispose();
  }
}

const always = (fn: FuncSignature | undefined) => (fn?.paramCalls ?? []).map((fact) => `${fact.param}:${fact.call}`).sort();
const borrowed = (fn: FuncSignature | undefined) => (fn?.paramUses ?? []).map((fact) => `${fact.param}:${fact.calls.join(',')}`).sort();

describe('what a function always does to its parameters', () => {
  test('a call on every path is recorded; one a path can skip is not', async () => {
    const fns = await signatures(`
func CloseRows(rows *sql.Rows) { _ = rows.Close() }
func DeferClose(rows *sql.Rows) error { defer rows.Close(); return rows.Err() }
func NilSafe(rows *sql.Rows) {
	if rows != nil {
		rows.Close()
	}
}
func NilReturn(rows *sql.Rows) {
	if rows == nil {
		return
	}
	rows.Close()
}
func Maybe(rows *sql.Rows, done bool) {
	if done {
		rows.Close()
	}
}
func EarlyReturn(rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	return rows.Close()
}
func InLiteral(rows *sql.Rows) { go func() { rows.Close() }() }
func Reassigned(rows *sql.Rows, other *sql.Rows) { rows = other; rows.Close() }
func Drain(resp *http.Response) { resp.Body.Close() }
func EndSpan(span trace.Span, err error) {
	if err != nil {
		span.RecordError(err)
	}
	span.End()
}
func Finish(tx *sql.Tx, err error) error {
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
func CommitOnly(tx *sql.Tx, err error) error {
	if err != nil {
		return err
	}
	return tx.Commit()
}
func Configure(db *sql.DB) {
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
}
func NotAResource(n int, rows *sql.Rows) { rows.Close() }
`);
    assert.deepEqual(always(fns.get('CloseRows')), ['0:Close']);
    assert.deepEqual(always(fns.get('DeferClose')), ['0:Close']);
    assert.deepEqual(always(fns.get('NilSafe')), ['0:Close']);
    assert.deepEqual(always(fns.get('NilReturn')), ['0:Close']);
    assert.deepEqual(always(fns.get('Maybe')), []);
    assert.deepEqual(always(fns.get('EarlyReturn')), []);
    assert.deepEqual(always(fns.get('InLiteral')), []);
    assert.deepEqual(always(fns.get('Reassigned')), []);
    assert.deepEqual(always(fns.get('Drain')), ['0:Body.Close']);
    assert.deepEqual(always(fns.get('EndSpan')), ['0:End']);
    assert.deepEqual(always(fns.get('Finish')), ['0:Commit|Rollback']);
    assert.deepEqual(always(fns.get('CommitOnly')), []);
    assert.deepEqual(always(fns.get('Configure')), ['0:SetMaxIdleConns', '0:SetMaxOpenConns']);
    assert.deepEqual(always(fns.get('NotAResource')), ['1:Close']);
  });

  test('a parameter used only for method calls is borrowed; one passed on or kept is not', async () => {
    const fns = await signatures(`
func Scan(rows *sql.Rows) ([]int, error) {
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
func Keep(rows *sql.Rows) *holder { return &holder{rows} }
func Pass(rows *sql.Rows) { Scan(rows) }
func Captured(rows *sql.Rows) { defer func() { rows.Next() }() }
`);
    assert.deepEqual(borrowed(fns.get('Scan')), ['0:Err,Next,Scan']);
    assert.deepEqual(borrowed(fns.get('Keep')), []);
    assert.deepEqual(borrowed(fns.get('Pass')), []);
    assert.deepEqual(borrowed(fns.get('Captured')), []);
  });
});

describe('packages of the module', () => {
  test('go.mod names the module; import paths inside it map to directories, others do not', () => {
    const module = moduleFrom('// comment\nmodule example.com/shop // the shop\n\ngo 1.22\n', 'file:///src/shop')!;
    assert.deepEqual(module, { path: 'example.com/shop', root: 'file:///src/shop/' });
    assert.equal(directoryOfImport(module, 'example.com/shop/internal/repo'), 'file:///src/shop/internal/repo/');
    assert.equal(directoryOfImport(module, 'example.com/shop'), 'file:///src/shop/');
    assert.equal(directoryOfImport(module, 'example.com/shopping/repo'), undefined);
    assert.equal(directoryOfImport(module, 'example.com/shop/vendor/x'), undefined);
    assert.equal(directoryOfImport(module, 'github.com/other/mod'), undefined);
    assert.equal(moduleFrom('go 1.22\n', 'file:///x'), undefined);
  });

  test('an importer sees the exported facts of the package through its import, aliased too; a file is summarised once per text', async () => {
    const checker = await checkerFor();
    const module = moduleFrom('module example.com/shop\n', 'file:///mod')!;
    let reads = 0;
    let textReads = 0;
    const repo = [
      { uri: 'file:///mod/internal/repo/repo.go', text: 'package repo\n\nimport "database/sql"\n\nfunc CloseRows(rows *sql.Rows) { rows.Close() }\n\nfunc closeQuietly(rows *sql.Rows) { rows.Close() }\n' },
      { uri: 'file:///mod/internal/repo/repo_test.go', text: 'package repo\n\nimport "database/sql"\n\nfunc TestOnly(rows *sql.Rows) { rows.Close() }\n' },
    ].map(({ uri, text }) => ({ uri, key: contentKey(text), text: () => (textReads++, text) }));
    const files = {
      module,
      goFiles: (directory: string) => {
        reads++;
        return directory === 'file:///mod/internal/repo/' ? repo : [];
      },
    };
    const importer = checker.openDocument('file:///mod/api/api.go', 'package api\n\nimport store "example.com/shop/internal/repo"\n\nvar _ = store.CloseRows\n');
    const summaries = [checker.summarize(importer)];
    importer.dispose();
    assert.deepEqual(moduleImports(summaries, module), ['example.com/shop/internal/repo']);
    const imported = checker.importedPackages(summaries, files);
    const index = imported.get('example.com/shop/internal/repo')!;
    assert.ok(index, 'the imported package is indexed');
    assert.equal(index.files.length, 1, 'test files are not seen by importers');
    const { PackageIndex } = await import('../server/src/core/package-index');
    const view = new PackageIndex(summaries, undefined, imported);
    assert.deepEqual(view.importedFunc('example.com/shop/internal/repo', 'CloseRows')?.paramCalls, [{ param: 0, call: 'Close' }]);
    assert.equal(view.importedFunc('example.com/shop/internal/repo', 'closeQuietly'), undefined, 'unexported names are not visible');
    assert.equal(view.importedFunc('example.com/shop/internal/repo', 'TestOnly'), undefined);
    assert.notEqual(view.fingerprint, new PackageIndex(summaries).fingerprint, 'the imported facts are part of the fingerprint');
    const again = checker.importedPackages(summaries, files).get('example.com/shop/internal/repo');
    assert.equal(again, index, 'unchanged texts give the same index, not a new summary');
    assert.equal(reads, 2);
    assert.equal(textReads, 1, 'the text is read to summarise it, and not again while its key holds');
  });
});

test('the CLI checks a package before the packages of the module that import it; other folders keep their place', () => {
  const root = temporaryFolder('gbg-order-');
  writeFileSync(join(root, 'go.mod'), 'module example.com/shop\n');
  const write = (folder: string, text: string) => {
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, folder, 'x.go'), text);
  };
  write('api', 'package api\n\nimport (\n\t"fmt"\n\n\tstore "example.com/shop/internal/store"\n)\n');
  write('cmd', 'package main\n\nimport "example.com/shop/api"\n');
  write('internal/store', 'package store\n\n// "example.com/shop/api" in a comment is no import\n');
  write('zeta', 'package zeta\n');
  const folders = ['api', 'cmd', 'internal/store', 'zeta'].map((folder) => join(root, folder));
  assert.deepEqual(checkingPlan(folders, new GoMods()), { order: [2, 0, 1, 3], imported: [true, false, true, false], imports: [[2], [0], [0], []] });
});

test('with two lanes, a package whose imports are done goes before one whose imports are still being checked', async () => {
  // b imports a; c imports nothing. The second lane takes c while a is being checked, and then b
  // rather than stay idle.
  const jobs: FolderJob[] = ['a', 'b', 'c'].map((folder) => ({ folder, wanted: [`${folder}/x.go`] }));
  const events: string[] = [];
  const runner = async (job: FolderJob): Promise<CheckOutcome> => {
    events.push(`start ${job.folder}`);
    await new Promise((resolve) => setTimeout(resolve, job.folder === 'a' ? 30 : 1));
    events.push(`end ${job.folder}`);
    return { findings: [], files: [], errors: [], notices: [] };
  };
  await runJobs(jobs, runner, undefined, 2, [0, 1, 2], [[], [0], []]);
  assert.deepEqual(events.slice(0, 3), ['start a', 'start c', 'end c']);
  assert.equal(events[3], 'start b');
  // Without imports the order alone decides.
  events.length = 0;
  await runJobs(jobs, runner, undefined, 2, [0, 1, 2]);
  assert.deepEqual(events.slice(0, 2), ['start a', 'start b']);
});

test("an index keeps the summaries another one shares, and does not summarise those files again", async () => {
  const checker = await checkerFor([]);
  const text = 'package errs\n\nfunc New() error { return nil }\n';
  const uri = 'file:///m/errs/errs.go';
  const one = new ModuleIndex(() => assert.fail('not summarised here'));
  one.share();
  const document = checker.openDocument(uri, text);
  try {
    one.remember({ uri, text, key: 'k1' }, checker.summarize(document));
  } finally {
    document.dispose();
  }
  const shared = one.takeShared();
  assert.equal(shared.length, 1);
  assert.deepEqual(one.takeShared(), [], 'taken once');
  const other = new ModuleIndex(() => assert.fail('the shared summary is used'));
  other.adopt(shared);
  const index = other.packageIndex('file:///m/errs/', [{ uri, key: 'k1', text: () => text }]);
  assert.deepEqual(index.files.map((file) => file.funcs.map((fn) => fn.name)), [['New']]);
  // An index that does not share collects nothing.
  const quiet = new ModuleIndex(() => assert.fail('not summarised here'));
  quiet.adopt(shared);
  assert.deepEqual(quiet.takeShared(), []);
});

test('a package that no later package imports keeps no summaries for importers', async () => {
  const root = temporaryFolder('gbg-imported-');
  writeFileSync(join(root, 'go.mod'), 'module example.com/shop\n');
  mkdirSync(join(root, 'errs'));
  writeFileSync(join(root, 'errs', 'errs.go'), 'package errs\n\nfunc New() error { return nil }\n');
  const module = new GoMods().nearest(root).module!;
  const files = diskModuleFiles(module, Infinity);
  const source = [{ uri: `${module.root}errs/errs.go`, text: 'package errs\n\nfunc New() error { return nil }\n' }];
  const checker = await GoChecker.create(readGrammarBinaries());
  checker.checkPackage(source, undefined, undefined, files, false);
  assert.equal(checker.moduleIndex.size, 0);
  checker.checkPackage(source, undefined, undefined, files);
  assert.equal(checker.moduleIndex.size, 1);
});

test('in one CLI run, a package imported by many is read from disk once, and its texts are not kept', () => {
  const root = temporaryFolder('gbg-module-files-');
  writeFileSync(join(root, 'go.mod'), 'module example.com/shop\n');
  mkdirSync(join(root, 'errs'));
  const file = join(root, 'errs', 'errs.go');
  writeFileSync(file, 'package errs\n\nfunc New() error { return nil }\n');
  const goMods = new GoMods();
  const module = goMods.nearest(root).module!;
  const files = goMods.filesOf(module, Infinity);
  assert.equal(goMods.filesOf(module, Infinity), files, 'one reader per module for the run');
  const directory = `${module.root}errs/`;
  const first = files.goFiles(directory);
  assert.equal(first.length, 1);
  assert.ok(!('text' in first[0] && typeof first[0].text === 'string'), 'only the keys are kept');
  writeFileSync(file, 'package errs\n\nfunc New() error { return nil }\n\nfunc Other() {}\n');
  assert.equal(files.goFiles(directory), first, 'a second importer gets what the first read');
  assert.match(first[0].text()!, /func Other/, 'a text asked for is read afresh');
});
