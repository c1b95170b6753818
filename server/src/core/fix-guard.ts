// The last check before a fix is offered in a file with syntax errors: applied to the text as it
// is, the fix must not leave more errors than there are. Edits are placed by reading the tree, and
// where the file does not parse, that tree is tree-sitter's recovery, which can differ from what
// the author meant (an import block swallowed by an error, a brace that closes somewhere else).
// Such a fix is withdrawn rather than applied blind. Files that parse cleanly skip the check:
// there the fixes are held to parsing and gofmt by the fix-safety tests, and a parse per fix
// would cost the CLI a few percent.
import type { Language, Parser, Tree } from 'web-tree-sitter';
import { applyEdits } from './edits';
import { newGoParser } from './go-parser';
import type { Finding, Fix } from './findings';
import type { SourceFile } from './rule';

/** ERROR and MISSING nodes in a tree: what a parse could not fit into Go's grammar. */
export function syntaxErrorCount(tree: Tree): number {
  if (!tree.rootNode.hasError) return 0;
  let count = 0;
  const cursor = tree.walk();
  try {
    for (let more = true; more; ) {
      const node = cursor.currentNode;
      if (node.type === 'ERROR' || node.isMissing) count++;
      // A subtree without errors has nothing to count.
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  return count;
}

export class FixGuard {
  private parser?: Parser;

  constructor(private readonly language: Language) {}

  /**
   * The findings with each fix checked when it is first read (fixes are worked out lazily:
   * publishing diagnostics reads none). The file's own tree must still be alive then, as for
   * every lazy fix (see `materializeFixes`).
   */
  guard(findings: Finding[], file: SourceFile): Finding[] {
    if (!file.tree.rootNode.hasError) return findings;
    let errorsNow: number | undefined;
    const keepsSyntax = (fix: Fix): boolean => {
      errorsNow ??= syntaxErrorCount(file.tree);
      return this.errorsAfter(applyEdits(file.text, fix.edits, file.lines)) <= errorsNow;
    };
    return findings.map((finding) => {
      // Copied by descriptor: reading `fixes` here would work out the lazy ones (see withImportsCompleted).
      const { fixes, ...others } = Object.getOwnPropertyDescriptors(finding);
      if (Array.isArray(fixes.value) && fixes.value.length === 0) return finding;
      let checked: Fix[] | undefined;
      return Object.defineProperties({}, {
        ...others,
        fixes: { enumerable: true, get: () => (checked ??= (finding.fixes as Fix[]).filter(keepsSyntax)) },
      }) as Finding;
    });
  }

  private errorsAfter(text: string): number {
    this.parser ??= newGoParser(this.language);
    const tree = this.parser.parse(text);
    if (!tree) return Infinity;
    try {
      return syntaxErrorCount(tree);
    } finally {
      tree.delete();
    }
  }
}

