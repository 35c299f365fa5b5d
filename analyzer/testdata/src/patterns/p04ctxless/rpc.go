package p04ctxless

import (
	"context"
	"database/sql"
	"os/exec"
)

// GetUserRequest and User are the messages of a gRPC service.
type GetUserRequest struct{ ID string }

// User is a row of the users table.
type User struct{ ID, Name string }

// Users is a gRPC service.
type Users struct{ db *sql.DB }

// GetUser has a ctx and does not pass it on.
func (u *Users) GetUser(ctx context.Context, req *GetUserRequest) (*User, error) {
	var usr User
	err := u.db.QueryRow("SELECT id, name FROM users WHERE id = ?", req.ID).Scan(&usr.ID, &usr.Name) // want `\(\*sql\.DB\)\.QueryRow in gRPC method \(\*Users\)\.GetUser,? ignores cancellation: use \(\*sql\.DB\)\.QueryRowContext`
	return &usr, err
}

// Rename runs a transaction without the context.
func (u *Users) Rename(ctx context.Context, req *User) (*User, error) {
	tx, err := u.db.Begin() // want `\(\*sql\.DB\)\.Begin in gRPC method \(\*Users\)\.Rename,? ignores cancellation: use \(\*sql\.DB\)\.BeginTx\(ctx, nil\)`
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE users SET name = ? WHERE id = ?", req.Name, req.ID); err != nil { // want `\(\*sql\.Tx\)\.Exec in gRPC method \(\*Users\)\.Rename,? ignores cancellation: use \(\*sql\.Tx\)\.ExecContext`
		return nil, err
	}
	return req, tx.Commit()
}

// RenameCtx is the clean twin.
func (u *Users) RenameCtx(ctx context.Context, req *User) (*User, error) {
	tx, err := u.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE users SET name = ? WHERE id = ?", req.Name, req.ID); err != nil {
		return nil, err
	}
	return req, tx.Commit()
}

// BulkInsert prepares a statement and runs it, both without the
// context, and shells out through a command variable.
func (u *Users) BulkInsert(ctx context.Context, req *BulkRequest) (*BulkReply, error) {
	stmt, err := u.db.Prepare("INSERT INTO users (id, name) VALUES (?, ?)") // want `\(\*sql\.DB\)\.Prepare in gRPC method \(\*Users\)\.BulkInsert,? ignores cancellation: use \(\*sql\.DB\)\.PrepareContext`
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	for _, usr := range req.Users {
		if _, err := stmt.Exec(usr.ID, usr.Name); err != nil { // want `\(\*sql\.Stmt\)\.Exec in gRPC method \(\*Users\)\.BulkInsert,? ignores cancellation: use \(\*sql\.Stmt\)\.ExecContext`
			return nil, err
		}
	}
	cmd := exec.Command("reindex", "--table=users") // want `exec\.Command in gRPC method \(\*Users\)\.BulkInsert,? ignores cancellation: use exec\.CommandContext`
	cmd.Dir = "/var/lib/users"
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return &BulkReply{N: len(req.Users)}, nil
}

// BulkRequest and BulkReply are messages.
type BulkRequest struct{ Users []User }

// BulkReply says how many rows were written.
type BulkReply struct{ N int }
