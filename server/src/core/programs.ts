// Which code of a module only command-line tools run. A warning means a service can go down, leak
// or hang; in a one-shot program that a person starts and watches (a code generator, a downloader,
// an operator's `cleanup` command), a missing timeout or a leaked body ends with the process, so
// such findings are information there (see `RuleMeta.longRunning`).
//
// Read from the texts of the module's packages, without parsing (gofmt's layout: a top-level
// declaration starts a line): each top-level function and what it refers to, each program
// (`package main` with `func main`) and, for command-line libraries that run one command per
// process, each command. A process serves when any code it can reach listens, serves, registers a
// gRPC server, makes a server, uses a web framework or a consumer library, ticks, polls forever
// or waits for SIGTERM; a program that reads no command line counts as serving whatever it does.
// Every doubt leans toward "serves": what a function names is taken as called, a type once named
// may have any exported method called (by a library it is handed to), and code no program
// reaches, or that no program holds in its folder, is left as it is.
import { isBuildIgnored } from './generated';
import { isExported } from './package-index';
import { blank, block, declarationsOf, dotBefore, importsOf, isUnder, isWordCode, packageClause } from './program-text';
import type { ToolVerdicts } from './tool-code';

/** A package of the module as the graph reads it. */
export interface PackageTexts {
  importPath: string;
  /** Its non-test files. */
  files: readonly { uri: string; text: string }[];
}

/** A top-level function, method, or a package's initialisation (`init` and variable initialisers). */
interface Code {
  id: string;
  packagePath: string;
  /** What it names of the module: `pkg.Name` of a module package, or a top-level name of its own package. */
  calls: Set<string>;
  /** Unexported method names it calls or takes as values: they reach that method of its package's named types. */
  methods: Set<string>;
  /** Methods called on its own receiver (`s.helper()`): that type's, or, for a field or a promoted method, by name. */
  ownMethods: Set<string>;
  /** Something in it serves or runs until stopped. */
  serves: boolean;
  /** It reads the command line. */
  readsCommandLine: boolean;
}

/** A type declared in the module: its methods, and the types its declaration names (fields, embedded, underlying). */
interface TypeCode {
  methods: Map<string, string>;
  names: Set<string>;
}

/** What an import of a file is, for the code that uses it. */
interface ImportKind {
  path: string;
  /** A package of the module: its functions are followed. */
  inModule: boolean;
  serves: boolean;
  readsCommandLine: boolean;
}

/** What the code of one file is read with: its imports, and its package's top-level names. */
interface Scope {
  imports: Map<string, ImportKind>;
  topLevel: Set<string>;
}

interface PackageCode {
  importPath: string;
  name: string;
  imports: Set<string>;
  isMain: boolean;
  /** The types a struct tag names as a go-flags command: their `Execute` methods run a command each. */
  commandTypes: Set<string>;
  /** Functions with the signature of a cobra or urfave/cli command's action: each runs a command. */
  commandHandlers: Set<string>;
}

/**
 * Calls that listen or serve, register a gRPC server, make a server (`NewServer`, `NewRPCServer`),
 * run or start something on a port or an address; an empty `select`; a ticker.
 */
const SERVES = new RegExp(
  [
    String.raw`\b(?:ListenAndServe|ListenAndServeTLS|Serve|ServeTLS|ServeListener|ServeConn|Listen|ListenTCP|ListenUDP|ListenUnix|ListenPacket|Spin)\s*\(`,
    String.raw`\bRegister\w*Server\s*\(`,
    String.raw`\b(?:Must)?New\w*Server\s*\(`,
    String.raw`\.\s*(?:Run|Start|Listen)\w*\s*\([^)]*\b\w*(?:Port|port|Addr|addr|Address|address)\b`,
    String.raw`\bselect\s*\{\s*\}`,
    String.raw`\btime\s*\.\s*(?:NewTicker|Tick)\s*\(`,
  ].join('|'),
);

/**
 * A daemon's other shapes: waiting for the termination signal a supervisor sends (SIGTERM; a tool
 * catches Ctrl-C, and a SIGQUIT dump is for any program), or a loop that sleeps and never leaves
 * (a retry loop returns or breaks).
 */
