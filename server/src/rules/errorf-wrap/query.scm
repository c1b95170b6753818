; `pkg.Errorf("literal format", …)`; the check confirms `pkg` is fmt under any alias.
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @name (#eq? @name "Errorf"))
  arguments: (argument_list
    .
    [(interpreted_string_literal) (raw_string_literal)] @format)) @call
