package witness

import "github.com/rs/zerolog/log"

func serveHTTP() error { return nil }
func serveQUIC() error { return nil }

// ServeBoth leaves on the QUIC server's error only through a fatal log,
// which exits the process: the HTTP server's send is never stranded.
func ServeBoth() error {
	hErr := make(chan error)
	qErr := make(chan error)
	go func() { hErr <- serveHTTP() }()
	go func() { qErr <- serveQUIC() }() // want `send on qErr blocks forever once ServeBoth takes the <-hErr case`
	select {
	case err := <-hErr:
		return err
	case err := <-qErr:
		log.Fatal().Err(err).Msg("quic server")
	}
	return nil
}

// ServeBothInfo only logs the QUIC server's error and returns: the HTTP
// server's send has no receiver left.
func ServeBothInfo() error {
	hErr := make(chan error)
	qErr := make(chan error)
	go func() { hErr <- serveHTTP() }() // want `send on hErr blocks forever once ServeBothInfo takes the <-qErr case`
	go func() { qErr <- serveQUIC() }() // want `send on qErr blocks forever once ServeBothInfo takes the <-hErr case`
	select {
	case err := <-hErr:
		return err
	case err := <-qErr:
		log.Info().Err(err).Msg("quic server")
	}
	return nil
}
