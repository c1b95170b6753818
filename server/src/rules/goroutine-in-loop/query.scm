; Every go statement; the check finds the loop around it and decides whether it is data-driven
; and unbounded.
(go_statement) @go
