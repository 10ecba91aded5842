# generated; do not edit; see proto/generate.sh
