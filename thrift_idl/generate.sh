#!/usr/bin/env bash
# Regenerate the Python Thrift bindings in catalog/thrift_gen/ from the IDLs in thrift_idl/.
# Usage (from anywhere): bash thrift_idl/generate.sh
# Needs the Apache Thrift compiler (`thrift`, 0.17 used so far) on PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
dest="$root/catalog/thrift_gen"

command -v thrift >/dev/null 2>&1 || { echo "generate.sh: 'thrift' compiler not found on PATH" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# -r is not used: hive_metastore.thrift includes fb303.thrift, and both are generated explicitly.
for idl in fb303.thrift hive_metastore.thrift; do
  thrift --gen py -I "$here" -out "$tmp" "$here/$idl"
done

# namespace py catalog.thrift_gen.* puts the modules under $tmp/catalog/thrift_gen/
gen="$tmp/catalog/thrift_gen"
[ -d "$gen/hive_metastore" ] && [ -d "$gen/fb303" ] || { echo "generate.sh: unexpected thrift output layout" >&2; exit 1; }

# The generated *-remote CLI scripts are not wanted.
find "$gen" -name '*-remote' -type f -delete

# Maps keyed by a list would crash the generated decoders (unhashable list): keys become tuples.
python3 "$here/postprocess_py.py" "$gen"/hive_metastore/*.py

# Wipe the old generated tree and move the new one into place.
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$gen/hive_metastore" "$gen/fb303" "$dest/"
printf '# generated; do not edit; see thrift_idl/generate.sh\n' > "$dest/__init__.py"

echo "generate.sh: regenerated $(find "$dest" -name '*.py' | wc -l) files in ${dest#$root/}/ with $(thrift --version)"
