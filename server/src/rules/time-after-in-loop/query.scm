; `case <-X.After(d):` in a select; the check confirms that X is the time package and that the
; select runs in a loop.
(communication_case
  communication: (receive_statement
    right: (unary_expression
      operand: (call_expression
        function: (selector_expression
          field: (field_identifier) @name (#eq? @name "After"))) @call))) @case
