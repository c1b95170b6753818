; Func literals whose body runs after the statement that mentions them: started by `go`,
; deferred, or handed to `Go` (errgroup; the check confirms the receiver's type).
(go_statement
  (call_expression function: (func_literal) @literal)) @statement
(defer_statement
  (call_expression function: (func_literal) @literal)) @statement
(expression_statement
  (call_expression
    function: (selector_expression
      operand: (_) @group
      field: (field_identifier) @method (#eq? @method "Go"))
    arguments: (argument_list . (func_literal) @literal .))) @statement
