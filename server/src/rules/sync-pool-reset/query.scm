; `x := pool.Get().(*T)` (also `=` and `var`): a value taken from a pool with a type assertion.
; The check confirms the pool is a sync.Pool and T a buffer-like type with a Reset method.
(type_assertion_expression
  operand: (call_expression
    function: (selector_expression
      operand: (_) @pool
      field: (field_identifier) @get)
    arguments: (argument_list) @args)
  type: (pointer_type) @type
  (#eq? @get "Get")) @assertion
