#!/bin/sh
# A researcher's script over a products CSV, with the duibiao CLI and standard tools.
#
#   examples/research.sh [PLAN] [PRODUCTS]
#
# Defaults to the smart toilet plan and its 36 products. Set DUIBIAO to an installed binary
# (DUIBIAO=duibiao examples/research.sh) to skip cargo.
set -eu

plan=${1:-examples/plans/smart-toilet.toml}
products=${2:-examples/plans/smart-toilet.products.csv}
duibiao=${DUIBIAO:-cargo run --quiet --}
out=${TMPDIR:-/tmp}/duibiao-verdicts.$$.csv
trap 'rm -f "$out"' EXIT

# 1. One verdict per product as CSV: product,class,decided-by,exceeding-weight,core-weight,
#    then one outcome column per indicator, then error.
$duibiao evaluate "$plan" --products "$products" --format csv --quiet > "$out"

# 2. How many leaders, followers and gaps (column 2 is the class).
echo "== classes"
tail -n +2 "$out" | cut -d, -f2 | sort | uniq -c | sort -rn

# 3. Which indicators make the gaps: decided-by (column 3) lists them, separated by spaces.
echo "== indicators deciding a gap"
awk -F, 'NR > 1 && $2 == "gap" { n = split($3, ids, " "); for (i = 1; i <= n; i++) print ids[i] }' "$out" \
    | sort | uniq -c | sort -rn

# 4. The gaps themselves, to send back to the enterprises (达标提升).
echo "== gaps"
awk -F, 'NR > 1 && $2 == "gap" { printf "%-10s %s\n", $1, $3 }' "$out"

# 5. Rows that could not be judged (a bad cell), if any.
errors=$(awk -F, 'NR > 1 && $2 == "error"' "$out" | wc -l)
echo "== rows not judged: $errors"
