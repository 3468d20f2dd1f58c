package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/tipgraph/tipgraph/graph"
)

var _ graph.Store = (*Store)(nil)

// Config says where the store is and which datasets it reads.
type Config struct {
	// URI is bolt://, neo4j:// (routing, for clusters) or their +s and
	// +ssc forms.
	URI      string
	User     string
	Password string
	// Database is the Neo4j database; empty means the server's default.
	Database string
	// Datasets names the datasets Dataset reads; empty means all.
	Datasets []string
	// Library gives the built-in values of a country code (name, region,
	// position) and whether it knows the code: ingest.LibraryCountry.
	// Load writes them on the shared :Country nodes and keeps a
	// dataset's own values apart; nil knows no code (shared nodes then
	// hold only codes, and every dataset its own values).
	Library func(code string) (graph.Country, bool)
}

// ConnectTimeout bounds how long Open waits for an unreachable server.
const ConnectTimeout = 8 * time.Second

// Store is a dataset store in Neo4j. It is safe for concurrent use.
type Store struct {
	drv driver.DriverWithContext
	cfg Config
	// startGrace replaces StartGrace when not 0 (tests); loadLockTimeout
	// bounds a loader's lock transaction (tests: as a server's
	// db.transaction.timeout would).
	startGrace, loadLockTimeout time.Duration
}

// Open connects to the server and checks the credentials. An unreachable
// server gives an error wrapping graph.ErrUnavailable within
// ConnectTimeout; refused credentials one wrapping graph.ErrUnauthorized.
// Errors never contain the password.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.User == "" {
		cfg.User = "neo4j"
	}
	drv, err := driver.NewDriverWithContext(cfg.URI, driver.BasicAuth(cfg.User, cfg.Password, ""), func(c *config.Config) {
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = ConnectTimeout
		c.MaxTransactionRetryTime = 15 * time.Second
		c.UserAgent = "tipgraph"
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j %s: %w", redact(cfg.URI), err)
	}
	s := &Store{drv: drv, cfg: cfg}
	vctx, cancel := context.WithTimeout(ctx, ConnectTimeout)
	defer cancel()
	if err := drv.VerifyAuthentication(vctx, nil); err != nil {
		drv.Close(ctx)
		return nil, s.translate("connect", err)
	}
	return s, nil
}

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error { return s.drv.Close(ctx) }

// redact drops any user information from a URI before it is printed.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		return uri
	}
	u.User = nil
	return u.String()
}

// translate turns driver errors into the graph package's errors, so that
// callers never see driver types.
func (s *Store) translate(op string, err error) error {
	if err == nil {
		return nil
	}
	where := fmt.Sprintf("neo4j %s at %s", op, redact(s.cfg.URI))
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) && !driver.IsConnectivityError(err) {
		return fmt.Errorf("%s: %w", where, err)
	}
	var lerr *limitError
	if errors.As(err, &lerr) {
		return fmt.Errorf("%s: %w (%s: %s). The server stays up. Read less at once (name one dataset with --dataset) "+
			"or give the server more: raise db.memory.transaction.max and db.memory.transaction.total.max "+
			"with the heap (make neo4j NEO4J_HEAP=6g sets all three)", where, graph.ErrStoreLimit, lerr.code, lerr.msg)
	}
	var nerr *driver.Neo4jError
	if errors.As(err, &nerr) {
		switch {
		case strings.HasPrefix(nerr.Code, "Neo.ClientError.Security."):
			return fmt.Errorf("%s: user %q: %w (%s)", where, s.cfg.User, graph.ErrUnauthorized, nerr.Msg)
		case strings.HasPrefix(nerr.Code, "Neo.ClientError.Database.DatabaseNotFound"):
			return fmt.Errorf("%s: database %q: %w", where, s.cfg.Database, graph.ErrNotFound)
		}
		return fmt.Errorf("%s: %s: %s", where, nerr.Code, nerr.Msg)
	}
	if driver.IsConnectivityError(err) || errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "connect") {
		return fmt.Errorf("%s: %w: %v", where, graph.ErrUnavailable, err)
	}
	return fmt.Errorf("%s: %w", where, err)
}

