// Bundle entry of dist/server-main.js: the language server the VS Code client starts (through dist/server.js).
import { runLanguageServer } from '../lsp/main';

runLanguageServer();
