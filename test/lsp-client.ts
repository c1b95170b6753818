import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './helpers';

/**
 * Drives the real server (dist/server.js) over stdio the way an editor does, recording what the
 * server pushes so tests can wait for it: never sleeps, always waits on the next event.
 */
export class LspSession {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly waiting = new Map<string, Array<(params: PublishDiagnosticsParams) => void>>();
  readonly shownDocuments: string[] = [];
  readonly messages: string[] = [];
  /** What the server wrote to its output channel. */
  readonly logs: string[] = [];
  /** What `workspace/configuration` answers for the `goBackendGuide` section. */
  settings: Record<string, unknown> = {};

  constructor() {
    this.process = spawn(process.execPath, [join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const waiters = this.waiting.get(params.uri) ?? [];
      this.waiting.delete(params.uri);
      for (const resolve of waiters) resolve(params);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showDocument', (params: { uri: string }) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    this.connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.messages.push(params.message);
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.listen();
  }

  /** Resolves with the next diagnostics published for `uri`. Call before the action that triggers them. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => {
      const waiters = this.waiting.get(uri) ?? [];
      waiters.push(resolve);
      this.waiting.set(uri, waiters);
    });
  }

  async initialize(locale = 'en', workspace: Record<string, unknown> = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      locale,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...workspace }, window: { showDocument: { support: true } } },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
