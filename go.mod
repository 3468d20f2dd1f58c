module github.com/tipgraph/tipgraph

go 1.26

require (
	github.com/agnivade/levenshtein v1.2.2 // indirect
	github.com/biter777/countries v1.7.5 // indirect
	github.com/dominikbraun/graph v0.23.0 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/pariz/gountries v0.1.6 // indirect
	github.com/spf13/cobra v1.10.2 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
	gopkg.in/yaml.v2 v2.4.0 // indirect
)
