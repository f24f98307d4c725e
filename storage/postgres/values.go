package postgres

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// jsonText writes a query value, a scalar, as JSON text.
func jsonText(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // storage checked it is a string, a number or a boolean
	}
	return string(data)
}

// jsonTexts writes query values as JSON texts, one each.
func jsonTexts(values []any) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = jsonText(v)
	}
	return out
}

// strs returns values, ids, as strings.
func strs(values []any) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i], _ = v.(string)
	}
	return out
}

// scalar decodes a JSON scalar as Distinct and CountBy return values: a
// string, an int64 for a whole number that fits, a float64 for another
// number, or a boolean.
func scalar(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	n, ok := v.(json.Number)
	if !ok {
		return v, nil
	}
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return i, nil
	}
	f, err := n.Float64()
	if err != nil {
		return nil, fmt.Errorf("the number %s: %w", n, err)
	}
	return f, nil
}
