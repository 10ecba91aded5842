#!/usr/bin/env bash
# Regenerate the Python gRPC bindings in catalog/grpc_gen/ from proto/hive_metastore.proto.
# Usage (from anywhere): bash proto/generate.sh   (or: make grpc)
# Needs grpcio-tools (a dev dependency: pip install -e '.[test]').
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
dest="$root/catalog/grpc_gen"
py="${PYTHON:-$root/.venv/bin/python}"
[ -x "$py" ] || py=python3

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$py" -m grpc_tools.protoc -I "$here" --python_out="$tmp" --pyi_out="$tmp" --grpc_python_out="$tmp" \
  "$here/hive_metastore.proto"

# protoc writes a top-level import into the service module; make it a package import.
sed -i 's/^import hive_metastore_pb2 as /from catalog.grpc_gen import hive_metastore_pb2 as /' \
  "$tmp/hive_metastore_pb2_grpc.py"

rm -rf "$dest"
mkdir -p "$dest"
cp "$tmp"/hive_metastore_pb2.py "$tmp"/hive_metastore_pb2.pyi "$tmp"/hive_metastore_pb2_grpc.py "$dest/"
printf '# generated; do not edit; see proto/generate.sh\n' > "$dest/__init__.py"

echo "generate.sh: regenerated catalog/grpc_gen/ with $("$py" -m grpc_tools.protoc --version)"
