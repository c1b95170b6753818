package jobs

func runReported(job func()) {
	defer reportPanic()
	job()
}

func (p *pool) run(job func()) {
	defer p.absorb()
	job()
}
