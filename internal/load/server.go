package load

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// Server is a server process started for a load test.
type Server struct {
	cmd  *exec.Cmd
	once sync.Once
}

// Command makes the command of a command line, split at spaces (no
// quoting), or returns an error for a blank one.
func Command(cmdline string) (*exec.Cmd, error) {
	args := strings.Fields(cmdline)
	if len(args) == 0 {
		return nil, fmt.Errorf("the command line %q is blank; give a program and its arguments", cmdline)
	}
	return exec.Command(args[0], args[1:]...), nil
}

// Start starts the command line with the environment env added to ours,
// its output in the log file (discarded when logFile is "").
func Start(cmdline string, env []string, logFile string) (*Server, error) {
	cmd, err := Command(cmdline)
	if err != nil {
		return nil, err
	}
	cmd.Env = append(os.Environ(), env...)
	if logFile != "" {
		f, err := os.Create(logFile)
		if err != nil {
			return nil, err
		}
		cmd.Stdout, cmd.Stderr = f, f
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", cmd.Args[0], err)
	}
	return &Server{cmd: cmd}, nil
}

// RSS returns the server's resident memory in bytes, from /proc (0 where
// there is none).
func (s *Server) RSS() int64 { return s.status("VmRSS:") }

// PeakRSS returns the most resident memory the server has had, in bytes,
// from /proc (0 where there is none).
func (s *Server) PeakRSS() int64 { return s.status("VmHWM:") }

// status reads a size in kB of the server's /proc status, in bytes.
func (s *Server) status(field string) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(s.cmd.Process.Pid) + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if kb, ok := strings.CutPrefix(line, field); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), 10, 64)
			return n << 10
		}
	}
	return 0
}

// Stop interrupts the server and waits for it to end; stopping again does
// nothing.
func (s *Server) Stop() {
	s.once.Do(func() {
		_ = s.cmd.Process.Signal(os.Interrupt)
		_ = s.cmd.Wait()
	})
}
