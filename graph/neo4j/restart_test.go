package neo4j

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
)

// cutProxy forwards TCP connections to a Neo4j server and cuts the first
// connection that has carried more than after bytes from the server, as
// a network that fails in the middle of a result does.
type cutProxy struct {
	ln     net.Listener
	target string
	after  int64
	cut    atomic.Bool
	wg     sync.WaitGroup
}

// proxied returns a store that reaches the test server through a
// cutProxy cutting after that many bytes.
func proxied(t *testing.T, after int64) (*Store, *cutProxy) {
	t.Helper()
	cfg := testConfig(t)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: u.Host, after: after}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.wg.Wait() })
	cfg.URI = "bolt://" + ln.Addr().String()
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s, p
}

func (p *cutProxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go p.pipe(c)
	}
}

// pipe forwards one connection, counting the server's bytes.
func (p *cutProxy) pipe(c net.Conn) {
	defer p.wg.Done()
	defer c.Close()
	srv, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	defer srv.Close()
	go func() {
		io.Copy(srv, c)
		srv.Close()
	}()
	buf := make([]byte, 32<<10)
	var sent int64
	for {
		n, err := srv.Read(buf)
		if n > 0 && sent+int64(n) > p.after && p.cut.CompareAndSwap(false, true) {
			c.Write(buf[:n]) // what the server wrote at once (whole messages), then nothing
			return
		}
		if n > 0 {
			if _, werr := c.Write(buf[:n]); werr != nil {
				return
			}
			sent += int64(n)
		}
		if err != nil {
			return
		}
	}
}

// numbers is a read of the integers 1 to rows, summed by the callback.
const numbers = `UNWIND range(1, $rows) AS i RETURN i`

// A read cut off after its first rows is not run again under the
// callback (which would count those rows twice): it fails, as a store
// unavailable; retryRead starts it over with fresh sums and gets the
// whole answer.
func TestReadCutMidStream(t *testing.T) {
	ctx := context.Background()
	const rows = 200_000
	want := rows * (rows + 1) / 2
	sumOf := func(s *Store) (int, error) {
		sum := 0
		err := s.read(ctx, "read numbers", numbers, map[string]any{"rows": rows}, func(r *driver.Record) error {
			sum += toInt(r.Values[0])
			return nil
		})
		return sum, err
	}

	s, p := proxied(t, 256<<10)
	sum, err := sumOf(s)
	if !p.cut.Load() {
		t.Fatal("the proxy did not cut the read: make the read larger")
	}
	if !errors.Is(err, ErrReadRestarted) || !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("read cut off: sum %d (whole: %d), error %v; want ErrReadRestarted", sum, want, err)
	}
	if sum <= 0 || sum >= want {
		t.Errorf("read cut off passed on a sum of %d, want part of %d", sum, want)
	}

	s, p = proxied(t, 256<<10)
	sum, err = retryRead(s, func() (int, bool, error) {
		sum, err := sumOf(s)
		return sum, err == nil, err
	})
	if !p.cut.Load() || err != nil || sum != want {
		t.Errorf("retryRead over a cut read: sum %d, %v (cut: %v); want %d", sum, err, p.cut.Load(), want)
	}
}
