; A call that prepares a statement, in the places the rule follows: thrown away as a statement,
; received by `stmt, err := …` / `stmt, err = …`, or by `var stmt, err = …`. The check confirms the
; receiver is a database/sql or sqlx DB or Conn (a transaction's statements close with it).
(expression_statement
  (call_expression
    function: (selector_expression field: (field_identifier) @method)) @call
  (#any-of? @method "Prepare" "PrepareContext" "Preparex" "PreparexContext" "PrepareNamed" "PrepareNamedContext"))

([(short_var_declaration
    left: (expression_list . (identifier) @target)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .))
  (assignment_statement
    left: (expression_list . (identifier) @target)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .))] @statement
  (#any-of? @method "Prepare" "PrepareContext" "Preparex" "PreparexContext" "PrepareNamed" "PrepareNamedContext"))

((var_spec
   . name: (identifier) @target
   value: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .)) @spec
  (#any-of? @method "Prepare" "PrepareContext" "Preparex" "PreparexContext" "PrepareNamed" "PrepareNamedContext"))
