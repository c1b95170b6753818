; Calls that may drop a context: context.Background/TODO, http.NewRequest, net.Dial, methods and
; sqlx functions that have a context-taking twin, and the GORM methods that run a chain's SQL. The
; check resolves the package or receiver type and the context in scope. One pattern with one #any-of? keeps the per-call matching cost low.
(call_expression
  function: (selector_expression
    operand: (_) @operand
    field: (field_identifier) @name)
  (#any-of? @name
    "Background" "TODO" "NewRequest" "Dial"
    "Query" "QueryRow" "Exec" "Prepare" "Begin" "Ping" "Stmt" "Get" "Select" "Queryx" "QueryRowx"
    "NamedExec" "NamedQuery" "MustExec" "Preparex" "PrepareNamed" "Beginx" "MustBegin" "Stmtx" "NamedStmt" "Connect"
    "Find" "First" "Last" "Take" "Create" "CreateInBatches" "Save" "Update" "Updates" "UpdateColumn" "UpdateColumns"
    "Delete" "Count" "Scan" "Pluck" "FirstOrCreate" "FirstOrInit" "FindInBatches" "Row" "Rows" "Transaction")) @call
