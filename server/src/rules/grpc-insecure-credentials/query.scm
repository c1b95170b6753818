; `grpc.WithInsecure()` and `insecure.NewCredentials()`; the check resolves the packages through the imports.
(call_expression
  function: (selector_expression
    field: (field_identifier) @name (#match? @name "^(WithInsecure|NewCredentials)$"))) @call
