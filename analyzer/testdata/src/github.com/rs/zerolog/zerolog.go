// Package zerolog is a stub of github.com/rs/zerolog for the tests.
package zerolog

type Logger struct{}

type Event struct{}

func (l *Logger) Fatal() *Event { return &Event{} }
func (l *Logger) Info() *Event  { return &Event{} }

func (e *Event) Err(err error) *Event { return e }
func (e *Event) Msg(msg string)       {}
