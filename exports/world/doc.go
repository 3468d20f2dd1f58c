// Package world holds the country outlines of the maps' base layer
// (Natural Earth 1:110m) and the Equal Earth projection they are drawn in.
package world
