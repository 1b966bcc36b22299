package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ringlink/ringlink/store"
	"github.com/ringlink/ringlink/templates"
)

// TemplateInfo is one template node with how it was used.
type TemplateInfo struct {
	ID       string   `json:"id"`    // mined id, or the caller's template id
	Mined    bool     `json:"mined"` // false for ids supplied in records
	Skeleton string   `json:"skeleton,omitempty"`
	Samples  []string `json:"samples,omitempty"`
	Accounts int      `json:"accounts"`
	Requests uint64   `json:"requests"`
	Tokens   uint64   `json:"tokens"`
	First    int64    `json:"-"`
	Last     int64    `json:"-"`
}

// Skeletons returns the committed skeleton of every mined template, by the
// id users see. Cost: one pass over the template records, not the graph.
func Skeletons(st *store.Store) (map[string]string, error) {
	out := map[string]string{}
	err := committedTemplates(st, func(id string, t templates.Template) {
		out[id] = t.Skeleton
	})
	return out, err
}

// MinedSkeleton returns the skeleton of mined template id as the
// committed state has it: one lookup, for a template the miner no longer
// holds in memory (an evicted singleton its exact index still knows).
func MinedSkeleton(st *store.Store, id uint32) (string, bool, error) {
	data, found, err := st.TemplateState(id)
	if err != nil || !found {
		return "", false, err
	}
	state, err := st.MinerState()
	if err != nil {
		return "", false, err
	}
	var t templates.Template
	if err := t.UnmarshalBinary(data); err != nil {
		return "", false, fmt.Errorf("template %d: %w: %w", id, err, store.ErrCorrupt)
	}
	t, ok, err := templates.Committed(t, state)
	if err != nil || !ok {
		return "", false, err
	}
	return t.Skeleton, true, nil
}

// committedTemplates calls fn with every mined template as the committed
// state has it (a record may be ahead of the committed batches, see
// loadMiner), by the id users see.
func committedTemplates(st *store.Store, fn func(id string, t templates.Template)) error {
	state, err := st.MinerState()
	if err != nil {
		return err
	}
	return st.ScanTemplates(func(id uint32, data []byte) error {
		var t templates.Template
		if err := t.UnmarshalBinary(data); err != nil {
			return err
		}
		t, ok, err := templates.Committed(t, state)
		if err != nil || !ok {
			return err
		}
		fn(strconv.FormatUint(uint64(id), 10), t)
		return nil
	})
}

// Templates lists every template node with its usage: the stored miner
// state gives skeleton and samples, one pass over the account records
// gives accounts, requests and first/last seen. Cost: O(V + E).
func Templates(st *store.Store) ([]TemplateInfo, error) {
	byNode := map[store.NodeID]*TemplateInfo{}
	err := st.ScanNodes(func(id store.NodeID, k store.Kind, v []byte) error {
		if k != store.KindTemplate || len(v) < 2 {
			return nil
		}
		byNode[id] = &TemplateInfo{ID: store.TemplateDisplay(string(v)), Mined: string(v[:2]) == store.TemplateMined}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(byNode) == 0 {
		return nil, nil
	}
	err = st.ScanAccountUses(func(_ store.NodeID, _ store.AccountStats, _ *store.Hours, uses []store.Use) error {
		for _, u := range uses {
			if t, ok := byNode[u.Attr]; ok {
				t.Accounts++
				t.Requests += u.Count
				t.Tokens = store.AddTokens(t.Tokens, u.Tokens)
				if t.First == 0 || u.First < t.First {
					t.First = u.First
				}
				t.Last = max(t.Last, u.Last)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	mined := map[string]*TemplateInfo{}
	for _, t := range byNode {
		if t.Mined {
			mined[t.ID] = t
		}
	}
	err = committedTemplates(st, func(id string, t templates.Template) {
		if info, ok := mined[id]; ok {
			info.Skeleton, info.Samples = t.Skeleton, t.Samples
		}
	})
	if err != nil {
		return nil, err
	}
	out := make([]TemplateInfo, 0, len(byNode))
	for _, t := range byNode {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b TemplateInfo) int {
		if c := cmp.Compare(b.Accounts, a.Accounts); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Requests, a.Requests); c != 0 {
			return c
		}
		return compareIDs(a.ID, b.ID)
	})
	return out, nil
}

// compareIDs orders numeric ids numerically and others as text.
func compareIDs(a, b string) int {
	x, errA := strconv.ParseUint(a, 10, 64)
	y, errB := strconv.ParseUint(b, 10, 64)
	if errA == nil && errB == nil {
		return cmp.Compare(x, y)
	}
	return strings.Compare(a, b)
}

// Template returns one template by id.
func Template(st *store.Store, id string) (TemplateInfo, error) {
	// Accept the stored form ("m:702") as well as the shown one ("702").
	id = store.TemplateDisplay(store.ParseTemplate(id))
	all, err := Templates(st)
	if err != nil {
		return TemplateInfo{}, err
	}
	for _, t := range all {
		if t.ID == id {
			return t, nil
		}
	}
	return TemplateInfo{}, fmt.Errorf("template %q: %w", id, store.ErrNotFound)
}
