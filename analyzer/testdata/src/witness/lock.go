package witness

import "sync"

// hub's loop locks mu to count each event it receives.
type hub struct {
	mu     sync.Mutex
	events chan int
	n      int
}

func newHub() *hub {
	h := &hub{events: make(chan int)}
	go h.loop()
	return h
}

func (h *hub) loop() {
	for e := range h.events {
		h.mu.Lock()
		h.n += e
		h.mu.Unlock()
	}
}

// Publish sends with mu held: when the loop waits for mu, neither moves.
func (h *hub) Publish(e int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events <- e // want `send on h.events while h.mu is held in \(\*hub\).Publish blocks forever once the loop in \(\*hub\).loop waits for that lock \(lock.go:\d+\): it cannot receive until the lock is released`
}

// PublishUnlocked sends after it lets go of mu.
func (h *hub) PublishUnlocked(e int) {
	h.mu.Lock()
	h.n++
	h.mu.Unlock()
	h.events <- e
}

// feed's loop and its senders both take read locks, which do not wait
// for each other.
type feed struct {
	mu    sync.RWMutex
	items chan int
	seen  map[int]bool
}

func newFeed() *feed {
	f := &feed{items: make(chan int), seen: map[int]bool{}}
	go f.loop()
	return f
}

func (f *feed) loop() {
	for it := range f.items {
		f.mu.RLock()
		_ = f.seen[it]
		f.mu.RUnlock()
	}
}

func (f *feed) Add(it int) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	f.items <- it
}

// index's loop takes the write lock; Put sends under a read lock, which
// keeps the writer waiting.
type index struct {
	mu   sync.RWMutex
	puts chan int
	m    map[int]bool
}

func newIndex() *index {
	x := &index{puts: make(chan int), m: map[int]bool{}}
	go x.loop()
	return x
}

func (x *index) loop() {
	for k := range x.puts {
		x.mu.Lock()
		x.m[k] = true
		x.mu.Unlock()
	}
}

func (x *index) Put(k int) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	x.puts <- k // want `send on x.puts while x.mu is held in \(\*index\).Put blocks forever once the loop in \(\*index\).loop waits for that lock`
}

// board has two receiving loops, and only one takes mu: the other may
// answer the send.
type board struct {
	mu    sync.Mutex
	posts chan int
	n     int
}

func newBoard() *board {
	b := &board{posts: make(chan int)}
	go b.count()
	go b.log()
	return b
}

func (b *board) count() {
	for p := range b.posts {
		b.mu.Lock()
		b.n += p
		b.mu.Unlock()
	}
}

func (b *board) log() {
	for p := range b.posts {
		use(p)
	}
}

func (b *board) Post(p int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.posts <- p
}
