// Code only command-line tools run: warnings of the rules whose harm takes a process that keeps
// running are information there (core/programs). A wrong "tool" would hide a service's warning,
// so most of these tests are about what must stay a warning.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { ProgramGraph, type PackageTexts } from '../server/src/core/programs';
import { onlyToolsRun } from '../server/src/core/tool-code';
import { RULES } from '../server/src/rules/registry';
import { ROOT, temporaryFolder, wantedFindings } from './helpers';

const FIXTURE = join(ROOT, 'test/fixtures/programs');
const DEFAULT_SEVERITY = new Map(RULES.map((rule) => [rule.meta.id, rule.meta.defaultSeverity]));

describe('a module of services and tools, through the CLI', () => {
  test('fires exactly on the // want lines, lowered where only tools run the code', () => {
    const expected = wantedIn(FIXTURE);
    assert.deepEqual(sorted(findingsOf(FIXTURE)), sorted(expected));
    // Both outcomes are exercised: lowered findings and kept warnings.
    const all = [...expected.values()].flat();
    assert.ok(all.filter((id) => id === 'http-client-timeout:information').length >= 5);
    assert.ok(all.filter((id) => id === 'http-client-timeout').length >= 6);
  });
});

describe("a service's exported functions and the module's own calls, through the CLI", () => {
  test('SQL built from, or a dial without TLS to, a parameter every caller fixes is silent; a dial to a flag defaulting to this machine is information; any other caller, use or source keeps the warning', () => {
    const folder = join(ROOT, 'test/fixtures/callers');
    const expected = wantedIn(folder);
    assert.deepEqual(sorted(findingsOf(folder)), sorted(expected));
    const ids = [...expected.values()].flat();
    assert.ok(ids.filter((id) => id === 'sql-string-building').length >= 5);
    assert.ok(ids.filter((id) => id === 'grpc-insecure-credentials:information').length >= 2);
    assert.ok(ids.filter((id) => id === 'grpc-insecure-credentials').length >= 6);
    // The silenced ones are there to be silenced: the same SQL building, the same dial as the others.
    assert.match(readFileSync(join(folder, 'store/store.go'), 'utf8'), /func \(s \*Store\) List\(orderBy, order string\)[^]*?fmt\.Sprintf\("SELECT id FROM items ORDER BY %s %s", orderBy, order\)/);
    assert.match(readFileSync(join(folder, 'rpc/rpc.go'), 'utf8'), /func Local\(addr string\)[^]*?grpc\.NewClient\(addr, grpc\.WithTransportCredentials\(insecure\.NewCredentials\(\)\)\)\n/);
  });
});

/** What the CLI finds in a folder, by `file:line`, as `rule` or `rule:severity` when not the rule's default. */
function findingsOf(folder: string): Map<string, string[]> {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), 'check', '--no-cache', '--format', 'json', '.'], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.stderr, '');
  const actual = new Map<string, string[]>();
  for (const finding of JSON.parse(run.stdout).findings as { file: string; line: number; rule: string; severity: string }[]) {
    const key = `${finding.file}:${finding.line}`;
    const id = finding.severity === DEFAULT_SEVERITY.get(finding.rule) ? finding.rule : `${finding.rule}:${finding.severity}`;
    actual.set(key, [...(actual.get(key) ?? []), id]);
  }
  return actual;
}

/** The `// want` lines of a folder's .go files, by `file:line`. */
function wantedIn(folder: string): Map<string, string[]> {
  const expected = new Map<string, string[]>();
  for (const path of goFiles(folder)) {
    for (const [line, ids] of wantedFindings(readFileSync(path, 'utf8'))) expected.set(`${relative(folder, path)}:${line + 1}`, ids);
  }
  return expected;
}

describe("what the graph concludes is cached by the module's content", () => {
  test('a re-run replays it; a tool that starts serving elsewhere in the module turns its warnings back on', () => {
    const root = temporaryFolder('gbg-programs-');
    cpSync(FIXTURE, root, { recursive: true });
    const cache = temporaryFolder('gbg-programs-cache-');
    const check = () => {
      const run = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), 'check', '--format', 'json', 'cmd/fetch'], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, GO_BACKEND_GUIDE_CACHE: cache } });
      return (JSON.parse(run.stdout).findings as { file: string; line: number; severity: string }[]).map((finding) => `${finding.file}:${finding.line}:${finding.severity}`);
    };
    const first = check();
    assert.ok(first.includes('cmd/fetch/main.go:27:information'), first.join('\n'));
    assert.ok(readdirSync(join(cache, 'results')).length > 0, 'nothing was cached');
    assert.deepEqual(check(), first);
    // The archive package, not the folder checked, starts a server: the tool is a service now.
    const archive = join(root, 'cmd/fetch/archive/archive.go');
    writeFileSync(archive, readFileSync(archive, 'utf8').replace('func Get(url string) error {', 'func Get(url string) error {\n\tgo http.ListenAndServe(":8080", nil)'));
    assert.ok(check().includes('cmd/fetch/main.go:27:warning'));
  });
});

