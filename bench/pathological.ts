// Inputs that machine-written or generated code can reach and that a naive analysis handles in
// quadratic or exponential time: deep nesting, long chains, huge lines. Shared by the bench
// (`bench/limits.ts`) and the tests that bound their cost.

export interface PathologicalInput {
  name: string;
  text: () => string;
}

const header = 'package deep\n\nimport (\n\t"database/sql"\n\t"errors"\n\t"fmt"\n)\n\nvar errSentinel = errors.New("x")\n\n';

function repeat(count: number, make: (i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(make(i));
  return parts.join('');
}

export const PATHOLOGICAL: readonly PathologicalInput[] = [
  {
    name: '10,000 nested calls',
    text: () => `${header}func f(x int) int { return x }\n\nfunc deep() int {\n\treturn ${'f('.repeat(10_000)}1${')'.repeat(10_000)}\n}\n`,
  },
  {
    name: '10,000 nested method calls',
    text: () => `${header}func deep(db *sql.DB) {\n\t${'db.Query('.repeat(10_000)}"SELECT 1"${')'.repeat(10_000)}\n}\n`,
  },
  {
    name: '10,000 nested ifs',
    text: () => `${header}func deep(x int, err error) {\n${repeat(10_000, () => 'if x > 0 {\n')}if err == errSentinel {\n}\n${'}\n'.repeat(10_000)}}\n`,
  },
  {
    name: '10,000 nested func literals',
    text: () => `${header}func deep() {\n\t${'defer func() { '.repeat(10_000)}_ = 1${' }()'.repeat(10_000)}\n}\n`,
  },
  {
    name: '10,000-term string concatenation',
    text: () => `${header}func deep(err error) bool {\n\ts := ${repeat(10_000, (i) => `"part ${i}" +\n\t\t`)}"end"\n\treturn err == errSentinel && s != ""\n}\n`,
  },
  {
    name: '10,000-case switch',
    text: () => `${header}func deep(x int, err error) int {\n\tswitch x {\n${repeat(10_000, (i) => `\tcase ${i}:\n\t\tif err == errSentinel {\n\t\t\treturn ${i}\n\t\t}\n`)}\t}\n\treturn 0\n}\n`,
  },
  {
    name: '5,000 nested blocks',
    text: () => `${header}func deep(err error) {\n${'{\n'.repeat(5_000)}if err == errSentinel {\n}\n${'}\n'.repeat(5_000)}}\n`,
  },
  {
    name: '2 MB single line',
    // Statements separated by semicolons: the whole file is one line, just under 2 MB.
    text: () => {
      const statement = (i: number) => `x = fmt.Sprint(${i % 1000}, x); `;
      const head = 'package deep; import "fmt"; func deep() { x := ""; ';
      const parts = [head];
      let length = head.length;
      for (let i = 0; length < 2_000_000 - 100; i++) {
        parts.push(statement(i));
        length += parts[parts.length - 1].length;
      }
      return `${parts.join('')}_ = x }\n`;
    },
  },
  {
    name: '500 nested goroutine literals',
    text: () => `${header}func deep() {\n\tn := 0\n${repeat(500, () => 'go func() {\n')}n++\n${'}()\n'.repeat(500)}\t_ = n\n}\n`,
  },
];
