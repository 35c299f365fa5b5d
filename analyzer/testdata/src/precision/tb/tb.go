// Package tb is test support (it imports testing): analysed only with
// -tests, where testing.TB, which has a Context method, is still no
// stream and no context.
package tb

import (
	"database/sql"
	"testing"
)

// MustExec runs a statement for a test.
func MustExec(t testing.TB, st *sql.Stmt, args ...any) sql.Result { // want MustExec:"blocks"
	t.Helper()
	res, err := st.Exec(args...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
