#!/usr/bin/env bash
# Runs the backend comparison harness and writes benchmarks/results/latest.{json,md,svg}.
#
#   sudo benchmarks/run.sh           # everything: 1k, 10k, 100k IPv4 and 10k IPv6, the CLI 3 times
#   sudo benchmarks/run.sh --quick   # the 100k IPv4 rows, the pages and the CLI once (< 10 min)
#
# Further options go to the harness (io.github.apiban4j.bench.BenchmarkHarness), e.g.
# --only ipset-netlink,nftables, --runs 7, --cli-runs 0, --out DIR. Needs root, ip, nsenter,
# ipset, nft and iptables; all changes happen in network namespaces the harness creates and
# deletes. Builds the jars first, incrementally (offline Maven, tests skipped).
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ $(id -u) -ne 0 ]]; then
  echo "run.sh: run as root (sudo benchmarks/run.sh): the harness creates network namespaces" >&2
  exit 77
fi
for tool in ip nsenter ipset nft iptables iptables-save iptables-restore ip6tables \
    ip6tables-save ip6tables-restore java; do
  if ! command -v "$tool" >/dev/null; then
    echo "run.sh: $tool is missing (apt-get install iproute2 util-linux ipset nftables iptables openjdk-17-jre-headless)" >&2
    exit 69
  fi
done
# Always (incrementally) rebuilt, so that a source change is never benchmarked with stale jars.
echo "run.sh: building the jars (./mvnw -q -o -DskipTests package)" >&2
./mvnw -q -o -DskipTests -pl benchmarks,apiban-examples -am package
exec java -cp benchmarks/target/benchmarks.jar io.github.apiban4j.bench.BenchmarkHarness \
  --out benchmarks/results --cli-jar apiban-examples/target/apiban.jar "$@"
