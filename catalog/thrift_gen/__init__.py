# generated; do not edit; see thrift_idl/generate.sh
