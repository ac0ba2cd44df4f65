package datafile

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"

	"github.com/openml-dash/openml-dash/sdk/frame"
)

// parquetColumn collects the values of one parquet column.
type parquetColumn interface {
	// addValues appends one row per value; a null value is missing.
	addValues(values []parquet.Value)
	// declareDictionary sees each dictionary the column's pages use, before
	// their values.
	declareDictionary(d parquet.Dictionary)
	column(name string) *frame.Column
}

// newParquetColumn picks how to read a column of type t from its physical
// type and its logical (or legacy converted) annotation:
//   - integers, floats and decimals are Numeric; TIME is Numeric seconds
//     since midnight;
//   - DATE, TIMESTAMP and INT96 (Spark's and Impala's timestamps) are Date,
//     in seconds since the Unix epoch;
//   - BOOLEAN is Nominal with levels false and true;
//   - text (STRING, ENUM, JSON and unannotated BYTE_ARRAY) and UUIDs are
//     Nominal or String as nominalLimit decides.
//
// Its error says why a column cannot be read, to follow "Column X".
func newParquetColumn(t parquet.Type, rows int) (parquetColumn, error) {
	var logical format.LogicalTypeValue
	if lt := t.LogicalType(); lt != nil {
		logical = lt.Value
	}
	converted := deprecated.ConvertedType(-1)
	if ct := t.ConvertedType(); ct != nil {
		converted = *ct
	}
	switch t.Kind() {
	case parquet.Boolean:
		return &boolColumn{codes: make([]int32, 0, rows)}, nil
	case parquet.Int32, parquet.Int64:
		return newIntColumn(t.Kind(), logical, converted, rows)
	case parquet.Int96:
		return newNumberColumn(frame.Date, rows, int96Seconds), nil
	case parquet.Float:
		return newNumberColumn(frame.Numeric, rows, func(v parquet.Value) float64 { return float64(v.Float()) }), nil
	case parquet.Double:
		return newNumberColumn(frame.Numeric, rows, parquet.Value.Double), nil
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return newBytesColumn(t.Kind(), logical, converted, rows)
	}
	return nil, fmt.Errorf("has the physical type %s, which is not supported", t.Kind())
}

func newIntColumn(kind parquet.Kind, logical format.LogicalTypeValue, converted deprecated.ConvertedType, rows int) (parquetColumn, error) {
	signed := func(v parquet.Value) float64 { return float64(v.Int64()) }
	if kind == parquet.Int32 {
		signed = func(v parquet.Value) float64 { return float64(v.Int32()) }
	}
	switch logical := logical.(type) {
	case *format.DateType:
		return newNumberColumn(frame.Date, rows, func(v parquet.Value) float64 { return float64(v.Int32()) * 86400 }), nil
	case *format.TimestampType:
		return newNumberColumn(frame.Date, rows, inSeconds(signed, logical.Unit)), nil
	case *format.TimeType:
		return newNumberColumn(frame.Numeric, rows, inSeconds(signed, logical.Unit)), nil
	case *format.DecimalType:
		scale := math.Pow10(int(logical.Scale))
		return newNumberColumn(frame.Numeric, rows, func(v parquet.Value) float64 { return signed(v) / scale }), nil
	case *format.IntType:
		if !logical.IsSigned {
			return newNumberColumn(frame.Numeric, rows, unsigned(kind)), nil
		}
		return newNumberColumn(frame.Numeric, rows, signed), nil
	case nil:
	default:
		return nil, fmt.Errorf("holds %s integers, which are not supported", logical)
	}
	switch converted {
	case deprecated.Date:
		return newNumberColumn(frame.Date, rows, func(v parquet.Value) float64 { return float64(v.Int32()) * 86400 }), nil
	case deprecated.TimestampMillis:
		return newNumberColumn(frame.Date, rows, func(v parquet.Value) float64 { return signed(v) / 1e3 }), nil
	case deprecated.TimestampMicros:
		return newNumberColumn(frame.Date, rows, func(v parquet.Value) float64 { return signed(v) / 1e6 }), nil
	case deprecated.TimeMillis:
		return newNumberColumn(frame.Numeric, rows, func(v parquet.Value) float64 { return signed(v) / 1e3 }), nil
	case deprecated.TimeMicros:
		return newNumberColumn(frame.Numeric, rows, func(v parquet.Value) float64 { return signed(v) / 1e6 }), nil
	case deprecated.Uint8, deprecated.Uint16, deprecated.Uint32, deprecated.Uint64:
		return newNumberColumn(frame.Numeric, rows, unsigned(kind)), nil
	case deprecated.Decimal:
		return nil, errors.New("is a decimal without a scale, which is not supported")
	}
	return newNumberColumn(frame.Numeric, rows, signed), nil
}

