; A call such as `srv.ListenAndServe()` or `http.ListenAndServe(addr, h)`; the check confirms it
; starts a net/http server (a package-level function or a method on an http.Server).
(call_expression
  function: (selector_expression
    operand: (_) @operand
    field: (field_identifier) @name (#match? @name "^(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$"))
  arguments: (argument_list) @arguments) @call
