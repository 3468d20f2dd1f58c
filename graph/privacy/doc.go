// Package privacy hides small victim counts (--min-count K) in typed
// results, by type, before anything renders them.
package privacy
