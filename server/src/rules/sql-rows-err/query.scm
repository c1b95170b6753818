; `for rows.Next() { … }`: a for loop whose only clause is a call of Next on a plain identifier.
; The check confirms the identifier holds database/sql, sqlx or pgx rows.
(for_statement
  (call_expression
    function: (selector_expression
      operand: (identifier) @rows
      field: (field_identifier) @method (#eq? @method "Next"))
    arguments: (argument_list) @arguments) @next
  body: (block)) @loop
