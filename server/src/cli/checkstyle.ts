// `--format checkstyle`: Checkstyle's XML report, which Jenkins (Warnings NG), reviewdog and the
// converters for GitLab and other CI systems read.
import { textIn, type MessageLanguage } from '../core/findings';
import type { Located } from './report';

const SEVERITY: Record<string, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };

export function formatCheckstyle(findings: readonly Located[], language: MessageLanguage): string {
  const byFile = new Map<string, Located[]>();
  for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const files = [...byFile].map(([file, found]) => {
    const errors = found.map(
      (f) =>
        `    <error line="${f.line}" column="${f.column}" severity="${SEVERITY[f.severity]}" message="${escapeXml(textIn(f.message, language))}" source="go-backend-guide.${escapeXml(f.rule)}"/>\n`,
    );
    return `  <file name="${escapeXml(file)}">\n${errors.join('')}  </file>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n${files.join('')}</checkstyle>\n`;
}

/** Text for an XML attribute: markup escaped, and the control characters XML 1.0 forbids dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
