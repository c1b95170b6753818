package jobs

// A local function named recover shadows the builtin.
func shadowed() {
	recover := func() any { return nil }
	func() {
		_ = recover()
	}()
}
