// Package store is a data-access layer whose methods forgot the
// context.
package store

import (
	"context"
	"database/sql"
	"os"
	"syscall"

	"patterns/p05helper/backoff"
)

// User is a row of the users table.
type User struct{ ID, Name string }

// DB wraps a *sql.DB.
type DB struct{ conn *sql.DB }

// LoadUser has no context: callers with one cannot pass it on.
func (d *DB) LoadUser(id string) (*User, error) { // want LoadUser:`blocks\(sql: \(\*sql\.DB\)\.QueryRow via \(\*DB\)\.get\)`
	return d.get("users", id)
}

func (d *DB) get(table, id string) (*User, error) { // want get:`blocks\(sql: \(\*sql\.DB\)\.QueryRow\)`
	var u User
	err := d.conn.QueryRow("SELECT id, name FROM "+table+" WHERE id = ?", id).Scan(&u.ID, &u.Name)
	return &u, err
}

// LoadUserContext is the clean twin: it takes a context and honours it.
func (d *DB) LoadUserContext(ctx context.Context, id string) (*User, error) {
	var u User
	err := d.conn.QueryRowContext(ctx, "SELECT id, name FROM users WHERE id = ?", id).Scan(&u.ID, &u.Name)
	return &u, err
}

// Key does not block.
func Key(id string) string { return "user:" + id }

// Compact retries through another package's sleeping helper until
// dir appears.
func Compact(dir string) error { // want Compact:`blocks\(sleep: time\.Sleep via backoff\.Pause\)`
	for i := 0; ; i++ {
		if _, err := os.Stat(dir); err == nil {
			return nil
		}
		backoff.Pause(i)
	}
}

// Lock takes an exclusive flock on path.
func Lock(path string) (*os.File, error) { // want Lock:`blocks\(syscall: syscall\.Flock\)`
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
