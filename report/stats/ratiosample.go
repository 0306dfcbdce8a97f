package stats

// RatioSample gathers subjects' parts of a ratio of sums, Σnum / Σden,
// for RatioInterval: every subject while there are at most MaxBootstrap,
// then only the sums the delta method needs, so that a million subjects
// take no more memory than MaxBootstrap.
type RatioSample struct {
	num, den              []float64
	n                     int
	sy, sx, syy, sxy, sxx float64
}

// Add adds one subject's parts.
func (s *RatioSample) Add(num, den float64) {
	s.n++
	s.sy, s.sx = s.sy+num, s.sx+den
	s.syy, s.sxy, s.sxx = s.syy+num*num, s.sxy+num*den, s.sxx+den*den
	if s.n <= MaxBootstrap {
		s.num, s.den = append(s.num, num), append(s.den, den)
	} else {
		s.num, s.den = nil, nil
	}
}

// Merge adds the subjects of o.
func (s *RatioSample) Merge(o *RatioSample) {
	s.n += o.n
	s.sy, s.sx = s.sy+o.sy, s.sx+o.sx
	s.syy, s.sxy, s.sxx = s.syy+o.syy, s.sxy+o.sxy, s.sxx+o.sxx
	if s.n <= MaxBootstrap {
		s.num, s.den = append(s.num, o.num...), append(s.den, o.den...)
	} else {
		s.num, s.den = nil, nil
	}
}

// Interval is RatioInterval of the subjects added.
func (s *RatioSample) Interval(seed uint64) (lo, hi float64, method string, ok bool) {
	if s.n <= MaxBootstrap {
		return RatioInterval(s.num, s.den, seed)
	}
	if s.sx <= 0 {
		return 0, 0, "", false
	}
	// Σ(num − r·den)² from the sums, as deltaInterval computes it.
	r, n := s.sy/s.sx, float64(s.n)
	ss := s.syy - 2*r*s.sxy + r*r*s.sxx
	se := sqrtPos(ss/(n-1)/n) / (s.sx / n)
	return r - z95*se, r + z95*se, DeltaMethod, true
}
