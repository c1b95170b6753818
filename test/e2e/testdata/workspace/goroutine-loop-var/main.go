package notify

type User struct{ Email string }

// notifyAll sends to at most cap(sem) users at once.
func notifyAll(users []User, sem chan struct{}) {
	for _, u := range users {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			send(u)
		}()
	}
}

func send(u User) {}
