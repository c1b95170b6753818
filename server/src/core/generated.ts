// Files the checks leave alone, recognised by their header: generated code, and programs kept
// out of every build (`//go:build ignore`, the convention for `go run gen.go` generators).

/** Go's convention for generated files (https://go.dev/s/generatedcode). */
const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/;
/** A build constraint that no build satisfies: the file is a standalone program or a sketch. */
const IGNORED = /^\/\/(go:build| \+build) ignore$/;

export function isGeneratedFile(text: string): boolean {
  return headerComments(text).some((line) => GENERATED.test(line));
}

export function isBuildIgnored(text: string): boolean {
  return headerComments(text).some((line) => IGNORED.test(line.trimEnd()));
}

/** The lines before the first non-comment, non-blank text (where both markers must be). */
function headerComments(text: string): string[] {
  const lines: string[] = [];
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
    const trimmed = line.trim();
    if (trimmed.startsWith('/*')) {
      inBlockComment = !trimmed.includes('*/');
      continue;
    }
    if (trimmed !== '' && !trimmed.startsWith('//')) break;
    lines.push(line);
  }
  return lines;
}
