; A method call named Abort, AbortWithStatus, AbortWithStatusJSON or AbortWithError on a plain
; identifier; the check confirms the identifier is a *gin.Context parameter.
(call_expression
  function: (selector_expression
    operand: (identifier) @context
    field: (field_identifier) @method (#match? @method "^Abort(WithStatus|WithStatusJSON|WithError)?$"))) @call
