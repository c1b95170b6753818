import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, type DirectoryEntry } from '../server/src/lsp/requests';
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
  /** Files the client serves the way VS Code's workspace.fs would (a virtual workspace): URI → text. */
  readonly virtualFiles = new Map<string, string>();
  /** Every file request the server sent the client: `method uri`. */
  readonly fileRequests: string[] = [];
  /** The last diagnostics published for each document. */
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** Called with every diagnostics notification. */
  onPublish?: (params: PublishDiagnosticsParams) => void;
  /** The server's last `experimental/serverStatus` (asked for with `initialize(…, { serverStatusNotification: true })`). */
  private quiescent = true;
  private readonly quiescentWaiters: Array<() => void> = [];
  /** What the server wrote, once `recordWrites()` was called. */
  readonly written: string[] = [];
  /** Set once the server process has exited. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };

  constructor(execArgv: string[] = []) {
    this.process = spawn(process.execPath, [...execArgv, join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.process.once('exit', (code, signal) => (this.exit = { code, signal }));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('experimental/serverStatus', (params: { quiescent: boolean }) => {
      this.quiescent = params.quiescent;
      if (this.quiescent) for (const resolve of this.quiescentWaiters.splice(0)) resolve();
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params);
      this.onPublish?.(params);
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
    this.connection.onRequest(READ_DIRECTORY_REQUEST, ({ uri }: { uri: string }) => {
      this.fileRequests.push(`${READ_DIRECTORY_REQUEST} ${uri}`);
      return this.listVirtual(uri);
    });
    this.connection.onRequest(READ_FILE_REQUEST, ({ uri, maxBytes }: { uri: string; maxBytes?: number }) => {
      this.fileRequests.push(`${READ_FILE_REQUEST} ${uri}`);
      const text = this.virtualFiles.get(uri);
      return text === undefined || (maxBytes !== undefined && Buffer.byteLength(text) > maxBytes) ? null : text;
    });
    this.connection.listen();
  }

  /** The entries of a directory of the virtual files; null when no file lies below it. */
  private listVirtual(directory: string): DirectoryEntry[] | null {
    const prefix = directory.endsWith('/') ? directory : `${directory}/`;
    const entries = new Map<string, DirectoryEntry>();
    for (const uri of this.virtualFiles.keys()) {
      if (!uri.startsWith(prefix)) continue;
      const [name, ...below] = uri.slice(prefix.length).split('/');
      entries.set(name, { name, uri: prefix + name, directory: below.length > 0 });
    }
    return entries.size > 0 ? [...entries.values()] : null;
  }

  /** Resolves with the next diagnostics published for `uri`. Call before the action that triggers them. */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => {
      const waiters = this.waiting.get(uri) ?? [];
      waiters.push(resolve);
      this.waiting.set(uri, waiters);
    });
  }

  /**
   * From now on, records every message the server writes, in the order written: `reply <id>` or
   * `<method> <uri>` (the client connection hands replies over before earlier notifications, so
   * only the stream shows their order).
   */
  recordWrites(): void {
    let pending = Buffer.alloc(0);
    this.process.stdout!.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const header = pending.indexOf('\r\n\r\n');
        const length = header === -1 ? NaN : Number(/Content-Length: (\d+)/i.exec(pending.subarray(0, header).toString())?.[1]);
        if (Number.isNaN(length) || pending.length < header + 4 + length) break;
        const message = JSON.parse(pending.subarray(header + 4, header + 4 + length).toString()) as { id?: number; method?: string; params?: { uri?: string } };
        pending = pending.subarray(header + 4 + length);
        this.written.push(message.method ? `${message.method} ${message.params?.uri ?? ''}` : `reply ${message.id}`);
      }
    });
  }

  /** The server's process id, to measure it. */
  get pid(): number {
    return this.process.pid!;
  }

  async initialize(locale = 'en', workspace: Record<string, unknown> = {}, experimental: Record<string, unknown> = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      locale,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, ...workspace },
        window: { showDocument: { support: true } },
        experimental,
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /**
   * Resolves once the server has handled everything sent so far and has no analysis left to do.
   * A request is the barrier: the status it is answered after reflects every earlier message.
   */
  async settled(): Promise<void> {
    await this.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///barrier/none.go' }, position: { line: 0, character: 0 } });
    if (this.quiescent) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve, reject) => {
      this.quiescentWaiters.push(resolve);
      timer = setTimeout(() => reject(new Error('the server did not become quiescent within 60 s')), 60_000);
    }).finally(() => clearTimeout(timer));
  }

  /** Ends the server process at once (after a failure, so that the test process can exit). */
  kill(): void {
    if (!this.exit) this.process.kill('SIGKILL');
    this.connection.dispose();
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
