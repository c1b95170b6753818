; A `Start` call received by `ctx, span := …` or `ctx, span = …` (the span is the second name,
; possibly `_`). The check confirms the receiver is an OpenTelemetry trace.Tracer.
((short_var_declaration
   left: (expression_list . (_) . (identifier) @target .)
   right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .)) @statement
  (#eq? @method "Start"))

((assignment_statement
   left: (expression_list . (_) . (identifier) @target .)
   right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .)) @statement
  (#eq? @method "Start"))
