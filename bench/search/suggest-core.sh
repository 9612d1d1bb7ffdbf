#!/usr/bin/env bash
# Release-mode timing of the in-memory suggestion path (see SuggestCore.swift). Usage: bench/search/suggest-core.sh [articles]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${TMPDIR:-/tmp}/walletdesk-suggest-core"
SEARCH=Sources/DeskCore/Search
swiftc -O -parse-as-library -module-name SuggestCore -o "$OUT" \
    "$SEARCH/TextSegmenter.swift" "$SEARCH/ChineseVariants.swift" "$SEARCH/SearchExpression.swift" "$SEARCH/SynonymTable.swift" \
    "$SEARCH/SuggestionIndex.swift" bench/search/SuggestCore.swift
"$OUT" Sources/DeskServer/HelpCenter/Starter "${1:-5000}"
