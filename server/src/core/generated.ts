/**
 * Go's convention for generated files (https://go.dev/s/generatedcode): a line matching
 * `^// Code generated .* DO NOT EDIT\.$` before the first non-comment, non-blank text.
 */
const MARKER = /^\/\/ Code generated .* DO NOT EDIT\.$/;

export function isGeneratedFile(text: string): boolean {
  let offset = 0;
  let inBlockComment = false;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const line = text.slice(offset, end === -1 ? text.length : end).replace(/\r$/, '');
    offset = end === -1 ? text.length : end + 1;
    if (inBlockComment) {
      if (line.includes('*/')) inBlockComment = false;
      continue;
    }
    if (MARKER.test(line)) return true;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('//')) continue;
    if (trimmed.startsWith('/*')) {
      inBlockComment = !trimmed.includes('*/');
      continue;
    }
    return false;
  }
  return false;
}
