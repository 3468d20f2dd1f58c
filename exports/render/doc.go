// Package render writes typed results as tables, CSV or JSON, with the
// privacy policy applied to every victim count and the rows set aside
// stated in every output.
package render
