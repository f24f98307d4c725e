// Package goname writes Go names and types as messages show them to a
// concept's author: the adapters of package concepts and the conformance
// check of package engine/conform share it.
package goname

import (
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lower lower-cases the first letter of s: UserID → userID.
func Lower(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// Upper upper-cases the first letter of s: user → User.
func Upper(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// Type writes a Go type as a programmer would: any, not interface {}.
func Type(t reflect.Type) string {
	return strings.ReplaceAll(t.String(), "interface {}", "any")
}

// Struct is the name of a struct type for messages: its own name, or its
// literal for an unnamed struct.
func Struct(t reflect.Type) string {
	if t.Name() != "" {
		return t.Name()
	}
	return Type(t)
}
