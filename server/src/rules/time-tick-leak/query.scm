; A call of some `X.Tick`; the check confirms that X is the time package.
(call_expression
  function: (selector_expression
    field: (field_identifier) @name (#eq? @name "Tick"))) @call
