; An http.Transport composite literal; the check confirms the qualifier is net/http.
(composite_literal
  type: (qualified_type
    name: (type_identifier) @type-name (#eq? @type-name "Transport")) @type
  body: (literal_value) @body) @literal
