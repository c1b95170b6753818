; A go statement that runs a func literal; the check looks for a final unconditional `for`
; with no way out.
(go_statement
  (call_expression
    function: (func_literal
      body: (block) @body))) @go