// limitError is Neo4j refusing a query over its memory limits
// (db.memory.transaction.max, db.memory.transaction.total.max). Neo4j
// classifies it as transient, so the driver would run the query again and
// again until its retry time runs out; this type is not a driver error,
// so a transaction function that returns it is not retried.
type limitError struct{ code, msg string }

func (e *limitError) Error() string { return e.code + ": " + e.msg }

// memoryCodes are the error codes of a query over the memory limits.
var memoryCodes = []string{
	"Neo.TransientError.General.MemoryPoolOutOfMemoryError",
	"Neo.TransientError.General.TransactionMemoryLimit",
	"Neo.TransientError.General.OutOfMemoryError",
}

// limited turns a memory-limit error into a limitError, leaving others.
func limited(err error) error {
	var nerr *driver.Neo4jError
	if errors.As(err, &nerr) && slices.Contains(memoryCodes, nerr.Code) {
		return &limitError{code: nerr.Code, msg: nerr.Msg}
	}
	return err
}

func (s *Store) session(ctx context.Context, mode driver.AccessMode) driver.SessionWithContext {
	return s.drv.NewSession(ctx, driver.SessionConfig{AccessMode: mode, DatabaseName: s.cfg.Database})
}

// write runs work in one managed write transaction (retried on transient
// errors).
func (s *Store) write(ctx context.Context, op string, work func(tx driver.ManagedTransaction) error) error {
	sess := s.session(ctx, driver.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
		return nil, limited(work(tx))
	})
	return s.translate(op, err)
}

// exec runs stmts, in order, with params in one write transaction,
// discarding their results.
func (s *Store) exec(ctx context.Context, op string, params map[string]any, stmts ...string) error {
	return s.write(ctx, op, func(tx driver.ManagedTransaction) error {
		for _, q := range stmts {
			if _, err := tx.Run(ctx, q, params); err != nil {
				return err
			}
		}
		return nil
	})
}

// read runs one query in a read transaction and passes each record to fn
// as it arrives: the driver fetches FetchSize records at a time, so
// neither side holds the whole result (as long as the query does not
// sort or collect it).
//
// The driver runs a read again when the connection fails or the server
// reports a transient error; once fn has had rows, the read is not run
// again (fn would count them twice) but fails with ErrReadRestarted, which
// the reads that start over (retryRead) take as a reason to.
func (s *Store) read(ctx context.Context, op, cypher string, params map[string]any, fn func(*driver.Record) error) error {
	sess := s.drv.NewSession(ctx, driver.SessionConfig{AccessMode: driver.AccessModeRead, DatabaseName: s.cfg.Database, FetchSize: FetchSize})
	defer sess.Close(ctx)
	delivered := 0
	_, err := sess.ExecuteRead(ctx, func(tx driver.ManagedTransaction) (any, error) {
		if delivered > 0 {
			// Not a driver error: the driver does not run it again.
			return nil, fmt.Errorf("%w (after %d rows): %w", ErrReadRestarted, delivered, graph.ErrUnavailable)
		}
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, limited(err)
		}
		for res.Next(ctx) {
			delivered++
			if err := fn(res.Record()); err != nil {
				return nil, err
			}
		}
		return nil, limited(res.Err())
	})
	return s.translate(op, err)
}

// concurrently runs reads, each in its own goroutine (and session), and
// returns the error of the first to fail, after cancelling the others
// (which then fail with the cancellation, not reported). On a server
// just started, each distinct query is planned cold (0.1-2 s), and the
// server plans concurrent queries on its cores at once.
func concurrently(ctx context.Context, reads ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for _, read := range reads {
		wg.Go(func() {
			if err := read(ctx); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		})
	}
	wg.Wait()
	return first
}

