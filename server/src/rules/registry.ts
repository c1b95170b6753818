import type { Rule } from '../core/rule';
import { rule as contextPropagation } from './context-propagation/rule';
import { rule as goroutineInLoop } from './goroutine-in-loop/rule';
import { rule as httpServerTimeouts } from './http-server-timeouts/rule';
import { rule as sqlRowsClose } from './sql-rows-close/rule';

/** Every rule the product ships, sorted by id. A test checks this list against the folders. */
export const RULES: readonly Rule[] = [contextPropagation, goroutineInLoop, httpServerTimeouts, sqlRowsClose];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
