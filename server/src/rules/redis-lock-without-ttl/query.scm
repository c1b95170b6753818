; `client.SetNX(…)` and `client.SetArgs(…)`; the check confirms a go-redis receiver and a missing TTL.
(call_expression
  function: (selector_expression
    operand: (_) @receiver
    field: (field_identifier) @method (#match? @method "^(SetNX|SetArgs)$"))
  arguments: (argument_list) @args) @call
