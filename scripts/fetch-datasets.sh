#!/usr/bin/env bash
# How the datasets under src/main/resources/org/sgdbench/datasets/ were obtained (run by hand, never at run time):
# scikit-learn's wheel carries them as CSV files. This re-fetches the wheel, extracts the files and checks them
# against the checksums recorded in that folder's README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/src/main/resources/org/sgdbench/datasets"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pip download --no-deps --only-binary=:all: "scikit-learn==${SKLEARN_VERSION:-1.9.1}" -d "$tmp" >/dev/null
whl="$(ls "$tmp"/scikit_learn-*.whl | head -1)"
(cd "$tmp" && unzip -q -o "$whl" 'sklearn/datasets/data/diabetes_data_raw.csv.gz' \
  'sklearn/datasets/data/diabetes_target.csv.gz' 'sklearn/datasets/data/digits.csv.gz' \
  'sklearn/datasets/descr/diabetes.rst' 'sklearn/datasets/descr/digits.rst')
for f in diabetes_data_raw.csv.gz diabetes_target.csv.gz digits.csv.gz; do
  cp "$tmp/sklearn/datasets/data/$f" "$dest/$f"
done
cp "$tmp/sklearn/datasets/descr/diabetes.rst" "$tmp/sklearn/datasets/descr/digits.rst" "$dest/"
(cd "$dest" && sha256sum -c <(grep -E '^[0-9a-f]{64}  ' README.md))
