// Bundle entry of dist/web/server.js: the language server the web extension runs in a worker.
import { runWebLanguageServer } from '../web/main';

runWebLanguageServer(self as unknown as DedicatedWorkerGlobalScope);
