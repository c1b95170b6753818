package jobs

import "log"

func spawn(job func()) {
	go func() {
		if r := recover(); r != nil {
			log.Printf("job panicked: %v", r)
		}
		job()
	}()
}
