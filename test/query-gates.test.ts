// A query pattern whose predicate wants a capture's text to be one of some strings can only match
// in a text that contains one of them: the analyzer leaves such patterns out of the query for
// texts without any (see `requiredWords`), and searches only the top-level declarations that hold
// a word or a rule's trigger (`Rule.queryTrigger`). Here: which words are read, and that the
// rules' patterns never match where their words and triggers are not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Query } from 'web-tree-sitter';
import { anyWordIn, GO_STATEMENT, holdsTrigger, requiredWords, triggeredDeclarations, wholeNames } from '../server/src/core/query-gates';
import { scanTopLevel } from '../server/src/core/declarations';
import { RULES } from '../server/src/rules/registry';
import { checkerFor, RULES_DIR } from './helpers';

test('the words a pattern needs come from its predicates on captures every match has', async () => {
  const checker = await checkerFor([]);
  const source = `; “quotes”, … and 中文注释：每个汉字在 UTF-8 中占三个字节，所以模式的字节位置远在字符位置之后，切错了就读到别的模式
(call_expression function: (identifier) @name (#eq? @name "recover")) @call
(call_expression function: (selector_expression field: (field_identifier) @m)
  (#any-of? @m "Prepare" "PrepareContext")) @call
; an optional capture: #eq? holds when it captured nothing
(call_expression function: (identifier)? @maybe (#eq? @maybe "optional")) @call
(call_expression function: (identifier) @a arguments: (argument_list (identifier) @b) (#eq? @a @b)) @same
(call_expression
  function: (identifier) @commented
  ; (#eq? @commented "never")
  ) @call
(call_expression function: (identifier) @escaped (#eq? @escaped "a\\"b")) @call
(call_expression function: (identifier) @two (#eq? @two "Get") arguments: (argument_list (identifier) @arg) (#any-of? @arg "x" "y")) @call
`;
  const query = new Query(checker.language, source);
  assert.deepEqual(requiredWords(query, source), [['recover'], ['Prepare', 'PrepareContext'], undefined, undefined, undefined, undefined, ['Get']]);
});

test('a word counts where Go writes it as a whole name', () => {
  const has = anyWordIn(['recover', 'Get', '==']);
  assert.equal(has('defer func() { recover() }()'), true);
  assert.equal(has('m.Get(k)'), true);
  assert.equal(has('x := myrecover(); y.GetAll(); recovered := 1; _recover(); recover_()'), false);
  assert.equal(has('héllorecover() recoveré() 𝐱recover() recover𝐱() recover٣()'), false, 'a letter or digit outside ASCII is part of the name');
  assert.equal(has('«recover»'), true, 'punctuation outside ASCII is not');
  assert.equal(has('if a==b {}'), true, 'a word that is not a name is found anywhere');
});

test('a go statement is found however it is written, and the word go elsewhere is not', () => {
  for (const statement of ['go f()', 'go func() {}()', 'go(f)()', 'go /* later */ f()', 'go\n\tf()', 'go s.run(ctx)', 'go _f()', 'x; go 函数()']) {
    assert.equal(GO_STATEMENT.test(statement), true, statement);
  }
  for (const other of ['//go:build linux', '// see go.mod', 'lang := "go"', 'gopher()', 'ago(x)', 'cargo f()', 'go.F()']) {
    assert.equal(GO_STATEMENT.test(other), false, other);
  }
});

