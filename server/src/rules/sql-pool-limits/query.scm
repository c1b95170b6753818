; A call of a package function that opens a pool: `sql.Open`, `sql.OpenDB`, sqlx's `Open`,
; `Connect`, `ConnectContext`, `MustOpen` and `MustConnect`. The check confirms the import path.
(call_expression
  function: (selector_expression
    operand: (identifier)
    field: (field_identifier) @name)
  (#any-of? @name "Open" "OpenDB" "Connect" "ConnectContext" "MustOpen" "MustConnect")) @call
