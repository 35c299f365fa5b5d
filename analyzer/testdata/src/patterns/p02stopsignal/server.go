package p02stopsignal

import "net"

// Server accepts connections until it is shut down.
type Server struct {
	ln       net.Listener
	quit     chan bool
	shutdown chan struct{}
	conns    chan net.Conn
}

// Serve hands connections to the accept loop's caller.
func (s *Server) Serve() {
	go func() {
		for {
			c, err := s.ln.Accept()
			if err != nil {
				return
			}
			select {
			case s.conns <- c:
			case <-s.shutdown:
				c.Close()
				return
			}
		}
	}()
}

// Close sends quit to a goroutine that may have returned already, and
// does it from a deferred closure, as teardown code often does.
func (s *Server) Close() error { // want Close:`blocks\(chanaudit: send on s\.quit via func literal in \(\*Server\)\.Close\)`
	defer func() {
		s.quit <- true // want `send on stop channel s\.quit blocks forever`
	}()
	return s.ln.Close()
}

// Shutdown sends on the shutdown channel from a helper goroutine.
func (s *Server) Shutdown() {
	go func() {
		s.shutdown <- struct{}{} // want `send on stop channel s\.shutdown blocks forever`
	}()
}

// Hand passes a connection on a data channel: that is how goroutines
// talk, not a stop signal, and there is no context at hand.
func (s *Server) Hand(c net.Conn) { // want Hand:`blocks\(chanaudit: send on s\.conns\)`
	s.conns <- c
}
