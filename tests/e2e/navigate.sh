#!/bin/sh
# navigate.sh - open the samples at 80x24, open a readout, move, help, back, quit.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

start 80 24 -- "$SAMPLES"
has "Readouts 7" "the navigator lists the seven sample readouts"
has "Wang Yi rencontre Sergueï Lavrov à Tachkent" "with their titles"
has "Speakers (" "and the facets"
has "? help" "the status line offers help"

keys j j j Enter
has "Text · 4786 characters" "Enter opens the French readout"
NPOS=$(jq '.positions | length' "$SAMPLES/fr-2021-07-15-wang-yi-lavrov-tashkent.json")
has "Positions · $NPOS" "with its $NPOS positions"
has "fr-2021-07-15-wang-lavrov" "the status line names it"

keys ?
has "parley keys" "? opens the help"
has "accounts of its event" "the help says what the list's marks are (=2, ~, 5/6: it did not)"
keys /
type "Filter by speaker"
keys Enter
has "Filter by speaker" "help lists the actions from the action table"
keys G
has "pick-speaker" "and their names for the config file"
keys q
has "Text · 4786" "q closes the help"
keys q
has "Readouts 7" "q goes back to the navigator"
keys q
wait_for "[parley exited 0]"
has "[parley exited 0]" "q in the navigator quits with status 0"
stop
done_testing
