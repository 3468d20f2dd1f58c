package graph

import (
	"fmt"
	"slices"
	"strings"
)

// Roles lists every role in the order docs/data-formats.md lists them.
var Roles = []Role{Recruiter, Transporter, Exploiter, Guardian, DocumentForger, Financier, Organiser, OtherRole, UnknownRole}

// TieKinds lists every tie kind in the order docs/data-formats.md lists them.
var TieKinds = []TieKind{Recruits, TransportsFor, Controls, ReportsTo, Associate, Family}

// ParseRole reads a role name (any case); "organizer" and "forger" are
// accepted for "organiser" and "document-forger", and the empty string is
// UnknownRole.
func ParseRole(s string) (Role, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "":
		return UnknownRole, nil
	case "organizer":
		return Organiser, nil
	case "forger", "document_forger", "document forger":
		return DocumentForger, nil
	}
	if r := Role(s); slices.Contains(Roles, r) {
		return r, nil
	}
	return OtherRole, fmt.Errorf("%w %q (want one of %s)", ErrBadRole, s, joinNames(Roles))
}

// ParseTieKind reads a tie kind (any case); the empty string is Associate.
func ParseTieKind(s string) (TieKind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return Associate, nil
	}
	s = strings.ReplaceAll(s, "_", "-")
	if k := TieKind(s); slices.Contains(TieKinds, k) {
		return k, nil
	}
	return Associate, fmt.Errorf("%w %q (want one of %s)", ErrBadTieKind, s, joinNames(TieKinds))
}

func joinNames[T ~string](list []T) string {
	parts := make([]string, len(list))
	for i, x := range list {
		parts[i] = string(x)
	}
	return strings.Join(parts, ", ")
}
