package trace

// Masked replaces the value of a secret parameter in traces and logs; a
// null secret stays null, so a trace shows that none was given.
const Masked = "•••"

// requesting is the concept whose records carry HTTP request and response
// bodies.
const requesting = "Requesting"

// Masker hides the values of secret parameters in flows before they are
// stored, shown or logged. A nil *Masker masks nothing.
//
// A concept's secrets are masked at the top level of the input and output
// of that concept's records. Requesting records are treated more strictly:
// a request body carries the same secrets as the actions it feeds (a login
// request's `user: {email, password}` becomes Authenticating.login's
// password), so in Requesting records a key named secret by ANY concept is
// masked at every depth, inside nested maps and lists as well as at the top
// level (where the body's top-level fields appear as request inputs).
type Masker struct {
	byConcept map[string]map[string]bool // concept -> its secret names
	all       map[string]bool            // every secret name of any concept
}

// NewMasker returns a masker for the secret parameter names of each
// concept, e.g. NewMasker(map[string][]string{"Authenticating": {"password"}}).
func NewMasker(secrets map[string][]string) *Masker {
	m := &Masker{byConcept: map[string]map[string]bool{}, all: map[string]bool{}}
	for concept, names := range secrets {
		set := map[string]bool{}
		for _, n := range names {
			set[n] = true
			m.all[n] = true
		}
		m.byConcept[concept] = set
	}
	return m
}

// Mask returns a copy of f with secret values replaced by Masked. The
// original flow, its records and their maps are never modified. Records
// that hold no secret are shared with the original rather than copied, and
// a flow without secrets is returned as it is, so masking costs little
// when few records carry secrets: a finished flow must not be changed
// afterwards.
func (m *Masker) Mask(f *Flow) *Flow {
	if f == nil {
		return nil
	}
	var c *Flow
	for i, r := range f.Records {
		masked := m.MaskRecord(r)
		if masked == r {
			continue
		}
		if c == nil { // the first record with a secret: copy the flow
			cf := *f
			cf.Records = append([]*Record(nil), f.Records...)
			c = &cf
		}
		c.Records[i] = masked
	}
	if c == nil {
		return f
	}
	return c
}

// MaskRecord returns a deep copy of one record with its secret values
// replaced by Masked, by the same rules as Mask, or r itself when it holds
// no secret.
func (m *Masker) MaskRecord(r *Record) *Record {
	if r == nil {
		return nil
	}
	top, nested := m.rules(r.Concept)
	if !hasSecret(r.Input, top, nested) && !hasSecret(r.Output, top, nested) {
		return r
	}
	c := *r
	c.Cause = copyCause(r.Cause)
	c.Input = copyMap(r.Input, top, nested)
	c.Output = copyMap(r.Output, top, nested)
	return &c
}

// rules returns the names masked at the top level of a concept's records
// and the names masked below it.
func (m *Masker) rules(concept string) (top, nested map[string]bool) {
	if m == nil {
		return nil, nil
	}
	if concept == requesting {
		return m.all, m.all
	}
	return m.byConcept[concept], nil
}

// copyCause returns a copy of c that shares nothing with it.
func copyCause(c *Cause) *Cause {
	if c == nil {
		return nil
	}
	d := *c
	d.When = append([]string(nil), c.When...)
	return &d
}

// copyMap copies m, masking the keys in top, and copies its values deeply,
// masking the keys in nested at any depth.
func copyMap(m map[string]any, top, nested map[string]bool) map[string]any {
	if m == nil {
		return nil
	}
	c := make(map[string]any, len(m))
	for k, v := range m {
		if top[k] && v != nil { // a missing secret (null) is shown as such
			c[k] = Masked
		} else {
			c[k] = copyValue(v, nested)
		}
	}
	return c
}

// copyValue deep-copies the maps and slices that decoded JSON and concept
// outputs are made of, masking the keys in secret at any depth. Other
// values are shared: they are treated as immutable.
func copyValue(v any, secret map[string]bool) any {
	switch v := v.(type) {
	case map[string]any:
		return copyMap(v, secret, secret)
	case []any:
		return copySlice(v, func(x any) any { return copyValue(x, secret) })
	case []map[string]any:
		return copySlice(v, func(x map[string]any) map[string]any { return copyMap(x, secret, secret) })
	case map[string]string:
		return copyStrings(v, secret)
	case []string:
		return append([]string(nil), v...)
	}
	return v
}

// copySlice copies s element by element with f; nil stays nil.
func copySlice[T any](s []T, f func(T) T) []T {
	if s == nil {
		return nil
	}
	c := make([]T, len(s))
	for i, x := range s {
		c[i] = f(x)
	}
	return c
}

// copyStrings copies a string map, masking the keys in secret.
func copyStrings(m map[string]string, secret map[string]bool) map[string]string {
	if m == nil {
		return nil
	}
	c := make(map[string]string, len(m))
	for k, v := range m {
		if secret[k] {
			v = Masked
		}
		c[k] = v
	}
	return c
}

// hasSecret reports whether copyMap would mask anything in m.
func hasSecret(m map[string]any, top, nested map[string]bool) bool {
	if len(top) == 0 && len(nested) == 0 {
		return false
	}
	for k, v := range m {
		if top[k] && v != nil || len(nested) > 0 && valueHasSecret(v, nested) {
			return true
		}
	}
	return false
}

// valueHasSecret reports whether copyValue would mask anything in v.
func valueHasSecret(v any, secret map[string]bool) bool {
	switch v := v.(type) {
	case map[string]any:
		return hasSecret(v, secret, secret)
	case []any:
		for _, x := range v {
			if valueHasSecret(x, secret) {
				return true
			}
		}
	case []map[string]any:
		for _, x := range v {
			if hasSecret(x, secret, secret) {
				return true
			}
		}
	case map[string]string:
		for k := range v {
			if secret[k] {
				return true
			}
		}
	}
	return false
}

// MaskVars returns a copy of a sync's variables with secrets masked: a
// variable may hold a request body, so every secret name of any concept
// is masked at every depth, as in Requesting records.
func (m *Masker) MaskVars(vars map[string]any) map[string]any {
	if m == nil {
		return vars
	}
	return copyMap(vars, m.all, m.all)
}
