package witness

import "errors"

// Consume returns on a bad item without closing ch: the goroutine
// ranges over it forever.
func Consume(items []int) error {
	ch := make(chan int)
	go func() {
		for v := range ch { // want `range over ch never ends once Consume returns \(unclosed.go:\d+\) without closing it: close ch on every path, as in defer close\(ch\)`
			use(v)
		}
	}()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		ch <- it
	}
	close(ch)
	return nil
}

// ConsumeDeferred closes on every path.
func ConsumeDeferred(items []int) error {
	ch := make(chan int)
	defer close(ch)
	go func() {
		for v := range ch {
			use(v)
		}
	}()
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		ch <- it
	}
	return nil
}

// ConsumeBoth closes on the error path too.
func ConsumeBoth(items []int) error {
	ch := make(chan int)
	go func() {
		for v := range ch {
			use(v)
		}
	}()
	for _, it := range items {
		if it < 0 {
			close(ch)
			return errors.New("negative")
		}
		ch <- it
	}
	close(ch)
	return nil
}

// Once may return before it sends the one value the goroutine waits
// for.
func Once(ok bool) {
	ch := make(chan int)
	go func() {
		v := <-ch // want `receive from ch blocks forever once Once returns \(unclosed.go:\d+\) without sending on it or closing it`
		use(v)
	}()
	if !ok {
		return
	}
	ch <- 1
}

// OnceAlways sends on every path.
func OnceAlways(ok bool) {
	ch := make(chan int)
	go func() {
		v := <-ch
		use(v)
	}()
	if !ok {
		ch <- 0
		return
	}
	ch <- 1
}

// Sentinel: the goroutine leaves its range on a value, so whether it
// waits forever depends on what is sent.
func Sentinel(items []int) {
	ch := make(chan int)
	go func() {
		for v := range ch {
			if v < 0 {
				return
			}
			use(v)
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

// worker ranges over the channel it is passed, from a goroutine that
// calls it.
func worker(in <-chan int, done func()) {
	for v := range in { // want `range over in never ends once Import returns \(unclosed.go:\d+\) without closing it`
		use(v)
	}
	done()
}

// Import returns on a decode error without closing in: the workers
// range forever.
func Import(items []int, decode func(int) error) error {
	in := make(chan int, 10)
	for range 4 {
		go func() {
			worker(in, func() {})
		}()
	}
	for _, it := range items {
		if err := decode(it); err != nil {
			return err
		}
		in <- it
	}
	close(in)
	return nil
}

// importer is the same worker for ImportClosed.
func importer(in <-chan int) {
	for v := range in {
		use(v)
	}
}

// ImportClosed closes in on every path.
func ImportClosed(items []int, decode func(int) error) error {
	in := make(chan int, 10)
	defer close(in)
	for range 4 {
		go func() {
			importer(in)
		}()
	}
	for _, it := range items {
		if err := decode(it); err != nil {
			return err
		}
		in <- it
	}
	return nil
}
