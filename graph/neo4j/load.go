package neo4j

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
)

// BatchSize is how many flow records one write transaction carries.
const BatchSize = 2500

// The statements that write come from the model package (shared with the
// script export); every value goes into Cypher as a parameter, no text is
// spliced in.
const (
	// createFlows counts what it wrote, to check every batch.
	createFlows = model.CreateFlows + "\nRETURN count(f) AS n"
)

// LoadStats reports one load.
type LoadStats struct {
	Dataset   string `json:"dataset"`
	Load      string `json:"load"`
	Records   int    `json:"records"`
	Countries int    `json:"countries"`
	Legs      int    `json:"legs"`
	Replaced  int    `json:"replaced_records"`
	// Cleaned counts the flows of interrupted loads (killed or failed,
	// of any dataset) that this load deleted at its start.
	Cleaned int `json:"cleaned_records"`
	// Elapsed is the whole load, Cleanup its last part: deleting the
	// replaced load after the new one is visible.
	Elapsed, Cleanup time.Duration `json:"-"`
}

// ensureSchema creates the constraints and indexes. Two loads starting at
// once on a new database can both try to create the same index; Neo4j
// then refuses the second with EquivalentSchemaRuleAlreadyExists even with
// IF NOT EXISTS, which means the rule is there, as wanted.
func (s *Store) ensureSchema(ctx context.Context) error {
	for _, q := range model.Schema {
		// A managed transaction: concurrent schema changes can deadlock,
		// which is transient and retried.
		sess := s.session(ctx, driver.AccessModeWrite)
		_, err := sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, q, nil)
			if err != nil {
				return nil, err
			}
			return res.Consume(ctx)
		})
		sess.Close(ctx)
		if err != nil && !IsSchemaRuleExists(err) {
			return s.translate("create schema", err)
		}
	}
	return nil
}

// IsSchemaRuleExists reports whether err is Neo4j refusing a constraint or
// index that already exists (a race between two IF NOT EXISTS creations).
func IsSchemaRuleExists(err error) bool {
	var nerr *driver.Neo4jError
	return errors.As(err, &nerr) && (strings.HasSuffix(nerr.Code, ".EquivalentSchemaRuleAlreadyExists") ||
		strings.HasSuffix(nerr.Code, ".ConstraintAlreadyExists") || strings.HasSuffix(nerr.Code, ".IndexAlreadyExists"))
}

// Writers is how many write transactions run at once during a load.
const Writers = 2

// Load writes ds into the store as dataset name, replacing an earlier
// dataset of that name atomically: flows are written in batches of
// BatchSize (Writers at a time) under a new load id, invisible to readers,
// and one final transaction points the :Dataset node at the new load and
// rewrites its LEG relationships. A load that fails or is killed before
// that leaves the earlier content intact; its staged flows are deleted at
// the start of the next load of any name (see stale.go for how a live
// load is told from a dead one). Other datasets are untouched. Two loads
// of the same name must not run at once. progress, if not nil, is called
// after each batch with the records written so far.
//
// Countries are shared by all datasets and keep the values of
// Config.Library; what ds says of a country that differs (a countries.csv
// override or addition) is stored for this dataset only (model's NAMES),
// switched, read back and dropped with it.
func (s *Store) Load(ctx context.Context, ds *graph.Dataset, name string, progress func(done, total int)) (LoadStats, error) {
	return s.LoadFrom(ctx, ds, name, "", progress)
}

// LoadFrom is Load that records source (what was read: the --data
// paths) on the dataset, for `datasets` to list.
func (s *Store) LoadFrom(ctx context.Context, ds *graph.Dataset, name, source string, progress func(done, total int)) (LoadStats, error) {
	return s.LoadStream(ctx, Held(ds), name, source, progress)
}

// setRecords records on the load how many flows it wrote (unknown when
// a streaming load starts); it runs in the switch.
const setRecords = `MATCH (l:Load {id: $load}) SET l.records = $records`

