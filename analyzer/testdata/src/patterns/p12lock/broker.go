package p12lock

import "sync"

// Message is what subscribers receive.
type Message struct{ Topic, Body string }

type subscriber struct {
	ch chan Message
}

// Broker fans messages out to subscribers.
type Broker struct {
	mu   sync.RWMutex
	subs map[string][]*subscriber
}

// Publish sends to every subscriber with the read lock held: one slow
// subscriber blocks every publisher, and Subscribe, which needs the
// write lock, deadlocks with a subscriber that publishes.
func (b *Broker) Publish(m Message) { // want Publish:`blocks\(chanaudit: send on s\.ch\)`
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, s := range b.subs[m.Topic] {
		s.ch <- m // want `send on s\.ch while b\.mu is held in \(\*Broker\)\.Publish makes every goroutine that needs the lock wait too`
	}
}

// PublishNonBlocking is the clean twin: the send never waits.
func (b *Broker) PublishNonBlocking(m Message) (dropped int) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, s := range b.subs[m.Topic] {
		select {
		case s.ch <- m:
		default:
			dropped++
		}
	}
	return dropped
}

// PublishCopy is the other clean twin: copy the list under the lock,
// send after releasing it.
func (b *Broker) PublishCopy(m Message) { // want PublishCopy:`blocks\(chanaudit: send on s\.ch\)`
	b.mu.RLock()
	subs := append([]*subscriber(nil), b.subs[m.Topic]...)
	b.mu.RUnlock()
	for _, s := range subs {
		s.ch <- m
	}
}

// Subscribe is a short critical section.
func (b *Broker) Subscribe(topic string) <-chan Message {
	s := &subscriber{ch: make(chan Message, 16)}
	b.mu.Lock()
	b.subs[topic] = append(b.subs[topic], s)
	b.mu.Unlock()
	return s.ch
}
