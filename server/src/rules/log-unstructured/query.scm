; A call of a package function `pkg.Name`; the check keeps the standard library's log.Print*
; family and fmt.Print*, resolved through the file's imports.
(call_expression
  function: (selector_expression
    operand: (identifier)
    field: (field_identifier) @name (#match? @name "^(Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$"))) @call
