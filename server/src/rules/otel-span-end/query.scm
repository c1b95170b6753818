; A `Start` call received by `ctx, span := …`, `ctx, span = …` or `var ctx, span = …` (the span
; is the second name, possibly `_`). The check confirms the receiver is an OpenTelemetry
; trace.Tracer.
((short_var_declaration
   left: (expression_list . (_) . (identifier) @target .)
   right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .)) @statement
  (#eq? @method "Start"))

((assignment_statement
   left: (expression_list . (_) . (identifier) @target .)
   right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .)) @statement
  (#eq? @method "Start"))

; `var ctx, span = tracer.Start(…)`, the same as `:=`.
((var_spec
   . name: (identifier)
   . name: (identifier) @target
   . value: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .)) @spec
  (#eq? @method "Start"))
