#!/usr/bin/env bash
# GPU smoke test of the Aparapi backend, for a machine with an OpenCL GPU. Under five minutes:
#   1. lists the OpenCL platforms and devices (clinfo -l);
#   2. runs the Aparapi contract tests with the device forced to the GPU (-Dsgdbench.aparapi.device=gpu);
#   3. runs a short benchmark on the GPU through ./sgdbench, when the CLI exists;
#   4. prints a summary table.
# Usage: scripts/gpu-smoke.sh [device]     (device: gpu (default) | cpu | any)
# Exit status: 0 all passed; 1 a test failed; 2 no such device (the tests were skipped) or the build failed.
set -uo pipefail

cd "$(dirname "$0")/.."
device=${1:-gpu}
log_dir=target/gpu-smoke
mkdir -p "$log_dir"
status=0

echo "== 1. OpenCL devices"
if command -v clinfo >/dev/null 2>&1; then
  clinfo -l || echo "(clinfo failed: is an OpenCL ICD installed? see /etc/OpenCL/vendors)"
else
  echo "(clinfo not installed: apt-get install clinfo; continuing, the tests list what Aparapi sees)"
fi

echo
echo "== 2. Aparapi contract tests on device=$device"
start=$(date +%s)
if ! timeout 240 scripts/with-jdk mvn -B -q test \
      -Dtest='org.sgdbench.kernel.aparapi.*Test' \
      -Dsgdbench.aparapi.device="$device" \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log_dir/tests.log" 2>&1; then
  status=1
fi
test_seconds=$(( $(date +%s) - start ))

# One row per Aparapi test class from the surefire reports: run, failed, errored, skipped.
rows=""
total_run=0; total_bad=0; total_skipped=0
for xml in target/surefire-reports/TEST-org.sgdbench.kernel.aparapi.*.xml; do
  [ -e "$xml" ] || continue
  head=$(grep -m1 '<testsuite' "$xml")
  name=$(sed -n 's/.* name="org\.sgdbench\.kernel\.aparapi\.\([^"]*\)".*/\1/p' <<<"$head")
  t=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$head")
  f=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$head")
  e=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$head")
  s=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$head")
  rows+=$(printf '| %-42s | %5s | %6s | %7s |' "$name" "$t" "$((f + e))" "$s")$'\n'
  total_run=$((total_run + t)); total_bad=$((total_bad + f + e)); total_skipped=$((total_skipped + s))
done
skip_reason=$(grep -ho 'Aparapi OpenCL tests skipped: [^]]*' target/surefire-reports/*.xml 2>/dev/null | head -n1)
if [ "$total_run" -eq 0 ]; then
  echo "no test reports: the build failed, see $log_dir/tests.log"; tail -n 30 "$log_dir/tests.log"; status=2
elif [ -n "$skip_reason" ] && [ "$total_bad" -eq 0 ]; then
  # OpenCL tests skipped: the forced device is missing, which on a GPU machine is the failure to report
  status=2
fi

echo
echo "== 3. Short benchmark on device=$device"
bench_note="not run"
if [ -x ./sgdbench ]; then
  # >>> integrator: the CLI call of the smoke benchmark (keep it under ~60 s) <<<
  if timeout 120 ./sgdbench run --quick --backend aparapi --device "$device" 2>&1 | tee "$log_dir/bench.log"; then
    bench_note="ok (see $log_dir/bench.log)"
  else
    bench_note="FAILED (see $log_dir/bench.log)"; status=1
  fi
else
  bench_note="skipped: ./sgdbench not built yet"
  echo "$bench_note"
fi

echo
echo "== Summary (device=$device, tests took ${test_seconds}s)"
printf '| %-42s | %5s | %6s | %7s |\n' "Aparapi test class" "tests" "failed" "skipped"
printf '|%s|%s|%s|%s|\n' "--------------------------------------------" "-------" "--------" "---------"
printf '%s' "$rows"
printf '| %-42s | %5s | %6s | %7s |\n' "total" "$total_run" "$total_bad" "$total_skipped"
echo
[ -n "$skip_reason" ] && echo "skipped because: $skip_reason"
echo "benchmark: $bench_note"
case $status in
  0) echo "RESULT: PASS" ;;
  1) echo "RESULT: FAIL (see $log_dir/tests.log and target/surefire-reports)" ;;
  2) echo "RESULT: NO DEVICE / NOT RUN (device=$device)" ;;
esac
exit $status