func unsigned(kind parquet.Kind) func(parquet.Value) float64 {
	if kind == parquet.Int32 {
		return func(v parquet.Value) float64 { return float64(v.Uint32()) }
	}
	return func(v parquet.Value) float64 { return float64(v.Uint64()) }
}

// inSeconds scales a count of unit (milliseconds when unknown) to seconds.
func inSeconds(count func(parquet.Value) float64, unit format.TimeUnit) func(parquet.Value) float64 {
	per := 1e3
	if unit.Value != nil {
		per = float64(time.Second / unit.Value.Duration())
	}
	return func(v parquet.Value) float64 { return count(v) / per }
}

// int96Seconds reads the legacy INT96 timestamp: nanoseconds within the
// day, then the Julian day number.
func int96Seconds(v parquet.Value) float64 {
	const unixEpochJulianDay = 2440588
	i := v.Int96()
	nanos := uint64(i[1])<<32 | uint64(i[0])
	days := int64(i[2]) - unixEpochJulianDay
	return float64(days)*86400 + float64(nanos)/1e9
}

func newBytesColumn(kind parquet.Kind, logical format.LogicalTypeValue, converted deprecated.ConvertedType, rows int) (parquetColumn, error) {
	switch logical := logical.(type) {
	case *format.DecimalType:
		scale := math.Pow10(int(logical.Scale))
		return newNumberColumn(frame.Numeric, rows, func(v parquet.Value) float64 { return bigEndianInt(v.ByteArray()) / scale }), nil
	case *format.UUIDType:
		return &bytesColumn{text: newTextColumn(rows), limit: maxLevels, uuid: true}, nil
	case *format.Float16Type:
		return newNumberColumn(frame.Numeric, rows, func(v parquet.Value) float64 { return float16(v.ByteArray()) }), nil
	case *format.StringType, *format.EnumType, *format.JsonType:
	case nil:
		switch converted {
		case deprecated.Decimal:
			return nil, errors.New("is a decimal without a scale, which is not supported")
		case deprecated.Bson, deprecated.Interval:
			return nil, errors.New("holds binary values, which are not supported")
		}
		if kind == parquet.FixedLenByteArray {
			return nil, errors.New("holds fixed-length binary values, which are not supported")
		}
	default:
		return nil, fmt.Errorf("holds %s values, which are not supported", logical)
	}
	return &bytesColumn{text: newTextColumn(rows), limit: maxLevels}, nil
}

// bigEndianInt reads a two's complement big-endian integer, as decimals
// are stored in byte arrays.
func bigEndianInt(b []byte) float64 {
	if len(b) <= 8 {
		var x int64
		for _, c := range b {
			x = x<<8 | int64(c)
		}
		if len(b) > 0 && len(b) < 8 {
			shift := 64 - 8*len(b)
			x = x << shift >> shift // sign-extend
		}
		return float64(x)
	}
	n := new(big.Int).SetBytes(b)
	if b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	f, _ := n.Float64()
	return f
}