// ErrReadRestarted is a read that the driver would have run again after
// it had passed rows on (the network or the server failed mid-stream);
// it comes with graph.ErrUnavailable (exit 3: run the command again).
var ErrReadRestarted = errors.New("the read was cut off mid-stream and cannot resume")

// FetchSize is how many records a read pulls from the server at a time.
const FetchSize = 2000

// DatasetInfo describes one loaded dataset.
type DatasetInfo struct {
	graph.StoredDataset
	// Load is the id of the load readers see.
	Load string `json:"load"`
	// aggregates: the load wrote the totals and TRANSIT relationships the
	// aggregated reads need (tipgraph after issue 17); legsComplete: and
	// every leg.
	aggregates, legsComplete bool
}

// Datasets lists the datasets loaded in the store, by name.
func (s *Store) Datasets(ctx context.Context) ([]DatasetInfo, error) {
	var out []DatasetInfo
	err := s.read(ctx, "list datasets",
		`MATCH (d:Dataset) RETURN d.name, d.load, d.records, d.victims, d.loaded_at, d.first_year, d.last_year, d.source, d.legs_complete
ORDER BY d.name`,
		nil, func(r *driver.Record) error {
			v := r.Values
			d := DatasetInfo{Load: str(v[1])}
			d.Name = str(v[0])
			d.Records = toInt(v[2])
			d.Victims = graph.Count(toInt(v[3]))
			d.LoadedAt, _ = v[4].(time.Time)
			d.FirstYear, d.LastYear = toInt(v[5]), toInt(v[6])
			d.Source = str(v[7])
			d.legsComplete, d.aggregates = v[8].(bool)
			out = append(out, d)
			return nil
		})
	return out, err
}

// Stored lists the datasets loaded in the store, by name, whatever
// datasets the store was opened for.
func (s *Store) Stored(ctx context.Context) (*graph.StoredDatasets, error) {
	all, err := s.Datasets(ctx)
	if err != nil {
		return nil, err
	}
	out := &graph.StoredDatasets{Store: redact(s.cfg.URI), Datasets: make([]graph.StoredDataset, len(all))}
	for i, d := range all {
		out.Datasets[i] = d.StoredDataset
	}
	return out, nil
}

// Version identifies what the configured datasets hold now: their
// active loads, which change with every load or drop of one of them.
// A reader that keeps what it read (serve's memo) compares versions to
// know when to read again.
func (s *Store) Version(ctx context.Context) (string, error) {
	active, err := s.active(ctx)
	if err != nil {
		return "", err
	}
	ids := make([]string, len(active))
	for i, d := range active {
		ids[i] = d.Name + "=" + d.Load
	}
	return strings.Join(ids, ","), nil
}

// active returns the active loads of the configured datasets.
func (s *Store) active(ctx context.Context) ([]DatasetInfo, error) {
	all, err := s.Datasets(ctx)
	if err != nil {
		return nil, err
	}
	var out []DatasetInfo
	for _, d := range all {
		if len(s.cfg.Datasets) == 0 || slices.Contains(s.cfg.Datasets, d.Name) {
			out = append(out, d)
		}
	}
	for _, want := range s.cfg.Datasets {
		if !slices.ContainsFunc(out, func(d DatasetInfo) bool { return d.Name == want }) {
			return nil, fmt.Errorf("dataset %q in Neo4j at %s: %w", want, redact(s.cfg.URI), graph.ErrNotFound)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no dataset loaded in Neo4j at %s (run tipgraph load): %w", redact(s.cfg.URI), graph.ErrNotFound)
	}
	return out, nil
}

func toInt(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}

// toFloat is v as a float64 (0 when v is null).
func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return 0
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, len(list))
	for i, x := range list {
		out[i], _ = x.(string)
	}
	return out
}
