// Bundle entry of dist/server.js, which the VS Code client starts: runs the language server
// (dist/server-main.js) through V8's code cache.
import { join } from 'node:path';
import { runBundle } from '../node/code-cache';

runBundle(join(__dirname, 'server-main.js'));
