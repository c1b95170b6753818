; A call of context.WithCancel, WithTimeout, WithDeadline or their Cause variants; the check
; confirms the qualifier is the context package (any alias) and finds where the cancel goes.
(call_expression
  function: (selector_expression
    field: (field_identifier) @name)
  (#match? @name "^With(Cancel|Timeout|Deadline)(Cause)?$")) @call
