; `x.Lock()` or `x.RLock()` as a statement; the check confirms x is a sync.Mutex or sync.RWMutex
; (a field, a variable, or a struct embedding one) through the package index.
(expression_statement
  (call_expression
    function: (selector_expression
      operand: (_) @mutex
      field: (field_identifier) @method)
    arguments: (argument_list) @args)
  (#any-of? @method "Lock" "RLock")) @statement
