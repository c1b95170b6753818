; `a == b` / `a != b`; the check decides whether one side is an error and the other a sentinel.
(binary_expression
  operator: ["==" "!="] @operator) @comparison

; `switch err { case io.EOF: … }`
(expression_switch_statement
  value: (_) @tag) @switch
