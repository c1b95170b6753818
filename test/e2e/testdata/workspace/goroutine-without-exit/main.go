package workers

type Order struct{ ID int64 }

func startConsumer(jobs <-chan Order, process func(Order)) {
	go func() {
		for {
			job := <-jobs
			process(job)
		}
	}()
}
