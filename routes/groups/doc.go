// Package groups analyses the person networks of trafficker groups: their
// structure class, brokers, cut points, cells by country, and the flows
// they operate.
package groups
