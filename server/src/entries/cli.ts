// Bundle entry of dist/cli.js, `go-backend-guide …`: runs the CLI (dist/cli-main.js) through
// V8's code cache.
import { join } from 'node:path';
import { runBundle } from '../node/code-cache';

runBundle(join(__dirname, 'cli-main.js'));
