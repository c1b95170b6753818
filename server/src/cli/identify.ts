// Where each reported finding sits (its declaration, the code it flags), for fingerprints and for
// --new-from-rev. Each file with findings is parsed once more here: the checking threads keep
// their trees to themselves, and a second parse of the few files with findings costs little.
import { readFile } from 'node:fs/promises';
import { anchorFindings, type FindingAnchor } from '../core/fingerprint';
import { loadGoLanguage, newGoParser } from '../core/go-parser';
import { LineIndex } from '../core/text';
import { readGrammarBinaries } from '../node/grammar-files';
import type { CheckedFile } from './check';

export interface AnchoredFile {
  file: CheckedFile;
  lines: LineIndex;
  /** One per finding of the file, in the same order. */
  anchors: FindingAnchor[];
}

export async function anchorFiles(files: readonly CheckedFile[]): Promise<AnchoredFile[]> {
  const withFindings = files.filter((file) => file.findings.length > 0);
  if (withFindings.length === 0) return [];
  const parser = newGoParser(await loadGoLanguage(readGrammarBinaries()));
  const anchored: AnchoredFile[] = [];
  try {
    for (const file of withFindings) {
      // Workers send findings without texts; the file on disk is the text they checked.
      const text = file.text || (await readFile(file.path, 'utf8').catch(() => ''));
      const lines = new LineIndex(text);
      const tree = parser.parse(text);
      if (!tree) throw new Error(`tree-sitter returned no tree for ${file.shown}`);
      try {
        anchored.push({ file, lines, anchors: anchorFindings(tree, lines, file.findings) });
      } finally {
        tree.delete();
      }
    }
  } finally {
    parser.delete();
  }
  return anchored;
}
