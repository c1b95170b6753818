; `InsecureSkipVerify: <value>` in a keyed literal; the check confirms the literal is a crypto/tls
; Config and that the value is a constant true (`true`, `!false`, a boolean constant).
(keyed_element
  key: (literal_element (identifier) @key (#eq? @key "InsecureSkipVerify"))
  value: (literal_element (_) @value)) @element

; `cfg.InsecureSkipVerify = true`; the check confirms `cfg` is a tls.Config (or a TLSClientConfig field).
(assignment_statement
  left: (expression_list . (selector_expression
    field: (field_identifier) @field (#eq? @field "InsecureSkipVerify")) @target .)
  right: (expression_list . (_) @value .)) @assignment
