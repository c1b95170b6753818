import { DEFAULT_MAX_FILE_BYTES, type AnalysisSettings } from '../core/analyzer';
import type { SeveritySetting } from '../core/findings';
import type { ProjectConfig } from '../core/config';
import type { Rule } from '../core/rule';
import type { BaselinedFindings } from './baseline';

/** The `goBackendGuide` section of the editor settings, as package.json declares it. */
export interface UserSettings {
  enable: boolean;
  /** Per-rule severity; "default" keeps the rule's own. */
  rules: Record<string, SeveritySetting | 'default'>;
  maxFileSize: number;
  /** Best-practice cards when hovering the key APIs of the guide. */
  apiHovers: boolean;
  /** The language of messages, hovers and guide links; `auto` follows the editor. */
  language: 'auto' | 'en' | 'zh-cn';
  /** Findings in the project's baseline: not shown, or shown as hints. */
  baselinedFindings: BaselinedFindings;
}

export const DEFAULT_SETTINGS: UserSettings = { enable: true, rules: {}, maxFileSize: DEFAULT_MAX_FILE_BYTES, apiHovers: true, language: 'auto', baselinedFindings: 'hide' };

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off', 'default']);

/**
 * Reads settings as the client sent them, keeping every valid value and dropping the rest with
 * a note, so that one bad entry never disables the server or the other rules.
 */
export function readSettings(raw: unknown, rules: readonly Rule[], problems: string[] = []): UserSettings {
  const settings: UserSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (raw === null || raw === undefined) return settings;
  if (typeof raw !== 'object') {
    problems.push('goBackendGuide settings must be an object; using the defaults');
    return settings;
  }
  const value = raw as Record<string, unknown>;
  if (value.enable !== undefined) {
    if (typeof value.enable === 'boolean') settings.enable = value.enable;
    else problems.push('goBackendGuide.enable must be true or false');
  }
  if (value.apiHovers !== undefined) {
    if (typeof value.apiHovers === 'boolean') settings.apiHovers = value.apiHovers;
    else problems.push('goBackendGuide.apiHovers must be true or false');
  }
  if (value.language !== undefined) {
    if (value.language === 'auto' || value.language === 'en' || value.language === 'zh-cn') settings.language = value.language;
    else problems.push('goBackendGuide.language must be "auto", "en" or "zh-cn"');
  }
  if (value.baselinedFindings !== undefined) {
    if (value.baselinedFindings === 'hide' || value.baselinedFindings === 'hint') settings.baselinedFindings = value.baselinedFindings;
    else problems.push('goBackendGuide.baselinedFindings must be "hide" or "hint"');
  }
  if (value.maxFileSize !== undefined) {
    if (typeof value.maxFileSize === 'number' && value.maxFileSize > 0) settings.maxFileSize = value.maxFileSize;
    else problems.push('goBackendGuide.maxFileSize must be a positive number of bytes');
  }
  if (value.rules !== undefined && value.rules !== null) {
    if (typeof value.rules !== 'object') problems.push('goBackendGuide.rules must be an object of rule id to severity');
    else {
      const known = new Set(rules.map((rule) => rule.meta.id));
      for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
        if (!known.has(id)) problems.push(`goBackendGuide.rules: unknown rule "${id}"`);
        else if (typeof severity !== 'string' || !SEVERITIES.has(severity)) problems.push(`goBackendGuide.rules.${id}: "${String(severity)}" is not one of ${[...SEVERITIES].join(', ')}`);
        else settings.rules[id] = severity as SeveritySetting | 'default';
      }
    }
  }
  return settings;
}

export function analysisSettings(settings: UserSettings): AnalysisSettings {
  const severities: Record<string, SeveritySetting> = {};
  for (const [id, severity] of Object.entries(settings.rules)) if (severity !== 'default') severities[id] = severity;
  return { severities, maxFileBytes: settings.maxFileSize };
}

/**
 * The project's configuration file is the base; what the user set in VS Code wins over it
 * (a severity other than "default", a size limit other than the default).
 */
export function mergeSettings(settings: UserSettings, config: ProjectConfig | undefined): AnalysisSettings {
  const own = analysisSettings(settings);
  if (!config) return own;
  return {
    severities: { ...config.rules, ...own.severities },
    maxFileBytes: settings.maxFileSize !== DEFAULT_MAX_FILE_BYTES ? settings.maxFileSize : (config.maxFileSize ?? DEFAULT_MAX_FILE_BYTES),
  };
}
