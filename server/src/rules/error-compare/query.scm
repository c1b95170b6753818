; `a == b` / `a != b` where either side could be an error and the other a sentinel; the check
; decides. Nil and literal operands never match: they are most comparisons, and an open pattern
; waits through the whole left operand, which made long `+` chains quadratic.
(binary_expression
  left: [(identifier) (selector_expression) (call_expression) (parenthesized_expression)]
  operator: ["==" "!="] @operator
  right: [(identifier) (selector_expression) (call_expression) (parenthesized_expression)]) @comparison

; `err.Error() == "text"`, either way round.
(binary_expression
  left: [(call_expression) (parenthesized_expression)]
  operator: ["==" "!="] @operator
  right: [(interpreted_string_literal) (raw_string_literal)]) @comparison
(binary_expression
  left: [(interpreted_string_literal) (raw_string_literal)]
  operator: ["==" "!="] @operator
  right: [(call_expression) (parenthesized_expression)]) @comparison

; `switch err { case io.EOF: … }`
(expression_switch_statement
  value: (_) @tag) @switch
