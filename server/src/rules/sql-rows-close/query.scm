; A call of a method (or sqlx package function) that returns rows; the check confirms the
; receiver is a database/sql or sqlx DB, Tx, Conn or Stmt, and follows the rows it returns.
(call_expression
  function: (selector_expression
    field: (field_identifier) @method
    (#match? @method "^(Query|QueryContext|Queryx|QueryxContext|NamedQuery|NamedQueryContext)$"))) @call
