package linkage

import (
	"github.com/ringlink/ringlink/fixtures"
	"github.com/ringlink/ringlink/store"
	"slices"
)

// Evaluate scores the latest run against truth (fixtures.Evaluate). Every
// account in the database is in the universe; clusters of one account
// are left out. threshold, when not nil, replaces the run's flag
// threshold. Cost: one pass over the nodes and the run's members.
func Evaluate(st Store, truth fixtures.Truth, threshold *float64) (fixtures.Report, Run, error) {
	run, err := Latest(st)
	if err != nil {
		return fixtures.Report{}, run, err
	}
	thr := run.Threshold
	if threshold != nil {
		thr = *threshold
	}
	var universe []string
	err = st.ScanNodes(func(_ store.NodeID, k store.Kind, v []byte) error {
		if k == store.KindAccount {
			universe = append(universe, string(v))
		}
		return nil
	})
	if err != nil {
		return fixtures.Report{}, run, err
	}
	var clusters []fixtures.Cluster
	var scanErr error
	err = Clusters(st, run.ID, func(c Cluster) bool {
		if c.Size < 2 {
			return true
		}
		names, err := MemberNames(st, run.ID, c.Rank)
		if err != nil {
			scanErr = err
			return false
		}
		clusters = append(clusters, fixtures.Cluster{ID: c.ID, Accounts: names, Flagged: c.Score >= thr, Score: c.Score})
		return true
	})
	if err == nil {
		err = scanErr
	}
	if err != nil {
		return fixtures.Report{}, run, err
	}
	return fixtures.Evaluate(truth, clusters, universe), run, nil
}

// MemberChanges returns the accounts (node ids, ascending) in the cluster
// of rank cur of run curRun and not in that of rank prev of run prevRun
// (added), and the reverse (removed): what a scheduled run tells the
// people who act on a ring that grew or shrank. O(members).
func MemberChanges(st Store, prevRun string, prev int, curRun string, cur int) (added, removed []uint32, err error) {
	a, err := Members(st, prevRun, prev)
	if err != nil {
		return nil, nil, err
	}
	b, err := Members(st, curRun, cur)
	if err != nil {
		return nil, nil, err
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i++
			j++
		case j == len(b) || i < len(a) && a[i] < b[j]:
			removed = append(removed, a[i])
			i++
		default:
			added = append(added, b[j])
			j++
		}
	}
	return added, removed, nil
}

// Names returns the values of nodes ids (account names, say), sorted.
func Names(st Store, ids []uint32) ([]string, error) {
	out, err := nodeValues(st, ids)
	slices.Sort(out)
	return out, err
}

// MemberNames returns the account names of the cluster of the given rank.
func MemberNames(st Store, run string, rank int) ([]string, error) {
	ms, err := Members(st, run, rank)
	if err != nil {
		return nil, err
	}
	return nodeValues(st, ms)
}

// nodeValues returns the values of nodes ids, in their order.
func nodeValues(st Store, ids []uint32) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		_, v, err := st.Node(store.NodeID(id))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
