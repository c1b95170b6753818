package legacy

// Kept unformatted on purpose (gofmt would expand the loop): there is no line of its own to put
// the copy on, so no fix.
func oneLine(jobs []Job) {
	for _, job := range jobs { go func() { _ = process(job) }() } // want "goroutine-loop-var"
}