describe('ProgramGraph', () => {
  test('a function a serving program hands to a library (a handler value, a handler type) is reached by it', () => {
    const files = {
      'cmd/server/main.go': `package main

import (
	"flag"
	"net/http"

	"example.com/m/api"
)

func main() {
	flag.Parse()
	http.HandleFunc("/a", handle)
	http.Handle("/b", &api.Handler{})
	http.ListenAndServe(":80", nil)
}

func handle(w http.ResponseWriter, r *http.Request) { api.Shared() }
`,
      'api/api.go': `package api

import "net/http"

type Handler struct{}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { viaType() }

func Shared() {}

func viaType() {}

func onlyTool() {}

func Tool() { onlyTool(); Shared(); viaType() }
`,
      // A module whose root is a tool (as goctl's is) holds all of its packages in its folder.
      'main.go': `package main

import (
	"flag"

	"example.com/m/api"
)

func main() {
	flag.Parse()
	api.Tool()
}
`,
    };
    const graph = new ProgramGraph(module(files));
    const text = files['api/api.go'];
    assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/api', text, text.indexOf('func Shared')), false);
    assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/api', text, text.indexOf('func viaType')), false);
    assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/api', text, text.indexOf('func onlyTool')), true);
  });

  test('a method is reached only once its type is named, and an unexported one only from its package', () => {
    const files = {
      'cmd/tool/main.go': `package main

import (
	"flag"

	"example.com/m/cmd/tool/jobs"
)

func main() {
	flag.Parse()
	j := jobs.New()
	j.Run()
}
`,
      'cmd/tool/jobs/jobs.go': `package jobs

import "time"

type Job struct{}

func New() *Job { return &Job{} }

func (j *Job) Run() { j.step() }

func (j *Job) step() {}

type Daemon struct{}

func (d *Daemon) Run() {
	for {
		d.step()
		time.Sleep(time.Second)
	}
}

func (d *Daemon) step() {}
`,
    };
    const graph = new ProgramGraph(module(files));
    const text = files['cmd/tool/jobs/jobs.go'];
    // Daemon is never made, so its endless loop is not the tool's, and Job's code is only the tool's.
    assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/cmd/tool/jobs', text, text.indexOf('func (j *Job) step')), true);
    assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/cmd/tool/jobs', text, text.indexOf('func (d *Daemon) step')), false, 'no program reaches it');
  });

  test('a command that runs another command serves when that one does', () => {
    const files = {
      'cmd/app/main.go': `package main

import (
	"net/http"

	"github.com/spf13/cobra"
)

var serveCmd = &cobra.Command{
	RunE: func(cmd *cobra.Command, args []string) error {
		return http.ListenAndServe(":80", nil)
	},
}

var allCmd = &cobra.Command{
	RunE: func(cmd *cobra.Command, args []string) error {
		warm()
		return serveCmd.RunE(cmd, args)
	},
}

var warmCmd = &cobra.Command{
	RunE: func(cmd *cobra.Command, args []string) error {
		warm()
		onlyWarm()
		return nil
	},
}

func warm() {}

func onlyWarm() {}

func main() {
	root := &cobra.Command{}
	root.AddCommand(serveCmd, allCmd, warmCmd)
	root.Execute()
}
`,
    };
    const graph = new ProgramGraph(module(files));
    const text = files['cmd/app/main.go'];
    assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/cmd/app', text, text.indexOf('func warm')), false);
    assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/cmd/app', text, text.indexOf('func onlyWarm')), true);
  });

  test('a server made by an unknown library still serves: a NewServer call, a Run on a port', () => {
    for (const serving of ['srv := rpc.NewServer(opts); srv.Wait()', 'srv := rpc.Make(); srv.Run(opts.Port)', 'srv := rpc.Make(); srv.Start(listenAddr)']) {
      const files = {
        'cmd/store/main.go': `package main

import (
	"flag"

	"example.com/rpc"
)

func main() {
	flag.Parse()
	fetch()
	${serving}
}

func fetch() {}
`,
      };
      const graph = new ProgramGraph(module(files));
      const text = files['cmd/store/main.go'];
      assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/cmd/store', text, text.indexOf('func fetch')), false, serving);
    }
  });

  test('a variable holding a function: the function runs where the variable is read, not at init', () => {
    const files = {
      'cmd/tool/main.go': `package main

import "flag"

var steps = []func(){stepA}

var checks = map[string]func(){"b": stepB}

func stepA() {}

func stepB() {}

func main() {
	flag.Parse()
	for _, check := range checks {
		check()
	}
}
`,
    };
    const text = files['cmd/tool/main.go'];
    const graph = new ProgramGraph(module(files));
    assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/cmd/tool', text, text.indexOf('func stepB')), true);
    assert.equal(onlyToolsRun(graph.verdicts(), 'example.com/m/cmd/tool', text, text.indexOf('func stepA')), false, 'nothing reads steps');
  });
});

/** The packages of the module `example.com/m`, from texts by path. */
function module(files: Record<string, string>): PackageTexts[] {
  const byDirectory = new Map<string, { uri: string; text: string }[]>();
  for (const [path, text] of Object.entries(files)) {
    const directory = path.slice(0, Math.max(0, path.lastIndexOf('/')));
    byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), { uri: `file:///m/${path}`, text }]);
  }
  return [...byDirectory].map(([directory, texts]) => ({ importPath: directory ? `example.com/m/${directory}` : 'example.com/m', files: texts }));
}
function goFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? goFiles(join(directory, entry.name)) : entry.name.endsWith('.go') ? [join(directory, entry.name)] : [],
  );
}

function sorted(map: Map<string, string[]>): [string, string[]][] {
  return [...map].map(([key, ids]) => [key, [...ids].sort()] as [string, string[]]).sort(([a], [b]) => a.localeCompare(b));
}
