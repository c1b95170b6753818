// node scripts/bad-inputs.mjs [NAME...]: the bad inputs of issue 16 (and 17) through the CLI, each
// with its outcome (exit code, first line of stderr), wall time and peak memory. Needs
// `npm run build` first, GNU time at /usr/bin/time and timeout(1) (Linux). Inputs are made in a
// temporary folder; a run is stopped after 5 minutes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/go-backend-guide.js');
const DEPTH = 10_000;

const server = 'package p\n\nimport "net/http"\n\nfunc serve() error {\n\treturn (&http.Server{Addr: ":80"}).ListenAndServe()\n}\n';

/** Each case writes its files into `dir` and returns the CLI arguments. */
const CASES = {
  'fifo in a package folder': (dir) => {
    writeFileSync(join(dir, 'server.go'), server);
    spawnSync('mkfifo', [join(dir, 'pipe.go')]);
    return ['check', '.'];
  },
  'device linked as a .go file': (dir) => {
    writeFileSync(join(dir, 'server.go'), server);
    symlinkSync('/dev/urandom', join(dir, 'random.go'));
    return ['check', '.'];
  },
  [`${DEPTH} nested calls`]: (dir) => {
    writeFileSync(join(dir, 'calls.go'), `package p\n\nfunc f(x int) int { return x }\n\nvar x = ${'f('.repeat(DEPTH)}1${')'.repeat(DEPTH)}\n`);
    return ['check', '.'];
  },
  [`${DEPTH} nested ifs`]: (dir) => {
    writeFileSync(join(dir, 'ifs.go'), `package p\n\nfunc g(b bool) {\n${'if b {\n'.repeat(DEPTH)}${'}\n'.repeat(DEPTH)}}\n`);
    return ['check', '.'];
  },
  [`${DEPTH} nested func literals`]: (dir) => {
    writeFileSync(join(dir, 'literals.go'), `package p\n\nvar h = ${'func() {\n'.repeat(DEPTH)}${'}()\n'.repeat(DEPTH - 1)}}\n`);
    return ['check', '.'];
  },
  [`${DEPTH}-term string concatenation`]: (dir) => {
    writeFileSync(join(dir, 'concat.go'), `package p\n\nvar s = ${Array.from({ length: DEPTH }, (_, i) => `"s${i}"`).join(' + ')}\n`);
    return ['check', '.'];
  },
  '500 nested goroutine literals sharing a counter': (dir) => {
    writeFileSync(join(dir, 'goroutines.go'), `package p\n\nfunc k() {\n\tn := 0\n${'go func() {\nn++\n'.repeat(500)}${'}()\n'.repeat(500)}\t_ = n\n}\n`);
    return ['check', '.'];
  },
  '50 MB file, --max-file-size raised': (dir) => {
    const body = 'func f%d(ctx context.Context) error {\n\treturn fmt.Errorf("step %%d: %%v", 1, ctx.Err())\n}\n\n';
    const parts = ['package p\n\nimport (\n\t"context"\n\t"fmt"\n)\n\n'];
    for (let i = 0, size = 0; size < 50 * 2 ** 20; i++) {
      const part = body.replaceAll('%d', String(i)).replaceAll('%%', '%');
      parts.push(part);
      size += part.length;
    }
    writeFileSync(join(dir, 'huge.go'), parts.join(''));
    return ['check', '--max-file-size', '100000000', '.'];
  },
};

const wanted = process.argv.slice(2);
for (const [name, make] of Object.entries(CASES)) {
  if (wanted.length > 0 && !wanted.some((w) => name.includes(w))) continue;
  const dir = mkdtempSync(join(tmpdir(), 'gbg-bad-'));
  try {
    mkdirSync(dir, { recursive: true });
    const args = make(dir);
    // timeout(1) stops the CLI itself after 5 minutes (exit 124); time(1) measures it.
    const run = spawnSync('/usr/bin/time', ['-f', '%e %M', 'timeout', '300', process.execPath, CLI, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const lines = run.stderr.trim().split('\n');
    const [seconds, kilobytes] = (lines.pop() ?? '').split(' ');
    const said = lines.find((line) => line.startsWith('go-backend-guide:')) ?? '';
    const outcome = run.status === 124 ? 'stopped after 300 s' : `exit ${run.status}`;
    console.log(`${name}: ${outcome}, ${seconds} s, ${Math.round(Number(kilobytes) / 1024)} MB peak${said ? ` — ${said.slice(0, 160)}` : ''}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
