; A goroutine started from a func literal; the check looks for `wg.Add` among the first-level
; statements of its body.
(go_statement
  (call_expression
    function: (func_literal body: (block) @body) @literal)) @go
