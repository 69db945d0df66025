# select.jq - the benchmark's selection in jq: positions of speaker $sp
# (directly, or through a group it is a member of) on topic $t, counted.
# Run as: jq -n --arg sp ID --arg t ID -f select.jq FILES...
reduce (inputs
  | (.speakers // []) as $s
  | ([$s[] | select(.id == $sp or ((.members // []) | index($sp) != null)) | .id]) as $ok
  | (.positions // [])[]
  | select((.speaker as $p | $ok | index($p) != null) and ((.topics // []) | index($t) != null))
) as $x (0; . + 1)
