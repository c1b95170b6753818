package consumer

import "time"

func consume(in <-chan string, handle func(string)) {
	for {
		select {
		case s := <-in:
			handle(s)
		case <-time.After(time.Minute):
			return
		}
	}
}
