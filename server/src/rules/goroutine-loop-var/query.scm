; Func literals whose body runs after the statement that mentions them: started by `go` or
; deferred. Those handed to errgroup's `Go` come as method calls (see the rule's `methods`).
(go_statement
  (call_expression function: (func_literal) @literal)) @statement
(defer_statement
  (call_expression function: (func_literal) @literal)) @statement