package groups

// DegreeBound exposes degreeBound to the tests of package groups_test.
var DegreeBound = degreeBound
