import type { ParseBudget } from './parse-budget.js';

/**
 * Checks a JSON text's nesting depth and value count against `budget` in one linear pass, before
 * `JSON.parse` builds anything. `JSON.parse` itself is linear and iterative, but the shape checks
 * and walks that follow recurse, and a million-element array costs memory long before it is
 * rejected for its shape. Strings are skipped with `indexOf` (escapes handled), so the scan costs
 * a fraction of the parse. Malformed JSON is not diagnosed here: `JSON.parse` reports it better.
 *
 * @throws ParseLimitError `too-deep` / `too-complex`.
 */
export function checkJsonBounds(text: string, budget: ParseBudget): void {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Jump to the closing quote: one not preceded by an odd number of backslashes.
      let end = text.indexOf('"', i + 1);
      while (end > 0) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      budget.step();
      if (end < 0) return;
      i = end;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      budget.enter(depth);
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    } else if (c === 0x2c /* , */) {
      // Each further value of an array or object is an element at this depth.
      budget.enter(depth);
    }
  }
}
