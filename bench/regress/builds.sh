# Sourced by run.sh and outputs.sh: builds tipgraph at revision $1 (in a
# temporary worktree) as $work/old and the working tree as $work/new, in
# a temporary directory $work removed at exit.
work=$(mktemp -d)
trap 'rm -rf "$work"; git worktree remove --force "$work/old-src" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$work/old-src" "$1"
(cd "$work/old-src" && go build -o "$work/old" ./cmd/tipgraph)
go build -o "$work/new" ./cmd/tipgraph
