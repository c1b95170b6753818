package legacy

type User struct{ Name string }

func notify(u User)        {}
func ids() map[string]bool { return nil }

// Before Go 1.22 the range variable is shared by all iterations: wrapping the call in a func
// literal would read it too late, so there is no fix.
func notifyAll(users []User) {
	for _, u := range users {
		go notify(u) // want "goroutine-in-loop:information"
	}
}

// Same for a counter of a three-clause loop.
func byIndex(users []User) {
	for i := 0; i < len(users); i++ {
		go notify(users[i]) // want "goroutine-in-loop:information"
	}
}

// A func literal with an argument is fixed: the argument is still evaluated at the go statement.
func passed(users []User) {
	for _, u := range users {
		go func(u User) { // want "goroutine-in-loop:information"
			notify(u)
		}(u)
	}
}

// Before Go 1.22 nothing ranges over an integer, so one variable still means data.
func keys() {
	for k := range ids() {
		go notify(User{Name: k}) // want "goroutine-in-loop:information"
	}
}
