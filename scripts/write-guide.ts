// Regenerates docs/guide/<language>/NN-<chapter>.md from the chapter introductions in
// docs/guide/intro/ and the rule docs. `npm run guide`; a test fails when they are stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chapterPath, CHAPTERS, type GuideLanguage } from '../server/src/guide/chapters';
import { renderChapter } from '../server/src/guide/render';
import { RULES } from '../server/src/rules/registry';

export function renderGuide(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const language of ['en', 'zh-cn'] as GuideLanguage[]) {
    for (const chapter of CHAPTERS) {
      const path = chapterPath(chapter.id, language);
      const intro = join(root, path.replace(`docs/guide/${language}/`, `docs/guide/intro/${language}/`));
      if (!existsSync(intro)) continue;
      files.set(path, renderChapter(chapter, language, readFileSync(intro, 'utf8'), RULES));
    }
  }
  return files;
}

if (require.main === module) {
  const root = join(__dirname, '..', '..');
  for (const [path, content] of renderGuide(root)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    console.log(`wrote ${path}`);
  }
}
