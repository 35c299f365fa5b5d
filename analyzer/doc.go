/*
Package analyzer defines blockcheck, an Analyzer that finds blocking
operations that ignore cancellation on latency-sensitive paths.

# Analyzer blockcheck

blockcheck: report blocking operations that ignore cancellation on goroutine, handler and event-loop paths

A handler that calls time.Sleep or http.Get cannot be cancelled when
the client goes away; a goroutine that sends on a channel nobody reads
any more leaks forever; an event loop that makes a blocking call in
one case stalls every other case, the quit case included. blockcheck
starts from the entry points where this matters, follows calls within
the package and, through facts, into other packages, and reports each
blocking operation that has no way out, with the path from the entry
point to it and the context-aware alternative.

Entry points:

  - go statements, (*errgroup.Group).Go and TryGo, (*sync.WaitGroup).Go,
    time.AfterFunc and context.AfterFunc;
  - net/http handlers: func(http.ResponseWriter, *http.Request),
    ServeHTTP methods, and literals of that shape;
  - gRPC-style methods (ctx, *Req) (*Resp, error) and streaming
    methods whose parameter is a stream server interface (any
    interface with a Context() context.Context method);
  - every function that takes a context.Context (or a type that
    implements it) or an *http.Request (or a pointer to a struct that
    embeds one, a library's own request type);
  - in a function that takes none, the statements in the scope of a
    context variable it gives a value other than context.Background()
    or TODO() (ctx := g.Context(), ctx := s.ctx, ctx, cancel :=
    context.WithTimeout(...)), from that assignment on: a context is at
    hand there, and what blocks could have honoured it;
  - a method without a context parameter whose receiver has a
    context.Context field that the package sets, in assignments and
    composite literals, only to contexts that can end (never
    Background, TODO or nil): c.ctx is at hand in the whole method,
    and the fixes use it;
  - for its own sleeps and timer waits only, a function that takes a
    stop channel (a parameter of type <-chan struct{}) and no context:
    a wait that does not select on that channel too ignores it;
  - the case bodies of for-select event loops;
  - the statements run with a sync.Mutex or sync.RWMutex held;
  - functions marked //blockcheck:entry, or named by -entry;
  - the goroutines and callbacks that main starts (by any of the
    spawns above) in a long-running program: a package main whose
    main, or a function of the package that main calls or starts,
    serves HTTP or gRPC (http.ListenAndServe, http.Serve and their
    TLS forms, the same methods of *http.Server, (*grpc.Server).Serve)
    or waits for a signal: subscribes to signals (signal.Notify,
    signal.NotifyContext) and receives from the channel or the
    context's Done in that same function, not in a goroutine (a CLI
    that only lets Ctrl-C stop it early ends by itself). Such a
    goroutine runs as long as the server does, and its path
    starts at the call that makes main long-running. A
    //blockcheck:ignore in main's doc comment silences them all.

main, init, what is written inside them, generated files and (unless
-tests) test files are never entry points; nor, in a program that does
its work and returns, are the goroutines main starts. Code reached
only from main is not reported. A function named main in a package
other than main is an ordinary function. Unless -tests is given, a
file that imports testing is test support (a fake, a suite, a helper
only tests use), even when its name does not end in _test.go: like a
test file, it is no entry point and its findings are not reported.

Calls are followed when they are static: functions, methods of
concrete types, method values, and function literals called, deferred
or assigned to a local variable and called. A call through an
interface the package declares (directly, or through a type parameter
it constrains) is followed into the methods of the package's own types
that implement it, test and generated files left out; calls through
other interfaces and through function values are not followed. A
function that takes a context
is judged as an entry point of its own and does not block its callers:
it has promised to honour cancellation. The standard library is known
from a table, not from its bodies.

A goroutine whose result its starter awaits in a select with a way out
is how a blocking call is made cancellable, and is not judged as an
entry point; a function that starts a goroutine waiting for ctx.Done(),
or sets a context.AfterFunc, interrupts its own blocking calls that way.
Where a function's context was found nil (the body of if ctx == nil,
or the else of if ctx != nil) there is nothing to honour: what blocks
there is no finding of an entry point that is one for its context.
In a goroutine or callback with no context or stop channel on the
path, no way out of its own, and none in the function that starts it,
a request, query, command, dial or system call has nothing to honour
either: its only alternative takes a context that does not exist
there. If such a goroutine never ends, its sleep or ticker is the
finding.

Each finding is reported once, at the place to change: the operation
when it is in the analysed package, or the call into another package.
Its related positions are the path from the entry point. Its category
is one of the rule families below; -disable switches families off.

# Rule sleep

time.Sleep, <-time.After and a receive from a timer outside a select,
ranging over a ticker (its channel is never closed) or looping on a
select over timers alone with no way out of the loop, rate limiters
without a context (flowcontrol.RateLimiter.Accept,
ratelimit.Limiter.Take), and, in a function that is handed a context
(not one it makes itself), a select whose only way out is a timer (no default, no case on ctx.Done() or on
a done channel): it waits out the timer whatever the context says. Its
other cases must be shown not to end with the context: sends, or
receives from channels the function makes whose every sender is a
goroutine of its own that is handed no context. A receive from any
other channel (a field, a parameter, a goroutine given ctx) may end
when the context does, and leaves no finding.

In a goroutine or callback, a sleep or timer wait needs something to
ignore: a context or stop channel on the path, a way out of the
goroutine's own (a case that returns on a signal channel, a signal
field of its receiver that the package closes, a context field of
its receiver), or an open loop
around it (a retry or poll loop, anything but a loop counted up to a
constant). A single pause in a goroutine that nothing could stop
anyway, and then ends, is no finding.

Where the function's own context has ended (in the body of a case on
its ctx.Done(), or of if ctx.Err() != nil), a sleep or timer wait that
ends by itself is clean-up, such as giving a killed process time to
exit: there is nothing left to honour, and it is no finding. A ticker
loop there still is, and so is a wait after another context's Done.

	WRONG: time.Sleep(backoff)
	RIGHT: t := time.NewTimer(backoff)
	       defer t.Stop()
	       select {
	       case <-ctx.Done():
	           return ctx.Err()
	       case <-t.C:
	       }

# Rule chan

A channel operation that can be shown to wait forever: its other side
leaves on some path while it still waits. The witness is that path,
found in the other side's own code, and the message names where it
leaves; without a witness there is no finding, whatever the channel is
called. For a channel a function makes in a local variable and hands
to the goroutines it starts (literals, or functions of the package
started with go f(ch)):

  - the abandoned result: goroutines send, and the maker can return
    without receiving (it takes another select case, or returns before
    its receive) while the buffer has no room for every send, or
    returns from its receiving loop before it has heard from every
    sender, or receives once, outside any loop, from more senders than
    that receive and the buffer take (the loser of two racing
    goroutines). A case on a done channel that a goroutine closes only
    after wg.Wait(), where every sender defers wg.Done(), is no way to
    leave a sender behind: done cannot close while one waits;
  - the unclosed channel: a goroutine ranges over the channel, or
    receives once, and the maker, the only one that sends and closes,
    can return without closing it (or, for one receive, without
    sending);
  - the missing sender: the maker receives outside any select (once,
    once per goroutine it started in a loop, or in a range until
    close), and a goroutine, the only one that sends or closes, can
    return without sending (or, for a range, without closing).

Three shapes go through fields:

  - the abandoned reply: a requester puts an unbuffered reply channel
    it made in a field of a request (request{reply: ch}) and can
    return without receiving; a send on that field outside a select
    blocks forever (every channel the package puts in the field must
    be such an unbuffered local);
  - the exited loop: an unexported, unbuffered channel field that a
    single loop receives from, where the loop can return without
    receiving from it again (another select case, an error); a send
    on it outside a select, from another function, blocks forever once
    the loop is gone. A loop whose only way out is that channel, or a
    receive anywhere else, or a close of it, leaves no witness;
  - the send under the loop's lock: a send on an unbuffered channel
    field, outside a select, with a mutex field held, where a loop that
    receives from the field locks the same mutex in its body (Lock on
    at least one side, not two RLocks): the loop waits for the lock,
    the sender for the loop. The loop's Lock is the witness.

A goroutine started with an exported function of another package of
the module is a side too: the function's fact says how many values it
sends on each channel parameter, whether it ranges over one, closes it
on every path, or can return without sending (and where).

A path ends at a return, not at a panic, os.Exit or a fatal log (log,
logrus, klog, zap's Panic and Fatal, or a zerolog event started by Fatal
or Panic), nor at a call of the package's own code that cannot return:
a function with no return statement that ends in one of those, or an
unexported function-typed field that the package sets only to such
functions (an injected func that logs and panics; values that only test
files set count with -tests). A deferred close or receive happens on every path; a loop that receives
has taken what it counts once it ends. A channel stored, returned,
sent, or passed to a function that is not started as a goroutine may
have another side out of sight: no witness is looked for.

	WRONG: ch := make(chan result)
	       go func() { ch <- compute() }()
	       select {
	       case r := <-ch:
	           return r, nil
	       case <-ctx.Done():
	           return result{}, ctx.Err()
	       }
	RIGHT: ch := make(chan result, 1)

	WRONG: go func() { for v := range ch { use(v) } }()
	       for _, it := range items {
	           if it < 0 {
	               return errNegative
	           }
	           ch <- it
	       }
	       close(ch)
	RIGHT: defer close(ch)

# Rule chanaudit

Every channel wait that ignores a context at hand, witness or not: for
auditing a package, off by default (-enable=chanaudit). A send,
receive or select is reported where a context is at hand, in an event
loop or under a lock, unless it has a way out: a default, or a case on
ctx.Done(), a timer, or a signal channel (element type struct{}, or a
name such as done, quit or stop). It trusts the usual shapes of
code whose other side answers: channels a function makes itself (into
a variable, or into a field it then uses) belong to its own
goroutines; ranging over a channel is the worker-pool idiom; v, ok :=
<-ch handles a close; a send on a field that every make in the
package gives a buffer of one is a reply, as is a send on a channel
received from a channel of channels; a buffered chan struct{} is a
semaphore whose release has room, including a bare receive that gives
back a token another function took in a select case before handing
work over; a send on a buffered field that the package drains only in
loops doing in-memory work waits only while the loop catches up; a
receive inside if len(ch) > 0 finds a value waiting; receives under
if !t.Stop() or if !stop() are the timer-drain and context.AfterFunc
idioms. A send of a signal (true, struct{}{}) on an unbuffered stop
channel is reported wherever it is, since it blocks once the loop has
exited, unless it is the loop's reply in a handshake. On real code most
of what this family reports is an operation whose other side always
answers, which the chan family's witness rule tells apart.

	WRONG: s.jobs <- job
	RIGHT: select {
	       case s.jobs <- job:
	       case <-ctx.Done():
	           return ctx.Err()
	       }

	WRONG: s.stop <- struct{}{}
	RIGHT: close(s.stop)

# Rule sync

(*sync.Cond).Wait, which cannot be cancelled; sync.WaitGroup.Wait
inside the loop that starts the goroutines it waits for, and Add
inside the goroutine it counts; and any blocking operation made while
a sync.Mutex or sync.RWMutex is held, up to the first unlock that
follows. Cond.Wait, which unlocks while it waits, and callees that
unlock the caller's lock themselves are not findings of the critical
section. A Cond.Wait in a loop that checks a quit or closed flag, in
a declaration that also broadcasts, is the cancellable Cond idiom;
so is a Wait in a function with no context that reads the flag a
Close sets before it broadcasts on the same Cond (the closable queue:
Close wakes the waiter), and a Wait in a function that checks a
context's Err when the closer cancels a context before it broadcasts. A Cond.Wait inside another module is that
module's own protocol (a map waiting out its resize) and, like its
channel operations, is not followed into callers.

	WRONG: s.mu.Lock(); defer s.mu.Unlock(); resp, err := http.Get(url)
	RIGHT: resp, err := fetch(ctx, url); s.mu.Lock(); s.cache[url] = resp; s.mu.Unlock()

# Rule http

http.Get, Head, Post, PostForm and the same methods of *http.Client,
and requests built by http.NewRequest and sent by Client.Do or
RoundTrip, here or by a function they are passed to that sends them
(in this package, or in another of the module through its fact). A
function that replaces the request first (req = req.WithContext(ctx))
does not send it as passed, and one that sends it bare only where its
context is nil (if ctx == nil { return c.Do(req) }) gives it that
context otherwise: neither makes the request a finding. Nor does a
request given a cancellation channel (req.Cancel = ctx.Done()), the
older way that the transport still honours.

	WRONG: req, _ := http.NewRequest("GET", url, nil)
	RIGHT: req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)

# Rule sql

Every database/sql method with a Context twin, on *sql.DB, *sql.Tx and
*sql.Stmt: Query, QueryRow, Exec, Prepare, Ping, Begin.

	WRONG: rows, err := db.Query(q, id)
	RIGHT: rows, err := db.QueryContext(ctx, q, id)

# Rule exec

exec.Command whose command is run (Run, Output, CombinedOutput, Wait),
here or by a function it is passed to that runs it (as for requests).
A command kept in an *exec.Cmd field that the package sets only to
exec.Command calls is a finding where it is run (Run, Output,
CombinedOutput) with a context at hand, naming where it was built.

	WRONG: out, err := exec.Command("git", "fetch").Output()
	RIGHT: out, err := exec.CommandContext(ctx, "git", "fetch").Output()

# Rule net

net.Dial, net.DialTimeout, (*net.Dialer).Dial, the net.Lookup
functions, tls.Dial, tls.DialWithDialer and (*tls.Conn).Handshake. A
dial of a unix socket (a constant "unix" network) connects or fails at
once, a UDP dial sends nothing, and binding a listener (net.Listen)
waits for no peer: none of them is a finding.

	WRONG: conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	RIGHT: conn, err := (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, "tcp", addr)

In a function with a context, reading or writing a connection it got
from a call (a dial, an accept) is a finding when nothing bounds the
conversation by the context: no SetDeadline, SetReadDeadline or
SetWriteDeadline on it, no context.AfterFunc in the function, no
function literal that uses it. The reads and writes counted are its
Read, Write, ReadFrom and WriteTo methods, the io, fmt and
encoding/binary functions given it, and the bufio, textproto, json,
gob and smtp readers and writers made over it, and the functions of the
module that take it as an io.Reader, io.Writer, net.Conn or the like
and only read or write it (known from the body in the package, from a
fact across packages); a connection returned, stored or passed to any
other function may get its deadline there, and is not judged. Writes on a datagram socket (a *net.UDPConn, or a dial whose
network is a constant "udp...") send without waiting for the peer and
are not counted; its reads are. The first such read or write is
reported.

	WRONG: conn, err := d.DialContext(ctx, "tcp", addr)
	       if err != nil { return err }
	       _, err = io.ReadFull(conn, hdr) // ctx done: still waiting
	RIGHT: conn, err := d.DialContext(ctx, "tcp", addr)
	       if err != nil { return err }
	       stop := context.AfterFunc(ctx, func() { conn.Close() })
	       defer stop()

# Rule syscall

Blocking system calls of syscall and golang.org/x/sys/unix (Flock,
Wait4, Select, Poll, EpollWait, Accept, Recvfrom...). There is no way
to cancel them: keep them off cancellable paths. A Flock whose
constant operation is LOCK_UN or includes LOCK_NB returns at once and
is no finding. Nor is a wait for file descriptors given a finite
timeout (Select or Kevent with the address of a timeout value, Poll or
EpollWait with a constant timeout of 0 or more): it is a poll that
returns by itself, such as a terminal library's query of the
terminal. Without a timeout (nil, -1, or a value known only at run
time) it stays a finding.

# Rule eventloop

A blocking operation in a case body of a for-select loop: while it
waits, no other case runs, the quit case included. A stretch of a case
body that ends the loop (return, panic, os.Exit, a labelled break)
stalls nothing, and neither does a nested select that also waits on
every channel of the loop's other cases. A loop whose select has a
default waits for nothing: it polls its cases between work it does
anyway, and is no event loop.

	WRONG: case ev := <-s.events:
	           http.Post(s.hook, "text/plain", ev.body()) // the quit case waits
	RIGHT: case ev := <-s.events:
	           go s.notify(ctx, ev) // the call is bounded by ctx, and off the loop

# Rule custom

Functions named with -blocking, with the alternative given there.

# Suppression

//blockcheck:ignore followed by a reason silences the findings on its
line or the line below; in a function's doc comment, every finding in
that function and every finding reached through it. An ignore without
a reason is reported itself. A directive is written with no space
after the slashes, as Go's own are: // blockcheck:ignore and
// blockcheck:entry are plain comments, and each is reported, in the
category directive, with how to write it.

# Fixes

Where a context is in scope at the operation (a context parameter or
variable, or r.Context() of a request parameter) and the rewrite is
mechanical, the finding carries a suggested fix: the Context method
of database/sql, exec.CommandContext, http.NewRequestWithContext,
net.Dialer.DialContext, tls.Dialer.DialContext (for a tls.Dial or
DialWithDialer returned from a function whose results are net.Conn
and error), net.DefaultResolver lookups and
HandshakeContext; time.Sleep becomes a timer in a select that returns
when the context is done; a channel send or receive gains a
ctx.Done() case that returns (chanaudit); an abandoned result channel
with N sends on any path gets a buffer of N; a channel a goroutine ranges over, left
unclosed by its maker, is closed by a defer placed after its make; a
send into a loop that left on a done channel of the same struct
selects on that channel too, and the only send of a stop signal (a
chan struct{} the loop only returns on) becomes a close. A call with no context form (a system
call, a -blocking function, another package's function that blocks and
has no Context twin) that is a statement of its own or assigns
its one result runs in a goroutine that hands the result over on a
channel with room for it, awaited in a select with ctx.Done(); one
whose several results the statement defines as new variables has the
goroutine set them and close a done channel. The fix's message says
the call itself keeps running. In a function that
takes a stop channel and no context, a sleep or timer wait selects on
the stop channel and returns as the function's own case on it does. A
connection read with no deadline is closed by context.AfterFunc after
the error check of the call that got it. With no context and no stop
channel parameter, a sleep or wait selects on the function's own way
out: the signal channel of a select case in it that only returns, a
field of its receiver that the package closes, or the Done channel of
a context.Context field of its receiver that the package only ever
sets to contexts that can end. http.Get, Head and
Post (and the Client methods) become a function literal that builds
the request with the context and sends it with the same client. A
call of another package's function that has a Context twin there
(fnContext, a context first, then the same parameters and results)
calls the twin.

When the operation's function has no context but is reached through
calls between declarations of the package from one that has, the fix
threads it: each function of that path gains ctx context.Context as
its first parameter, every call of it in the package passes the
caller's context or context.TODO(), and the operation takes its
rewrite. A function whose signature must stay (exported, a method an
interface of the package names, used other than by a call, or named
in a _test.go file outside the analysis) calls a new twin,
FetchContext(ctx, ...), with context.Background(), and the path calls
the twin. There is no such fix through function literals or generic
functions, or for a function that already names ctx. A context is never invented, and a context
the function compares with nil is not used. Messages name the context
the fix would use, r.Context() in a handler that has no other. Under a
lock, a fix makes the wait cancellable but cannot move it out of the
critical section: the message says to release the lock before
blocking, or at least to take the fix, which keeps the lock.
*/
package analyzer
