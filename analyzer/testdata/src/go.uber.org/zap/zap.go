// Package zap is a stub of go.uber.org/zap: a Logger whose Panic and
// Fatal levels end the goroutine or the process after writing.
package zap

type Logger struct{}

func (l *Logger) Info(msg string)  {}
func (l *Logger) Warn(msg string)  {}
func (l *Logger) Panic(msg string) { panic(msg) }
func (l *Logger) Fatal(msg string) { panic(msg) }
