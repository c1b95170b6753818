; A transaction begun by a method call and received by `tx, err := …`, `tx, err = …` or
; `var tx, err = …`. The check confirms the call returns a database/sql or sqlx transaction.
([(short_var_declaration
    left: (expression_list . (identifier) @target)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .))
  (assignment_statement
    left: (expression_list . (identifier) @target)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .))] @statement
  (#any-of? @method "Begin" "BeginTx" "Beginx" "BeginTxx" "MustBegin" "MustBeginTx"))

((var_spec
   . name: (identifier) @target
   value: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .)) @spec
  (#any-of? @method "Begin" "BeginTx" "Beginx" "BeginTxx" "MustBegin" "MustBeginTx"))
