// Package estimate puts a size on the dark figure, the victims nobody
// detected: the detection-rate correction of the seed report (stock,
// annual flow, market value) and multiple systems estimation from
// overlapping lists.
package estimate
