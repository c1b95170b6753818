; A parameter typed as a pointer to some package's `Context`: a Gin handler's `c *gin.Context`,
; whose function is then searched for calls of the module's helpers that abort the request.
(parameter_declaration
  type: (pointer_type
    (qualified_type
      name: (type_identifier) @type
      (#eq? @type "Context")))) @parameter
