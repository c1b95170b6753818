; A method call that may take SQL text (database/sql, sqlx, pgx, GORM); the check confirms the
; receiver type and finds the SQL among the arguments.
(call_expression
  function: (selector_expression
    operand: (_) @receiver
    field: (field_identifier) @method
    (#match? @method "^(Query|QueryContext|QueryRow|QueryRowContext|Exec|ExecContext|Prepare|PrepareContext|Queryx|QueryxContext|QueryRowx|QueryRowxContext|Get|GetContext|Select|SelectContext|NamedExec|NamedExecContext|NamedQuery|NamedQueryContext|MustExec|MustExecContext|Preparex|PreparexContext|PrepareNamed|PrepareNamedContext|Raw|Where|Or|Not|Order|Group|Having|Joins|InnerJoins)$"))
  arguments: (argument_list)) @call
