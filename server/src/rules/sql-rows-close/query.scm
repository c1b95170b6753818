; A method (or sqlx package function) that may return rows, in the three places the rule follows:
; thrown away as a statement, received by `rows, err := …` / `rows, err = …`, or by
; `var rows, err = …`. The check confirms the receiver is a database/sql or sqlx DB, Tx, Conn or
; Stmt. Calls anywhere else (returned, passed on, `u.Query().Get(…)`) never reach it.
(expression_statement
  (call_expression
    function: (selector_expression field: (field_identifier) @method)) @call
  (#any-of? @method "Query" "QueryContext" "Queryx" "QueryxContext" "NamedQuery" "NamedQueryContext"))

([(short_var_declaration
    left: (expression_list . (identifier) @target)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .))
  (assignment_statement
    left: (expression_list . (identifier) @target)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .))] @statement
  (#any-of? @method "Query" "QueryContext" "Queryx" "QueryxContext" "NamedQuery" "NamedQueryContext"))

((var_spec
   . name: (identifier) @target
   value: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .)) @spec
  (#any-of? @method "Query" "QueryContext" "Queryx" "QueryxContext" "NamedQuery" "NamedQueryContext"))
