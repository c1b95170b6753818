; Calls that may drop a context: context.Background/TODO, and methods or functions that have a
; context-taking twin. The check resolves the package or receiver type and the context in scope.
(call_expression
  function: (selector_expression
    field: (field_identifier) @name
    (#match? @name "^(Background|TODO|NewRequest|Dial|Query|QueryRow|Exec|Prepare|Begin|Ping|Stmt|Get|Select|Queryx|QueryRowx|NamedExec|NamedQuery|MustExec|Preparex|PrepareNamed|Beginx|MustBegin|Stmtx|NamedStmt)$"))
  arguments: (argument_list) @arguments) @call
