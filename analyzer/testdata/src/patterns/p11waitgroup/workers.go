package p11waitgroup

import "sync"

func crunch(n int, wg *sync.WaitGroup, out []int) {
	defer wg.Done()
	out[n] = n * n
}

// Squares starts a named worker per item and waits in the loop, with
// the Add outside it.
func Squares(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go crunch(i, &wg, out)
		wg.Wait() // want `wg\.Wait inside the loop that starts the goroutines it waits for`
	}
	return out
}

// SquaresFixed is the clean twin.
func SquaresFixed(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go crunch(i, &wg, out)
	}
	wg.Wait()
	return out
}
