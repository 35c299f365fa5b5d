// Package grpc stands for google.golang.org/grpc: only the names
// blockcheck matches.
package grpc

import "net"

type Server struct{}

func NewServer() *Server { return &Server{} }

func (s *Server) Serve(lis net.Listener) error { return nil }

func (s *Server) GracefulStop() {}
