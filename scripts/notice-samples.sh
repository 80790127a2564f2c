#!/bin/bash
# Renders one sample of every notice kind (一次性告知书, 受理通知书, 不予受理通知书, 办结通知书,
# 材料接收凭证, 告知承诺书, 排队号票) to PDF through the Printing engine and to PNG with pdftoppm
# (-r 80), and keeps the PNGs in docs/notices/<kind>.png, so the samples in the docs can be
# regenerated after a change to a notice. The documents are the PrintingTests fixtures
# (NoticeSampleTests.sample), built by NoticeBuilder as the store builds them.
# Needs: a CJK font (fonts-noto-cjk), poppler-utils (pdftoppm, pdftotext).
#
#   scripts/notice-samples.sh [output folder, default docs/notices]
#
# Look at each PNG after regenerating (an image viewer, or the docs page) before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs/notices}")
mkdir -p "$out"
export LANG=C.UTF-8
YICHUANG_NOTICE_SAMPLES="$out" swift test --disable-swift-testing --filter PrintingTests.NoticeSampleTests
ls -l "$out"
