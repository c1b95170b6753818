; A call that may return an *http.Response, in the three places the rule follows: thrown away as
; a statement, received by `resp, err := …` / `resp, err = …`, or by `var resp, err = …`. The
; check confirms the callee is net/http's package function or a method of an *http.Client. Calls
; anywhere else (returned, passed on, `r.URL.Query().Get(…)` as an argument) never reach it.
(expression_statement
  (call_expression
    function: (selector_expression field: (field_identifier) @method)) @call
  (#any-of? @method "Do" "Get" "Post" "Head" "PostForm"))

([(short_var_declaration
    left: (expression_list . (identifier) @target)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .))
  (assignment_statement
    left: (expression_list . (identifier) @target)
    right: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .))] @statement
  (#any-of? @method "Do" "Get" "Post" "Head" "PostForm"))

((var_spec
   . name: (identifier) @target
   value: (expression_list . (call_expression function: (selector_expression field: (field_identifier) @method)) @call .)) @spec
  (#any-of? @method "Do" "Get" "Post" "Head" "PostForm"))
