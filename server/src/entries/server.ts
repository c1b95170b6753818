// Bundle entry of dist/server.js: the language server the VS Code client starts.
import { runLanguageServer } from '../lsp/main';

runLanguageServer();