test('the declarations a trigger is found in', async () => {
  const checker = await checkerFor([]);
  const text = `package p

// go is a word here, in a comment
func a() { x := 1; _ = x }

func b() { go f() }

func c() { gopher() }

func d() { defer g() }
`;
  const document = checker.openDocument('file:///p/x.go', text);
  try {
    const declarations = scanTopLevel(document.tree);
    const trigger = new RegExp(wholeNames('go').source, 'gu');
    // package clause, comment, a, b, c, d
    assert.deepEqual(triggeredDeclarations(text, declarations, trigger), [false, true, false, true, false, false]);
    // A second trigger adds the declarations it finds to those the first found.
    const defer = new RegExp(wholeNames('defer').source, 'gu');
    assert.deepEqual(triggeredDeclarations(text, declarations, defer, triggeredDeclarations(text, declarations, trigger)), [false, true, false, true, false, true]);
    assert.deepEqual(
      declarations.map((declaration) => holdsTrigger(text, declaration, trigger)),
      [false, true, false, true, false, false],
    );
  } finally {
    document.dispose();
  }
});

test("the rules' patterns never match where their words and triggers are not", async () => {
  const checker = await checkerFor([]);
  const source = RULES.map((rule) => `${rule.query ?? ''}\n`).join('');
  const query = new Query(checker.language, source);
  const words = requiredWords(query, source);
  // What the rules' predicates ask for, so that a change to them is seen here.
  const gated = [...new Set(words.flatMap((needed) => needed ?? []))].sort();
  assert.deepEqual(gated, ['After', 'Client', 'Context', 'Get', 'InsecureSkipVerify', 'Next', 'Prepare', 'PrepareContext', 'PrepareNamed', 'PrepareNamedContext', 'Preparex', 'PreparexContext', 'Server', 'Transport', 'recover']);
  const owners: (typeof RULES)[number][] = [];
  let start = 0;
  const encoder = new TextEncoder();
  const starts = RULES.map((rule) => {
    const at = start;
    start += encoder.encode(`${rule.query ?? ''}\n`).length;
    return at;
  });
  for (let pattern = 0; pattern < query.patternCount(); pattern++) {
    let owner = 0;
    while (owner + 1 < starts.length && starts[owner + 1] <= query.startIndexForPattern(pattern)) owner++;
    owners.push(RULES[owner]);
  }
  const triggers = words.map((needed, pattern) => (needed ? wholeNames(...needed) : owners[pattern].queryTrigger));
  // A pattern with neither has the whole of every file searched for it: each rule's patterns
  // have one today, and a new rule should keep it so.
  assert.deepEqual(
    owners.filter((_, pattern) => !triggers[pattern]).map((rule) => rule.meta.id),
    [],
    'rules whose query needs no word and that have no queryTrigger',
  );
  let matched = 0;
  let triggered = 0;
  for (const rule of readdirSync(RULES_DIR)) {
    const folder = join(RULES_DIR, rule, 'testdata');
    let names: string[] = [];
    try {
      names = readdirSync(folder).filter((name) => name.endsWith('.go'));
    } catch {
      continue;
    }
    for (const name of names) {
      const text = readFileSync(join(folder, name), 'utf8');
      const document = checker.openDocument(`file:///${rule}/${name}`, text);
      try {
        const declarations = scanTopLevel(document.tree);
        for (const match of query.matches(document.tree.rootNode)) {
          const node = match.captures[0].node;
          const declaration = declarations.find((entry) => entry.startIndex <= node.startIndex && node.endIndex <= entry.endIndex)!;
          triggered++;
          assert.ok(
            triggers[match.patternIndex]!.test(text.slice(declaration.startIndex, declaration.endIndex)),
            `${rule}/${name}: pattern ${match.patternIndex} (${owners[match.patternIndex].meta.id}) matched in a declaration without its trigger, at ${text.slice(node.startIndex, node.startIndex + 60)}`,
          );
          const needed = words[match.patternIndex];
          if (!needed) continue;
          matched++;
          assert.ok(anyWordIn(needed)(text), `${rule}/${name}: pattern ${match.patternIndex} matched without any of ${needed.join(', ')}`);
        }
      } finally {
        document.dispose();
      }
    }
  }
  assert.ok(matched > 20, `the testdata has matches of the patterns that need words (${matched})`);
  assert.ok(triggered > 500, `the testdata has matches of every kind (${triggered})`);
});
