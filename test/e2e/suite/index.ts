// The extension-host entry point, in @vscode/test-electron's style: VS Code (or code-server)
// loads this module in its extension host and awaits `run()`; a rejection fails the run.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  // The tests are bundled into this file: define mocha's globals, then load them.
  mocha.suite.emit('pre-require', globalThis, 'extension.e2e', mocha);
  require('./extension.e2e');
  require('./crash-recovery.e2e');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
