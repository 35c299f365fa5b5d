package fixes

import (
	"context"
	"crypto/tls"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"time"
)

func query(ctx context.Context, db *sql.DB, tx *sql.Tx, st *sql.Stmt) {
	rows, _ := db.Query("select $1", 1) // want `\(\*sql.DB\).Query in query`
	_ = rows
	_ = db.QueryRow("select 1") // want `\(\*sql.DB\).QueryRow in query`
	_, _ = db.Exec("delete")    // want `\(\*sql.DB\).Exec in query`
	_, _ = db.Prepare("select") // want `\(\*sql.DB\).Prepare in query`
	_ = db.Ping()               // want `\(\*sql.DB\).Ping in query`
	t, _ := db.Begin()          // want `\(\*sql.DB\).Begin in query`
	_, _ = t.Exec("update")     // want `\(\*sql.Tx\).Exec in query`
	_, _ = tx.Query("select")   // want `\(\*sql.Tx\).Query in query`
	_, _ = st.Query()           // want `\(\*sql.Stmt\).Query in query`
	_, _ = db.QueryContext(ctx, "select 1")
}

func handler(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "http://example.com", nil) // want `http.NewRequest in HTTP handler handler`
	_, _ = http.DefaultClient.Do(req)
	_ = exec.Command("true").Run() // want `exec.Command in HTTP handler handler`
}

func dial(ctx context.Context, c *tls.Conn, d *net.Dialer) {
	_, _ = net.Dial("tcp", "localhost:1")                       // want `net.Dial in dial`
	_, _ = net.DialTimeout("tcp", "localhost:1", 2*time.Second) // want `net.DialTimeout in dial`
	_, _ = net.LookupHost("example.com")                        // want `net.LookupHost in dial`
	_, _ = net.LookupIP("example.com")                          // want `net.LookupIP in dial`
	_ = c.Handshake()                                           // want `\(\*tls.Conn\).Handshake in dial`
	_, _ = d.Dial("tcp", "localhost:1")                         // want `\(\*net.Dialer\).Dial in dial`
}

// No context at hand, but a quit channel the goroutine honours: the
// query ignores it. The finding names the alternative, with no fix.
func background(db *sql.DB, quit chan struct{}) {
	go func() {
		for {
			select {
			case <-quit:
				return
			default:
			}
			_, _ = db.Query("select 1") // want `\(\*sql.DB\).Query in the goroutine started in background`
		}
	}()
}

// Nothing to honour: no context and no quit channel in the goroutine
// or in the function that starts it.
func detached(db *sql.DB) {
	go func() {
		_, _ = db.Query("select 1")
	}()
}

// The context may be nil here: no fix.
func maybeNil(ctx context.Context, db *sql.DB) {
	if ctx == nil {
		return
	}
	_, _ = db.Query("select 1") // want `\(\*sql.DB\).Query in maybeNil`
}

// The context's name means something else at the call: no fix.
func shadowed(ctx context.Context, db *sql.DB) {
	{
		ctx := 1
		_ = ctx
		_, _ = db.Query("select 1") // want `\(\*sql.DB\).Query in shadowed`
	}
}

// fetch uses the one-call helpers: the fix builds each request with
// ctx in a function literal called in its place.
func fetch(ctx context.Context, c *http.Client, u string, body *strings.Reader) error {
	resp, err := http.Get(u) // want `http.Get in fetch, which takes a context, ignores cancellation`
	if err != nil {
		return err
	}
	resp.Body.Close()
	if _, err := c.Post(u, "text/plain", body); err != nil { // want `\(\*http.Client\).Post in fetch, which takes a context, ignores cancellation`
		return err
	}
	// An argument that names err would be captured by the literal's
	// own err: no fix.
	_, err = http.Head(u + err.Error()) // want `http.Head in fetch, which takes a context, ignores cancellation`
	return err
}

// dialTLS returns what tls.DialWithDialer gives: a net.Conn from
// tls.Dialer.DialContext does as well.
func dialTLS(ctx context.Context, d *net.Dialer, addr string, cfg *tls.Config) (net.Conn, error) {
	if cfg == nil {
		return d.DialContext(ctx, "tcp", addr)
	}
	return tls.DialWithDialer(d, "tcp", addr, cfg) // want `tls.DialWithDialer in dialTLS, which takes a context, ignores cancellation`
}

// dialTLSConn keeps the *tls.Conn: no fix, since DialContext gives a
// net.Conn.
func dialTLSConn(ctx context.Context, addr string, cfg *tls.Config) (*tls.Conn, error) {
	return tls.Dial("tcp", addr, cfg) // want `tls.Dial in dialTLSConn, which takes a context, ignores cancellation`
}
