; An http.Client composite literal; the check confirms the qualifier is net/http.
(composite_literal
  type: (qualified_type
    name: (type_identifier) @type-name (#eq? @type-name "Client")) @type
  body: (literal_value) @body) @literal

; `http.Get(url)` and friends, and `http.DefaultClient.Do(req)`: calls through the default client.
(call_expression
  function: (selector_expression
    field: (field_identifier) @method (#match? @method "^(Get|Head|Post|PostForm|Do)$")) @callee) @call
