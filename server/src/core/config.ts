// The project's configuration file, `.go-backend-guide.json`: read the same way by the
// language server and the CLI. Parsing is tolerant: every valid entry applies, and every
// problem comes back with its place in the file, so the editor can underline it.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { minimatch } from 'minimatch';
import type { SeveritySetting } from './findings';
import { LineIndex, type Range } from './text';

export const CONFIG_FILE_NAME = '.go-backend-guide.json';

export interface ProjectConfig {
  /** Severity per rule id. */
  rules: Record<string, SeveritySetting>;
  /** Globs of paths to leave unchecked, relative to the configuration file's folder. */
  exclude: string[];
  /** Overrides the `go` line of go.mod (for version-gated rules). */
  go?: string;
  maxFileSize?: number;
  /** The baseline file of accepted findings, relative to the configuration file's folder. */
  baseline?: string;
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];
/** Every key the file may have; the JSON schema in schemas/ lists the same. */
export const CONFIG_KEYS: ReadonlySet<string> = new Set(['$schema', 'rules', 'exclude', 'go', 'maxFileSize', 'baseline']);

export function parseConfig(text: string, ruleIds: ReadonlySet<string>): { config: ProjectConfig; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  const config: ProjectConfig = { rules: {}, exclude: [] };
  const problems: ConfigProblem[] = [];
  const at = (offset: number, length: number): Range => ({ start: lines.editorPositionAt(offset), end: lines.editorPositionAt(offset + Math.max(length, 1)) });
  const problem = (node: JsonNode, message: string) => problems.push({ message, range: at(node.offset, node.length) });

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) problems.push({ message: `not valid JSON: ${printParseErrorCode(error.error)}`, range: at(error.offset, error.length) });
  if (!root) return { config, problems };
  if (root.type !== 'object') {
    problem(root, 'the configuration must be a JSON object');
    return { config, problems };
  }
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    if (!CONFIG_KEYS.has(key.value)) problem(key, `unknown setting "${key.value}" (known: ${[...CONFIG_KEYS].filter((k) => k !== '$schema').join(', ')})`);
  }

  const rules = findNodeAtLocation(root, ['rules']);
  if (rules && rules.type !== 'object') problem(rules, '"rules" must be an object of rule id to severity');
  for (const property of rules?.type === 'object' ? (rules.children ?? []) : []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    if (!ruleIds.has(key.value)) problem(key, `unknown rule "${key.value}"`);
    else if (value.type !== 'string' || !SEVERITIES.includes(value.value)) problem(value, `the severity of ${key.value} must be one of ${SEVERITIES.join(', ')}`);
    else config.rules[key.value] = value.value as SeveritySetting;
  }

  const exclude = findNodeAtLocation(root, ['exclude']);
  if (exclude && exclude.type !== 'array') problem(exclude, '"exclude" must be an array of glob patterns');
  for (const item of exclude?.type === 'array' ? (exclude.children ?? []) : []) {
    if (item.type === 'string' && item.value.trim()) config.exclude.push(item.value);
    else problem(item, 'each "exclude" entry must be a glob pattern string');
  }

  const go = findNodeAtLocation(root, ['go']);
  if (go) {
    if (go.type === 'string' && /^1\.\d+(\.\d+)?$/.test(go.value)) config.go = go.value;
    else problem(go, '"go" must be a Go version such as "1.22"');
  }

  const size = findNodeAtLocation(root, ['maxFileSize']);
  if (size) {
    if (size.type === 'number' && Number.isInteger(size.value) && size.value > 0) config.maxFileSize = size.value;
    else problem(size, '"maxFileSize" must be a positive whole number of bytes');
  }
  const baseline = findNodeAtLocation(root, ['baseline']);
  if (baseline) {
    if (baseline.type === 'string' && baseline.value.trim()) config.baseline = baseline.value;
    else problem(baseline, '"baseline" must be the path of a baseline file, such as ".go-backend-guide-baseline.json"');
  }
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { config, problems };
}

/** True when `relativePath` (to the configuration file's folder, `/`-separated) is excluded. */
export function isExcluded(config: ProjectConfig, relativePath: string): boolean {
  return config.exclude.some((glob) => minimatch(relativePath, glob, { dot: true }) || minimatch(relativePath, `${glob.replace(/\/$/, '')}/**`, { dot: true }));
}