function waitsForStop(text: string): boolean {
  if (/\bsignal\s*\.\s*Notify(?:Context)?\s*\(/.test(text) && /\bSIGTERM\b/.test(text)) return true;
  for (const loop of text.matchAll(/\bfor\s*\{/g)) {
    const body = block(text, loop.index! + loop[0].length - 1);
    if (/\btime\s*\.\s*(?:Sleep|After)\s*\(/.test(body) && !/\b(?:return|break|goto|panic|Exit|Fatal\w*)\b/.test(body)) return true;
  }
  return false;
}

/**
 * Libraries services are built on (web and RPC frameworks, queue consumers, schedulers, workflow
 * workers, application containers): a function that uses one counts as serving.
 */
const SERVING_IMPORTS = [
  'github.com/gin-gonic/gin',
  'github.com/labstack/echo',
  'github.com/gofiber/fiber',
  'github.com/go-chi/chi',
  'github.com/gorilla/mux',
  'github.com/gorilla/websocket',
  'github.com/julienschmidt/httprouter',
  'github.com/valyala/fasthttp',
  'github.com/beego/beego',
  'github.com/astaxie/beego',
  'github.com/kataras/iris',
  'github.com/emicklei/go-restful',
  'github.com/zeromicro/go-zero/rest',
  'github.com/zeromicro/go-zero/zrpc',
  'github.com/zeromicro/go-zero/core/service',
  'github.com/go-kratos/kratos/v2/transport',
  'github.com/cloudwego/hertz/pkg/app/server',
  'github.com/cloudwego/kitex/server',
  'github.com/pocketbase/pocketbase',
  'go.opentelemetry.io/collector',
  'github.com/Shopify/sarama',
  'github.com/IBM/sarama',
  'github.com/segmentio/kafka-go',
  'github.com/confluentinc/confluent-kafka-go',
  'github.com/nats-io/nats.go',
  'github.com/streadway/amqp',
  'github.com/rabbitmq/amqp091-go',
  'github.com/robfig/cron',
  'github.com/hibiken/asynq',
  'github.com/go-co-op/gocron',
  'github.com/gocraft/work',
  'github.com/RichardKnop/machinery',
  'github.com/ThreeDotsLabs/watermill',
  'github.com/nsqio/go-nsq',
  'github.com/twmb/franz-go',
  'github.com/apache/pulsar-client-go',
  'go.temporal.io/sdk/worker',
  'go.uber.org/fx',
  'github.com/micro/go-micro',
  'go-micro.dev',
  'github.com/go-kit/kit/transport',
  'github.com/gogf/gf/v2/net/ghttp',
  'github.com/gogf/gf/v2/frame/g',
  'github.com/panjf2000/gnet',
  'github.com/dapr/go-sdk/service',
  'github.com/centrifugal/centrifuge',
  'net/rpc',
];

const COMMAND_LINE_IMPORTS = [
  'flag',
  'github.com/spf13/cobra',
  'github.com/spf13/pflag',
  'github.com/urfave/cli',
  'github.com/alecthomas/kingpin',
  'gopkg.in/alecthomas/kingpin',
  'github.com/alecthomas/kong',
  'github.com/jessevdk/go-flags',
];

/**
 * The functions of a module's programs and what each program, and each of its commands, can
 * reach. Built once per module, when a finding first asks.
 */
export class ProgramGraph {
  private readonly packages = new Map<string, PackageCode>();
  private readonly codes = new Map<string, Code>();
  /** The module's types by id (`pkg.Name`). */
  private readonly types = new Map<string, TypeCode>();
  /** A package variable's id (`pkg.name`) to the code of its declaration. */
  private readonly aliases = new Map<string, string>();
  /** The commands' actions written in a variable's declaration, by the variable's code id. */
  private readonly heldCommands = new Map<string, string[]>();
  /** Per code id: the programs (import paths) whose processes reach it, or null once a serving one does. */
  private readonly reachedBy = new Map<string, Set<string> | null>();
  /** Package names by import path. */
  private readonly names = new Map<string, string>();

  constructor(packages: Iterable<PackageTexts>) {
    const all = [...packages].map((pkg) => ({ ...pkg, files: pkg.files.filter((file) => !isBuildIgnored(file.text)) }));
    for (const pkg of all) {
      const name = pkg.files.map((file) => packageClause(file.text)).find((name) => name !== undefined && name !== 'documentation');
      if (name) this.names.set(pkg.importPath, name);
    }
    for (const pkg of all) if (this.names.has(pkg.importPath)) this.read(pkg);
    for (const pkg of this.packages.values()) if (pkg.isMain) this.addProgram(pkg);
  }

  /** What the graph concludes, to ask with `onlyToolsRun` (and to keep: the CLI caches it per module content). */
  verdicts(): ToolVerdicts {
    const verdicts: ToolVerdicts = {};
    for (const [id, programs] of this.reachedBy) if (programs && programs.size > 0) verdicts[id] = [...programs].sort();
    return verdicts;
  }

  private read(pkg: PackageTexts): void {
    const name = this.names.get(pkg.importPath)!;
    const code: PackageCode = { importPath: pkg.importPath, name, imports: new Set(), isMain: false, commandTypes: new Set(), commandHandlers: new Set() };
    this.packages.set(pkg.importPath, code);
    const init = this.code(`${pkg.importPath}#init`, pkg.importPath);
    const files = pkg.files.filter((file) => packageClause(file.text) === name).map((file) => {
      const imports = importsOf(file.text, this.names);
      for (const path of imports.values()) code.imports.add(path);
      if (file.text.includes('command:"')) for (const match of file.text.matchAll(/\b\w+\s+\*?([\w.]+)\s+`[^`\n]*\bcommand:"/g)) code.commandTypes.add(match[1]);
      return { imports, declarations: declarationsOf(pkg.importPath, blank(file.text), imports) };
    });
    // The package's own names: a bare identifier that is one of them is a reference to it.
    const topLevel = new Set<string>();
    for (const { declarations } of files) {
      for (const declaration of declarations) {
        if (declaration.kind === 'function' && !declaration.receiver) topLevel.add(declaration.id.slice(pkg.importPath.length + 1));
        for (const declared of declaration.names) topLevel.add(declared);
      }
    }
    for (const { imports, declarations } of files) {
      const scope: Scope = { imports: this.importKinds(imports), topLevel };
      for (const declaration of declarations) {
        if (declaration.isCommand) code.commandHandlers.add(declaration.id);
        switch (declaration.kind) {
          case 'type': {
            const named = this.code(`${declaration.id}#names`, pkg.importPath);
            this.refer(named, declaration.text, scope);
            for (const typeName of declaration.names) this.typeCode(`${pkg.importPath}.${typeName}`).names = named.calls;
            break;
          }
          case 'variable':
            // The initialiser's calls run at init; what it only names runs when the variable is read.
            for (const variableName of declaration.names) this.aliases.set(`${pkg.importPath}.${variableName}`, declaration.id);
            this.refer(init, declaration.text, scope, undefined, this.code(declaration.id, pkg.importPath));
            break;
          case 'function': {
            const { receiver } = declaration;
            if (receiver) this.typeCode(`${pkg.importPath}.${receiver.type}`).methods.set(declaration.id.slice(declaration.id.lastIndexOf('.') + 1), declaration.id);
            if (declaration.id === `${pkg.importPath}.main` && name === 'main') code.isMain = true;
            this.refer(this.code(declaration.id, pkg.importPath), declaration.text, scope, receiver);
            break;
          }
          default: {
            const own = this.code(declaration.id, pkg.importPath);
            if (declaration.kind === 'command' && declaration.enclosing?.includes('#var:')) {
              this.heldCommands.set(declaration.enclosing, [...(this.heldCommands.get(declaration.enclosing) ?? []), declaration.id]);
            }
            this.refer(own, declaration.text, scope);
            // It may call what the code around it prepared (a closure over a function value).
            if (declaration.enclosing) own.calls.add(declaration.enclosing);
          }
        }
      }
    }
  }

  /** What each import of a file is, by the name it is used by. */
  private importKinds(imports: Map<string, string>): Map<string, ImportKind> {
    const kinds = new Map<string, ImportKind>();
    for (const [alias, path] of imports) {
      kinds.set(alias, {
        path,
        inModule: this.names.has(path),
        serves: SERVING_IMPORTS.some((prefix) => isUnder(path, prefix)),
        readsCommandLine: COMMAND_LINE_IMPORTS.some((prefix) => isUnder(path, prefix)),
      });
    }
    return kinds;
  }

  private typeCode(id: string): TypeCode {
    let type = this.types.get(id);
    if (!type) this.types.set(id, (type = { methods: new Map(), names: new Set() }));
    return type;
  }

  private code(id: string, packagePath: string): Code {
    let code = this.codes.get(id);
    if (!code) this.codes.set(id, (code = { id, packagePath, calls: new Set(), methods: new Set(), ownMethods: new Set(), serves: false, readsCommandLine: false }));
    return code;
  }

  /**
   * What a declaration's code refers to, and what it does. With `values`, only what is called goes
   * to `code`; what is only named (a function value, a variable) goes to `values`.
   */
  private refer(code: Code, text: string, scope: Scope, method?: { name: string; type: string }, values: Code = code): void {
    if (SERVES.test(text) || waitsForStop(text)) code.serves = true;
    if (/\bos\s*\.\s*Args\b/.test(text)) code.readsCommandLine = true;
    const call = /\s*\(/y;
    const to = (end: number) => {
      if (values === code) return code;
      call.lastIndex = end;
      return call.test(text) ? code : values;
    };
    // One pass over the names (what `(?<!\w)[A-Za-z_]\w*` finds, scanned by hand: a match object
    // per name made this the run's largest allocation after the syntax trees' nodes): a bare one
    // may be the package's own; `a.b` right after a bare name is qualified (an import, or the
    // method's own receiver); any other `.b` is a field or a method. The previous name is kept as
    // a span, read only when it qualifies the next.
    let previousStart = -1;
    let previousEnd = -1;
    let previousDotted = false;
    const length = text.length;
    for (let index = 0; index < length; ) {
      const first = text.charCodeAt(index);
      if (!isWordCode(first)) {
        index++;
        continue;
      }
      const start = index;
      while (index < length && isWordCode(text.charCodeAt(index))) index++;
      if (first <= 0x39) continue; // a number, not a name
      const end = index;
      const dot = dotBefore(text, start);
      if (dot < 0) {
        const name = text.slice(start, end);
        if (scope.topLevel.has(name)) to(end).calls.add(`${code.packagePath}.${name}`);
      } else {
        const qualifier = previousStart >= 0 && !previousDotted && previousEnd === dot ? text.slice(previousStart, previousEnd) : undefined;
        const imported = qualifier === undefined ? undefined : scope.imports.get(qualifier);
        if (imported !== undefined) {
          if (imported.serves) code.serves = true;
          if (imported.readsCommandLine) code.readsCommandLine = true;
          if (imported.inModule) to(end).calls.add(`${imported.path}.${text.slice(start, end)}`);
        } else if (method && qualifier === method.name) {
          to(end).ownMethods.add(`${code.packagePath}.${method.type}.${text.slice(start, end)}`);
        } else if (!(first >= 0x41 && first <= 0x5a)) {
          // Exported methods are reached through the types that have them (see `reach`).
          to(end).methods.add(text.slice(start, end));
        }
      }
      previousStart = start;
      previousEnd = end;
      previousDotted = dot >= 0;
    }
  }

  /** A program's processes (what each reaches, and whether it serves), recorded on what they reach. */
  private addProgram(main: PackageCode): void {
    for (const process of this.processesOf(main)) {
      for (const id of process.reached) {
        if (process.serves) this.reachedBy.set(id, null);
        else if (this.reachedBy.get(id) !== null) {
          const programs = this.reachedBy.get(id) ?? new Set<string>();
          programs.add(main.importPath);
          this.reachedBy.set(id, programs);
        }
      }
    }
  }

  /**
   * The program's processes: `main` with its commands cut off, and each command on its own, all
   * with the packages' initialisation. A program that reads no command line serves, whatever it does.
   */
  private processesOf(main: PackageCode): { root: string; reached: Set<string>; serves: boolean }[] {
    const linked = this.linkedFrom(main.importPath);
    const commands = new Set<string>();
    for (const path of linked) {
      for (const id of this.packages.get(path)!.commandHandlers) commands.add(id);
      for (const type of this.packages.get(path)!.commandTypes) {
        const dot = type.lastIndexOf('.');
        const owner = dot < 0 ? path : this.importOfName(linked, path, type.slice(0, dot));
        if (owner) commands.add(`${owner}.${type.slice(dot + 1)}.Execute`);
      }
    }
    const inits = [...linked].map((path) => `${path}#init`);
    const processes = [`${main.importPath}.main`, ...commands].map((root) => ({ root, reached: this.reach([root, ...inits], commands) }));
    const readsCommandLine = processes.some((process) => [...process.reached].some((id) => this.codes.get(id)?.readsCommandLine));
    return processes.map((process) => ({ ...process, serves: !readsCommandLine || [...process.reached].some((id) => this.codes.get(id)?.serves) }));
  }

  /** The module packages a program links: its own and what it imports, transitively. */
  private linkedFrom(root: string): Set<string> {
    const linked = new Set<string>([root]);
    const queue = [root];
    while (queue.length > 0) {
      for (const path of this.packages.get(queue.pop()!)!.imports) {
        if (linked.has(path) || !this.packages.has(path)) continue;
        linked.add(path);
        queue.push(path);
      }
    }
    return linked;
  }

  /** The linked package `from` names `qualifier` by its package name (a field type `cmd.ServerCommand`). */
  private importOfName(linked: Set<string>, from: string, qualifier: string): string | undefined {
    return [...this.packages.get(from)!.imports].find((path) => linked.has(path) && this.packages.get(path)!.name === qualifier);
  }

  /**
   * Every code the roots reach, not going into `cut`. Calls and function values are followed by
   * name. Methods, without types, the way rapid type analysis does: once code names a type (a
   * literal, a conversion, a constructor's result), each of its exported methods may be called,
   * by the module or by a library it is handed to; an unexported one when its package calls a
   * method of that name. A method called on its own receiver (`s.flush()`) is that type's.
   */
  private reach(roots: readonly string[], cut: Set<string>): Set<string> {
    const reached = new Set<string>();
    const queue: string[] = [];
    const follow = (named: string, crossesCut = false) => {
      const id = this.aliases.get(named) ?? named;
      if (reached.has(id) || (cut.has(id) && !crossesCut) || !this.codes.has(id)) return;
      reached.add(id);
      queue.push(id);
    };
    const named = new Set<string>();
    const calledUnexported = new Set<string>();
    const name = (typeId: string) => {
      const type = this.types.get(typeId);
      if (!type || named.has(typeId)) return;
      named.add(typeId);
      for (const [methodName, id] of type.methods) if (isExported(methodName) || calledUnexported.has(`${packageOf(typeId)}.${methodName}`)) follow(id);
      for (const inner of type.names) name(inner);
    };
    for (const root of roots) follow(root, true);
    while (queue.length > 0) {
      const code = this.codes.get(queue.pop()!)!;
      // A command's own code may run another command (`serveCmd.RunE(cmd, args)`); only the rest
      // of the program's code is cut off from the commands, which the library runs one at a time.
      const composes = cut.has(code.id);
      // A method that runs has a value of its type.
      name(packageOf(code.id));
      for (const methodName of code.methods) {
        const key = `${code.packagePath}.${methodName}`;
        if (isExported(methodName) || calledUnexported.has(key)) continue;
        calledUnexported.add(key);
        for (const typeId of named) {
          const id = packageOf(typeId) === code.packagePath ? this.types.get(typeId)!.methods.get(methodName) : undefined;
          if (id) follow(id);
        }
      }
      for (const id of code.ownMethods) {
        if (this.codes.has(id)) follow(id, composes);
        else name(packageOf(id));
      }
      for (const id of code.calls) {
        follow(id, composes);
        name(id);
        if (composes) for (const command of this.heldCommands.get(this.aliases.get(id) ?? id) ?? []) follow(command, true);
      }
    }
    return reached;
  }
}

/** The package of a type or method id (`path/to/pkg.Type`, `path/to/pkg.Type.Method`): what is before the last dot. */
function packageOf(id: string): string {
  return id.slice(0, id.lastIndexOf('.'));
}
