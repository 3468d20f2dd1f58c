package neo4j

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A load's staging (its flows, groups and persons under its load id) is
// garbage once the load is replaced or its loader is gone. Which loaders
// are alive is told by a lock, not a clock: a loader holds a write lock
// on its :Load node, in a transaction it keeps open from just after the
// node is created until the switch (which runs in that transaction). A
// loader that is killed closes its connection, and Neo4j rolls the
// transaction back and frees the lock; a live one, however slow, keeps
// it. At its start, every load looks for :Load nodes that no :Dataset
// points at, tries each one's lock in a transaction of ProbeTimeout
// (which Neo4j ends while it waits for a lock held elsewhere), skips the
// locked ones (live loads of other datasets, or another cleaner at work)
// and deletes the others. A heartbeat with an age threshold would clean
// a live but stalled load (one slow batch, a long GC pause) or wait the
// threshold out after a kill; the lock is exact in both cases.
//
// One window is left: between the commit of a :Load node and its
// loader taking the lock (milliseconds). Cleaners leave loads younger
// than StartGrace alone to cover it. A server transaction timeout shorter
// than a load ends the loader's lock early; the switch then takes it
// again and checks the staging is whole (switchLoad).
const (
	// ProbeTimeout bounds the wait for a lock that is held.
	ProbeTimeout = time.Second
	// StartGrace is the age under which an unlocked load is not cleaned.
	StartGrace = 30 * time.Second
)

const (
	// lockLoad takes the write lock of a :Load node.
	lockLoad = `MATCH (l:Load {id: $load}) SET l.locked_at = datetime() RETURN count(l)`

	// interruptedLoads are the loads no dataset points at, old enough,
	// whose loader held their lock (not a Cypher script's, which holds
	// none however long it runs).
	interruptedLoads = `MATCH (l:Load) WHERE l.id <> $load AND l.locked = true AND l.started_at < datetime() - duration({milliseconds: $grace})
  AND NOT EXISTS { MATCH (d:Dataset) WHERE d.load = l.id }
RETURN l.id ORDER BY l.id`

	// replacedLoads are the earlier loads of a dataset.
	replacedLoads = `MATCH (l:Load {dataset: $dataset}) WHERE l.id <> $load RETURN l.id ORDER BY l.id`

	deleteStale = `MATCH (f:Flow {load: $stale}) WHERE f.id IS NOT NULL AND f.seq % $parts = $part
WITH f LIMIT 5000
DETACH DELETE f
RETURN count(*) AS n`

	deleteLoad = `MATCH (l:Load {id: $load}) DELETE l`

	countStaged = `MATCH (f:Flow {load: $load}) WHERE f.id IS NOT NULL RETURN count(f)`

	// stillStale counts the load if no dataset points at it. Run with its
	// lock held, it sees the switch of a loader that ended since the load
	// was listed.
	stillStale = `MATCH (l:Load {id: $load}) WHERE NOT EXISTS { MATCH (d:Dataset) WHERE d.load = l.id } RETURN count(l)`
)

// isTerminated reports whether err is the server ending a transaction
// (a timeout, an operator, a lock wait cut short).
func isTerminated(err error) bool {
	var nerr *driver.Neo4jError
	return errors.As(err, &nerr) && slices.ContainsFunc([]string{"TransactionTimedOut", "LockClientStopped", "Terminated"},
		func(suffix string) bool { return strings.Contains(nerr.Code, "Transaction."+suffix) })
}

// loadLock is an open transaction holding the write lock of a :Load node.
type loadLock struct {
	sess driver.SessionWithContext
	tx   driver.ExplicitTransaction
}

// errLocked is a :Load node whose lock another transaction holds.
var errLocked = errors.New("load locked by another transaction")

// lock takes the lock of load id in a new transaction (bounded by
// timeout unless it is 0). It returns nil, nil when there is no such
// load, and errLocked when timeout ran out.
func (s *Store) lock(ctx context.Context, id string, timeout time.Duration) (*loadLock, error) {
	sess := s.session(ctx, driver.AccessModeWrite)
	var cfg []func(*driver.TransactionConfig)
	if timeout > 0 {
		cfg = append(cfg, driver.WithTxTimeout(timeout))
	}
	tx, err := sess.BeginTransaction(ctx, cfg...)
	if err != nil {
		sess.Close(context.Background())
		return nil, s.translate("lock a load", err)
	}
	l := &loadLock{sess: sess, tx: tx}
	res, err := tx.Run(ctx, lockLoad, map[string]any{"load": id})
	var rec *driver.Record
	if err == nil {
		rec, err = res.Single(ctx)
	}
	if err != nil {
		l.close()
		if timeout > 0 && isTerminated(err) {
			return nil, errLocked
		}
		return nil, s.translate("lock a load", err)
	}
	if toInt(rec.Values[0]) == 0 {
		l.close()
		return nil, nil
	}
	return l, nil
}