// LoadStream is LoadFrom of the dataset read, which writes the records as
// read hands them over, keeping none: what the switch needs of them is
// summed on the way. If read cannot stream them (streamed false), what
// was written of them is deleted and the records it returns are written.
// progress gets the records written so far (total 0: unknown).
func (s *Store) LoadStream(ctx context.Context, read Reader, name, source string, progress func(done, total int)) (LoadStats, error) {
	start := time.Now()
	st := LoadStats{Dataset: name, Load: newLoadID()}
	if name == "" {
		return st, fmt.Errorf("neo4j load: empty dataset name")
	}
	if err := s.ensureSchema(ctx); err != nil {
		return st, err
	}
	// records is set by the switch (setRecords).
	if err := s.exec(ctx, "start load", map[string]any{"load": st.Load, "dataset": name, "records": nil, "locked": true}, model.StartLoad); err != nil {
		return st, err
	}
	// The lock that tells cleaners this load is alive, held until the
	// switch commits (or the load fails, or its process dies).
	held, err := s.lock(ctx, st.Load, s.loadLockTimeout)
	if err != nil {
		return st, err
	}
	if held == nil {
		return st, fmt.Errorf("neo4j load %s: its :Load node %s vanished", name, st.Load)
	}
	defer func() { held.close() }()
	if st.Cleaned, err = s.cleanInterrupted(ctx, st.Load); err != nil {
		return st, err
	}
	fs, ds, err := s.writeStream(ctx, read, name, st.Load, progress)
	if err != nil {
		return st, err
	}
	st.Records, st.Countries = fs.records, len(ds.Countries)
	// The countries of ds and those the records name (the ends of their
	// legs: ds lists only those it was told of), in one statement before
	// the cells and legs that join them.
	lg := fs.sums.Graph(ds.Name, ds.Countries)
	shared, names := model.CountryRows(ds, lg.Index.Codes, s.cfg.Library)
	if err := s.exec(ctx, "write countries", map[string]any{"rows": shared}, model.MergeCountries); err != nil {
		return st, err
	}
	if err := s.writeGroups(ctx, ds, name, st.Load); err != nil {
		return st, err
	}
	if len(ds.Groups) > 0 || len(ds.Members) > 0 {
		if err := s.writeOperates(ctx, fs.sums, name, st.Load); err != nil {
			return st, err
		}
	}
	if err := s.writeCells(ctx, fs.sums.Cells, name, st.Load); err != nil {
		return st, err
	}
	legs := model.LegRows(lg.Index.Legs)
	st.Legs = len(legs)
	p := model.SwitchParams(lg, fs.sums.Sources(), 0, true)
	acc, err := model.Accounting(ds)
	if err != nil {
		return st, err
	}
	maps.Copy(p, acc)
	maps.Copy(p, fs.sums.Cells.TotalParams())
	maps.Copy(p, map[string]any{"dataset": name, "load": st.Load, "records": fs.records, "victims": lg.Victims(), "legs": legs,
		"first_year": fs.sums.First, "last_year": fs.sums.Last, "source": source, "names": names,
		"groups": len(ds.Groups), "members": len(ds.Members), "ties": len(ds.Ties)})
	if held, err = s.switchLoad(ctx, held, p); err != nil {
		return st, err
	}
	// The new load is live; earlier ones (replaced or killed) are garbage.
	// A failure here leaves invisible flows that the next load deletes.
	cleanup := time.Now()
	if st.Replaced, err = s.deleteStale(ctx, name, st.Load); err != nil {
		return st, err
	}
	st.Cleanup = time.Since(cleanup)
	st.Elapsed = time.Since(start)
	return st, nil
}

// writeStream writes the flows read hands over under load (a flowStream)
// and returns what it summed of them with the dataset read, without its
// records. When read could not stream them, it deletes what it wrote and
// writes the records read returned. When reading fails, it deletes what
// it wrote (the next load would otherwise).
func (s *Store) writeStream(ctx context.Context, read Reader, name, load string, progress func(done, total int)) (*flowStream, *graph.Dataset, error) {
	fs := s.newFlowStream(ctx, name, load, progress)
	ds, streamed, err := read(ctx, func() func(int64, []graph.Flow) { return fs.add })
	if err = fs.finish(err); err != nil {
		if ctx.Err() == nil {
			s.deleteFlows(ctx, load)
		}
		return nil, nil, err
	}
	if !streamed {
		if _, err := s.deleteFlows(ctx, load); err != nil {
			return nil, nil, err
		}
		return s.writeStream(ctx, Held(ds), name, load, progress)
	}
	return fs, ds, nil
}

