#!/usr/bin/env bash
# Side-by-side JMH runs behind the suite's performance figures (docs/design-notes.md): every ratio comes from one
# JMH invocation (same machine state), never from two runs. Results go to $OUT (default /tmp/sgdbench-targets).
#   scripts/measure-targets.sh [backends]       e.g. scripts/measure-targets.sh scalar,simd,nd4j,aparapi
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/sgdbench-targets}
backends=${1:-scalar,simd,nd4j,aparapi}
mkdir -p "$out"
common=(-wi 2 -w 1 -i 5 -r 1 -f 1)

# SGD ensemble, F32, Gaussian Hessian and gradient noise, 2^20 walkers x 1 mode, 1 and 2 threads:
# SIMD vs scalar, ND4J vs SIMD, Aparapi vs SIMD per core, and SIMD scaling from 1 to 2 threads.
./sgdbench jmh SgdEnsembleBenchmark -p backend="$backends" -p precision=F32 -p walkers=1048576 -p modes=1 \
  -p threads=1,2 "${common[@]}" -rf json -rff "$out/sgd.json" | tee "$out/sgd.txt"

# Transfer-operator step on a grid far larger than L2 (2^21 cells, ~200 MB of CSR in F64), 1 and 2 threads:
# against the profile's read bandwidth, and PoCL vs SIMD.
./sgdbench jmh TransferOperatorBenchmark -p backend="$backends" -p precision=F64,F32 -p cells=2097152 \
  -p threads=1,2 "${common[@]}" -rf json -rff "$out/transfer.json" | tee "$out/transfer.txt"
echo "results in $out"
