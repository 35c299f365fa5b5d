package analyzer

// The catalog: known blocking functions of the standard library and of
// well-known modules, each with the alternative that honours
// cancellation. Functions are named as (*types.Func).FullName prints
// them, so a callee is matched by its type, never by how the call
// is spelled. Operations that need more than the callee to judge
// (channel operations, exec.Command whose command is run, a request
// built by http.NewRequest and then sent) live in ops.go.

// fixKind says which mechanical rewrite, if any, turns a call into
// its context-aware alternative (see fix.go).
type fixKind int

const (
	fixNone          fixKind = iota
	fixContextMethod         // x.M(args) -> x.MContext(ctx, args)
	fixBeginTx               // db.Begin() -> db.BeginTx(ctx, nil)
	fixHandshake             // c.Handshake() -> c.HandshakeContext(ctx)
	fixDial                  // net.Dial(n, a) -> (&net.Dialer{}).DialContext(ctx, n, a)
	fixDialTimeout           // net.DialTimeout(n, a, d) -> (&net.Dialer{Timeout: d}).DialContext(ctx, n, a)
	fixLookup                // net.LookupX(args) -> net.DefaultResolver.LookupX(ctx, args)
	fixNewRequest            // http.NewRequest(m, u, b) -> http.NewRequestWithContext(ctx, m, u, b)
	fixCommand               // exec.Command(args) -> exec.CommandContext(ctx, args)
	fixHTTPHelper            // http.Get(u) -> a literal that builds the request with ctx and sends it
	fixTLSDial               // return tls.Dial(n, a, cfg) -> return (&tls.Dialer{Config: cfg}).DialContext(ctx, n, a)
)

// blockingCall describes one known blocking function.
type blockingCall struct {
	family Family
	alt    string // the alternative, as the message names it
	fix    fixKind
}

const (
	altSleep   = "wait on a time.Timer in a select with ctx.Done()"
	altHTTP    = "build the request with http.NewRequestWithContext and send it with Client.Do"
	altSyscall = "move it off the cancellable path, or wait for it in a goroutine with a select on ctx.Done() (the call itself keeps running): a blocking system call cannot be cancelled"
)

// catalog maps full function names to what is known about them.
var catalog = func() map[string]blockingCall {
	m := map[string]blockingCall{
		// time
		"time.Sleep": {Sleep, altSleep, fixNone},

		// sync
		"(*sync.Cond).Wait": {Sync, "signal with a channel and select on it and ctx.Done(); a Cond cannot be cancelled", fixNone},

		// net/http
		"net/http.Get":                {HTTP, altHTTP, fixHTTPHelper},
		"net/http.Head":               {HTTP, altHTTP, fixHTTPHelper},
		"net/http.Post":               {HTTP, altHTTP, fixHTTPHelper},
		"net/http.PostForm":           {HTTP, altHTTP, fixNone},
		"(*net/http.Client).Get":      {HTTP, altHTTP, fixHTTPHelper},
		"(*net/http.Client).Head":     {HTTP, altHTTP, fixHTTPHelper},
		"(*net/http.Client).Post":     {HTTP, altHTTP, fixHTTPHelper},
		"(*net/http.Client).PostForm": {HTTP, altHTTP, fixNone},

		// net and crypto/tls
		"net.Dial":                     {Net, "use (&net.Dialer{}).DialContext(ctx, ...)", fixDial},
		"net.DialTimeout":              {Net, "use (&net.Dialer{Timeout: d}).DialContext(ctx, ...)", fixDialTimeout},
		"(*net.Dialer).Dial":           {Net, "use (*net.Dialer).DialContext", fixContextMethod},
		"crypto/tls.Dial":              {Net, "use (&tls.Dialer{Config: cfg}).DialContext(ctx, ...)", fixTLSDial},
		"crypto/tls.DialWithDialer":    {Net, "use (&tls.Dialer{NetDialer: d, Config: cfg}).DialContext(ctx, ...)", fixTLSDial},
		"(*crypto/tls.Conn).Handshake": {Net, "use (*tls.Conn).HandshakeContext(ctx)", fixHandshake},

		// os/exec: exec.Command itself is judged in ops.go, by whether
		// its command is run.

		// Rate limiters that sleep without a context.
		"(k8s.io/client-go/util/flowcontrol.RateLimiter).Accept": {Sleep, "use Wait(ctx)", fixNone},
		"(go.uber.org/ratelimit.Limiter).Take":                   {Sleep, "use a limiter whose Wait method takes a context, such as golang.org/x/time/rate", fixNone},
		"(*github.com/juju/ratelimit.Bucket).Wait":               {Sleep, "use a limiter whose Wait method takes a context, such as golang.org/x/time/rate", fixNone},
	}

	// net.Lookup*: every one has a context-taking method on net.Resolver.
	// LookupPort is left out: it parses numbers and reads the services
	// table, and does not go to the network.
	// LookupIP is the odd one: the resolver's LookupIP takes a network.
	for _, name := range []string{"LookupHost", "LookupAddr", "LookupCNAME", "LookupMX", "LookupNS", "LookupTXT", "LookupSRV"} {
		m["net."+name] = blockingCall{Net, "use net.DefaultResolver." + name + "(ctx, ...)", fixLookup}
	}
	m["net.LookupIP"] = blockingCall{Net, `use net.DefaultResolver.LookupIP(ctx, "ip", host)`, fixLookup}

	// database/sql: every method with a Context twin.
	sqlMethods := map[string][]string{
		"DB":   {"Query", "QueryRow", "Exec", "Prepare", "Ping"},
		"Tx":   {"Query", "QueryRow", "Exec", "Prepare"},
		"Stmt": {"Query", "QueryRow", "Exec"},
	}
	for typ, methods := range sqlMethods {
		for _, meth := range methods {
			m["(*database/sql."+typ+")."+meth] = blockingCall{SQL, "use (*sql." + typ + ")." + meth + "Context", fixContextMethod}
		}
	}
	m["(*database/sql.DB).Begin"] = blockingCall{SQL, "use (*sql.DB).BeginTx(ctx, nil)", fixBeginTx}

	// syscall and golang.org/x/sys/unix: calls that park the thread
	// in the kernel with no way to cancel them.
	for _, name := range []string{"Flock", "Wait4", "Select", "Accept", "Accept4", "Recvfrom", "Recvmsg", "Nanosleep", "Pause", "Poll", "EpollWait", "Kevent"} {
		m["syscall."+name] = blockingCall{Syscall, altSyscall, fixNone}
		m["golang.org/x/sys/unix."+name] = blockingCall{Syscall, altSyscall, fixNone}
	}
	return m
}()
