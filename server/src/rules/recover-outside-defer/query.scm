; A call of `recover()`; the check makes sure it is the builtin (not shadowed) and looks at the
; function that calls it.
(call_expression
  function: (identifier) @name
  arguments: (argument_list) @args
  (#eq? @name "recover")) @call
