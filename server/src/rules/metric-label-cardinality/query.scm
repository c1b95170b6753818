; Picking a child of a labelled Prometheus collector; the check confirms the receiver.
(call_expression
  function: (selector_expression
    operand: (_) @receiver
    field: (field_identifier) @method
    (#match? @method "^(WithLabelValues|GetMetricWithLabelValues|With|GetMetricWith)$"))
  arguments: (argument_list)) @call
