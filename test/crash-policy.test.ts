// How often the client restarts a language server that keeps dying (client/src/crash-policy.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CrashPolicy } from '../client/src/crash-policy';

test('three restarts within three minutes, then stopped; older crashes are forgotten; a reset counts afresh', () => {
  let now = 0;
  const policy = new CrashPolicy(3, 180_000, () => now);
  const verdicts = [0, 10_000, 20_000, 30_000].map((time) => {
    now = time;
    return policy.crashed();
  });
  assert.deepEqual(verdicts, [
    { restart: true, crashes: 1 },
    { restart: true, crashes: 2 },
    { restart: true, crashes: 3 },
    { restart: false, crashes: 4 },
  ]);
  now = 195_000; // the first two are over three minutes old
  assert.deepEqual(policy.crashed(), { restart: true, crashes: 3 });
  policy.reset();
  assert.deepEqual(policy.crashed(), { restart: true, crashes: 1 });
});