// run runs stmts with params in the lock's transaction.
func (l *loadLock) run(ctx context.Context, params map[string]any, stmts ...string) error {
	for _, q := range stmts {
		if _, err := l.tx.Run(ctx, q, params); err != nil {
			return err
		}
	}
	return nil
}

func (l *loadLock) commit(ctx context.Context) error { return l.tx.Commit(ctx) }

// count runs a query that returns one number in the lock's transaction.
func (l *loadLock) count(ctx context.Context, cypher string, params map[string]any) (int, error) {
	res, err := l.tx.Run(ctx, cypher, params)
	if err != nil {
		return 0, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return 0, err
	}
	return toInt(rec.Values[0]), nil
}

// close rolls back (if not committed) and frees the lock.
func (l *loadLock) close() {
	if l == nil {
		return
	}
	l.tx.Close(context.Background())
	l.sess.Close(context.Background())
}

// cleanInterrupted deletes the staging of every load that no dataset
// points at and no live transaction locks (a killed or failed load of
// any dataset), but load, the caller's own; it returns how many flows it
// deleted.
func (s *Store) cleanInterrupted(ctx context.Context, load string) (int, error) {
	grace := s.startGrace
	if grace == 0 {
		grace = StartGrace
	}
	return s.cleanLoads(ctx, interruptedLoads, map[string]any{"load": load, "grace": grace.Milliseconds()})
}

// cleanLoads deletes the loads that query lists, skipping locked ones,
// and returns how many flows it deleted.
func (s *Store) cleanLoads(ctx context.Context, query string, params map[string]any) (int, error) {
	var ids []string
	err := s.read(ctx, "find stale loads", query, params, func(r *driver.Record) error {
		ids = append(ids, str(r.Values[0]))
		return nil
	})
	if err != nil {
		return 0, err
	}
	deleted := 0
	for _, id := range ids {
		n, err := s.cleanLoad(ctx, id)
		deleted += n
		if err != nil {
			return deleted, err
		}
	}
	return deleted, nil
}

// cleanLoad deletes load id, its flows, groups and persons unless its
// lock is held (a live load, or another cleaner), and returns how many
// flows it deleted. It holds the lock while it deletes, so that two
// cleaners never work on one load; a cleaner killed midway leaves the
// :Load node for the next.
func (s *Store) cleanLoad(ctx context.Context, id string) (int, error) {
	// The probe is bounded; the lock that is then held is not (a cleanup
	// can outlast any timeout). Another cleaner that took the lock in
	// between is waited for; the load is then gone.
	probe, err := s.lock(ctx, id, ProbeTimeout)
	if errors.Is(err, errLocked) || probe == nil && err == nil {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	probe.close()
	held, err := s.lock(ctx, id, 0)
	if err != nil || held == nil {
		return 0, err
	}
	defer held.close()
	// The loader may have switched (and let go) since the load was
	// listed: it is then live, not stale.
	if n, err := held.count(ctx, stillStale, map[string]any{"load": id}); err != nil || n == 0 {
		return 0, s.translate("check a stale load", err)
	}
	deleted, err := s.deleteFlows(ctx, id)
	if err != nil {
		return deleted, err
	}
	if err := s.deleteCells(ctx, id); err != nil {
		return deleted, err
	}
	if err := s.deleteGroups(ctx, id); err != nil {
		return deleted, err
	}
	if err := held.run(ctx, map[string]any{"load": id}, deleteLoad); err != nil {
		return deleted, s.translate("delete a load", err)
	}
	return deleted, s.translate("delete a load", held.commit(ctx))
}

// Deleters is how many transactions delete a load's flows at once. It is
// not Writers: deletes take the locks of the relationships they remove
// from the shared countries, and four of them at once deadlocked until
// the driver gave up (two never did in any test or benchmark).
const Deleters = 2

// deleteFlows deletes the flows of load id, in batches, Deleters
// transactions at a time, and returns how many it deleted.
func (s *Store) deleteFlows(ctx context.Context, id string) (int, error) {
	var wg sync.WaitGroup
	counts := make([]int, Deleters)
	errs := make([]error, Deleters)
	for part := range Deleters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The flows whose seq is part modulo Deleters.
			counts[part], errs[part] = s.deleteInBatches(ctx, deleteStale, map[string]any{"stale": id, "parts": Deleters, "part": part})
		}()
	}
	wg.Wait()
	deleted := 0
	for part := range Deleters {
		deleted += counts[part]
	}
	return deleted, errors.Join(errs...)
}

// deleteStale deletes the loads of dataset name but load (replaced, or
// interrupted), skipping locked ones, and returns how many flows it
// deleted.
func (s *Store) deleteStale(ctx context.Context, name, load string) (int, error) {
	n, err := s.cleanLoads(ctx, replacedLoads, map[string]any{"dataset": name, "load": load})
	if err != nil {
		return n, fmt.Errorf("dataset %s: %w", name, err)
	}
	return n, nil
}
