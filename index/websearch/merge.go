package websearch

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// MergeSegments merges a scorch index into a single segment and drops the
// terms of deleted documents. bleve computes BM25's average field length
// from the terms of each segment, so only a merged index scores exactly as
// the exported browser search (which counts the index's distinct live
// terms). Call it after indexing and before Export and `casefile search`
// agree to the last digit; other index types are left as they are.
func MergeSegments(idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("websearch: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	opt := mergeplan.DefaultMergePlanOptions
	opt.MaxSegmentsPerTier = 1
	opt.MaxSegmentSize = mergeplan.MaxSegmentSizeLimit
	opt.FloorSegmentSize = mergeplan.MaxSegmentSizeLimit
	opt.SegmentsPerMergeTask = 1000
	if err := s.ForceMerge(context.Background(), &opt); err != nil {
		return fmt.Errorf("websearch: merge segments: %w", err)
	}
	return nil
}
