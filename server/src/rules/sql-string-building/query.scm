; A method call that takes SQL text (database/sql and sqlx); the check confirms the receiver type.
(call_expression
  function: (selector_expression
    operand: (_) @receiver
    field: (field_identifier) @method
    (#match? @method "^(Query|QueryContext|QueryRow|QueryRowContext|Exec|ExecContext|Prepare|PrepareContext|Queryx|QueryxContext|QueryRowx|QueryRowxContext|Get|GetContext|Select|SelectContext|NamedExec|NamedExecContext|NamedQuery|NamedQueryContext|MustExec|MustExecContext|Preparex|PreparexContext|PrepareNamed|PrepareNamedContext)$"))
  arguments: (argument_list)) @call