// float16 reads an IEEE half-precision number, stored little-endian.
func float16(b []byte) float64 {
	if len(b) != 2 {
		return math.NaN()
	}
	h := uint16(b[0]) | uint16(b[1])<<8
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp, frac := int(h>>10&0x1f), float64(h&0x3ff)
	switch exp {
	case 0:
		return sign * math.Ldexp(frac, -24)
	case 0x1f:
		if frac != 0 {
			return math.NaN()
		}
		return math.Inf(int(sign))
	}
	return sign * math.Ldexp(1+frac/1024, exp-15)
}

// numberColumn collects a Numeric or Date column. NaN is missing, as in
// ARFF and in pandas.
type numberColumn struct {
	values  floatColumn
	kind    frame.Kind
	convert func(parquet.Value) float64
}

func newNumberColumn(kind frame.Kind, rows int, convert func(parquet.Value) float64) *numberColumn {
	return &numberColumn{values: floatColumn{floats: make([]float64, 0, rows)}, kind: kind, convert: convert}
}

func (c *numberColumn) addValues(values []parquet.Value) {
	for _, v := range values {
		if v.IsNull() {
			c.values.addMissing()
			continue
		}
		if f := c.convert(v); !math.IsNaN(f) {
			c.values.add(f)
		} else {
			c.values.addMissing()
		}
	}
}

func (c *numberColumn) declareDictionary(parquet.Dictionary) {}

func (c *numberColumn) column(name string) *frame.Column { return c.values.column(name, c.kind) }

// boolColumn collects a BOOLEAN column as codes into ["false", "true"].
type boolColumn struct {
	codes   []int32
	missing frame.Bitmap
	anyMiss bool
}

func (c *boolColumn) addValues(values []parquet.Value) {
	for _, v := range values {
		switch {
		case v.IsNull():
			c.missing.Set(len(c.codes))
			c.anyMiss = true
			c.codes = append(c.codes, frame.MissingCode)
		case v.Boolean():
			c.codes = append(c.codes, 1)
		default:
			c.codes = append(c.codes, 0)
		}
	}
}

func (c *boolColumn) declareDictionary(parquet.Dictionary) {}

func (c *boolColumn) column(name string) *frame.Column {
	col := &frame.Column{Name: name, Kind: frame.Nominal, Codes: c.codes, Levels: []string{"false", "true"}}
	if c.anyMiss {
		col.Missing = &c.missing
	}
	return col
}

// bytesColumn collects a text column. A dictionary's values become levels
// in the dictionary's order, which for a pandas category column is the
// order of its categories.
type bytesColumn struct {
	text    *textColumn
	limit   int // most levels before the column is String for sure
	uuid    bool
	scratch [36]byte // a UUID's text
}

func (c *bytesColumn) addValues(values []parquet.Value) {
	for _, v := range values {
		if v.IsNull() {
			c.text.addMissing()
			continue
		}
		c.text.addBytes(c.bytes(v))
		if c.text.interning() && len(c.text.levels) > c.limit {
			c.text.spill()
		}
	}
}

func (c *bytesColumn) bytes(v parquet.Value) []byte {
	b := v.ByteArray()
	if !c.uuid || len(b) != 16 {
		return b
	}
	s := c.scratch[:]
	hex.Encode(s[0:8], b[0:4])
	hex.Encode(s[9:13], b[4:6])
	hex.Encode(s[14:18], b[6:8])
	hex.Encode(s[19:23], b[8:10])
	hex.Encode(s[24:36], b[10:16])
	s[8], s[13], s[18], s[23] = '-', '-', '-', '-'
	return s
}

func (c *bytesColumn) declareDictionary(d parquet.Dictionary) {
	for i := range d.Len() {
		if !c.text.interning() {
			return
		}
		c.text.declare(c.bytes(d.Index(int32(i))))
		if len(c.text.levels) > c.limit {
			c.text.spill()
		}
	}
}

func (c *bytesColumn) column(name string) *frame.Column { return c.text.column(name) }
