; A call of a selector such as `http.ListenAndServe(…)`; the check confirms that the operand is
; an import of net/http (any alias) and not a configured *http.Server value.
(call_expression
  function: (selector_expression
    operand: (identifier)
    field: (field_identifier) @name (#match? @name "^(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$")) @callee
  arguments: (argument_list) @arguments) @call
