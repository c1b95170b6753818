// Node 20 compiles a bundle's JavaScript again at every start (its own compile cache came in
// Node 22), which the language server and the CLI pay before they can answer. Their launchers run
// the bundle through V8's code cache instead, kept in the user cache folder.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { userCacheDir } from './cache-dir';

/** Runs a CommonJS bundle as `require` would, with the bytecode V8 kept from an earlier start. */
export function runBundle(bundle: string): void {
  const source = readFileSync(bundle, 'utf8');
  const { size, mtimeMs } = statSync(bundle);
  const name = basename(bundle, '.js');
  const folder = join(userCacheDir(), 'code');
  const file = join(folder, `${name}-${size}-${Math.round(mtimeMs)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    // first start of this build
  }
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) keepLater(script, folder, file, name);
  const module = new Module(bundle, require.main);
  module.filename = bundle;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

/**
 * The cache is written once the start-up work has run (its functions are compiled by then, and
 * V8 keeps their bytecode too), or at exit if that comes first; other builds' caches go.
 */
function keepLater(script: Script, folder: string, file: string, name: string): void {
  let kept = false;
  const keep = () => {
    if (kept) return;
    kept = true;
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(folder, { recursive: true });
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, file);
      for (const other of readdirSync(folder)) {
        if (other.startsWith(`${name}-`) && join(folder, other) !== file && !other.endsWith('.tmp')) rmSync(join(folder, other), { force: true });
      }
    } catch {
      rmSync(temporary, { force: true });
    }
  };
  setTimeout(keep, 3000).unref();
  process.once('exit', keep);
}
