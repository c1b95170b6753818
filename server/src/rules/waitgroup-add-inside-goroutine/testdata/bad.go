package workers

import (
	"fmt"
	gosync "sync"
)

type Task struct{ ID int }

func run(t Task) {}

type Pool struct {
	wg    gosync.WaitGroup
	tasks []Task
}

func addFirst(tasks []Task) {
	var wg gosync.WaitGroup
	for _, t := range tasks {
		go func(t Task) {
			wg.Add(1) // want "waitgroup-add-inside-goroutine"
			defer wg.Done()
			run(t)
		}(t)
	}
	wg.Wait()
}

func pointerParam(wg *gosync.WaitGroup, t Task) {
	go func() {
		defer wg.Done()
		wg.Add(1) // want "waitgroup-add-inside-goroutine"
		run(t)
	}()
}

func (p *Pool) field() {
	for _, t := range p.tasks {
		t := t
		go func() {
			p.wg.Add(1) // want "waitgroup-add-inside-goroutine"
			run(t)
			p.wg.Done()
		}()
	}
	p.wg.Wait()
}

func newGroup(tasks []Task) {
	wg := new(gosync.WaitGroup)
	go func() {
		wg.Add(len(tasks)) // want "waitgroup-add-inside-goroutine"
		defer func() {
			for range tasks {
				wg.Done()
			}
		}()
		fmt.Println("batch", len(tasks))
	}()
	wg.Wait()
}

func literalGroup(t Task) {
	wg := &gosync.WaitGroup{}
	go func() {
		wg.Add(1) // want "waitgroup-add-inside-goroutine"
		defer wg.Done()
		run(t)
	}()
	wg.Wait()
}

// The group is the goroutine's own parameter: the name differs outside, so no fix.
func groupAsArgument(t Task) {
	var wg gosync.WaitGroup
	go func(group *gosync.WaitGroup) {
		group.Add(1) // want "waitgroup-add-inside-goroutine"
		defer group.Done()
		run(t)
	}(&wg)
	wg.Wait()
}

// The count uses a variable of the goroutine: it cannot move out, so no fix.
func localCount(tasks []Task) {
	var wg gosync.WaitGroup
	go func() {
		n := len(tasks)
		wg.Add(n) // want "waitgroup-add-inside-goroutine"
		for i := 0; i < n; i++ {
			wg.Done()
		}
	}()
	wg.Wait()
}
