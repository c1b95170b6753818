; An http.Client composite literal; the check confirms the qualifier is net/http.
(composite_literal
  type: (qualified_type
    name: (type_identifier) @type-name (#eq? @type-name "Client")) @type
  body: (literal_value) @body) @literal
