// Package store has a database/sql call that ignores the context at
// hand: --fix rewrites it to QueryContext(ctx, ...).
package store

import (
	"context"
	"database/sql"
)

// Count counts the rows of t.
func Count(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT count(*) FROM t") // want: sql, fixed to QueryContext
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int
	for rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}
