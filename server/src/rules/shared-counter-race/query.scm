; A go statement that runs a func literal; the check looks for counters it updates without a lock.
(go_statement
  (call_expression
    function: (func_literal) @literal)) @go