// switchAttempts bounds how often the switch is tried after a transient
// error (a deadlock with another dataset's switch on shared countries).
const switchAttempts = 3

// switchLoad records the group counts and makes the load of p visible,
// in the transaction of held, so that no cleaner can take the load
// before it is visible. After a transient error, or when the server ended
// the lock's transaction (db.transaction.timeout shorter than the load),
// it takes the lock again in a new transaction, checks that every flow
// is still there and tries again. A load that a cleaner took meanwhile
// fails, and deletes what it can of its own staging. It returns the lock
// it committed.
func (s *Store) switchLoad(ctx context.Context, held *loadLock, p map[string]any) (*loadLock, error) {
	id := p["load"].(string)
	for attempt := 1; ; attempt++ {
		err := held.run(ctx, p, append(append([]string{model.CountGroups, setRecords}, model.Switch...), model.SetTotalCells)...)
		if err == nil {
			err = held.commit(ctx)
		}
		if err == nil {
			return held, nil
		}
		// Over the memory limits is final, though Neo4j calls it transient.
		var lerr *limitError
		if err = limited(err); attempt == switchAttempts || errors.As(err, &lerr) || !driver.IsRetryable(err) && !isTerminated(err) {
			return held, s.translate("switch dataset", err)
		}
		held.close()
		if held, err = s.lock(ctx, id, 0); err != nil {
			return nil, err
		}
		n := -1
		if held != nil {
			if n, err = held.count(ctx, countStaged, map[string]any{"load": id}); err != nil {
				return held, s.translate("switch dataset", err)
			}
		}
		if n != p["records"].(int) {
			s.deleteFlows(ctx, id)
			s.deleteCells(ctx, id)
			s.deleteGroups(ctx, id)
			return held, fmt.Errorf("neo4j switch dataset: load %s was cleaned as interrupted (its lock lost: a transaction timeout shorter than the load?)", id)
		}
	}
}

func (s *Store) writeBatch(ctx context.Context, rows []any, name, load string) error {
	params := map[string]any{"rows": rows, "dataset": name, "load": load}
	return s.write(ctx, "write flows", func(tx driver.ManagedTransaction) error {
		res, err := tx.Run(ctx, createFlows, params)
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return err
		}
		if n := toInt(rec.Values[0]); n != len(rows) {
			return fmt.Errorf("wrote %d of %d flows of a batch", n, len(rows))
		}
		return nil
	})
}

// deleteInBatches runs a delete query that removes one batch and returns
// how many it removed (`RETURN count(*)`), each batch in its own
// transaction, until a batch removes nothing; it returns the total.
func (s *Store) deleteInBatches(ctx context.Context, cypher string, params map[string]any) (int, error) {
	deleted := 0
	for {
		var n int
		err := s.write(ctx, "delete a replaced load", func(tx driver.ManagedTransaction) error {
			res, err := tx.Run(ctx, cypher, params)
			if err != nil {
				return err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return err
			}
			n = toInt(rec.Values[0])
			return nil
		})
		if err != nil {
			return deleted, err
		}
		deleted += n
		if n == 0 {
			return deleted, nil
		}
	}
}

// newLoadID is 16 lowercase hexadecimal digits: the Unix time in seconds
// and 32 random bits, so that ids sort by when their load started. Every
// flow and both flow indexes (first in each key) hold it: Neo4j stores
// digits of one case in 4 bits each, inside the node's property record,
// where the former 32-character id (a timestamp, a dash and 64 random
// bits) took a record of the string store for each flow.
func newLoadID() string {
	var b [8]byte
	binary.BigEndian.PutUint32(b[:4], uint32(time.Now().Unix()))
	rand.Read(b[4:])
	return hex.EncodeToString(b[:])
}

// Drop removes dataset name: first its :Dataset node and LEG
// relationships in one transaction (readers stop seeing it at once), then
// its flows in batches. Dropping a name that is not loaded does nothing.
func (s *Store) Drop(ctx context.Context, name string) error {
	if err := s.exec(ctx, "drop dataset", map[string]any{"dataset": name}, model.DeleteLegs, model.DeleteDataset); err != nil {
		return err
	}
	_, err := s.deleteStale(ctx, name, "")
	return err
}
