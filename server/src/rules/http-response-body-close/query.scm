; A call that may be a wrapper of the module handing back a response (`res, err := get(url)`,
; `_, err := c.post(path, form)`, with `=` or `var` too); the check asks the index whether the
; function it calls returns a request's response untouched. Calls of `Do`, `Get`, `Post`, `Head`
; and `PostForm` come as method calls (see the rule's `methods`).
(short_var_declaration
  left: (expression_list . (identifier) . (identifier) .)
  right: (expression_list . (call_expression function: [(identifier) (selector_expression)]) @call .))
(assignment_statement
  left: (expression_list . (identifier) . (identifier) .)
  operator: "="
  right: (expression_list . (call_expression function: [(identifier) (selector_expression)]) @call .))
(var_spec
  . name: (identifier) . name: (identifier)
  value: (expression_list . (call_expression function: [(identifier) (selector_expression)]) @call .))
