package mongodb

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// idField is the field of a MongoDB document that holds its id.
const idField = "_id"

// markField is the field in which a write without transactions leaves
// its mark, so that its undo can tell whether another write came since.
const markField = "_w"

// dateLayout is how a BSON date reads: RFC 3339 in UTC, to the
// millisecond a BSON date keeps, as concepts.Timestamp writes times.
const dateLayout = "2006-01-02T15:04:05.000Z"

// toBSON makes a stored document of its id and its fields, a JSON object:
// the id first as _id, then the fields in their order. Whole numbers
// become int64, others double.
func toBSON(id string, data []byte) (bson.D, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, fmt.Errorf("converting document %s to BSON: %w", id, err)
	}
	fields, ok := v.(bson.D)
	if !ok {
		return nil, fmt.Errorf("converting document %s to BSON: it is not a JSON object", id)
	}
	for _, f := range fields {
		if f.Key == idField || f.Key == markField {
			return nil, fmt.Errorf("document %s has a field %s, which legible keeps on MongoDB for itself; rename the field", id, f.Key)
		}
	}
	return append(bson.D{{Key: idField, Value: id}}, fields...), nil
}

// decodeValue reads one JSON value: objects become bson.D, arrays
// bson.A, numbers int64 or float64.
func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return decodeObject(dec)
		}
		return decodeArray(dec)
	case json.Number:
		if n, err := t.Int64(); err == nil {
			return n, nil
		}
		return t.Float64()
	}
	return tok, nil // string, bool, nil
}

// decodeObject reads the rest of a JSON object.
func decodeObject(dec *json.Decoder) (bson.D, error) {
	d := bson.D{}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, err
		}
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		d = append(d, bson.E{Key: key.(string), Value: v})
	}
	_, err := dec.Token() // }
	return d, err
}

// decodeArray reads the rest of a JSON array.
func decodeArray(dec *json.Decoder) (bson.A, error) {
	a := bson.A{}
	for dec.More() {
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
	_, err := dec.Token() // ]
	return a, err
}

// fromBSON splits a stored document into its id and its other fields, as
// a JSON object in their order, without the mark of a write. Writing it
// is deterministic, so that the same document reads as the same bytes
// every time. An ObjectId _id, which another program may have written,
// reads as its hex.
func fromBSON(raw bson.Raw) (string, []byte, error) {
	v, err := raw.LookupErr(idField)
	if err != nil {
		return "", nil, errors.New("a document has no _id; it was not stored by legible")
	}
	id, ok := v.StringValueOK()
	if oid, isOID := v.ObjectIDOK(); isOID {
		id, ok = oid.Hex(), true
	}
	if !ok {
		return "", nil, fmt.Errorf("a document has an _id of type %s, not a string; it was not stored by legible", v.Type)
	}
	var b bytes.Buffer
	if err := writeObject(&b, raw, idField, markField); err != nil {
		return "", nil, fmt.Errorf("document %s: %w", id, err)
	}
	return id, b.Bytes(), nil
}

// writeValue writes a BSON value as JSON.
func writeValue(b *bytes.Buffer, v bson.RawValue) error {
	switch v.Type {
	case bson.TypeString:
		writeString(b, v.StringValue())
	case bson.TypeInt32:
		b.WriteString(strconv.FormatInt(int64(v.Int32()), 10))
	case bson.TypeInt64:
		b.WriteString(strconv.FormatInt(v.Int64(), 10))
	case bson.TypeDouble:
		return writeFloat(b, v.Double())
	case bson.TypeBoolean:
		b.WriteString(strconv.FormatBool(v.Boolean()))
	case bson.TypeNull:
		b.WriteString("null")
	case bson.TypeEmbeddedDocument:
		return writeObject(b, v.Document())
	case bson.TypeArray:
		return writeArray(b, v.Array())
	case bson.TypeDateTime:
		writeString(b, dateText(bson.DateTime(v.DateTime())))
	case bson.TypeObjectID:
		writeString(b, v.ObjectID().Hex())
	case bson.TypeDecimal128:
		writeDecimal(b, v.Decimal128())
	default:
		return fmt.Errorf("a value of BSON type %s, which legible cannot read as JSON; "+
			"store it as a string, a number, a boolean, a list or an object", v.Type)
	}
	return nil
}

// dateText is a BSON date as RFC 3339 text (dateLayout).
func dateText(d bson.DateTime) string { return d.Time().UTC().Format(dateLayout) }

// decimalValue is a Decimal128 as Distinct returns values: an int64 when
// whole, a float64, or its text for NaN and the infinities.
func decimalValue(d bson.Decimal128) any {
	f, err := strconv.ParseFloat(d.String(), 64)
	switch {
	case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
		return d.String()
	case f == math.Trunc(f) && math.Abs(f) < 1<<63:
		return int64(f)
	}
	return f
}

// writeDecimal writes a Decimal128 as a JSON number, with all its digits;
// NaN and the infinities, which JSON has no number for, as strings.
func writeDecimal(b *bytes.Buffer, d bson.Decimal128) {
	if text := d.String(); json.Valid([]byte(text)) {
		b.WriteString(text)
	} else {
		writeString(b, text)
	}
}

// writeFloat writes a double as encoding/json would.
func writeFloat(b *bytes.Buffer, f float64) error {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return errors.New("a number that JSON cannot hold")
	}
	data, _ := json.Marshal(f)
	b.Write(data)
	return nil
}

// writeObject writes a document, without the fields skip.
func writeObject(b *bytes.Buffer, d bson.Raw, skip ...string) error {
	elems, err := d.Elements()
	if err != nil {
		return err
	}
	b.WriteByte('{')
	first := true
	for _, e := range elems {
		if slices.Contains(skip, e.Key()) {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeString(b, e.Key())
		b.WriteByte(':')
		if err := writeValue(b, e.Value()); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// writeArray writes an array.
func writeArray(b *bytes.Buffer, a bson.RawArray) error {
	values, err := a.Values()
	if err != nil {
		return err
	}
	b.WriteByte('[')
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeValue(b, v); err != nil {
			return err
		}
	}
	b.WriteByte(']')
	return nil
}

// writeString writes a JSON string.
func writeString(b *bytes.Buffer, s string) {
	data, _ := json.Marshal(s)
	b.Write(data)
}
