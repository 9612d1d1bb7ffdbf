#!/usr/bin/env bash
# Search benchmarks: ticket search over a generated mixed zh/en corpus on SQLite and PostgreSQL, and the suggestion
# endpoint over many articles. Results are printed as `bench:` lines; copy them to BENCHMARKS.md.
#
#   bench/search/run.sh [messages] [articles]     (defaults: 1000000 messages, 5000 articles)
#
# PostgreSQL: set WALLETDESK_TEST_PG_URL (e.g. from `source scripts/lib/postgres.sh && pg_start /tmp/pg-bench $(free_port)`),
# otherwise only SQLite is measured. The relevance set (hit@3) runs with the normal tests:
#   swift test --filter HelpCenterRelevanceTests
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES="${1:-1000000}"
ARTICLES="${2:-5000}"
swift build --build-tests
WALLETDESK_BENCH_SEARCH_ROWS="$MESSAGES" swift test --skip-build --filter SearchBenchmark 2>&1 | grep -E "^bench:|✘"
WALLETDESK_BENCH_SUGGEST_ARTICLES="$ARTICLES" swift test --skip-build --filter SuggestBenchmark 2>&1 | grep -E "^bench:|✘"
swift test --skip-build --filter HelpCenterRelevanceTests 2>&1 | grep -E "^relevance"
